// Per-site, per-client rate limiting for the public routes with the Workers Rate Limiting binding (PUBLIC_LIMIT).
//
// Key: `<route>:<site public key>:<client>` where <client> is the first 16 hex digits of SHA-256 of the request's
// client network ("-" when there is none): an IPv4 address as is, an IPv6 address by its /64 (one subscriber's LAN:
// a client rotating addresses inside its /64 stays one client; IPv4-mapped IPv6 counts as the IPv4 address). The IP itself never leaves the request: it is not stored anywhere and
// the limiter only sees the truncated hash. Over the limit → 429 JSON error with `Retry-After` (the configured
// period). No binding (old config, some tests) or a limiter failure → the request is allowed: rate limiting protects
// capacity, it must never take the collector down.
import ipaddr from 'ipaddr.js';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from './errors';
import { toHex } from '../lib/bytes';

/** The period of `[[ratelimits]] PUBLIC_LIMIT` in wrangler.toml (seconds); the binding cannot report it. */
export const RATE_LIMIT_PERIOD_S = 60;

const enc = new TextEncoder();

// An IPv4 address as CF-Connecting-IP writes it (no leading zeros) is already in its canonical form.
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** `2001:db8:0:1::7` → `2001:db8:0:1::/64`, `::ffff:198.51.100.7` → `198.51.100.7`; not an address → itself, bounded. */
export function clientNetwork(ip: string): string {
  if (CANONICAL_IPV4.test(ip)) return ip;
  const text = ip.trim().replace(/^\[|\]$/g, '');
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString();
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return text.slice(0, 64);
  const v6 = ipaddr.IPv6.parse(text);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${v6.parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
}

/** The client part of the key: a truncated SHA-256 of the client network of CF-Connecting-IP, or "-" without one. */
export async function clientKey(req: Request): Promise<string> {
  const ip = req.headers.get('cf-connecting-ip');
  if (!ip) return '-';
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(`waymark-rl:${clientNetwork(ip)}`)));
  return toHex(digest.subarray(0, 8));
}

export const tooManyRequests = () =>
  new ApiError(429, 'rate_limited', `too many requests for this site from this client; retry in ${RATE_LIMIT_PERIOD_S} s`, {
    headers: { 'Retry-After': String(RATE_LIMIT_PERIOD_S) },
  });

/**
 * Counts one request of `route` for (site public key, client) and throws a 429 ApiError when over the limit.
 * `siteKey` is the public key as the caller sent it (bounded to 64 characters so a huge value cannot bloat the key).
 */
export async function enforceRateLimit(c: Context<AppEnv>, route: string, siteKey: string): Promise<void> {
  const limiter = c.env.PUBLIC_LIMIT;
  if (!limiter) return;
  const key = `${route}:${siteKey.slice(0, 64)}:${await clientKey(c.req.raw)}`;
  let ok = true;
  try {
    ok = (await limiter.limit({ key })).success;
  } catch (err) {
    console.warn('rate limiter unavailable; allowing', err);
  }
  if (!ok) throw tooManyRequests();
}

/** Middleware form: `keyOf` reads the site's public key from the request (e.g. `?site=`); absent → not counted here. */
export const rateLimit = (route: string, keyOf: (c: Context<AppEnv>) => string | undefined) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const siteKey = keyOf(c);
    if (siteKey) await enforceRateLimit(c, route, siteKey);
    await next();
  });
