// Edge cache of public stage answers (Cache API, per data centre): a hit costs no D1 round trip; entries live
// STAGE_CACHE_TTL_S (≤ 60 s, default 30) at most, and the ingest purges the entries it makes stale in the data centre where it runs.
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

/** caches.default where the runtime has one (it does in Workers, wrangler dev and tests). */
const store = (): Cache | null => (typeof caches !== 'undefined' ? (caches as unknown as { default: Cache }).default : null);

const entry = (body: unknown, ttlS: number) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', 'cache-control': `max-age=${ttlS}` } });

/** A fresh cached answer: younger than the TTL and not older than its company's last stage change here. */
async function read<T extends PublicStanding>(cache: Cache, siteId: string, visitorId: string, now: number, ttlMs: number): Promise<T | null> {
  const hit = await cache.match(visitorKey(siteId, visitorId));
  if (!hit) return null;
  const { v, at } = (await hit.json()) as { v: T; at: number };
  if (!(now - at < ttlMs)) return null;
  if (v.company) {
    const mark = await cache.match(companyKey(siteId, v.company.domain));
    if (mark && ((await mark.json()) as { at: number }).at >= at) return null;
  }
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
  if (cache) waitUntil(cache.put(visitorKey(siteId, visitorId), entry({ v: standing, at: now }, ttlS)).catch(() => {}));
  return { standing, hit: false };
}

/** After an ingest committed: its visitors' answers are dropped, and companies whose stage moved are marked changed. */
export async function purgeStandings(siteId: string, visitorIds: Iterable<string>, movedDomains: Iterable<string>, now = Date.now()): Promise<void> {
  const cache = store();
  if (!cache) return;
  await Promise.all([
    ...[...new Set(visitorIds)].map((v) => cache.delete(visitorKey(siteId, v))),
    // A mark outlives every entry it makes stale: the longest TTL.
    ...[...new Set(movedDomains)].map((d) => cache.put(companyKey(siteId, d), entry({ at: now }, MAX_TTL_S))),
  ]);
}
