// The public standing of a request's visitor, as /v1/stage and the personalizing edge both answer it, cached at the edge.
// The rules of what the public may see live in identity/public-stage.ts; this file adds the edge cache.
import type { Env, Site } from '../env';
import { requestContext } from '../identity/context';
import { publicStanding as publicStandingOf } from '../identity/public-stage';
import { anonymousVisitorId } from '../identity/visitor-id';
import { cachedStanding, stageTtl } from '../stage-cache';

/** The visitor a browser request is (no consent: the daily salted id of its IP and user agent). */
export function requestVisitorId(env: Env, site: Site, req: Request, now = Date.now()): Promise<string> {
  const ctx = requestContext(req);
  return anonymousVisitorId(env, site.id, ctx.ip ?? '', ctx.userAgent ?? '', now);
}

/** The answer for (site, visitor) from the edge cache, else from D1 (then cached); `hit` says which. */
export function publicStanding(env: Env, site: Site, visitorId: string, req: Request, waitUntil: (p: Promise<unknown>) => void) {
  return cachedStanding(site.id, visitorId, stageTtl(env.STAGE_CACHE_TTL_S), () => publicStandingOf(env, site, visitorId, Date.now(), req), waitUntil);
}
