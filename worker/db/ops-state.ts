// ops_state: small JSON values the scheduled pass keeps between runs (the sweep cursor, the last run's summary).
export async function getState<T>(db: D1Database, key: string, fallback: T): Promise<T> {
  const row = await db.prepare('SELECT value FROM ops_state WHERE key = ?').bind(key).first<{ value: string }>();
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setStateStatement(db: D1Database, key: string, value: unknown, now: number): D1PreparedStatement {
  return db.prepare('INSERT INTO ops_state (key, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3')
    .bind(key, JSON.stringify(value), now);
}

export const setState = (db: D1Database, key: string, value: unknown, now: number) => setStateStatement(db, key, value, now).run();
