// Visitor ids without consent: HMAC-SHA256 over ip|ua|site keyed by a random salt that rotates every UTC day.
// Today's and yesterday's salts exist; older ones are deleted, after which no id can be linked to an IP again.
import { activeVisitor } from '../db/visitors';
import { daySalt, deleteOldSalts } from '../db/salts';
import type { Env } from '../env';
import { toHex } from '../lib/bytes';
import { DAY_MS, dayOf } from '../lib/time';

/** A session ends after 30 minutes without activity (SPEC, snippet). */
export const SESSION_TIMEOUT_MS = 30 * 60_000;


const keys = new Map<number, Promise<CryptoKey | null>>();
const enc = new TextEncoder();

async function loadSalt(db: D1Database, day: number, create: boolean, now: number): Promise<CryptoKey | null> {
  // Race-safe when creating: whichever isolate inserts first wins, everyone reads the winner.
  const salt = await daySalt(db, day, create ? { salt: toHex(crypto.getRandomValues(new Uint8Array(32)).buffer as ArrayBuffer), now } : undefined);
  if (!salt) return null;
  return crypto.subtle.importKey('raw', enc.encode(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** The HMAC key of a day's salt, cached per isolate; today's is created on demand, a past day's only read. */
export function saltKey(db: D1Database, day: number, now: number): Promise<CryptoKey | null> {
  let key = keys.get(day);
  if (!key) {
    const create = day >= dayOf(now);
    key = loadSalt(db, day, create, now).then((k) => {
      if (!k) keys.delete(day); // a missing past salt may not be cached as missing forever
      return k;
    }, (err) => {
      keys.delete(day);
      throw err;
    });
    keys.set(day, key);
  }
  return key;
}

/** HMAC-SHA256 of `message` under a day's salt, hex. */
export async function saltedHmac(key: CryptoKey, message: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', key, enc.encode(message)));
}

const idFor = async (key: CryptoKey, siteId: string, ip: string, userAgent: string) =>
  'a_' + (await saltedHmac(key, `${ip}|${userAgent}|${siteId}`)).slice(0, 32);

/**
 * The anonymous id of a visitor for `now`. In the first 30 minutes after UTC midnight, a visitor seen under
 * yesterday's id within the session timeout keeps that id, so a session crossing midnight is not split in two.
 */
export async function anonymousVisitorId(env: Env, siteId: string, ip: string, userAgent: string, now: number): Promise<string> {
  const day = dayOf(now);
  const today = await saltKey(env.DB, day, now);
  if (!today) throw new Error('visitor salt unavailable');
  if (now - day * DAY_MS < SESSION_TIMEOUT_MS) {
    const yesterday = await saltKey(env.DB, day - 1, now);
    if (yesterday) {
      const previous = await idFor(yesterday, siteId, ip, userAgent);
      const active = await activeVisitor(env.DB, siteId, previous, now - SESSION_TIMEOUT_MS);
      if (active) return previous;
    }
  }
  return idFor(today, siteId, ip, userAgent);
}

/** Deletes salts older than yesterday (and enrichment answers keyed by them); the cron pass calls it. */
export async function rotateSalts(db: D1Database, now: number): Promise<{ salts: number; enrichment: number }> {
  const keep = dayOf(now) - 1;
  for (const day of keys.keys()) if (day < keep) keys.delete(day);
  return deleteOldSalts(db, keep, now);
}
