// Worker entry: mounts the route groups, maps errors to JSON, exports fetch/queue/scheduled.
import { Hono } from 'hono';
import type { AppEnv, BeaconMessage, Env, WebhookMessage } from './env';
import { errorResponse } from './http/errors';
import { dbTiming } from './http/timing';
import { wellFormedQuery } from './http/well-formed';
import { openapi } from './openapi/routes';
import { sites } from './routes/sites';
import { webhooks } from './routes/webhooks';
import { consumeWebhooks } from './webhooks/consumer';
import { scheduled } from './cron';
import { loadSuffixes } from './identity/domain';
import { events } from './routes/events';
import { collect } from './routes/collect';
import { stage } from './routes/stage';
import { rules } from './routes/rules';
import { consumeBeacons } from './queue/beacons';
import { companies } from './routes/companies';
import { stats } from './routes/stats';
import { dashboard } from './routes/dashboard';
import { ipRanges } from './routes/ip-ranges';
import { companyErasure, visitorErasure } from './routes/erasure';
import { snippet } from './routes/snippet';
import { demo } from './routes/demo';
import { bench } from './routes/bench';
import { personalize } from './routes/personalize';
import { hostRoute } from './personalize/hosts';
import { personalizeRequest } from './personalize/proxy';

export const app = new Hono<AppEnv>();
app.onError((err, c) => errorResponse(c, err));
// Every answer reports its D1 round trips and time in Server-Timing (worker/http/timing.ts).
app.use('*', dbTiming);
app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

// Every string of every route is well-formed Unicode or a 400 (JSON bodies: worker/http/body.ts).
app.use('*', wellFormedQuery);
app.get('/health', (c) => c.json({ ok: true }));
// The API contract (worker/openapi/document.ts) and its reference page at /docs.
app.route('/', openapi);
// Browsers ask every origin for a favicon; an empty cached answer keeps their consoles clean.
app.get('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }));
// Route groups are mounted below, one line each.
app.route('/v1/sites', sites);
app.route('/v1/webhooks', webhooks);
app.route('/v1/events', events);
app.route('/v1/collect', collect);
app.route('/v1/stage', stage);
app.route('/v1/rules', rules);
app.route('/v1/companies', companies);
app.route('/v1/stats', stats);
app.route('/dashboard', dashboard);
app.route('/v1/ip-ranges', ipRanges);
app.route('/v1/companies', companyErasure);
app.route('/v1/visitors', visitorErasure);
app.route('/w.js', snippet);
app.route('/demo', demo);
app.route('/__bench', bench);
app.route('/v1/personalize', personalize);

export { IngestGate } from './ingest/gate';

/** Paths that never read a domain, so they never load the public suffix list (worker/identity/domain.ts). */
const NO_DOMAINS = new Set(['/health', '/favicon.ico', '/w.js', '/openapi.json']);

export default {
  /** A registered personalized host is proxied to its site's origin (cached lookup); any other host is the API. */
  async fetch(req: Request, env: Env, ctx: ExecutionContext) {
    const url = new URL(req.url);
    const route = await hostRoute(env.DB, url.hostname);
    if (route || !NO_DOMAINS.has(url.pathname)) await loadSuffixes();
    return route ? personalizeRequest(req, env, ctx, route) : app.fetch(req, env, ctx);
  },
  /** One consumer entry for both queues, dispatched by queue name (wrangler.toml). */
  async queue(batch, env) {
    await loadSuffixes();
    if (batch.queue === 'waymark-beacons') return consumeBeacons(batch as MessageBatch<BeaconMessage>, env);
    // Beacons that failed 10 times: the same consumer, retried up to hourly (wrangler.toml).
    if (batch.queue === 'waymark-beacons-dlq') return consumeBeacons(batch as MessageBatch<BeaconMessage>, env, 3600);
    if (batch.queue === 'waymark-webhooks') return consumeWebhooks(batch as MessageBatch<WebhookMessage>, env);
  },
  async scheduled(controller, env, ctx) {
    await loadSuffixes();
    return scheduled(controller, env, ctx);
  },
} satisfies ExportedHandler<Env>;
