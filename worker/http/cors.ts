// CORS for the public browser routes: only for an Origin that is one of the site's own, on answers and errors alike.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { siteByPublicKey } from '../site-cache';

/** Sets the headers that let `origin` read this response. */
export function allowOrigin(headers: Headers, origin: string | undefined, methods: string): void {
  headers.append('Vary', 'Origin');
  if (!origin) return;
  headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Allow-Methods', methods);
  headers.set('Access-Control-Max-Age', '600');
}

/**
 * After the handler (or the error handler) answered: when `keyOf` names a site and the request's Origin is
 * one of its origins, the answer gets CORS headers, so the page reads the status (202, 400, 429) instead of
 * a network error. Site rows are cached per isolate: no D1 round trip.
 */
export const corsForSite = (methods: string, keyOf: (c: Context<AppEnv>) => string | undefined) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const origin = c.req.header('origin');
    const pk = keyOf(c);
    if (!origin || !pk || c.res.headers.has('Access-Control-Allow-Origin')) return;
    const site = await siteByPublicKey(c.env.DB, pk).catch(() => null);
    if (site?.origins.includes(origin)) allowOrigin(c.res.headers, origin, methods);
  });
