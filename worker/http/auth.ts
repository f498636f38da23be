// Secret-key and admin-token middleware: a route behind them sees only its own site.
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Site } from '../env';
import { ApiError, forbidden, unauthorized } from './errors';
import { sha256Hex, timingSafeEqual } from '../lib/keys';
import { siteBySecretHash } from '../site-cache';

export function bearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}

/** The site of a secret key (cached per isolate for ~60 s, keyed by the key's SHA-256). */
export async function siteBySecret(db: D1Database, secret: string): Promise<Site | null> {
  if (!secret.startsWith('sk_')) return null;
  return siteBySecretHash(db, await sha256Hex(secret));
}

/** Requires `Authorization: Bearer sk_…`; sets c.var.site. A public key here is a 401 that says so. */
export const requireSecret = createMiddleware<AppEnv>(async (c, next) => {
  const key = bearer(c.req.header('authorization'));
  if (!key) throw unauthorized('Authorization: Bearer <secret key> required');
  if (key.startsWith('pk_')) throw unauthorized('this is a public key; use the site secret key (sk_…)');
  const site = await siteBySecret(c.env.DB, key);
  if (!site) throw unauthorized('unknown secret key');
  c.set('site', site);
  await next();
});

/** Requires the ADMIN_TOKEN; refuses (503) when the Worker has none configured rather than opening up. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const token = c.env.ADMIN_TOKEN;
  if (!token) throw new ApiError(503, 'admin_disabled', 'ADMIN_TOKEN is not set on this Worker');
  const key = bearer(c.req.header('authorization'));
  if (!key) throw unauthorized('Authorization: Bearer <ADMIN_TOKEN> required');
  if (!timingSafeEqual(key, token)) throw forbidden('wrong admin token');
  await next();
});
