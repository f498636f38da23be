// GET /v1/stage?site=<pk>&visitor=<id>: the visitor's company stage for personalisation; CORS for the site's origins only.
import { Hono } from 'hono';
import type { AppEnv, Site } from '../env';
import { allowOrigin, corsForSite } from '../http/cors';
import { badRequest, forbidden, unauthorized } from '../http/errors';
import { MAX_ID } from '../lib/limits';
import { rateLimit } from '../http/rate-limit';
import { publicStanding, requestVisitorId } from '../personalize/standing';
import { siteByPublicKey } from '../site-cache';

export const stage = new Hono<AppEnv>();

/** The site of `?site=`, and the request's Origin when it is one of the site's (403 for any other origin). */
async function siteAndOrigin(db: D1Database, pk: string | undefined, origin: string | undefined): Promise<Site> {
  if (!pk) throw badRequest('?site=<public key> is required', [{ path: 'site', message: 'required' }]);
  const site = await siteByPublicKey(db, pk);
  if (!site) throw unauthorized('unknown site public key');
  if (origin && !site.origins.includes(origin)) throw forbidden(`origin ${origin} is not allowed for this site`);
  return site;
}

const cors = (headers: Headers, origin: string | undefined) => allowOrigin(headers, origin, 'GET, OPTIONS');

// Errors (400, 429) carry CORS too for the site's own origins, so the page can read them.
stage.use('/', corsForSite('GET, OPTIONS', (c) => c.req.query('site')));

stage.options('/', async (c) => {
  const origin = c.req.header('origin');
  await siteAndOrigin(c.env.DB, c.req.query('site'), origin);
  const res = c.body(null, 204);
  cors(res.headers, origin);
  res.headers.set('Access-Control-Allow-Headers', c.req.header('access-control-request-headers') ?? '');
  return res;
});

// Rate limit key: stage:<?site>:<hashed CF-Connecting-IP> (worker/http/rate-limit.ts), checked before any D1 read.
stage.get('/', rateLimit('stage', (c) => c.req.query('site')), async (c) => {
  const origin = c.req.header('origin');
  const site = await siteAndOrigin(c.env.DB, c.req.query('site'), origin);
  const now = Date.now();
  let visitor = c.req.query('visitor');
  // Empty means none (the snippet sends `&visitor=` before consent): the server's anonymous id answers.
  if (visitor !== undefined && visitor.length > MAX_ID) throw badRequest('invalid visitor', [{ path: 'visitor', message: `at most ${MAX_ID} characters` }]);
  if (!visitor) visitor = await requestVisitorId(c.env, site, c.req.raw, now);
  // Cached at the edge (worker/stage-cache.ts): a hit costs no D1 round trip.
  const { standing } = await publicStanding(c.env, site, visitor, c.req.raw, (p) => c.executionCtx.waitUntil(p));
  cors(c.res.headers, origin);
  return c.json(standing);
});
