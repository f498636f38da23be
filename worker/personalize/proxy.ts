// A request to a personalized host: fetched from the site's origin; HTML rewritten for the visitor's stage as it
// streams. Fails open: a slow or failed lookup serves the page as to an unknown visitor; a dead origin gets a 502 page.
import type { Env } from '../env';
import type { HostRoute } from '../db/personalize';
import { meteredDb, serverTiming, type DbMeter } from '../http/timing';
import { siteById } from '../site-cache';
import { budgetFor } from './config';
import { rewriteHtml, snippetTag } from './rewrite';
import { publicStanding, requestVisitorId } from './standing';

// RFC 9110 §7.6.1 connection-specific fields, plus Host (set from the origin URL).
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host'];

interface Lookup { stage: string; outcome: string; meter: DbMeter; ms: number }

/** The visitor's public stage, `unknown` when no company is known or on any error. Never rejects. */
async function stageOf(req: Request, env: Env, ctx: ExecutionContext, route: HostRoute): Promise<Lookup> {
  const meter: DbMeter = { trips: 0, ms: 0 };
  const t0 = performance.now();
  const done = (stage: string, outcome: string) => ({ stage, outcome, meter, ms: performance.now() - t0 });
  try {
    const metered = { ...env, DB: meteredDb(env.DB, meter) };
    const site = await siteById(metered.DB, route.siteId);
    if (!site) return done('unknown', 'no-site');
    const visitor = await requestVisitorId(metered, site, req);
    const { standing, hit } = await publicStanding(metered, site, visitor, req, (p) => ctx.waitUntil(p));
    return done(standing.company ? standing.stage : 'unknown', hit ? 'hit' : 'miss');
  } catch (err) {
    console.error('personalize lookup failed', err);
    return done('unknown', 'error');
  }
}

/** The lookup, or `unknown` once the budget is spent (the lookup still finishes in the background and fills the cache). */
function withinBudget(lookup: Promise<Lookup>, ms: number, ctx: ExecutionContext): Promise<Lookup> {
  ctx.waitUntil(lookup);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Lookup>((r) => (timer = setTimeout(() => r({ stage: 'unknown', outcome: 'timeout', meter: { trips: 0, ms: 0 }, ms }), ms)));
  return Promise.race([lookup, timeout]).finally(() => clearTimeout(timer));
}

function originRequest(req: Request, url: URL, route: HostRoute): Request {
  const headers = new Headers(req.headers);
  for (const name of (req.headers.get('connection') ?? '').split(',')) if (name.trim()) headers.delete(name.trim());
  for (const name of HOP_BY_HOP) headers.delete(name);
  // A client that asked for no compression gets none (the runtime would otherwise ask the origin for br/gzip).
  if (!req.headers.has('accept-encoding')) headers.set('accept-encoding', 'identity');
  headers.set('x-forwarded-host', url.host);
  headers.set('x-forwarded-proto', url.protocol.replace(':', ''));
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body;
  return new Request(new URL(url.pathname + url.search, route.origin), { method: req.method, headers, body, redirect: 'manual' });
}

const BAD_GATEWAY = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Site unavailable</title>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>This site is not answering right now</h1>
<p>The page could not be fetched from the site's server. Please try again in a moment.</p><p style="color:#666">502 Bad Gateway</p></body></html>`;

export const badGateway = () =>
  new Response(BAD_GATEWAY, { status: 502, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });

const isHtml = (res: Response) => /^\s*text\/html/i.test(res.headers.get('content-type') ?? '');

/** Serves one request of a personalized host. */
export async function personalizeRequest(req: Request, env: Env, ctx: ExecutionContext, route: HostRoute): Promise<Response> {
  const url = new URL(req.url);
  // WebSockets and other upgrades go to the origin as they are.
  if (req.headers.get('upgrade')) return fetch(new URL(url.pathname + url.search, route.origin), req).catch(badGateway);
  // A browser navigation starts the lookup alongside the origin fetch; other requests only if the answer is HTML.
  const navigation = req.headers.get('sec-fetch-dest') === 'document' || /text\/html/i.test(req.headers.get('accept') ?? '');
  const budget = budgetFor(route.budgetMs, env.PERSONALIZE_BUDGET_MS);
  let lookup = req.method !== 'HEAD' && navigation ? withinBudget(stageOf(req, env, ctx, route), budget, ctx) : null;
  let res: Response;
  try {
    res = await fetch(originRequest(req, url, route));
  } catch (err) {
    console.error('personalize origin fetch failed', route.origin, err);
    return badGateway();
  }
  const out = new Response(res.body, res);
  // The origin's own redirects point back at the public host, not at the origin.
  const location = res.headers.get('location');
  if (location?.startsWith(route.origin + '/')) out.headers.set('location', url.origin + location.slice(route.origin.length));
  if (!isHtml(res) || req.method === 'HEAD' || res.status === 204 || res.status === 304 || !res.body) return out;
  lookup ??= withinBudget(stageOf(req, env, ctx, route), budget, ctx);
  const { stage, outcome, meter, ms } = await lookup;
  // Ours first (the origin's own Server-Timing, if any, follows).
  const origin = res.headers.get('server-timing');
  out.headers.set('Server-Timing', `${serverTiming(meter)}, waymark;dur=${ms.toFixed(1)};desc="${outcome}"${origin ? `, ${origin}` : ''}`);
  const site = route.injectTag ? await siteById(env.DB, route.siteId).catch(() => null) : null;
  return rewriteHtml(out, stage, site ? snippetTag(`${route.apiOrigin}/w.js`, site.publicKey) : null);
}
