// Network lookups (enrichment providers, reverse DNS) cached per salted address and day, with a timeout and a breaker.
import { cacheAnswer, cachedAnswer } from '../db/salts';
import type { Env } from '../env';
import { dayOf } from '../lib/time';
import { saltKey, saltedHmac } from './visitor-id';

export interface Answer {
  domain: string;
  name?: string;
}
export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;
export type Outcome = { answer: Answer | null; ttl: number };

/** Answers live at most until the day's salt rotates (the cache key is salted), and never longer than these. */
export const LOOKUP_TTL_MS = { found: 24 * 3_600_000, notFound: 6 * 3_600_000, failed: 5 * 60_000 } as const;
/** After a timeout or an error a lookup rests this long (per isolate): a dead service costs one timeout, not one per visitor. */
export const BREAKER_MS = 60_000;
const restingUntil = new Map<string, number>();

/** Tests: close the breaker of one lookup (or all). */
export function resetBreaker(prefix?: string): void {
  if (prefix) restingUntil.delete(prefix);
  else restingUntil.clear();
}

/**
 * Answers `ask` for an address through the shared cache (key: prefix + salted HMAC, never the address). Never throws: a
 * failure is cached briefly as "unknown" and rests the lookup, so a slow service costs one timeout per visitor and day.
 */
export async function cachedLookup(env: Env, prefix: 'e' | 'r', label: string, ip: string, now: number, ask: () => Promise<Outcome>): Promise<Answer | null> {
  try {
    const salt = await saltKey(env.DB, dayOf(now), now);
    if (!salt) return null;
    const key = `${prefix}_` + (await saltedHmac(salt, `${label}|${ip}`)).slice(0, 40);
    const hit = await cachedAnswer(env.DB, key, now);
    if (hit) return hit.domain ? { domain: hit.domain, ...(hit.name ? { name: hit.name } : {}) } : null;
    if (Date.now() < (restingUntil.get(prefix) ?? 0)) return null; // not cached: ask again once the service is back
    const { answer, ttl } = await ask().catch(() => ({ answer: null, ttl: LOOKUP_TTL_MS.failed }));
    if (ttl === LOOKUP_TTL_MS.failed) restingUntil.set(prefix, Date.now() + BREAKER_MS);
    await cacheAnswer(env.DB, key, { domain: answer?.domain ?? null, name: answer?.name ?? null }, now + ttl);
    return answer;
  } catch {
    return null;
  }
}

/** GETs JSON within `ms`; the timeout is raced as well as passed on, so a fetcher that ignores the signal cannot hold us. */
export async function fetchJson(fetcher: Fetcher, url: string, headers: Record<string, string>, ms: number): Promise<{ status: number; body: unknown }> {
  const signal = AbortSignal.timeout(ms);
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
  aborted.catch(() => {});
  const res = await Promise.race([fetcher(url, { headers, signal }), aborted]);
  if (!res.ok) return { status: res.status, body: null };
  return { status: res.status, body: await Promise.race([res.json(), aborted]) };
}
