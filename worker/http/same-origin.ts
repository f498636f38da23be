// CSRF guard for cookie-authenticated form posts (the dashboard): a browser must say the request came from this origin.
//
// Browsers send `Sec-Fetch-Site` (unforgeable by a page) and `Origin` on every cross-site POST, so a page on another site
// cannot sign a browser in or out. A request with neither header is not from a browser (curl, a server): no victim
// browser, no CSRF, and the dashboard answers it as before.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { forbidden } from './errors';

export function isSameOriginRequest(req: Request): boolean {
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite !== null) return fetchSite === 'same-origin';
  const origin = req.headers.get('origin');
  if (origin !== null) return origin === new URL(req.url).origin;
  return true;
}

/** Refuses (403) any request but GET/HEAD that a browser made from another origin. */
export const sameOriginOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !isSameOriginRequest(c.req.raw))
    throw forbidden('cross-site request refused: dashboard forms work only from the dashboard itself');
  await next();
});
