// Property tests on lookup and configuration inputs: GET /v1/stage, GET /v1/companies(+/:domain), PUT /v1/rules,
// POST /v1/ip-ranges, PUT /v1/webhooks, POST /v1/sites. Never a 5xx; a rejected write changes nothing; valid input passes.
import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, BASE, createSite, postEvents, rows, type TestSite } from './helpers';
import { domain, hostile, ipv4, mutate, rawBodies, RUNS, snapshot } from './support/fuzz-arbitraries';

let site: TestSite;
beforeAll(async () => {
  site = await createSite();
  const res = await postEvents(site, [
    { id: 'seed-1', type: 'pageview', category: 'pricing', engagedMs: 30_000, company: { domain: 'fuzzco.com' }, visitor: 'fuzz-visitor-1' },
  ]);
  expect(res.status).toBe(200);
});

/** A query-string value: hostile JSON rendered as text, huge, unicode, or a plausible value. */
const qValue = fc.oneof(
  hostile.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined').slice(0, 5000)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', '-1', 'NaN', 'Infinity', '1e999', '0', '101', '50.5', 'true', 'false', 'ready', 'target'),
);
/** encodeURIComponent, except that a lone surrogate (which it refuses) goes out as its raw, invalid UTF-8 bytes. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\u0000')).replace(/%00/g, '%ED%A0%80');
  }
};
const qs = (params: Record<string, string | undefined>) =>
  Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${enc(k)}=${enc(v!)}`).join('&');

const get = (path: string, headers: Record<string, string> = {}) => SELF.fetch(`${BASE}${path}`, { headers });
const send = (method: string, path: string, key: string, body: string) =>
  SELF.fetch(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });

describe('lookups under fuzzing', () => {
  it('GET /v1/stage: never a 5xx, writes no site data', async () => {
    const siteParam = fc.oneof(fc.constant(site.publicKey), qValue, fc.constant(undefined));
    const visitor = fc.oneof(fc.constant('fuzz-visitor-1'), qValue, fc.constant(undefined), fc.string({ minLength: 129, maxLength: 400 }));
    const origin = fc.oneof(fc.constant(site.origins[0]), fc.constant(undefined), fc.constantFrom('null', 'https://evil.example', 'x'));
    await fc.assert(
      fc.asyncProperty(siteParam, visitor, origin, ipv4, async (s, v, o, ip) => {
        const before = await snapshot(site.id);
        const res = await get(`/v1/stage?${qs({ site: s, visitor: v })}`, { 'cf-connecting-ip': ip, ...(o ? { origin: o } : {}) });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        if (res.status === 200) {
          const body = JSON.parse(text);
          // The public answer is { stage, recommended, company }: never the sales-internal figures.
          expect(body).not.toHaveProperty('score');
          expect(body).not.toHaveProperty('salesAttention');
          expect(typeof body.stage).toBe('string');
          // Only the caller's own company, never another visitor's.
          if (v !== 'fuzz-visitor-1') expect(body.company).toBeNull();
          if (o) expect(res.headers.get('access-control-allow-origin')).toBe(site.origins[0]);
        }
        if (o && o !== site.origins[0]) expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(await snapshot(site.id)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('GET /v1/companies/:domain: never a 5xx', async () => {
    const seg = fc.oneof(qValue, domain, fc.constantFrom('fuzzco.com', 'FUZZCO.COM', 'www.fuzzco.com', '..', '%', '%2F', 'a'.repeat(300)));
    await fc.assert(
      fc.asyncProperty(seg, async (d) => {
        const res = await get(`/v1/companies/${enc(d)}`, { authorization: `Bearer ${site.secretKey}` });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        expect([200, 400, 404], `${res.status} ${text}`).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('GET /v1/companies?stage&salesAttention&limit&cursor: never a 5xx; valid filters answer 200', async () => {
    const key = fc.constantFrom('stage', 'salesAttention', 'limit', 'cursor', 'other', '__proto__');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, qValue, { maxKeys: 4 }), async (q) => {
        const res = await get(`/v1/companies?${qs(q)}`, { authorization: `Bearer ${site.secretKey}` });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        expect([200, 400], `${res.status} ${text}`).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    const valid = fc.record({
      stage: fc.constantFrom('target', 'education', 'solution', 'evaluation', 'ready'),
      salesAttention: fc.constantFrom('true', 'false'),
      limit: fc.integer({ min: 1, max: 100 }).map(String),
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(valid, async (q) => {
        const res = await get(`/v1/companies?${qs(q)}`, { authorization: `Bearer ${site.secretKey}` });
        expect(res.status, await res.clone().text()).toBe(200);
        expect(Array.isArray(((await res.json()) as any).companies)).toBe(true);
      }),
      { numRuns: 50 },
    );
  }, 180_000);
});

describe('configuration writes under fuzzing', () => {
  it('PUT /v1/rules: never a 5xx; rejected overrides change nothing; valid ones are stored', async () => {
    const validOverrides = fc.record({
      model: fc.constantFrom('five-stage', 'four-stage'),
      qualifyingViewMs: fc.integer({ min: 0, max: 120_000 }),
      decay: fc.record({ points: fc.double({ min: 0.1, max: 10, noNaN: true }), periodDays: fc.integer({ min: 1, max: 60 }) }, { requiredKeys: [] }),
      bands: fc.record({ education: fc.constant(2), solution: fc.constant(4), evaluation: fc.constant(6), ready: fc.constant(8) }),
    }, { requiredKeys: [] });
    const body = fc.oneof(
      mutate(validOverrides.map((o) => ({ ...o, model: o.model ?? 'five-stage' }))),
      validOverrides.chain((o) => mutate(fc.constant({ points: 1, periodDays: 7 })).map((decay) => ({ ...o, decay }))),
      fc.record({ triggers: fc.dictionary(fc.string({ maxLength: 60 }), hostile, { maxKeys: 3 }) }),
      fc.record({ points: fc.record({ base: fc.dictionary(fc.string({ maxLength: 20 }), hostile, { maxKeys: 3 }) }) }),
      hostile.map((v) => JSON.stringify(v) ?? 'null'),
      rawBodies,
      // Accepted but extreme: tiny and huge periods, windows and thresholds.
      fc.record({
        decay: fc.record({ points: fc.constantFrom(0.1, 10), periodDays: fc.constantFrom(1e-300, 1e-9, 0.0001, 1e300, 5e-324) }),
        qualifyingViewMs: fc.constantFrom(0, 2 ** 53 - 1),
        velocity: fc.record({ maxMultiplier: fc.constantFrom(1, 10), sessions: fc.record({ pct: fc.constantFrom(0, 10), count: fc.constantFrom(1, 2 ** 53 - 1), windowDays: fc.constantFrom(1e-300, 1e300) }) }),
        triggers: fc.constant({ 'fz-trigger': { target: 'ready', types: ['pageview'], count: 1, windowDays: 1e-300 } }),
      }, { requiredKeys: [] }),
    ).map((b) => (typeof b === 'string' ? b : JSON.stringify(b)));
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = await snapshot(site.id);
        const res = await send('PUT', '/v1/rules', site.secretKey, raw);
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        if (res.status !== 200) expect(await snapshot(site.id), text).toBe(before);
        else {
          // Whatever rules were accepted, scoring under them must still work.
          const ev = await postEvents(site, [{ id: crypto.randomUUID(), type: 'pageview', category: 'pricing', engagedMs: 40_000, company: { domain: 'fuzzco.com' } }]);
          expect(ev.status, `${raw} → ${await ev.clone().text()}`).toBe(200);
          await send('PUT', '/v1/rules', site.secretKey, '{}'); // back to defaults for the next run
        }
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(validOverrides, async (o) => {
        const res = await send('PUT', '/v1/rules', site.secretKey, JSON.stringify(o));
        const text = await res.text();
        expect(res.status, text).toBe(200);
        const [row] = await rows<{ rules: string }>('SELECT rules FROM sites WHERE id = ?', site.id);
        expect(JSON.parse(row!.rules)).toEqual(o);
      }),
      { numRuns: 50 },
    );
    await send('PUT', '/v1/rules', site.secretKey, '{}');
  }, 180_000);

  it('POST /v1/ip-ranges: never a 5xx; rejected input stores no range; valid ranges are stored', async () => {
    const validRange = fc.record({
      cidr: fc.tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `${a}.${b}.${c}.0/24`),
      domain: domain,
    });
    const body = fc.oneof(
      mutate(validRange),
      fc.record({ cidr: fc.oneof(qValue, ipv4.map((ip) => `${ip}/${Math.floor(Math.random() * 40)}`), fc.constantFrom('::/0', '0.0.0.0/0', '2001:db8::/129', '10.0.0.1/24', '1.2.3.4/-1', '1.2.3.4/ 24', 'fe80::1%eth0/64')), domain: fc.oneof(domain, qValue) }),
      fc.array(mutate(validRange), { minLength: 1, maxLength: 4 }).chain((bad) => fc.array(validRange, { maxLength: 3 }).map((good) => ({ ranges: [...good, ...bad] }))),
      hostile.map((ranges) => ({ ranges })),
      hostile,
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = await snapshot(site.id);
        const res = await send('POST', '/v1/ip-ranges', site.secretKey, JSON.stringify(b) ?? 'null');
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        if (res.status !== 201) expect(await snapshot(site.id), text).toBe(before);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(validRange, { minLength: 1, maxLength: 5 }), async (ranges) => {
        const res = await send('POST', '/v1/ip-ranges', site.secretKey, JSON.stringify({ ranges }));
        expect(res.status, await res.clone().text()).toBe(201);
        expect(((await res.json()) as any).ranges).toHaveLength(ranges.length);
      }),
      { numRuns: 50 },
    );
  }, 180_000);

  it('PUT /v1/webhooks: never a 5xx; a rejected config leaves the stored one as it was; valid configs are stored', async () => {
    const validHook = fc.record({
      url: fc.tuple(domain, fc.stringMatching(/^[a-z0-9/_-]{0,30}$/)).map(([d, p]) => `https://${d}/${p}`),
      events: fc.subarray(['stage_changed', 'sales_attention'], { minLength: 1 }),
    });
    const body = fc.oneof(
      mutate(validHook),
      fc.record({ url: fc.oneof(qValue, fc.constantFrom('http://example.com/h', 'ftp://x.com', 'https://u:p@x.com/', 'javascript:alert(1)', 'https://' + 'a'.repeat(3000) + '.com')), events: fc.oneof(hostile, fc.array(qValue, { maxLength: 3 })) }),
      hostile,
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = await snapshot(site.id);
        const res = await send('PUT', '/v1/webhooks', site.secretKey, JSON.stringify(b) ?? 'null');
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        if (res.status !== 200) expect(await snapshot(site.id), text).toBe(before);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(validHook, async (h) => {
        const res = await send('PUT', '/v1/webhooks', site.secretKey, JSON.stringify(h));
        expect(res.status, await res.clone().text()).toBe(200);
        const [row] = await rows<{ url: string }>('SELECT url FROM webhooks WHERE site_id = ?', site.id);
        expect(row?.url).toBe(h.url);
      }),
      { numRuns: 30 },
    );
  }, 180_000);

  it('POST /v1/sites: never a 5xx; a rejected site is not created; valid sites are', async () => {
    const validSite = fc.record({
      name: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
      origins: fc.array(fc.tuple(fc.constantFrom('https', 'http'), domain).map(([p, d]) => `${p}://${d}`), { maxLength: 5 }),
    });
    const count = async () => (await rows<{ n: number }>('SELECT COUNT(*) AS n FROM sites'))[0]!.n;
    const body = fc.oneof(
      mutate(validSite),
      fc.record({ name: fc.constant('x'), origins: fc.array(fc.oneof(qValue, fc.constantFrom('https://a.com/path', 'https://u:p@a.com', 'ftp://a.com', 'https://a.com?q=1', 'null')), { minLength: 1, maxLength: 3 }) }),
      fc.record({ name: fc.constant('x'), origins: fc.array(fc.constant('https://a.com'), { minLength: 21, maxLength: 25 }) }),
      hostile,
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = await count();
        const res = await send('POST', '/v1/sites', ADMIN, JSON.stringify(b) ?? 'null');
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        expect(await count(), text).toBe(before + (res.status === 201 ? 1 : 0));
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(validSite, async (s) => {
        const res = await send('POST', '/v1/sites', ADMIN, JSON.stringify(s));
        expect(res.status, await res.clone().text()).toBe(201);
        const body = (await res.json()) as any;
        expect(body.publicKey).toMatch(/^pk_/);
        expect(body.secretKey).toMatch(/^sk_/);
      }),
      { numRuns: 40 },
    );
    // Wrong or missing admin tokens never create anything.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('', 'test-admin-tokenx', 'TEST-ADMIN-TOKEN', ADMIN.slice(1)), fc.constant(site.secretKey), fc.constant(site.publicKey)), async (tok) => {
        const before = await count();
        const res = await send('POST', '/v1/sites', tok, JSON.stringify({ name: 'x', origins: [] }));
        expect([400, 401, 403]).toContain(res.status);
        expect(await count()).toBe(before);
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
