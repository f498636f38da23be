// Edge cache of public stage answers (per isolate for 5 s, then the Cache API per data centre): a hit costs no D1 round
// trip; entries live STAGE_CACHE_TTL_S (≤ 60 s, default 30) at most, and the ingest purges the entries it makes stale
// in its own isolate at once, in its data centre within 5 s.
import type { Category, StageId } from './scoring';

/** What a public route says about a visitor; its company's stage changes make the cached answer stale. */
export interface PublicStanding {
  stage: StageId;
  company: { domain: string; name: string | null } | null;
  recommended: Category[];
}

/** The staleness bound: no answer older than this is ever served (docs/personalize.md); STAGE_CACHE_TTL_S may lower it. */
export const MAX_TTL_S = 60;
export const DEFAULT_TTL_S = 30;
/** The TTL in seconds from STAGE_CACHE_TTL_S (1–60; 0 turns the cache off), else 30. */
export function stageTtl(raw: string | undefined): number {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_TTL_S ? n : DEFAULT_TTL_S;
}
const BASE = 'https://stage-cache.waymark.internal';

const visitorKey = (siteId: string, visitorId: string) => `${BASE}/v/${encodeURIComponent(siteId)}/${encodeURIComponent(visitorId)}`;
const companyKey = (siteId: string, domain: string) => `${BASE}/c/${encodeURIComponent(siteId)}/${encodeURIComponent(domain)}`;

// A per-isolate layer in front of the Cache API: a hit there costs no I/O at all. It keeps an entry MEMORY_MS at most
// (and never past the TTL), since only the isolate that ran an ingest can purge its own memory.
const MEMORY_MS = 5_000;
const MAX_MEMORY = 10_000;
const memory = new Map<string, { v: PublicStanding; at: number; until: number }>();

function remember(key: string, v: PublicStanding, at: number, now: number) {
  if (memory.size >= MAX_MEMORY) memory.clear();
  memory.set(key, { v, at, until: now + MEMORY_MS });
}

/** caches.default where the runtime has one (it does in Workers, wrangler dev and tests). */
const store = (): Cache | null => (typeof caches !== 'undefined' ? (caches as unknown as { default: Cache }).default : null);

const entry = (body: unknown, ttlS: number) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', 'cache-control': `max-age=${ttlS}` } });

/** A fresh cached answer: younger than the TTL and not older than its company's last stage change here. */
async function read<T extends PublicStanding>(cache: Cache, siteId: string, visitorId: string, now: number, ttlMs: number): Promise<T | null> {
  const key = visitorKey(siteId, visitorId);
  const near = memory.get(key);
  if (near && now < near.until && now - near.at < ttlMs) return near.v as T;
  const hit = await cache.match(key);
  if (!hit) return null;
  const { v, at } = (await hit.json()) as { v: T; at: number };
  if (!(now - at < ttlMs)) return null;
  if (v.company) {
    const mark = await cache.match(companyKey(siteId, v.company.domain));
    if (mark && ((await mark.json()) as { at: number }).at >= at) return null;
  }
  remember(key, v, at, now);
  return v;
}

/**
 * The cached answer for (site, visitor), else `compute()` (stored in the background via `waitUntil`). `at` is
 * taken before the D1 read, so an answer read while a stage change commits counts as older than that change.
 */
export async function cachedStanding<T extends PublicStanding>(
  siteId: string,
  visitorId: string,
  ttlS: number,
  compute: () => Promise<T>,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<{ standing: T; hit: boolean }> {
  const cache = ttlS > 0 ? store() : null;
  const now = Date.now();
  const cached = cache ? await read<T>(cache, siteId, visitorId, now, ttlS * 1000).catch(() => null) : null;
  if (cached) return { standing: cached, hit: true };
  const standing = await compute();
  if (cache) remember(visitorKey(siteId, visitorId), standing, now, now);
  if (cache) waitUntil(cache.put(visitorKey(siteId, visitorId), entry({ v: standing, at: now }, ttlS)).catch(() => {}));
  return { standing, hit: false };
}

/** After an ingest committed: its visitors' answers are dropped, and companies whose stage moved are marked changed. */
export async function purgeStandings(siteId: string, visitorIds: Iterable<string>, movedDomains: Iterable<string>, now = Date.now()): Promise<void> {
  const ids = new Set(visitorIds);
  const moved = new Set(movedDomains);
  const visitors = new Set([...ids].map((v) => visitorKey(siteId, v)));
  for (const [key, e] of memory) if (visitors.has(key) || (e.v.company && moved.has(e.v.company.domain) && key.startsWith(visitorKey(siteId, '')))) memory.delete(key);
  const cache = store();
  if (!cache) return;
  await Promise.all([
    ...[...ids].map((v) => cache.delete(visitorKey(siteId, v))),
    // A mark outlives every entry it makes stale: the longest TTL.
    ...[...moved].map((d) => cache.put(companyKey(siteId, d), entry({ at: now }, MAX_TTL_S))),
  ]);
}
