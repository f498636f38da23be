// Per-isolate cache of site rows (~60 s) so a beacon or a stage lookup costs no D1 round trip for its site.
//
// The bound on key rotation follows from it: a rotated secret key is refused at once by the isolate that rotated it
// (forgetKeys) and by every other isolate within TTL_MS (60 s), when its cached entry expires; a rotated public key
// past its grace period likewise. Dashboard sessions do not use this cache: they end everywhere at once.
import type { Site } from './env';
import { rowToSite, siteRow, siteRowByPublicKey, type SiteRow } from './db/sites';
import { defaultRules, resolveRules, type Rules } from './scoring';

const TTL_MS = 60_000;
/** Unknown keys are remembered briefly so a bad key cannot hammer D1, and a new site shows up soon. */
const MISS_TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;

type Key = `pk:${string}` | `id:${string}` | `sh:${string}`;
const cache = new Map<Key, { site: Site | null; until: number }>();

function put(key: Key, site: Site | null, now = Date.now()) {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { site, until: now + (site ? TTL_MS : MISS_TTL_MS) });
}

/** Stores a fresh site row under its id, public key and (when known) secret hash. */
export function rememberSite(site: Site, secretHash?: string): void {
  put(`id:${site.id}`, site);
  put(`pk:${site.publicKey}`, site);
  if (secretHash) put(`sh:${secretHash}`, site);
  for (const [k, v] of cache) if (v.site?.id === site.id && k.startsWith('sh:')) put(k, site);
}

/** After a rotation: this isolate forgets the site's secret hashes (`sh:`) or public keys (`pk:`); D1 decides again. */
export function forgetKeys(siteId: string, kind: 'sh' | 'pk'): void {
  for (const [k, v] of cache) if (k.startsWith(`${kind}:`) && v.site?.id === siteId) cache.delete(k);
}

async function cached(db: D1Database, key: Key, read: (db: D1Database, v: string) => Promise<SiteRow | null>, value: string): Promise<Site | null> {
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.site;
  const row = await read(db, value);
  const site = row ? rowToSite(row) : null;
  put(key, site);
  if (site) (put(`id:${site.id}`, site), put(`pk:${site.publicKey}`, site));
  return site;
}

export const siteByPublicKey = (db: D1Database, publicKey: string) =>
  publicKey.startsWith('pk_') ? cached(db, `pk:${publicKey}`, siteRowByPublicKey, publicKey) : Promise.resolve(null);

export const siteById = (db: D1Database, id: string) => cached(db, `id:${id}`, (d, v) => siteRow(d, 'id', v), id);

export const siteBySecretHash = (db: D1Database, hash: string) =>
  cached(db, `sh:${hash}`, (d, v) => siteRow(d, 'secretHash', v), hash);

const resolved = new WeakMap<Site, Rules>();
/** The site's effective rules (defaults + its validated overrides), computed once per cached site row. */
export function rulesOf(site: Site): Rules {
  let rules = resolved.get(site);
  if (!rules) {
    const r = resolveRules(site.rules);
    rules = r.ok ? r.rules : (defaultRules as unknown as Rules);
    resolved.set(site, rules);
  }
  return rules;
}
