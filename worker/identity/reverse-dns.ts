// Reverse DNS as a resolution source: the PTR name of the visitor's address through DNS over HTTPS (JSON API), cached.
import ipaddr from 'ipaddr.js';
import type { Env } from '../env';
import { companyDomain } from './domain';
import { cachedLookup, fetchJson, LOOKUP_TTL_MS, resetBreaker, type Answer, type Fetcher, type Outcome } from './lookup-cache';
import { isInfrastructurePtr } from './ptr-domains';

export const DEFAULT_DOH_URL = 'https://cloudflare-dns.com/dns-query';
export const DOH_TIMEOUT_MS = 1_000;
const PTR = 12;

/** Tests: close the breaker. */
export const resetReverseDnsBreaker = () => resetBreaker('r');

/** `71.1.2.3` → `3.2.1.71.in-addr.arpa`, IPv6 → nibbles under `ip6.arpa`; null when not an address. */
export function reverseName(ip: string): string | null {
  const text = ip.trim().replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(text)) return null;
  let addr = ipaddr.parse(text);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const bytes = addr.toByteArray();
  if (addr.kind() === 'ipv4') return `${bytes.reverse().join('.')}.in-addr.arpa`;
  const nibbles = bytes.flatMap((b) => [b >> 4, b & 15]).map((n) => n.toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/** The company a PTR name points to: its registrable domain unless that is ISP/hosting infrastructure or free mail. */
export function companyFromPtr(ptr: string, ip: string): Answer | null {
  const host = ptr.trim().toLowerCase().replace(/\.$/, '');
  if (!host || host.length > 253) return null;
  const domain = companyDomain(host);
  if (!domain || isInfrastructurePtr(host, domain, ip.replace(/^::ffff:/i, ''))) return null;
  return { domain };
}

/** The company the visitor's reverse DNS names; null when DOH_URL is empty, nothing useful answers, or DoH fails. */
export async function reverseDnsCompany(env: Env, ip: string, now: number, fetcher: Fetcher = (i, init) => fetch(i, init)): Promise<Answer | null> {
  const base = env.DOH_URL ?? DEFAULT_DOH_URL;
  const name = reverseName(ip);
  if (!base.trim() || !name) return null;
  return cachedLookup(env, 'r', 'ptr', ip, now, async (): Promise<Outcome> => {
    const url = new URL(base);
    url.searchParams.set('name', name);
    url.searchParams.set('type', 'PTR');
    const { status, body } = await fetchJson(fetcher, url.toString(), { accept: 'application/dns-json' }, DOH_TIMEOUT_MS);
    if (status < 200 || status > 299) return { answer: null, ttl: LOOKUP_TTL_MS.failed };
    const doh = body as { Status?: number; Answer?: { type?: number; data?: unknown }[] } | null;
    if (doh?.Status !== 0 && doh?.Status !== 3) return { answer: null, ttl: LOOKUP_TTL_MS.failed }; // SERVFAIL, refused…
    for (const record of doh.Answer ?? []) {
      if (record.type !== PTR || typeof record.data !== 'string') continue;
      const answer = companyFromPtr(record.data, ip);
      if (answer) return { answer, ttl: LOOKUP_TTL_MS.found };
    }
    return { answer: null, ttl: LOOKUP_TTL_MS.notFound };
  });
}
