// SQL of the sites table's keys: lookup by public key (with a rotated key's grace period), rotation, session versions.
import { randomKey, sha256Hex } from '../http/keys';

/** Days a rotated public key keeps working, so pages cached with the old script tag still send beacons. */
export const PUBLIC_KEY_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

/** The site of a public key: its current one, or the one before it while within the grace period. */
export function siteRowByPublicKey(db: D1Database, publicKey: string, now = Date.now()) {
  return db.prepare('SELECT * FROM sites WHERE public_key = ?1 OR (prev_public_key = ?1 AND prev_public_key_until > ?2) LIMIT 1')
    .bind(publicKey, now).first<Record<string, unknown>>();
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
