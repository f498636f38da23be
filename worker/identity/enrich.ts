// Optional enrichment (IP → company) through the chosen provider: off the request path, short timeout, cached, failures harmless.
import type { Env } from '../env';
import { enrichProvider } from './enrich-providers';
import { BREAKER_MS, cachedLookup, fetchJson, LOOKUP_TTL_MS, resetBreaker, type Answer, type Fetcher, type Outcome } from './lookup-cache';

export type { Fetcher } from './lookup-cache';
export type Enrichment = Answer;
export const ENRICH_TIMEOUT_MS = 1_500;
export const ENRICH_TTL_MS = LOOKUP_TTL_MS;
export const ENRICH_BREAKER_MS = BREAKER_MS;

/** Tests: close the breaker. */
export const resetEnrichmentBreaker = () => resetBreaker('e');

/** Which company the provider says an IP belongs to; null when none is configured, it knows none, or it fails. */
export async function enrichIp(env: Env, ip: string, now: number, fetcher: Fetcher = (i, init) => fetch(i, init)): Promise<Enrichment | null> {
  const provider = enrichProvider(env, ip);
  if (!provider) return null;
  return cachedLookup(env, 'e', 'enrich', ip, now, async (): Promise<Outcome> => {
    const { status, body } = await fetchJson(fetcher, provider.url, provider.headers, ENRICH_TIMEOUT_MS);
    if (status === 404) return { answer: null, ttl: LOOKUP_TTL_MS.notFound };
    if (status < 200 || status > 299) return { answer: null, ttl: LOOKUP_TTL_MS.failed };
    const answer = provider.parse(body);
    return { answer, ttl: answer ? LOOKUP_TTL_MS.found : LOOKUP_TTL_MS.notFound };
  });
}
