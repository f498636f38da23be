// Optional enrichment provider: GET ENRICH_URL?ip=… → { domain, name? }. Off the request path, short timeout, cached, failures harmless.
import type { Env } from '../env';
import { companyDomain } from './domain';
import { dayOf, saltKey, saltedHmac } from './visitor-id';

export const ENRICH_TIMEOUT_MS = 1_500;
/** Answers live at most until the day's salt rotates (the cache key is salted), and never longer than these. */
export const ENRICH_TTL_MS = { found: 24 * 3_600_000, notFound: 6 * 3_600_000, failed: 5 * 60_000 } as const;

/** After a timeout or an error the provider rests this long (per isolate): a dead provider costs one timeout, not one per visitor. */
export const ENRICH_BREAKER_MS = 60_000;
let restingUntil = 0;

export interface Enrichment {
  domain: string;
  name?: string;
}
export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Asks the provider which company an IP belongs to. Never throws: a timeout, an error status or a malformed answer
 * is cached briefly as "unknown" so a slow provider costs one timeout per visitor and day, not one per event.
 */
export async function enrichIp(env: Env, ip: string, now: number, fetcher: Fetcher = (i, init) => fetch(i, init)): Promise<Enrichment | null> {
  if (!env.ENRICH_URL) return null;
  try {
    const salt = await saltKey(env.DB, dayOf(now), now);
    if (!salt) return null;
    const key = 'e_' + (await saltedHmac(salt, `enrich|${ip}`)).slice(0, 40);
    const hit = await env.DB.prepare('SELECT domain, name FROM enrichment_cache WHERE key = ? AND expires_at > ?')
      .bind(key, now)
      .first<{ domain: string | null; name: string | null }>();
    if (hit) return hit.domain ? { domain: hit.domain, ...(hit.name ? { name: hit.name } : {}) } : null;
    if (Date.now() < restingUntil) return null; // not cached: ask again once the provider is back
    const { answer, ttl } = await ask(env.ENRICH_URL, ip, fetcher);
    if (ttl === ENRICH_TTL_MS.failed) restingUntil = Date.now() + ENRICH_BREAKER_MS;
    await env.DB.prepare('INSERT OR REPLACE INTO enrichment_cache (key, domain, name, expires_at) VALUES (?, ?, ?, ?)')
      .bind(key, answer?.domain ?? null, answer?.name ?? null, now + ttl)
      .run();
    return answer;
  } catch {
    return null;
  }
}

/** Tests: close the breaker. */
export function resetEnrichmentBreaker(): void {
  restingUntil = 0;
}

async function ask(base: string, ip: string, fetcher: Fetcher): Promise<{ answer: Enrichment | null; ttl: number }> {
  try {
    const url = new URL(base);
    url.searchParams.set('ip', ip);
    const signal = AbortSignal.timeout(ENRICH_TIMEOUT_MS);
    // Raced as well as passed on: a fetcher that ignores the signal still cannot hold us past the timeout.
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const res = await Promise.race([fetcher(url.toString(), { headers: { accept: 'application/json' }, signal }), aborted]);
    if (res.status === 404) return { answer: null, ttl: ENRICH_TTL_MS.notFound };
    if (!res.ok) return { answer: null, ttl: ENRICH_TTL_MS.failed };
    const body = (await Promise.race([res.json(), aborted])) as { domain?: unknown; name?: unknown } | null;
    const domain = typeof body?.domain === 'string' ? companyDomain(body.domain) : null;
    if (!domain) return { answer: null, ttl: ENRICH_TTL_MS.notFound };
    const name = typeof body?.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 200) : undefined;
    return { answer: { domain, ...(name ? { name } : {}) }, ttl: ENRICH_TTL_MS.found };
  } catch {
    return { answer: null, ttl: ENRICH_TTL_MS.failed };
  }
}
