// Operational reads: the cheapest D1 round trip for the /__bench floor, and read-only SQL for the browser tests.

/** One round trip that touches no table. */
export const ping = (db: D1Database) => db.prepare('SELECT 1 AS one').first<{ one: number }>();

/** One SELECT statement: no other verb, no second statement (a trailing semicolon is allowed). */
export const isReadOnlySelect = (sql: string) => /^select\b/i.test(sql.trim()) && !sql.trim().replace(/;$/, '').includes(';');

/** The rows of one read-only SELECT (callers check isReadOnlySelect first). */
export async function readRows(db: D1Database, sql: string) {
  return (await db.prepare(sql).all<Record<string, unknown>>()).results;
}
