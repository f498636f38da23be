// The sites table: the one place site rows are read and written (worker/site-cache.ts caches what this reads):
// lookups (a rotated public key within its grace period), creation, rules, key rotation, session versions.
import type { Site } from '../env';
import { randomKey, sha256Hex } from '../lib/keys';
import { DAY_MS } from '../lib/time';

/** A sites row as D1 returns it. */
export interface SiteRow {
  id: string;
  name: string;
  public_key: string;
  secret_hash: string;
  origins: string;
  rules: string;
  created_at: number;
  session_version: number;
  prev_public_key: string | null;
  prev_public_key_until: number | null;
}

export function rowToSite(row: SiteRow): Site {
  return { id: row.id, name: row.name, publicKey: row.public_key, origins: JSON.parse(row.origins), rules: JSON.parse(row.rules), createdAt: row.created_at };
}

/** The row of a site id or of a secret key's hash (both unique and indexed), or null. */
export function siteRow(db: D1Database, column: 'id' | 'secret_hash', value: string): Promise<SiteRow | null> {
  const sql = column === 'id' ? 'SELECT * FROM sites WHERE id = ?' : 'SELECT * FROM sites WHERE secret_hash = ?';
  return db.prepare(sql).bind(value).first<SiteRow>();
}

export async function insertSite(db: D1Database, site: Site, secretHash: string): Promise<void> {
  await db.prepare('INSERT INTO sites (id, name, public_key, secret_hash, origins, rules, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(site.id, site.name, site.publicKey, secretHash, JSON.stringify(site.origins), JSON.stringify(site.rules), site.createdAt)
    .run();
}

export async function updateSiteRules(db: D1Database, siteId: string, overrides: object): Promise<void> {
  await db.prepare('UPDATE sites SET rules = ? WHERE id = ?').bind(JSON.stringify(overrides), siteId).run();
}

/** The site's dashboard session version (0 for a site that does not exist). */
export async function sessionVersion(db: D1Database, siteId: string): Promise<number> {
  const row = await db.prepare('SELECT session_version FROM sites WHERE id = ?').bind(siteId).first<{ session_version: number }>();
  return row?.session_version ?? 0;
}

/** Days a rotated public key keeps working, so pages cached with the old script tag still send beacons. */
export const PUBLIC_KEY_GRACE_DAYS = 7;

/** Both keys are indexed (public_key UNIQUE, sites_by_prev_public_key): the OR is two index lookups, no scan. */
export const SITE_BY_PUBLIC_KEY_SQL = 'SELECT * FROM sites WHERE public_key = ?1 OR (prev_public_key = ?1 AND prev_public_key_until > ?2) LIMIT 1';

/** The site of a public key: its current one, or the one before it while within the grace period. */
export function siteRowByPublicKey(db: D1Database, publicKey: string, now = Date.now()) {
  return db.prepare(SITE_BY_PUBLIC_KEY_SQL).bind(publicKey, now).first<SiteRow>();
}

export interface RotatedSecret {
  secretKey: string;
  secretHash: string;
}

/**
 * Replaces a site's secret key and bumps its session version (every dashboard session ends). With `expectedHash`,
 * only if that is still the current key (two rotations racing with one key: one wins, the other gets null).
 */
export async function rotateSecret(db: D1Database, siteId: string, expectedHash?: string): Promise<RotatedSecret | null> {
  const secretKey = randomKey('sk');
  const secretHash = await sha256Hex(secretKey);
  const row = await db.prepare(
    `UPDATE sites SET secret_hash = ?1, session_version = session_version + 1
     WHERE id = ?2 AND (?3 IS NULL OR secret_hash = ?3) RETURNING id`,
  ).bind(secretHash, siteId, expectedHash ?? null).first();
  return row ? { secretKey, secretHash } : null;
}

/** A new public key; the current one moves to prev_public_key, valid `PUBLIC_KEY_GRACE_DAYS` more (an older one ends). */
export async function rotatePublicKey(db: D1Database, siteId: string, now = Date.now()) {
  const publicKey = randomKey('pk');
  const previousValidUntil = now + PUBLIC_KEY_GRACE_DAYS * DAY_MS;
  const row = await db.prepare(
    `UPDATE sites SET prev_public_key = public_key, prev_public_key_until = ?1, public_key = ?2 WHERE id = ?3
     RETURNING prev_public_key AS previous`,
  ).bind(previousValidUntil, publicKey, siteId).first<{ previous: string }>();
  return row ? { publicKey, previousPublicKey: row.previous, previousValidUntil } : null;
}

/** Ends every dashboard session of the site (sign-out). */
export const bumpSessionVersion = (db: D1Database, siteId: string) =>
  db.prepare('UPDATE sites SET session_version = session_version + 1 WHERE id = ?').bind(siteId).run();
