// Per-site, per-client rate limiting for the public routes with the Workers Rate Limiting binding (PUBLIC_LIMIT).
//
// Key: `<route>:<site public key>:<client>` where <client> is the first 16 hex digits of SHA-256 of the request's
// CF-Connecting-IP ("-" when there is none). The IP itself never leaves the request: it is not stored anywhere and
// the limiter only sees the truncated hash. Over the limit → 429 JSON error with `Retry-After` (the configured
// period). No binding (old config, some tests) or a limiter failure → the request is allowed: rate limiting protects
// capacity, it must never take the collector down.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from './errors';

/** The period of `[[ratelimits]] PUBLIC_LIMIT` in wrangler.toml (seconds); the binding cannot report it. */
export const RATE_LIMIT_PERIOD_S = 60;

const enc = new TextEncoder();

/** The client part of the key: a truncated SHA-256 of CF-Connecting-IP, or "-" without one. */
export async function clientKey(req: Request): Promise<string> {
  const ip = req.headers.get('cf-connecting-ip');
  if (!ip) return '-';
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(`waymark-rl:${ip}`)));
  let hex = '';
  for (let i = 0; i < 8; i++) hex += digest[i].toString(16).padStart(2, '0');
  return hex;
}

export const tooManyRequests = () =>
  new ApiError(429, 'rate_limited', `too many requests for this site from this client; retry in ${RATE_LIMIT_PERIOD_S} s`, undefined, {
    'Retry-After': String(RATE_LIMIT_PERIOD_S),
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
