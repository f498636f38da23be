// The API contract: real requests to every operation of GET /openapi.json, each answer checked against its declared schema.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { env } from 'cloudflare:test';
import { ADMIN, browse, createSite, event, type TestSite } from './helpers';
import { call, contractDocument, exercised, hit } from './support/contract-check';
import { stubReceiver, until } from './support/webhooks-receiver';

let site: TestSite;
let origin: string;
const sk = () => site.secretKey;

beforeAll(async () => {
  site = await createSite();
  origin = site.origins[0]!;
});

describe('every answer is the one the document declares', () => {
  it('ops, the snippet and the reference page', async () => {
    expect(await hit('GET', '/health', 200)).toEqual({ ok: true });
    await hit('GET', '/favicon.ico', 204);
    await hit('GET', '/openapi.json', 200);
    expect(await hit('GET', '/docs', 200)).toContain('data-url="/openapi.json"');
    await hit('GET', '/w.js?media', 200);
    const etag = (await call('GET', '/w.js')).headers.get('etag')!;
    await hit('GET', '/w.js', 304, { headers: { 'if-none-match': etag } });
  });

  it('sites and keys', async () => {
    const json = { name: 'contract', origins: ['https://contract.test'] };
    const s = await hit('POST', '/v1/sites', 201, { key: ADMIN, body: json });
    await hit('POST', '/v1/sites', 400, { key: ADMIN, body: { name: '' } });
    await hit('POST', '/v1/sites', 401, { body: json });
    await hit('POST', '/v1/sites', 403, { key: 'wrong', body: json });
    await hit('POST', '/v1/sites', 415, { key: ADMIN, body: 'x', headers: { 'content-type': 'text/csv' } });
    await hit('POST', '/v1/sites', 413, { key: ADMIN, body: { name: 'x'.repeat(20_000) } });
    await hit('POST', '/v1/sites', 503, { key: ADMIN, body: json, env: { ADMIN_TOKEN: '' } });
    const rotated = await hit('POST', '/v1/sites/rotate', 200, { key: s.secretKey });
    await hit('POST', '/v1/sites/rotate', 401, { key: s.secretKey });
    await hit('POST', '/v1/sites/rotate-public', 200, { key: rotated.secretKey });
    await hit('POST', `/v1/sites/${s.id}/rotate`, 200, { key: ADMIN });
    await hit('POST', '/v1/sites/rotate-public', 401, { key: rotated.secretKey });
    await hit('POST', '/v1/sites/site_nope/rotate', 404, { key: ADMIN });
    await hit('POST', `/v1/sites/${s.id}/rotate`, 403, { key: 'wrong' });
  });

  it('events, beacons and the public stage', async () => {
    await hit('POST', '/v1/ip-ranges', 201, { key: sk(), body: { cidr: '198.51.100.0/24', domain: 'acme.com', name: 'Acme' } });
    await hit('POST', '/v1/events', 200, { key: sk(), body: { events: [event({ id: 'c1' }), event({ id: 'c2', company: { domain: 'globex.com', name: 'Globex' } })] } });
    await hit('POST', '/v1/events', 400, { key: sk(), body: { events: [event({ type: 'nope' })] } });
    await hit('POST', '/v1/events', 401, { body: { events: [event()] } });
    await hit('POST', '/v1/events', 413, { key: sk(), body: { events: Array.from({ length: 1001 }, () => ({})) } });
    await hit('POST', '/v1/events', 415, { key: sk(), body: '{}', headers: { 'content-type': 'text/plain' } });
    const beacon = { k: site.publicKey, s: 's-1', e: [{ i: 'p-1', t: 'pv', u: '/pricing', m: 45000 }] };
    const text = { 'content-type': 'text/plain', 'accept-language': 'en', origin };
    await hit('POST', '/v1/collect', 202, { body: JSON.stringify(beacon), headers: text });
    await hit('POST', '/v1/collect', 400, { body: '{"k":1}', headers: text });
    await hit('POST', '/v1/collect', 401, { body: JSON.stringify({ ...beacon, k: 'pk_unknown' }), headers: text });
    await hit('POST', '/v1/collect', 403, { body: JSON.stringify(beacon), headers: { ...text, origin: 'https://evil.test' } });
    await browse(site.id, 'visitor-net-1', { ip: '198.51.100.7' });
    const stage = await hit('GET', `/v1/stage?site=${site.publicKey}&visitor=visitor-net-1`, 200, { headers: { origin } });
    expect(stage.company?.domain).toBe('acme.com');
    await hit('GET', `/v1/stage?site=${site.publicKey}&visitor=nobody`, 200);
    await hit('GET', '/v1/stage', 400);
    await hit('GET', '/v1/stage?site=pk_unknown', 401);
    await hit('GET', `/v1/stage?site=${site.publicKey}`, 403, { headers: { origin: 'https://evil.test' } });
    await hit('OPTIONS', `/v1/stage?site=${site.publicKey}`, 204, { headers: { origin, 'access-control-request-method': 'GET' } });
    await hit('OPTIONS', '/v1/stage', 400);
    await hit('OPTIONS', '/v1/stage?site=pk_unknown', 401);
    await hit('OPTIONS', `/v1/stage?site=${site.publicKey}`, 403, { headers: { origin: 'https://evil.test' } });
  });

  it('companies, stats, rules (cursor pages and ISO times)', async () => {
    const first = await hit('GET', '/v1/companies?limit=1', 200, { key: sk() });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await hit('GET', `/v1/companies?limit=1&cursor=${first.nextCursor}`, 200, { key: sk() });
    expect(second.companies[0].domain).not.toBe(first.companies[0].domain);
    await hit('GET', '/v1/companies?format=csv', 200, { key: sk() });
    await hit('GET', '/v1/companies?limit=0', 400, { key: sk() });
    await hit('GET', '/v1/companies', 401);
    const acme = await hit('GET', '/v1/companies/acme.com', 200, { key: sk() });
    expect(acme.ledger.length).toBeGreaterThan(0);
    await hit('GET', '/v1/companies/nobody.com', 404, { key: sk() });
    await hit('GET', '/v1/companies/not%20a%20domain', 400, { key: sk() });
    const stats = await hit('GET', '/v1/stats', 200, { key: sk() });
    expect(stats.now.total).toBeGreaterThan(0);
    await hit('GET', '/v1/stats?from=yesterday', 400, { key: sk() });
    await hit('GET', '/v1/rules', 200, { key: sk() });
    await hit('PUT', '/v1/rules', 200, { key: sk(), body: { model: 'four-stage' } });
    await hit('PUT', '/v1/rules', 400, { key: sk(), body: { model: 'nine-stage' } });
    await hit('PUT', '/v1/rules', 200, { key: sk(), body: {} });
  });

  it('ip ranges', async () => {
    await hit('POST', '/v1/ip-ranges', 201, { key: sk(), body: { ranges: [{ cidr: '203.0.113.0/25', domain: 'initech.com' }, { cidr: '2001:db8::/48', domain: 'initech.com' }] } });
    await hit('POST', '/v1/ip-ranges', 400, { key: sk(), body: { cidr: '10.0.0.0/1', domain: 'gmail.com' } });
    const page = await hit('GET', '/v1/ip-ranges?limit=1', 200, { key: sk() });
    await hit('GET', `/v1/ip-ranges?limit=1&cursor=${page.nextCursor}`, 200, { key: sk() });
    await hit('GET', '/v1/ip-ranges?cursor=nope', 400, { key: sk() });
    await hit('DELETE', '/v1/ip-ranges?cidr=203.0.113.0/25', 200, { key: sk() });
    await hit('DELETE', '/v1/ip-ranges?cidr=203.0.113.0/25', 404, { key: sk() });
    await hit('DELETE', '/v1/ip-ranges?cidr=203.0.113.0/25&domain=initech.com', 400, { key: sk() });
  });

  it('webhooks, with a delivery listed', async () => {
    const receiver = stubReceiver('contract.hooks.test');
    try {
      await hit('GET', '/v1/webhooks', 404, { key: sk() });
      await hit('POST', '/v1/webhooks/test', 404, { key: sk() });
      await hit('PUT', '/v1/webhooks', 400, { key: sk(), body: { url: 'http://10.0.0.1/hook' } });
      await hit('PUT', '/v1/webhooks', 200, { key: sk(), body: { url: 'https://contract.hooks.test/hook' } });
      await hit('POST', '/v1/events', 200, { key: sk(), body: { events: [event({ company: { domain: 'hooli.com' } }), event({ company: { domain: 'hooli.com' } }), event({ company: { domain: 'hooli.com' } })] } });
      await until(() => receiver.received.length >= 1);
      const hook = await hit('GET', '/v1/webhooks', 200, { key: sk() });
      expect(hook.recent.length).toBeGreaterThan(0);
      expect(await hit('POST', '/v1/webhooks/test', 200, { key: sk() })).toMatchObject({ delivered: true, status: '2xx' });
      await hit('DELETE', '/v1/webhooks', 200, { key: sk() });
      await hit('DELETE', '/v1/webhooks', 404, { key: sk() });
    } finally {
      receiver.restore();
    }
  });

  it('edge personalization', async () => {
    const cfg = { origin: 'https://origin.contract.test', hosts: ['www.contract-edge.test'] };
    await hit('GET', '/v1/personalize', 404, { key: sk() });
    await hit('PUT', '/v1/personalize', 400, { key: sk(), body: { origin: 'ftp://x', hosts: [] } });
    await hit('PUT', '/v1/personalize', 200, { key: sk(), body: cfg });
    await hit('GET', '/v1/personalize', 200, { key: sk() });
    await hit('PUT', '/v1/personalize', 409, { key: (await createSite()).secretKey, body: { ...cfg, origin: 'https://other.contract.test' } });
    await hit('DELETE', '/v1/personalize', 204, { key: sk() });
    await hit('DELETE', '/v1/personalize', 404, { key: sk() });
  });

  it('erasure', async () => {
    const erased = await hit('DELETE', '/v1/companies/globex.com', 200, { key: sk() });
    expect(erased.total).toBeGreaterThan(0);
    await hit('DELETE', '/v1/companies/not_a_domain', 400, { key: sk() });
    await hit('DELETE', '/v1/visitors/visitor-net-1', 200, { key: sk() });
    await hit('DELETE', `/v1/visitors/${'v'.repeat(200)}`, 400, { key: sk() });
  });

  it('the dashboard', async () => {
    const same = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' };
    await hit('GET', '/dashboard', 200);
    await hit('POST', '/dashboard/sign-in', 401, { body: new URLSearchParams({ key: 'sk_wrong' }), headers: same });
    await hit('POST', '/dashboard/sign-in', 403, { body: new URLSearchParams({ key: sk() }), headers: { ...same, 'sec-fetch-site': 'cross-site' } });
    const res = await call('POST', '/dashboard/sign-in', { body: new URLSearchParams({ key: sk() }), headers: same });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    await hit('POST', '/dashboard/sign-in', 303, { body: new URLSearchParams({ key: sk() }), headers: same });
    const withCookie = { headers: { cookie } };
    await hit('GET', '/dashboard?days=30', 200, withCookie);
    await hit('GET', '/dashboard/companies', 200, withCookie);
    await hit('GET', '/dashboard/companies', 401);
    await hit('GET', '/dashboard/companies/export.csv', 200, withCookie);
    await hit('GET', '/dashboard/companies/export.csv', 401);
    await hit('GET', '/dashboard/companies/acme.com', 200, withCookie);
    await hit('GET', '/dashboard/companies/nobody.com', 404, withCookie);
    await hit('GET', '/dashboard/companies/acme.com', 401);
    await hit('POST', '/dashboard/sign-out', 403, { headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    await hit('POST', '/dashboard/sign-out', 303, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
  });

  it('the demo site and the bench routes', async () => {
    for (const p of ['', '/blog', '/blog/three-day-close', '/pricing', '/demo-request', '/webinar', '/tour', '/tour/identity']) await hit('GET', `/demo${p}`, 200);
    await hit('GET', '/demo/blog/nope', 404);
    await hit('POST', '/demo/thanks', 200, { body: new URLSearchParams({ email: 'a@acme.com' }) });
    await hit('GET', '/demo/media/webinar.wav', 200);
    await hit('GET', '/demo/media/webinar.wav', 206, { headers: { range: 'bytes=0-99' } });
    await hit('GET', '/demo/media/webinar.wav', 416, { headers: { range: 'bytes=99999999-' } });
    await hit('GET', '/__bench/d1?trips=2', 200);
    await hit('GET', '/__bench/d1?trips=9', 400);
    for (const p of ['d1', 'proxy', 'sql']) await hit('GET', `/__bench/${p}`, 404, { env: { BENCH: '0' } });
    await hit('GET', `/__bench/sql?q=${encodeURIComponent('SELECT 1 AS one')}`, 200);
    await hit('GET', '/__bench/sql?q=DELETE%20FROM%20sites', 400);
    await hit('POST', '/__bench/body', 202, { body: '{"k":"pk_x"}' });
    await hit('POST', '/__bench/body', 404, { body: 'x', env: { BENCH: '0' } });
    // The proxy fetches the demo page from its own origin: answered here by the Worker itself.
    const real = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const req = new Request(input as RequestInfo, init);
      return req.url.startsWith('http://w.test/') ? call('GET', new URL(req.url).pathname) : real(input as RequestInfo, init);
    });
    try {
      await hit('GET', '/__bench/proxy?path=/demo', 200);
      await hit('GET', '/__bench/proxy?path=demo', 400);
    } finally {
      spy.mockRestore();
    }
  });

  it('every keyed operation: 401 without its key; every body route: 413 over its limit, 415 for another content-type', async () => {
    const { paths } = await contractDocument();
    for (const [path, ops] of Object.entries(paths))
      for (const [m, op] of Object.entries(ops as Record<string, { security?: Record<string, unknown>[]; responses: Record<string, unknown> }>)) {
        const [method, concrete] = [m.toUpperCase(), path.replace(/\{\w+\}/g, 'x')];
        if (op.security?.some((s) => 'secretKey' in s || 'adminToken' in s)) await hit(method, concrete, 401, path === '/v1/sites' ? { body: {} } : {});
        const key = path === '/v1/sites' ? ADMIN : sk();
        if (op.responses[413]) await hit(method, concrete, 413, { key, body: `{"x":"${'x'.repeat(1_100_000)}"}` });
        if (op.responses[415]) await hit(method, concrete, 415, { key, body: '{}', headers: { 'content-type': 'application/xml' } });
      }
  });

  it('the public routes: rate limited (429), and a beacon the queue refuses (503)', async () => {
    const s = await createSite();
    const limited = { env: { PUBLIC_LIMIT: (env as unknown as { TEST_LIMIT: unknown }).TEST_LIMIT } };
    for (let i = 0; i < 3; i++) await hit('GET', `/v1/stage?site=${s.publicKey}`, 200, limited);
    await hit('GET', `/v1/stage?site=${s.publicKey}`, 429, limited);
    const beacon = JSON.stringify({ k: s.publicKey, s: 's-1', e: [{ i: 'p-1', t: 'pv', u: '/', m: 1000 }] });
    const refusing = { send: () => Promise.reject(new Error('queue down')) };
    vi.spyOn(console, 'error').mockImplementationOnce(() => {});
    await hit('POST', '/v1/collect', 503, { body: beacon, headers: { 'content-type': 'text/plain' }, env: { BEACONS: refusing } });
    for (let i = 0; i < 3; i++) await hit('POST', '/v1/collect', 202, { body: beacon, headers: { 'content-type': 'text/plain' }, ...limited });
    await hit('POST', '/v1/collect', 429, { body: beacon, headers: { 'content-type': 'text/plain' }, ...limited });
  });

  it('called every operation of the document, and every declared status but the few listed here', async () => {
    const { paths } = await contractDocument();
    const statuses = Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops as Record<string, { responses: object }>)
      .flatMap(([m, op]) => Object.keys(op.responses).filter((st) => st !== 'default').map((st) => `${m.toUpperCase()} ${path} ${st}`)));
    // Not provokable from a test without faking the Worker's own code: each is a line above in worker/.
    const notProvoked = [
      'POST /v1/sites/rotate 409', // two rotations of one secret key racing
      'POST /v1/sites/{id}/rotate 503', // ADMIN_TOKEN unset: provoked on POST /v1/sites, the same middleware
      'POST /v1/sites/rotate-public 404', // the site deleted between auth and the update
      'POST /v1/events 503', // a database without its schema (schema_missing, test/worker/schema-missing.test.ts)
    ];
    expect(statuses.filter((st) => !exercised.statuses.has(st))).toEqual(notProvoked);
  });

  it('called every operation of the document (the tests above, in order)', async () => {
    const { paths } = await contractDocument();
    const declared = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(declared.filter((o) => !exercised.operations.has(o))).toEqual([]);
  });
});
