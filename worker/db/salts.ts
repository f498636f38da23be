// The salted tables: visitor_salts (one random salt per UTC day) and enrichment_cache (lookups keyed by salted HMACs).
import { and, eq, gt, lt, lte } from 'drizzle-orm';
import { orm } from './orm';
import { enrichmentCache, visitorSalts } from './schema';

/** The day's salt; with `fresh`, created first unless another isolate won the race (everyone reads the winner). */
export async function daySalt(db: D1Database, day: number, fresh?: { salt: string; now: number }): Promise<string | null> {
  const d = orm(db);
  const read = d.select({ salt: visitorSalts.salt }).from(visitorSalts).where(eq(visitorSalts.day, day));
  if (!fresh) return (await read.get())?.salt ?? null;
  const [, rows] = await d.batch([d.insert(visitorSalts).values({ day, salt: fresh.salt, createdAt: fresh.now }).onConflictDoNothing(), read]);
  return rows[0]?.salt ?? null;
}

/** Deletes salts of days before `keepFrom` and expired lookup answers; how many of each went. */
export async function deleteOldSalts(db: D1Database, keepFrom: number, now: number): Promise<{ salts: number; enrichment: number }> {
  const d = orm(db);
  const [salts, cache] = await d.batch([d.delete(visitorSalts).where(lt(visitorSalts.day, keepFrom)), d.delete(enrichmentCache).where(lte(enrichmentCache.expiresAt, now))]);
  return { salts: salts.meta.changes ?? 0, enrichment: cache.meta.changes ?? 0 };
}

export type CachedAnswer = Pick<typeof enrichmentCache.$inferSelect, 'domain' | 'name'>;

/** A cached lookup answer still valid at `now` (domain null: cached as unknown), or null when none is. */
export async function cachedAnswer(db: D1Database, key: string, now: number): Promise<CachedAnswer | null> {
  const row = await orm(db).select({ domain: enrichmentCache.domain, name: enrichmentCache.name }).from(enrichmentCache)
    .where(and(eq(enrichmentCache.key, key), gt(enrichmentCache.expiresAt, now))).get();
  return row ?? null;
}

/** Stores (or replaces) a lookup answer until `expiresAt`. */
export async function cacheAnswer(db: D1Database, key: string, answer: CachedAnswer, expiresAt: number): Promise<void> {
  const set = { domain: answer.domain, name: answer.name, expiresAt };
  await orm(db).insert(enrichmentCache).values({ key, ...set }).onConflictDoUpdate({ target: enrichmentCache.key, set });
}
