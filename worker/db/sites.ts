// The sites table: the one place site rows are read and written (worker/site-cache.ts caches what this reads):
// lookups (a rotated public key within its grace period), creation, rules, key rotation, session versions.
import { and, eq, gt, or, sql } from 'drizzle-orm';
import type { Site } from '../env';
import { randomKey, sha256Hex } from '../lib/keys';
import { DAY_MS } from '../lib/time';
import { orm } from './orm';
import { sites } from './schema';

/** A sites row. */
export type SiteRow = typeof sites.$inferSelect;

export function rowToSite(row: SiteRow): Site {
  return { id: row.id, name: row.name, publicKey: row.publicKey, origins: JSON.parse(row.origins), rules: JSON.parse(row.rules), createdAt: row.createdAt };
}

/** The row of a site id or of a secret key's hash (both unique and indexed), or null. */
export async function siteRow(db: D1Database, column: 'id' | 'secretHash', value: string): Promise<SiteRow | null> {
  return (await orm(db).select().from(sites).where(eq(sites[column], value)).get()) ?? null;
}

export async function insertSite(db: D1Database, site: Site, secretHash: string): Promise<void> {
  const { id, name, publicKey, createdAt } = site;
  await orm(db).insert(sites).values({ id, name, publicKey, secretHash, origins: JSON.stringify(site.origins), rules: JSON.stringify(site.rules), createdAt });
}

export async function updateSiteRules(db: D1Database, siteId: string, overrides: object): Promise<void> {
  await orm(db).update(sites).set({ rules: JSON.stringify(overrides) }).where(eq(sites.id, siteId));
}

/** The site's dashboard session version (0 for a site that does not exist). */
export async function sessionVersion(db: D1Database, siteId: string): Promise<number> {
  const row = await orm(db).select({ v: sites.sessionVersion }).from(sites).where(eq(sites.id, siteId)).get();
  return row?.v ?? 0;
}

/** Days a rotated public key keeps working, so pages cached with the old script tag still send beacons. */
export const PUBLIC_KEY_GRACE_DAYS = 7;

/** Both keys are indexed (public_key UNIQUE, sites_by_prev_public_key): the OR is two index lookups, no scan (query-plans test). */
export const siteByPublicKeyQuery = (db: D1Database, publicKey: string, now: number) =>
  orm(db).select().from(sites)
    .where(or(eq(sites.publicKey, publicKey), and(eq(sites.prevPublicKey, publicKey), gt(sites.prevPublicKeyUntil, now))))
    .limit(1);

/** The site of a public key: its current one, or the one before it while within the grace period. */
export async function siteRowByPublicKey(db: D1Database, publicKey: string, now = Date.now()): Promise<SiteRow | null> {
  return (await siteByPublicKeyQuery(db, publicKey, now).get()) ?? null;
}

export interface RotatedSecret {
  secretKey: string;
  secretHash: string;
}

const bumped = sql`${sites.sessionVersion} + 1`;

/**
 * Replaces a site's secret key and bumps its session version (every dashboard session ends). With `expectedHash`,
 * only if that is still the current key (two rotations racing with one key: one wins, the other gets null).
 */
export async function rotateSecret(db: D1Database, siteId: string, expectedHash?: string): Promise<RotatedSecret | null> {
  const secretKey = randomKey('sk');
  const secretHash = await sha256Hex(secretKey);
  const row = await orm(db).update(sites).set({ secretHash, sessionVersion: bumped })
    .where(and(eq(sites.id, siteId), expectedHash === undefined ? undefined : eq(sites.secretHash, expectedHash)))
    .returning({ id: sites.id }).get();
  return row ? { secretKey, secretHash } : null;
}

/** A new public key; the current one moves to prev_public_key, valid `PUBLIC_KEY_GRACE_DAYS` more (an older one ends). */
export async function rotatePublicKey(db: D1Database, siteId: string, now = Date.now()) {
  const publicKey = randomKey('pk');
  const previousValidUntil = now + PUBLIC_KEY_GRACE_DAYS * DAY_MS;
  // SQLite evaluates every SET from the row before the update: prev_public_key gets the key being replaced.
  const row = await orm(db).update(sites).set({ prevPublicKey: sql`${sites.publicKey}`, prevPublicKeyUntil: previousValidUntil, publicKey })
    .where(eq(sites.id, siteId)).returning({ previous: sites.prevPublicKey }).get();
  return row?.previous ? { publicKey, previousPublicKey: row.previous, previousValidUntil } : null;
}

/** Ends every dashboard session of the site (sign-out). */
export const bumpSessionVersion = (db: D1Database, siteId: string) =>
  orm(db).update(sites).set({ sessionVersion: bumped }).where(eq(sites.id, siteId)).run();
