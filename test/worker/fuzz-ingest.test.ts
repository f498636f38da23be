// Property tests on the ingest inputs (POST /v1/events, POST /v1/collect): hostile input never gets a 5xx and stores
// nothing; valid input is always accepted.
import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, createSite, rows, type TestSite } from './helpers';
import { beacon, canonicalEvent, hostile, ipv4, isClientError, mutate, rawBodies, RUNS, snapshot } from './support/fuzz-arbitraries';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0', 'accept-language': 'en' };
let site: TestSite; // /v1/events
let csite: TestSite; // /v1/collect
beforeAll(async () => {
  site = await createSite();
  csite = await createSite();
});

const sendEvents = (body: unknown, raw = false) =>
  SELF.fetch(`${BASE}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });

describe('POST /v1/events under fuzzing', () => {
  it('hostile batches: never a 5xx, and a rejected batch stores nothing', async () => {
    const batch = fc.oneof(
      fc.array(mutate(canonicalEvent), { minLength: 1, maxLength: 5 }).map((events) => ({ events })),
      // one bad event hidden among good ones: all-or-nothing
      fc.tuple(fc.array(canonicalEvent, { minLength: 1, maxLength: 5 }), mutate(canonicalEvent)).map(([good, bad]) => ({ events: [...good, bad] })),
      hostile.map((events) => ({ events })),
      hostile,
      mutate(fc.record({ events: fc.array(canonicalEvent, { minLength: 1, maxLength: 3 }) })),
    );
    await fc.assert(
      fc.asyncProperty(batch, async (body) => {
        const before = await snapshot(site.id);
        const res = await sendEvents(body);
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        if (res.status !== 200) {
          expect(isClientError(res.status), text).toBe(true);
          expect(await snapshot(site.id), text).toBe(before);
        } else {
          const { accepted, duplicates } = JSON.parse(text);
          expect(accepted + duplicates).toBe((body as { events: unknown[] }).events.length);
        }
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('raw bodies that are not JSON (deep nesting, NaN, BOM, truncated): 4xx, nothing stored', async () => {
    await fc.assert(
      fc.asyncProperty(rawBodies, async (raw) => {
        const before = await snapshot(site.id);
        const res = await sendEvents(raw, true);
        const text = await res.text();
        expect(isClientError(res.status), `${res.status} ${text}`).toBe(true);
        expect(await snapshot(site.id)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('valid batches are always accepted, and a replay is all duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(canonicalEvent, { minLength: 1, maxLength: 8 }), async (events) => {
        const res = await sendEvents({ events });
        const text = await res.text();
        expect(res.status, text).toBe(200);
        expect(JSON.parse(text)).toEqual({ accepted: events.length, duplicates: 0 });
        const again = await sendEvents({ events });
        expect(await again.json()).toEqual({ accepted: 0, duplicates: events.length });
      }),
      { numRuns: Math.ceil(RUNS * 0.7) },
    );
  }, 180_000);

  it('wrong content types, missing or wrong keys: 4xx', async () => {
    const key = fc.oneof(fc.constant(site.publicKey), fc.constant('sk_nope'), fc.string(), fc.constant(''));
    const type = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', '', 'application/json; charset=utf-16');
    await fc.assert(
      fc.asyncProperty(key, type, async (k, t) => {
        const res = await SELF.fetch(`${BASE}/v1/events`, {
          method: 'POST', headers: { authorization: `Bearer ${k}`, 'content-type': t }, body: '{"events":[]}',
        });
        expect(isClientError(res.status)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('POST /v1/collect under fuzzing', () => {
  const sent = new Map<string, number>(); // event id → status of the beacon that carried it

  const post = (body: string, headers: Record<string, string> = {}) =>
    SELF.fetch(`${BASE}/v1/collect`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: csite.origins[0], ...BROWSER, ...headers }, body });

  const record = (body: unknown, status: number) => {
    const e = (body as { e?: unknown })?.e;
    if (Array.isArray(e)) for (const x of e) if (typeof (x as { i?: unknown })?.i === 'string') sent.set((x as { i: string }).i, Math.max(sent.get((x as { i: string }).i) ?? 0, status === 202 ? 1 : 0));
  };

  it('hostile beacons: never a 5xx', async () => {
    const body = fc.oneof(
      mutate(beacon(csite.publicKey)),
      beacon(csite.publicKey).chain((b) => mutate(fc.constant(b.e[0] as Record<string, unknown>)).map((bad) => ({ ...b, e: [...b.e, bad] }))),
      hostile.map((k) => ({ k, e: [{ i: crypto.randomUUID(), t: 'pv' }] })),
      hostile,
    );
    await fc.assert(
      fc.asyncProperty(body, ipv4, async (b, ip) => {
        const res = await post(JSON.stringify(b), { 'cf-connecting-ip': ip });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        expect([202, 400, 401, 403, 413, 429], `${res.status} ${text}`).toContain(res.status);
        record(b, res.status);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('raw non-JSON beacons: 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(rawBodies, async (raw) => {
        const res = await post(raw);
        expect(isClientError(res.status), `${res.status}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('valid beacons are always accepted (202), from the site origin or with no Origin', async () => {
    await fc.assert(
      fc.asyncProperty(beacon(csite.publicKey), ipv4, fc.boolean(), async (b, ip, withOrigin) => {
        const res = await SELF.fetch(`${BASE}/v1/collect`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'cf-connecting-ip': ip, ...BROWSER, ...(withOrigin ? { origin: csite.origins[0] } : {}) },
          body: JSON.stringify(b),
        });
        const text = await res.text();
        expect(res.status, text).toBe(202);
        expect(JSON.parse(text)).toEqual({ queued: b.e.length });
        record(b, 202);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('afterwards, only events of accepted beacons are in D1', async () => {
    await new Promise((r) => setTimeout(r, 3000)); // let the queue consumer drain
    const stored = await rows<{ id: string }>('SELECT id FROM events WHERE site_id = ?', csite.id);
    expect(stored.length).toBeGreaterThan(0);
    // Every stored event came from a beacon that was answered 202 (ids are random per run).
    for (const { id } of stored) expect(sent.get(id), id).toBe(1);
  }, 30_000);
});
