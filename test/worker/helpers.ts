// Shared helpers for Worker tests: create a site through the admin API, post events, read companies.
import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from 'cloudflare:test';
import type { BeaconMessage } from '../../worker/env';
import { consumeBeacons } from '../../worker/queue/beacons';

export const BASE = 'http://w.test';
export const ADMIN = 'test-admin-token';

export interface TestSite { id: string; publicKey: string; secretKey: string; origins: string[] }

let n = 0;
/** Creates a site via POST /v1/sites (default origin https://site<n>.test). */
export async function createSite(opts: { name?: string; origins?: string[] } = {}): Promise<TestSite> {
  n++;
  const origins = opts.origins ?? [`https://site${n}-${crypto.randomUUID().slice(0, 6)}.test`];
  const res = await SELF.fetch(`${BASE}/v1/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: opts.name ?? `site ${n}`, origins }),
  });
  if (res.status !== 201) throw new Error(`createSite → ${res.status} ${await res.text()}`);
  return { ...((await res.json()) as TestSite), origins };
}

/** Calls the Worker with `Authorization: Bearer <key>` and, when given, a JSON body. */
export function api(key: string | null, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  return SELF.fetch(`${BASE}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
}

/** POST /v1/events with the site's secret; returns the response (status and JSON via .json()). */
export const postEvents = (site: Pick<TestSite, 'secretKey'>, events: unknown[]) => api(site.secretKey, '/v1/events', { body: { events } });

/** A canonical event with sensible defaults: a qualifying blog view for acme.com now. */
export function event(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: crypto.randomUUID(), type: 'pageview', category: 'blog', engagedMs: 60_000, company: { domain: 'acme.com' }, ...fields };
}

/** GET /v1/companies/:domain as JSON (throws on non-200). */
export async function company(site: Pick<TestSite, 'secretKey'>, domain: string): Promise<any> {
  const res = await api(site.secretKey, `/v1/companies/${domain}`);
  if (res.status !== 200) throw new Error(`company ${domain} → ${res.status} ${await res.text()}`);
  return res.json();
}

/** Parses `Server-Timing: db;dur=…;desc="<n>"` into the number of D1 round trips. */
export function dbTrips(res: Response): number {
  const m = res.headers.get('server-timing')?.match(/db;dur=[\d.]+;desc="(\d+)"/);
  if (!m) throw new Error(`no Server-Timing db entry: ${res.headers.get('server-timing')}`);
  return Number(m[1]);
}

/** Rows of a SQL query against the test D1 (for assertions on what was stored). */
export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (await env.DB.prepare(sql).bind(...params).all<T>()).results;
}

/** Runs beacon messages through the queue consumer (as the queue would); returns the ack/retry outcome. */
export async function consumeMessages(bodies: BeaconMessage[], attempts = 1) {
  const batch = createMessageBatch<BeaconMessage>('waymark-beacons', bodies.map((body, i) => ({ id: `m${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts, body })));
  const ctx = createExecutionContext();
  await consumeBeacons(batch, env);
  return getQueueResult(batch, ctx);
}

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36';
/**
 * One browser beacon for `visitor` through the consumer: a page view (`events` to override), from `ip`, optionally
 * claiming a company (`identified`, what identify() or a form email sends).
 */
export async function browse(siteId: string, visitor: string, opts: { ip?: string; identified?: string; events?: BeaconMessage['events'] } = {}) {
  const now = Date.now() - 1000;
  const events = opts.events ?? [{ id: `b-${crypto.randomUUID()}`, type: 'pageview', ts: now, category: 'home', engagedMs: 5_000, visitor }];
  const r = await consumeMessages([{ siteId, receivedAt: now, events, ctx: { visitorId: visitor, userAgent: CHROME, acceptLanguage: 'en', ip: opts.ip ?? '198.51.100.1', identifiedDomain: opts.identified } }]);
  if (r.explicitAcks.length !== 1) throw new Error(`browse: not acked ${JSON.stringify(r)}`);
}
