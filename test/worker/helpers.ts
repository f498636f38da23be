// Shared helpers for Worker tests: create a site through the admin API, post events, read companies.
import { SELF, env } from 'cloudflare:test';

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
