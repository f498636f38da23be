import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import type { BeaconMessage } from '../../worker/env';
import { BASE, company, createSite, dbTrips, event, postEvents, rows, type TestSite } from './helpers';

/** The site's server names the company first (a neutral view): a browser claim attaches only to a company that exists. */
const known = async (site: TestSite, domain: string) =>
  expect((await postEvents(site, [event({ id: `crm-${domain}`, category: 'home', engagedMs: 0, company: { domain } })])).status).toBe(200);

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36', 'accept-language': 'en' };

function beacon(site: TestSite, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}/v1/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: site.origins[0], ...BROWSER, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify({ k: site.publicKey, ...body }),
  });
}

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs the Worker's exported queue handler on beacon messages; returns the ack/retry outcome. */
async function consume(messages: BeaconMessage[], queue = 'waymark-beacons') {
  const batch = createMessageBatch<BeaconMessage>(queue, messages.map((body, i) => ({ id: `m${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await (worker.queue as (b: MessageBatch<unknown>, e: typeof env, c: ExecutionContext) => Promise<void>)(batch as MessageBatch<unknown>, env, ctx);
  return getQueueResult(batch, ctx);
}

const ctx = (visitorId: string, extra: Partial<BeaconMessage['ctx']> = {}) => ({ visitorId, userAgent: BROWSER['user-agent'], acceptLanguage: 'en', ...extra });
const pv = (id: string, fields: Record<string, unknown> = {}) => ({ id, type: 'pageview' as const, ts: Date.now() - 1000, category: 'blog' as const, engagedMs: 60_000, ...fields });

describe('POST /v1/collect', () => {
  it('answers 202 at once and the queue stores the events (no raw IP in D1)', async () => {
    const site = await createSite();
    const res = await beacon(site, { v: 'visitor-0001', s: 's1', id: 'jane@acme.io', e: [{ i: 'p1', t: 'pv', c: 'blog', m: 30_000 }] }, { 'cf-connecting-ip': '203.0.113.9' });
    expect(res.status).toBe(202);
    const stored = await waitFor(async () => (await rows<any>('SELECT * FROM events WHERE site_id = ?', site.id))[0]);
    expect(stored).toMatchObject({ id: 'p1', type: 'pageview', visitor_id: 'visitor-0001', session_id: 's1', category: 'blog', engaged_ms: 30_000 });
    const dump = JSON.stringify(await rows('SELECT * FROM events')) + JSON.stringify(await rows('SELECT * FROM visitors'));
    expect(dump).not.toContain('203.0.113.9');
    expect(dump).not.toContain('jane@');
  });

  it('costs no D1 round trip once the site is cached (named visitor)', async () => {
    const site = await createSite();
    await beacon(site, { v: 'visitor-0001', e: [{ i: 'w', t: 'pv' }] });
    const res = await beacon(site, { v: 'visitor-0001', e: [{ i: 'x', t: 'pv' }] });
    expect(res.status).toBe(202);
    expect(dbTrips(res)).toBe(0);
  });

  it("lets the site's own page read the answer (the snippet's keepalive fetch fallback), and no one else", async () => {
    const site = await createSite();
    const own = await beacon(site, { v: 'visitor-0001', e: [{ i: 'cors-1', t: 'pv' }] });
    expect(own.status).toBe(202);
    expect(own.headers.get('access-control-allow-origin')).toBe(site.origins[0]);
    expect(own.headers.get('vary')).toContain('Origin');
    const evil = await beacon(site, { e: [{ i: 'cors-2', t: 'pv' }] }, { origin: 'https://evil.test' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes the automation flag as the snippet sends it: true marks the beacon, false does not', async () => {
    const site = await createSite();
    for (const [id, a] of [['auto-t', true], ['auto-f', false]] as const)
      expect((await beacon(site, { v: 'visitor-0001', a, e: [{ i: id, t: 'pv' }] })).status).toBe(202);
    const stored = await waitFor(async () => {
      const r = await rows<{ id: string; automated: number }>('SELECT id, automated FROM events WHERE site_id = ? ORDER BY id', site.id);
      return r.length === 2 ? r : undefined;
    });
    expect(stored).toEqual([{ id: 'auto-f', automated: 0 }, { id: 'auto-t', automated: 1 }]);
  });

  it('rejects bad beacons with a fitting 4xx', async () => {
    const site = await createSite();
    expect((await beacon(site, '{not json' as any)).status).toBe(400);
    const bad = await beacon(site, { e: [{ i: 'a', t: 'zz' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.fields[0].path).toBe('e.0.t');
    expect((await beacon(site, { e: [{ i: 'a', t: 'pv', d: 1.5 }] })).status).toBe(400);
    expect((await beacon({ ...site, publicKey: 'pk_nope' }, { e: [{ i: 'a', t: 'pv' }] })).status).toBe(401);
    expect((await beacon(site, { e: [{ i: 'a', t: 'pv' }] }, { origin: 'https://evil.test' })).status).toBe(403);
    expect((await beacon(site, { e: [{ i: 'a', t: 'pv' }] }, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await beacon(site, { e: [{ i: 'a', t: 'pv', u: 'x'.repeat(2000) }], pad: 'y'.repeat(70_000) })).status).toBe(413);
  });
});

describe('beacon queue consumer', () => {
  it('resolves, scores and acks; engagement updates add only the difference', async () => {
    const site = await createSite();
    await known(site, 'acme.io');
    const r1 = await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-1', { identifiedDomain: 'acme.io' }), events: [pv('a', { engagedMs: 5_000 })] }]);
    expect(r1.explicitAcks).toHaveLength(1);
    const first = await company(site, 'acme.io');
    await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-1'), events: [{ ...pv('a', { engagedMs: 60_000 }), update: true }] }]);
    const later = await company(site, 'acme.io');
    expect(later.score).toBeGreaterThan(first.score);
    const again = await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-1'), events: [{ ...pv('a', { engagedMs: 30_000 }), update: true }] }]);
    expect(again.explicitAcks).toHaveLength(1);
    expect((await company(site, 'acme.io')).score).toBe(later.score);
    expect(await rows('SELECT engaged_ms FROM events WHERE site_id = ? AND id = ?', site.id, 'a')).toEqual([{ engaged_ms: 60_000 }]);
  });

  it('stores bot traffic as automated and never creates a company', async () => {
    const site = await createSite();
    await consume([
      { siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-bot', { identifiedDomain: 'acme.io', automated: true }), events: [pv('b1')] },
      { siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-crawl', { identifiedDomain: 'acme.io', userAgent: 'Googlebot/2.1' }), events: [pv('b2')] },
    ]);
    expect(await rows('SELECT id, automated, company_domain FROM events WHERE site_id = ? ORDER BY id', site.id)).toEqual([
      { id: 'b1', automated: 1, company_domain: null },
      { id: 'b2', automated: 1, company_domain: null },
    ]);
    expect(await rows('SELECT * FROM companies WHERE site_id = ?', site.id)).toEqual([]);
  });

  it('counts a visitor’s earlier unresolved events once, when the visitor is resolved', async () => {
    const site = await createSite();
    await known(site, 'late.io');
    await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-late'), events: [pv('u1'), pv('u2'), pv('u3')] }]);
    expect(await rows('SELECT count(*) AS n FROM events WHERE site_id = ? AND company_domain IS NULL', site.id)).toEqual([{ n: 3 }]);
    await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-late', { identifiedDomain: 'late.io' }), events: [pv('u4')] }]);
    const late = await company(site, 'late.io');
    expect(late.stage).toBe('education'); // 3+ qualifying blog views: the earlier ones count
    await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-late', { identifiedDomain: 'late.io' }), events: [pv('u5', { category: 'careers' })] }]);
    const eventIds = (await company(site, 'late.io')).ledger.map((l: any) => l.eventId).filter((id: string) => id?.startsWith('u'));
    expect(eventIds.filter((id: string) => id === 'u1')).toHaveLength(eventIds.filter((id: string) => id === 'u4').length);
    expect(await rows("SELECT count(*) AS n FROM events WHERE site_id = ? AND company_domain = ? AND id LIKE 'u%'", site.id, 'late.io')).toEqual([{ n: 5 }]);
  });

  it('retries (never acks) a batch whose ingest fails', async () => {
    const site = await createSite();
    const huge = Array.from({ length: 3 }, (_, i) => pv(`h${i}`, { ts: Number.NaN }));
    const r = await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-x', { identifiedDomain: 'acme.io' }), events: huge }]);
    expect(r.explicitAcks).toHaveLength(0);
    expect(r.retryMessages).toHaveLength(1);
  });

  it('a beacon that failed ten times is not lost: the dead-letter consumer stores and scores it', async () => {
    const site = await createSite();
    await known(site, 'dlq.io');
    const r = await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-dlq', { identifiedDomain: 'dlq.io' }), events: [pv('dlq-1')] }], 'waymark-beacons-dlq');
    expect(r.explicitAcks).toHaveLength(1);
    expect(await rows("SELECT id, company_domain FROM events WHERE site_id = ? AND id LIKE 'dlq-%'", site.id)).toEqual([{ id: 'dlq-1', company_domain: 'dlq.io' }]);
    expect((await company(site, 'dlq.io')).score).toBeGreaterThan(0);
    // And a failure there is retried again, not acked.
    const bad = await consume([{ siteId: site.id, receivedAt: Date.now(), ctx: ctx('v-dlq'), events: [pv('dlq-2', { ts: Number.NaN })] }], 'waymark-beacons-dlq');
    expect(bad.retryMessages).toHaveLength(1);
  });
});
