// POST /v1/collect: a browser beacon (site public key in the body), validated, queued, answered 202 at once.
import { Hono } from 'hono';
import type { AppEnv, BeaconMessage } from '../env';
import { KiB, readJson } from '../http/body';
import { corsForSite } from '../http/cors';
import { ApiError, badRequest, forbidden, unauthorized, zodFields } from '../http/errors';
import { enforceRateLimit } from '../http/rate-limit';
import { requestContext } from '../identity/context';
import { companyCandidate } from '../identity/domain';
import { anonymousVisitorId } from '../identity/visitor-id';
import { decodeBeacon, wireBeacon } from '../ingest/wire';
import { categoryForPath } from '../scoring';
import { rulesOf, siteByPublicKey } from '../site-cache';

export const collect = new Hono<AppEnv>();

const pathOf = (url: string) => {
  try {
    return new URL(url, 'https://x.invalid').pathname;
  } catch {
    return '/';
  }
};

// The public key is in the body: the handler notes it for the CORS middleware (which runs after it).
const keys = new WeakMap<Request, string>();
collect.use('/', corsForSite('POST', (c) => keys.get(c.req.raw)));

collect.post('/', async (c) => {
  const parsed = wireBeacon().safeParse(await readJson(c, 64 * KiB, ['text/plain', 'application/json', '']));
  if (!parsed.success) throw badRequest('invalid beacon', zodFields(parsed.error.issues));
  keys.set(c.req.raw, parsed.data.k);
  // The limiter's answer is awaited last: meanwhile the site (isolate cache) and the visitor id (HMAC) are worked out,
  // so its round trip overlaps them. Nothing is queued before it said yes. Key: collect:<k>:<hashed CF-Connecting-IP>.
  const limited = enforceRateLimit(c, 'collect', parsed.data.k);
  limited.catch(() => {}); // awaited below; an early throw here must not leave it unhandled
  const site = await siteByPublicKey(c.env.DB, parsed.data.k);
  if (!site) {
    await limited;
    throw unauthorized('unknown site public key');
  }
  const origin = c.req.header('origin');
  if (origin && !site.origins.includes(origin)) {
    await limited;
    throw forbidden(`origin ${origin} is not allowed for this site`);
  }

  const receivedAt = Date.now();
  const rules = rulesOf(site);
  const beacon = decodeBeacon(parsed.data, receivedAt, (url) => categoryForPath(pathOf(url), rules));
  const req = requestContext(c.req.raw);
  const [visitorId] = await Promise.all([beacon.visitorId ?? anonymousVisitorId(c.env, site.id, req.ip ?? '', req.userAgent ?? '', receivedAt), limited]);
  const events = beacon.events.map((e) => ({
    ...e,
    visitor: visitorId,
    // The page did not say: the site's URL patterns decide (only for types that carry a category).
    ...(!e.category && e.url && e.type !== 'form' ? { category: categoryForPath(pathOf(e.url), rules) } : {}),
  }));
  const message: BeaconMessage = {
    siteId: site.id,
    receivedAt,
    events,
    ctx: { ...req, visitorId, automated: beacon.automated || undefined, identifiedDomain: beacon.identifiedDomain ? companyCandidate(beacon.identifiedDomain)?.hosts[0] : undefined },
  };
  // Not acknowledged unless the queue has it: the browser may resend (same ids count once).
  await c.env.BEACONS.send(message, { contentType: 'json' }).catch((err) => {
    console.error('BEACONS.send failed', err);
    throw new ApiError(503, 'unavailable', 'could not queue the beacon; retry later', { headers: { 'Retry-After': '5' } });
  });
  return c.json({ queued: events.length }, 202);
});
