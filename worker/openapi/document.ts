// The OpenAPI 3.1 document of every mounted route (GET /openapi.json): request and answer bodies from zod schemas, built on first use.
import * as z from 'zod';
import { eventBatch } from '../ingest/validate';
import { wireBeacon } from '../ingest/wire';
import { configSchema } from '../personalize/config';
import { newSite } from '../routes/sites';
import { configFor } from '../routes/webhooks';
import { rangeInput, rangeList } from '../routes/ip-ranges';
import { responseSchemas, type ResponseSchemas } from './responses';

type Auth = 'secret' | 'admin' | 'public' | 'session' | 'none';
/** An answer body: a named schema of responses.ts (JSON), a media type (a string body), or null (no content). */
type Body = keyof ResponseSchemas | `${string}/${string}` | null;
type Answer = [status: number, description: string, body: Body];
interface Op {
  summary: string;
  auth: Auth;
  tag: string;
  query?: Record<string, string>;
  body?: object;
  ok: Answer | Answer[];
  /** JSON error statuses (the Error schema); 401 is added to keyed routes. */
  errors?: number[];
}

const json = (s: z.ZodType, io: 'input' | 'output' = 'input') => z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as object;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid input; nothing changed', 401: 'missing or unknown key', 403: 'origin or token not allowed', 404: 'not found',
  409: 'conflict', 413: 'body too large', 415: 'unsupported content-type', 429: 'rate limited (Retry-After)', 503: 'unavailable (Retry-After)',
};
const SECURITY: Record<Auth, object[] | undefined> = {
  secret: [{ secretKey: [] }], admin: [{ adminToken: [] }], public: [{ publicKey: [] }], session: [{ dashboardSession: [] }], none: [],
};
const isName = (b: Body): b is keyof ResponseSchemas => b !== null && !b.includes('/');

function operation(o: Op) {
  const answers = (typeof o.ok[0] === 'number' ? [o.ok] : o.ok) as Answer[];
  const errors = [...new Set([...(o.auth === 'secret' || o.auth === 'admin' ? [401] : []), ...(o.errors ?? [])])].sort();
  const responses: Record<string, { description: string; content?: Record<string, { schema: object }> }> = {};
  for (const [status, description, body] of answers) {
    const r = (responses[status] ??= { description });
    if (r.description !== description) r.description += `; ${description}`;
    if (body !== null) r.content = { ...r.content, [isName(body) ? 'application/json' : body]: { schema: isName(body) ? ref(body) : { type: 'string' } } };
  }
  for (const s of errors) responses[s] ??= { description: ERROR_TEXT[s] ?? 'error', content: { 'application/json': { schema: ref('Error') } } };
  responses.default = { description: 'server error', content: { 'application/json': { schema: ref('Error') } } };
  return {
    summary: o.summary, tags: [o.tag], security: SECURITY[o.auth],
    ...(o.query ? { parameters: Object.entries(o.query).map(([name, d]) => ({ name, in: 'query', required: false, description: d, schema: { type: 'string' } })) } : {}),
    ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: o.body } } } } : {}),
    responses,
  };
}

const HTML = 'text/html';
const SIGN_IN: Answer = [401, 'the sign-in page (no session)', HTML];
function routes(): Record<string, Record<string, Op>> {
  const R: Record<string, Record<string, Op>> = {
    '/health': { get: { summary: 'Liveness', auth: 'none', tag: 'ops', ok: [200, 'alive', 'Health'] } },
    '/favicon.ico': { get: { summary: 'Empty favicon', auth: 'none', tag: 'ops', ok: [204, 'no content', null] } },
    '/openapi.json': { get: { summary: 'This document', auth: 'none', tag: 'ops', ok: [200, 'OpenAPI 3.1', 'OpenApi'] } },
    '/docs': { get: { summary: 'The API reference page (renders this document)', auth: 'none', tag: 'ops', ok: [200, 'HTML', HTML] } },
    '/w.js': { get: { summary: 'The snippet (ETag, 304)', auth: 'none', tag: 'snippet', query: { forms: 'the build that also tracks form submits', media: 'the build that also tracks <video>/<audio> (both: ?forms&media)' }, ok: [[200, 'JavaScript', 'text/javascript'], [304, 'not modified (If-None-Match)', null]] } },
    '/v1/sites': { post: { summary: 'Create a site; shows its keys once', auth: 'admin', tag: 'sites', body: json(newSite()), ok: [201, 'the site with publicKey and secretKey', 'NewSite'], errors: [400, 403, 413, 415, 503] } },
    '/v1/sites/rotate': { post: { summary: "Rotate this site's secret key", auth: 'secret', tag: 'sites', ok: [200, 'the new secretKey', 'RotatedSecret'], errors: [409] } },
    '/v1/sites/{id}/rotate': { post: { summary: "Rotate a site's secret key (admin)", auth: 'admin', tag: 'sites', ok: [200, 'the new secretKey', 'RotatedSecret'], errors: [403, 404, 503] } },
    '/v1/sites/rotate-public': { post: { summary: 'Rotate the public key (7-day grace for the old one)', auth: 'secret', tag: 'sites', ok: [200, 'the new public key; the old one works until previousValidUntil', 'RotatedPublic'], errors: [404] } },
    '/v1/webhooks': {
      put: { summary: 'Set the endpoint; issues a new signing secret', auth: 'secret', tag: 'webhooks', body: json(configFor(false)), ok: [200, 'the endpoint and its secret (shown once)', 'WebhookSet'], errors: [400, 413, 415] },
      get: { summary: 'The endpoint and recent deliveries', auth: 'secret', tag: 'webhooks', ok: [200, 'the endpoint, delivery counts, recent deliveries', 'Webhook'], errors: [404] },
      delete: { summary: 'Remove the endpoint; pending deliveries cancelled', auth: 'secret', tag: 'webhooks', ok: [200, 'removed', 'WebhookDeleted'], errors: [404] },
    },
    '/v1/webhooks/test': { post: { summary: 'Send a signed test delivery now', auth: 'secret', tag: 'webhooks', ok: [200, 'whether it was delivered, the status class, the payload sent', 'WebhookTest'], errors: [404] } },
    '/v1/events': { post: { summary: 'Canonical events, all-or-nothing, scored before answering', auth: 'secret', tag: 'events', body: json(eventBatch()), ok: [200, 'stored and scored', 'Ingested'], errors: [400, 413, 415, 503] } },
    '/v1/collect': { post: { summary: 'Browser beacon (text/plain), queued', auth: 'public', tag: 'events', body: json(wireBeacon()), ok: [202, 'queued', 'Queued'], errors: [400, 401, 403, 413, 415, 429, 503] } },
    '/v1/stage': {
      get: { summary: "The visitor's company stage for personalisation (CORS)", auth: 'public', tag: 'stage', query: { site: 'public key', visitor: 'visitor id' }, ok: [200, 'the public standing', 'Stage'], errors: [400, 401, 403, 429] },
      options: { summary: 'CORS preflight', auth: 'public', tag: 'stage', query: { site: 'public key' }, ok: [204, 'no content', null], errors: [400, 401, 403] },
    },
    '/v1/rules': {
      get: { summary: 'Rule overrides and effective rules', auth: 'secret', tag: 'rules', ok: [200, 'overrides and the effective rulebook', 'Rules'] },
      put: { summary: 'Replace the rule overrides', auth: 'secret', tag: 'rules', body: { type: 'object', description: 'rule overrides (docs/scoring.md)' }, ok: [200, 'overrides and the effective rulebook', 'Rules'], errors: [400, 413, 415] },
    },
    '/v1/companies': { get: { summary: 'Companies: filters, sorts, cursor pages, CSV', auth: 'secret', tag: 'companies', query: { stage: 'stage', salesAttention: 'true|false', q: 'search', sort: 'domain|score|engaged|since', limit: '1–100', cursor: 'nextCursor of the previous page', format: 'json|csv' }, ok: [[200, 'a page of companies', 'CompanyList'], [200, 'every match (format=csv)', 'text/csv']], errors: [400] } },
    '/v1/companies/{domain}': {
      get: { summary: 'A company with its ledger', auth: 'secret', tag: 'companies', ok: [200, 'standing now and the ledger that explains it', 'Company'], errors: [400, 404] },
      delete: { summary: 'Erase a company (GDPR)', auth: 'secret', tag: 'erasure', ok: [200, 'rows deleted by table', 'CompanyErased'], errors: [400] },
    },
    '/v1/visitors/{id}': { delete: { summary: 'Erase a visitor (GDPR)', auth: 'secret', tag: 'erasure', ok: [200, 'rows deleted by table', 'VisitorErased'], errors: [400] } },
    '/v1/stats': { get: { summary: 'Journey figures for a range', auth: 'secret', tag: 'stats', query: { from: 'ISO date/time or epoch ms', to: 'ISO date/time or epoch ms' }, ok: [200, 'funnel, conversion, coverage, …', 'Stats'], errors: [400] } },
    '/v1/ip-ranges': {
      post: { summary: 'Add ranges → company', auth: 'secret', tag: 'identity', body: { oneOf: [json(rangeInput()), json(rangeList())] }, ok: [201, 'the range(s), canonical', 'RangesAdded'], errors: [400, 413, 415] },
      get: { summary: 'List ranges (cursor pages)', auth: 'secret', tag: 'identity', query: { limit: '1–1000', cursor: 'nextCursor of the previous page', domain: 'one company' }, ok: [200, 'a page of ranges', 'RangeList'], errors: [400] },
      delete: { summary: 'Delete a range (?cidr=) or a company’s ranges (?domain=)', auth: 'secret', tag: 'identity', query: { cidr: 'CIDR', domain: 'domain' }, ok: [200, 'how many were deleted', 'Deleted'], errors: [400, 404] },
    },
    '/v1/personalize': {
      get: { summary: 'Edge personalization config', auth: 'secret', tag: 'personalize', ok: [200, 'config', 'Personalize'], errors: [404] },
      put: { summary: 'Set the edge personalization config', auth: 'secret', tag: 'personalize', body: json(configSchema(false)), ok: [200, 'config', 'Personalize'], errors: [400, 409, 413, 415] },
      delete: { summary: 'Remove the edge personalization config', auth: 'secret', tag: 'personalize', ok: [204, 'removed', null], errors: [404] },
    },
    '/dashboard': { get: { summary: 'Dashboard (or sign-in page)', auth: 'session', tag: 'dashboard', query: { days: '30|90|180|365' }, ok: [200, 'HTML', HTML] } },
    '/dashboard/companies': { get: { summary: 'Companies explorer', auth: 'session', tag: 'dashboard', ok: [[200, 'HTML', HTML], SIGN_IN] } },
    '/dashboard/companies/export.csv': { get: { summary: 'Explorer CSV export', auth: 'session', tag: 'dashboard', ok: [[200, 'CSV', 'text/csv'], SIGN_IN] } },
    '/dashboard/companies/{domain}': { get: { summary: 'Company page', auth: 'session', tag: 'dashboard', ok: [[200, 'HTML', HTML], SIGN_IN, [404, 'the explorer, empty', HTML]] } },
    '/dashboard/sign-in': { post: { summary: 'Sign in with the secret key (form)', auth: 'none', tag: 'dashboard', ok: [[303, 'to /dashboard, with the session cookie', null], [401, 'the sign-in page with the error', HTML]], errors: [403] } },
    '/dashboard/sign-out': { post: { summary: 'Sign out everywhere', auth: 'session', tag: 'dashboard', ok: [303, 'to /dashboard', null], errors: [403] } },
    '/__bench/d1': { get: { summary: 'D1 round-trip floor (only with BENCH=1)', auth: 'none', tag: 'ops', query: { trips: '0–4' }, ok: [200, 'the last row read', 'BenchD1'], errors: [400, 404] } },
    '/__bench/body': { post: { summary: 'A POST body read and answered, the transport floor of the collect bench (only with BENCH=1)', auth: 'none', tag: 'ops', ok: [202, 'the body\'s length', 'BenchBody'], errors: [404] } },
    '/__bench/proxy': { get: { summary: 'A plain proxy of a demo page, the baseline of the edge-rewrite bench (only with BENCH=1)', auth: 'none', tag: 'ops', query: { path: 'an absolute path' }, ok: [200, 'HTML', HTML], errors: [400, 404] } },
    '/__bench/sql': { get: { summary: 'One read-only SELECT, for the browser tests (only with BENCH=1)', auth: 'none', tag: 'ops', query: { q: 'a single SELECT statement' }, ok: [200, 'the rows', 'BenchSql'], errors: [400, 404] } },
  };
  for (const p of ['', '/blog', '/blog/{slug}', '/pricing', '/demo-request', '/webinar', '/tour', '/tour/{section}'])
    R[`/demo${p}`] = { get: { summary: 'Demo site page', auth: 'none', tag: 'demo', ok: [200, 'HTML', HTML], ...(p === '/blog/{slug}' ? { errors: [404] } : {}) } };
  R['/demo/media/webinar.wav'] = { get: { summary: 'Demo audio (Range requests)', auth: 'none', tag: 'demo', ok: [[200, 'audio', 'audio/wav'], [206, 'the range asked for', 'audio/wav'], [416, 'range not satisfiable', null]] } };
  R['/demo/thanks'] = { post: { summary: 'Demo form target', auth: 'none', tag: 'demo', ok: [200, 'HTML', HTML] } };
  return R;
}

const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));

let built: object | undefined;
export function openApiDocument(): object {
  return (built ??= {
    openapi: '3.1.0',
    info: { title: 'Waymark API', version: '1', description: 'Which companies visit a B2B site and where each stands in its buying journey. Errors: { error: { code, message, fields? } }. Times are ISO-8601 UTC; lists page with ?cursor= in, nextCursor out.' },
    components: {
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: "The site's secret key (sk_…)" },
        adminToken: { type: 'http', scheme: 'bearer', description: 'The Worker ADMIN_TOKEN' },
        publicKey: { type: 'apiKey', in: 'query', name: 'site', description: "The site's public key (pk_…): ?site= on /v1/stage, `k` in the /v1/collect body" },
        dashboardSession: { type: 'apiKey', in: 'cookie', name: 'waymark_dash' },
      },
      schemas: Object.fromEntries(Object.entries(responseSchemas()).map(([name, s]) => [name, json(s, 'output')])),
    },
    paths: Object.fromEntries(Object.entries(routes()).map(([path, ops]) => [path, Object.fromEntries(Object.entries(ops).map(([m, o]) => {
      const op = operation(o);
      const params = pathParams(path);
      return [m, params.length ? { ...op, parameters: [...params, ...((op as { parameters?: object[] }).parameters ?? [])] } : op];
    }))])),
  });
}
