// The OpenAPI 3.1 document of every mounted route (GET /openapi.json); request bodies from the zod schemas that validate them.
import * as z from 'zod';
import { eventBatch } from '../ingest/validate';
import { wireBeacon } from '../ingest/wire';
import { newSite } from '../routes/sites';
import { configFor } from '../routes/webhooks';
import { rangeInput, rangeList } from '../routes/ip-ranges';

type Auth = 'secret' | 'admin' | 'public' | 'session' | 'none';
interface Op {
  summary: string;
  auth: Auth;
  tag: string;
  query?: Record<string, string>;
  body?: object;
  ok: [status: number, description: string, type?: string];
  errors?: number[];
}

const json = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as object;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid input; nothing changed', 401: 'missing or unknown key', 403: 'origin or token not allowed', 404: 'not found',
  409: 'conflict', 413: 'body too large', 415: 'unsupported content-type', 429: 'rate limited (Retry-After)', 503: 'unavailable (Retry-After)',
};
const SECURITY: Record<Auth, object[] | undefined> = {
  secret: [{ secretKey: [] }], admin: [{ adminToken: [] }], public: [{ publicKey: [] }], session: [{ dashboardSession: [] }], none: [],
};

function operation(o: Op) {
  const [status, description, type = 'application/json'] = o.ok;
  const errors = [...new Set([...(o.auth === 'secret' || o.auth === 'admin' ? [401] : []), ...(o.errors ?? [])])];
  return {
    summary: o.summary, tags: [o.tag], security: SECURITY[o.auth],
    ...(o.query ? { parameters: Object.entries(o.query).map(([name, d]) => ({ name, in: 'query', required: false, description: d, schema: { type: 'string' } })) } : {}),
    ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: o.body } } } } : {}),
    responses: {
      [status]: { description, content: { [type]: { schema: type === 'application/json' ? { type: 'object' } : { type: 'string' } } } },
      ...Object.fromEntries(errors.map((s) => [s, { description: ERROR_TEXT[s] ?? 'error', content: { 'application/json': { schema: ref('Error') } } }])),
      default: { description: 'server error', content: { 'application/json': { schema: ref('Error') } } },
    },
  };
}

const HTML = 'text/html';
const R: Record<string, Record<string, Op>> = {
  '/health': { get: { summary: 'Liveness', auth: 'none', tag: 'ops', ok: [200, '{ ok: true }'] } },
  '/favicon.ico': { get: { summary: 'Empty favicon', auth: 'none', tag: 'ops', ok: [204, 'no content', 'image/x-icon'] } },
  '/openapi.json': { get: { summary: 'This document', auth: 'none', tag: 'ops', ok: [200, 'OpenAPI 3.1'] } },
  '/w.js': { get: { summary: 'The snippet (ETag, 304)', auth: 'none', tag: 'snippet', query: { media: 'the build with media tracking' }, ok: [200, 'JavaScript', 'text/javascript'] } },
  '/v1/sites': { post: { summary: 'Create a site; shows its keys once', auth: 'admin', tag: 'sites', body: json(newSite()), ok: [201, 'the site with publicKey and secretKey'], errors: [400, 403, 413, 415, 503] } },
  '/v1/sites/rotate': { post: { summary: "Rotate this site's secret key", auth: 'secret', tag: 'sites', ok: [200, 'the new secretKey'], errors: [409] } },
  '/v1/sites/{id}/rotate': { post: { summary: "Rotate a site's secret key (admin)", auth: 'admin', tag: 'sites', ok: [200, 'the new secretKey'], errors: [403, 404, 503] } },
  '/v1/sites/rotate-public': { post: { summary: 'Rotate the public key (7-day grace for the old one)', auth: 'secret', tag: 'sites', ok: [200, 'publicKey, previousPublicKey, previousValidUntil'] } },
  '/v1/webhooks': {
    put: { summary: 'Set the endpoint; issues a new signing secret', auth: 'secret', tag: 'webhooks', body: json(configFor(false)), ok: [200, '{ url, events, secret }'], errors: [400, 413, 415] },
    get: { summary: 'The endpoint and recent deliveries (ISO times)', auth: 'secret', tag: 'webhooks', ok: [200, '{ url, events, createdAt, updatedAt, deliveries, recent }'], errors: [404] },
    delete: { summary: 'Remove the endpoint; pending deliveries cancelled', auth: 'secret', tag: 'webhooks', ok: [200, '{ deleted, cancelledDeliveries }'], errors: [404] },
  },
  '/v1/webhooks/test': { post: { summary: 'Send a signed test delivery now', auth: 'secret', tag: 'webhooks', ok: [200, '{ delivered, status, payload }'], errors: [404] } },
  '/v1/events': { post: { summary: 'Canonical events, all-or-nothing, scored before answering', auth: 'secret', tag: 'events', body: json(eventBatch()), ok: [200, '{ accepted, duplicates }'], errors: [400, 413, 415, 503] } },
  '/v1/collect': { post: { summary: 'Browser beacon (text/plain), queued', auth: 'public', tag: 'events', body: json(wireBeacon()), ok: [202, '{ queued }'], errors: [400, 401, 403, 413, 415, 429, 503] } },
  '/v1/stage': {
    get: { summary: "The visitor's company stage for personalisation (CORS)", auth: 'public', tag: 'stage', query: { site: 'public key', visitor: 'visitor id' }, ok: [200, '{ score, stage, salesAttention, company, recommended }'], errors: [400, 401, 403, 429] },
    options: { summary: 'CORS preflight', auth: 'public', tag: 'stage', query: { site: 'public key' }, ok: [204, 'no content'], errors: [400, 401, 403] },
  },
  '/v1/rules': {
    get: { summary: 'Rule overrides and effective rules', auth: 'secret', tag: 'rules', ok: [200, '{ overrides, effective }'] },
    put: { summary: 'Replace the rule overrides', auth: 'secret', tag: 'rules', body: { type: 'object' }, ok: [200, '{ overrides, effective }'], errors: [400, 413, 415] },
  },
  '/v1/companies': { get: { summary: 'Companies: filters, sorts, cursor pages, CSV', auth: 'secret', tag: 'companies', query: { stage: 'stage', salesAttention: 'true|false', q: 'search', sort: 'domain|score|engaged|since', limit: '1–100', cursor: 'nextCursor of the previous page', format: 'json|csv' }, ok: [200, '{ companies, nextCursor }'], errors: [400] } },
  '/v1/companies/{domain}': {
    get: { summary: 'A company with its ledger', auth: 'secret', tag: 'companies', ok: [200, 'standing, stakeholders, ledger'], errors: [400, 404] },
    delete: { summary: 'Erase a company (GDPR)', auth: 'secret', tag: 'erasure', ok: [200, '{ domain, deleted, total }'], errors: [400] },
  },
  '/v1/visitors/{id}': { delete: { summary: 'Erase a visitor (GDPR)', auth: 'secret', tag: 'erasure', ok: [200, '{ visitor, deleted, ledgerUnlinked, companiesScrubbed, total }'], errors: [400] } },
  '/v1/stats': { get: { summary: 'Journey figures for a range', auth: 'secret', tag: 'stats', query: { from: 'ISO date/time or epoch ms', to: 'ISO date/time or epoch ms' }, ok: [200, 'funnel, conversion, coverage, …'], errors: [400] } },
  '/v1/ip-ranges': {
    post: { summary: 'Add ranges → company', auth: 'secret', tag: 'identity', body: { oneOf: [json(rangeInput()), json(rangeList())] }, ok: [201, 'the range(s), canonical'], errors: [400, 413, 415] },
    get: { summary: 'List ranges (cursor pages)', auth: 'secret', tag: 'identity', query: { limit: '1–1000', cursor: 'nextCursor', domain: 'one company' }, ok: [200, '{ ranges, nextCursor }'], errors: [400] },
    delete: { summary: 'Delete a range (?cidr=) or a company’s ranges (?domain=)', auth: 'secret', tag: 'identity', query: { cidr: 'CIDR', domain: 'domain' }, ok: [200, '{ deleted }'], errors: [400, 404] },
  },
  '/v1/personalize': {
    get: { summary: 'Edge personalization config', auth: 'secret', tag: 'personalize', ok: [200, 'config'], errors: [404] },
    put: { summary: 'Set the edge personalization config', auth: 'secret', tag: 'personalize', body: { type: 'object' }, ok: [200, 'config'], errors: [400, 409, 413, 415] },
    delete: { summary: 'Remove the edge personalization config', auth: 'secret', tag: 'personalize', ok: [200, '{ deleted }'], errors: [404] },
  },
  '/dashboard': { get: { summary: 'Dashboard (or sign-in page)', auth: 'session', tag: 'dashboard', query: { days: '30|90|180|365' }, ok: [200, 'HTML', HTML] } },
  '/dashboard/companies': { get: { summary: 'Companies explorer', auth: 'session', tag: 'dashboard', ok: [200, 'HTML', HTML] } },
  '/dashboard/companies/export.csv': { get: { summary: 'Explorer CSV export', auth: 'session', tag: 'dashboard', ok: [200, 'CSV', 'text/csv'] } },
  '/dashboard/companies/{domain}': { get: { summary: 'Company page', auth: 'session', tag: 'dashboard', ok: [200, 'HTML', HTML] } },
  '/dashboard/sign-in': { post: { summary: 'Sign in with the secret key (form)', auth: 'none', tag: 'dashboard', ok: [303, 'redirect', HTML], errors: [401, 403] } },
  '/dashboard/sign-out': { post: { summary: 'Sign out everywhere', auth: 'session', tag: 'dashboard', ok: [303, 'redirect', HTML], errors: [403] } },
  '/__bench/d1': { get: { summary: 'D1 round-trip floor (only with BENCH=1)', auth: 'none', tag: 'ops', query: { trips: '0–4' }, ok: [200, '{ trips, row }'], errors: [400, 404] } },
  '/__bench/proxy': { get: { summary: 'A plain proxy of the demo page, the baseline of the edge-rewrite bench (only with BENCH=1)', auth: 'none', tag: 'ops', ok: [200, 'HTML', HTML], errors: [404] } },
  '/__bench/sql': { get: { summary: 'One read-only SELECT, for the browser tests (only with BENCH=1)', auth: 'none', tag: 'ops', query: { q: 'a single SELECT statement' }, ok: [200, '{ rows }'], errors: [400, 404] } },
};
for (const p of ['', '/blog', '/blog/{slug}', '/pricing', '/demo-request', '/webinar', '/media/webinar.wav', '/tour', '/tour/{section}'])
  R[`/demo${p}`] = { get: { summary: 'Demo site page', auth: 'none', tag: 'demo', ok: [200, 'HTML', HTML] } };
R['/demo/thanks'] = { post: { summary: 'Demo form target', auth: 'none', tag: 'demo', ok: [200, 'HTML', HTML] } };

const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));

let built: object | undefined;
export function openApiDocument(): object {
  return (built ??= {
    openapi: '3.1.0',
    info: { title: 'Waymark API', version: '1', description: 'Which companies visit a B2B site and where each stands in its buying journey. Errors: { error: { code, message, fields? } }.' },
    components: {
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: "The site's secret key (sk_…)" },
        adminToken: { type: 'http', scheme: 'bearer', description: 'The Worker ADMIN_TOKEN' },
        publicKey: { type: 'apiKey', in: 'query', name: 'site', description: "The site's public key (pk_…): ?site= on /v1/stage, `k` in the /v1/collect body" },
        dashboardSession: { type: 'apiKey', in: 'cookie', name: 'waymark_dash' },
      },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } } } } },
        },
      },
    },
    paths: Object.fromEntries(Object.entries(R).map(([path, ops]) => [path, Object.fromEntries(Object.entries(ops).map(([m, o]) => {
      const op = operation(o);
      const params = pathParams(path);
      return [m, params.length ? { ...op, parameters: [...params, ...((op as { parameters?: object[] }).parameters ?? [])] } : op];
    }))])),
  });
}
