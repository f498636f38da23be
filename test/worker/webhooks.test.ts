import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import type { CompanyChange } from '../../worker/ingest/types';
import { MAX_ATTEMPTS } from '../../worker/webhooks/deliver';
import { notifyChanges } from '../../worker/webhooks/notify';
import { openSecret, sealSecret } from '../../worker/webhooks/secret-box';
import { signatureHeader, verifySignature } from '../../worker/webhooks/sign';
import { api, createSite, event, postEvents, rows, type TestSite } from './helpers';
import { stubReceiver, until, type Received } from './support/webhooks-receiver';

let restore: (() => void) | null = null;
afterEach(() => (restore?.(), (restore = null)));

function receiver(host: string, statuses?: number[]) {
  const r = stubReceiver(host, statuses);
  restore = r.restore;
  return r.received;
}

async function setWebhook(site: TestSite, host: string, events?: string[]): Promise<string> {
  const res = await api(site.secretKey, '/v1/webhooks', { method: 'PUT', body: { url: `https://${host}/hook`, ...(events ? { events } : {}) } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { secret: string }).secret;
}

const nowSec = () => Math.floor(Date.now() / 1000);
const verify = (secret: string, r: Received) => verifySignature(secret, r.headers.get('waymark-signature'), r.body, nowSec());

describe('signatures', () => {
  it('verify for the right secret and body, and refuse a wrong secret, a changed body or an old timestamp', async () => {
    const body = '{"type":"stage_changed"}';
    const t = nowSec();
    const header = await signatureHeader('whsec_a', body, t);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await verifySignature('whsec_a', header, body, t)).toEqual({ ok: true, t });
    expect(await verifySignature('whsec_b', header, body, t)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await verifySignature('whsec_a', header, body + ' ', t)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await verifySignature('whsec_a', header, body, t + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(await verifySignature('whsec_a', 'nonsense', body, t)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('secrets at rest are AES-GCM sealed when WEBHOOK_KEY is set, and bound to their site', async () => {
    const sealed = await sealSecret('whsec_x', 'worker-key', 'site_1');
    expect(sealed).toMatch(/^enc1:/);
    expect(sealed).not.toContain('whsec_x');
    expect(await openSecret(sealed, 'worker-key', 'site_1')).toBe('whsec_x');
    await expect(openSecret(sealed, 'other-key', 'site_1')).rejects.toThrow();
    await expect(openSecret(sealed, 'worker-key', 'site_2')).rejects.toThrow();
    expect(await sealSecret('whsec_x', undefined, 'site_1')).toBe('whsec_x');
  });
});

describe('/v1/webhooks', () => {
  it('PUT shows a new secret once; GET shows the config without it; DELETE removes it', async () => {
    const site = await createSite();
    const secret = await setWebhook(site, 'a.hooks.test', ['stage_changed']);
    expect(secret).toMatch(/^whsec_/);
    const got = await api(site.secretKey, '/v1/webhooks');
    expect(got.status).toBe(200);
    const text = await got.text();
    expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ url: 'https://a.hooks.test/hook', events: ['stage_changed'], recent: [] });
    const again = await setWebhook(site, 'a.hooks.test');
    expect(again).not.toBe(secret);
    expect((await api(site.secretKey, '/v1/webhooks', { method: 'DELETE' })).status).toBe(200);
    expect((await api(site.secretKey, '/v1/webhooks')).status).toBe(404);
    expect((await api(site.secretKey, '/v1/webhooks', { method: 'DELETE' })).status).toBe(404);
  });

  it('rejects bad input with field errors, and needs the secret key', async () => {
    const site = await createSite();
    const bad = await api(site.secretKey, '/v1/webhooks', { method: 'PUT', body: { url: 'http://example.com/x', events: ['nope'] } });
    expect(bad.status).toBe(400);
    const body: any = await bad.json();
    expect(body.error.fields.map((f: any) => f.path)).toEqual(expect.arrayContaining(['url', 'events.0']));
    expect((await api(site.secretKey, '/v1/webhooks', { method: 'PUT', body: '{' })).status).toBe(400);
    expect((await api(null, '/v1/webhooks')).status).toBe(401);
    expect((await api(site.publicKey, '/v1/webhooks', { method: 'PUT', body: { url: 'https://x.test' } })).status).toBe(401);
  });

  it("one site's secret never sees another site's webhook", async () => {
    const [a, b] = [await createSite(), await createSite()];
    await setWebhook(a, 'iso.hooks.test');
    expect((await api(b.secretKey, '/v1/webhooks')).status).toBe(404);
  });

  it('POST /v1/webhooks/test sends a signed test delivery and reports the answer', async () => {
    const site = await createSite();
    const secret = await setWebhook(site, 'test.hooks.test');
    const got = receiver('test.hooks.test', [204]);
    const res = await api(site.secretKey, '/v1/webhooks/test', { method: 'POST' });
    const out: any = await res.json();
    expect(out, JSON.stringify(out)).toMatchObject({ delivered: true, status: '2xx' });
    expect(got).toHaveLength(1);
    expect((await verify(secret, got[0])).ok).toBe(true);
    expect(JSON.parse(got[0].body)).toMatchObject({ type: 'test', site: site.id });
  });
});

describe('deliveries', () => {
  it('a stage change produces one signed delivery that verifies; the same events again produce no second one', async () => {
    const site = await createSite();
    const secret = await setWebhook(site, 'e2e.hooks.test');
    const got = receiver('e2e.hooks.test');
    const evs = [event({ id: 'b1' }), event({ id: 'b2' }), event({ id: 'b3' })];
    expect((await postEvents(site, evs)).status).toBe(200);
    // Through the real queue: notifyChanges → waymark-webhooks → queue() → the receiver.
    await until(() => got.length >= 1);
    expect(got).toHaveLength(1);
    const r = got[0];
    expect(await verify(secret, r)).toMatchObject({ ok: true });
    expect(r.headers.get('waymark-delivery')).toMatch(/^whd_/);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ type: 'stage_changed', site: site.id, company: { domain: 'acme.com' }, from: 'target', to: 'education', salesAttention: false });
    expect(typeof body.score).toBe('number');
    expect(new Date(body.at).toISOString()).toBe(body.at);
    await until(async () => (await rows<any>("SELECT status FROM webhook_deliveries WHERE site_id = ?", site.id))[0]?.status === 'delivered');

    expect(await (await postEvents(site, evs)).json()).toEqual({ accepted: 0, duplicates: 3 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(got).toHaveLength(1);
    expect(await rows('SELECT id FROM webhook_deliveries WHERE site_id = ?', site.id)).toHaveLength(1);
  });

  it('notifies sales_attention when the flag turns on, and only the events a webhook subscribed to', async () => {
    const site = await createSite();
    await setWebhook(site, 'sub.hooks.test', ['sales_attention']);
    const got = receiver('sub.hooks.test');
    await postEvents(site, [event({ type: 'form', form: 'demo', category: undefined })]);
    await until(() => got.length >= 1);
    expect(JSON.parse(got[0].body)).toMatchObject({ type: 'sales_attention', salesAttention: true, to: 'evaluation' });
    expect((await rows<any>('SELECT type FROM webhook_deliveries WHERE site_id = ?', site.id)).map((r) => r.type)).toEqual(['sales_attention']);
  });

  /** Writes one outbox row through notifyChanges with a queue that only records (the test drives the consumer). */
  async function outboxRow(site: TestSite, host: string): Promise<string> {
    await setWebhook(site, host);
    const sent: string[] = [];
    const queue = { sendBatch: async (ms: { body: { deliveryId: string } }[]) => void sent.push(...ms.map((m) => m.body.deliveryId)) };
    const change: CompanyChange = {
      siteId: site.id, domain: 'retry.com', name: 'Retry', at: Date.now(), events: [],
      before: { score: 5, stage: 'solution', salesAttention: false }, after: { score: 6.5, stage: 'evaluation', salesAttention: false },
      transitions: [{ from: 'solution', to: 'evaluation', at: 1_700_000_000_000, score: 6.5, reason: 'gate:demo-request' }],
    };
    await notifyChanges({ ...env, WEBHOOKS: queue as unknown as Queue }, [change]);
    await notifyChanges({ ...env, WEBHOOKS: queue as unknown as Queue }, [change]); // the same change twice: one row
    expect(sent).toHaveLength(1);
    return sent[0];
  }

  async function consume(id: string, attempts: number) {
    const batch = createMessageBatch('waymark-webhooks', [{ id: `m${attempts}`, timestamp: Date.now(), attempts, body: { deliveryId: id, attempt: attempts } }]);
    const ctx = createExecutionContext();
    await (worker.queue as ExportedHandlerQueueHandler<typeof env>)(batch as MessageBatch, env, ctx);
    return getQueueResult(batch, ctx);
  }

  it('a receiver that fails is retried with backoff and later succeeds', async () => {
    const site = await createSite();
    const id = await outboxRow(site, 'flaky.hooks.test');
    const got = receiver('flaky.hooks.test', [500, 503, 200]);
    // (The test harness records a retry but not its delaySeconds; the row's next_attempt shows the backoff.)
    const t1 = Date.now();
    expect((await consume(id, 1)).retryMessages).toEqual([{ msgId: 'm1' }]);
    const row1 = (await rows<any>('SELECT status, attempts, last_status, next_attempt FROM webhook_deliveries WHERE id = ?', id))[0];
    expect(row1).toMatchObject({ status: 'retrying', attempts: 1, last_status: 500 });
    expect(row1.next_attempt - t1).toBeGreaterThanOrEqual(30_000);
    expect(row1.next_attempt - Date.now()).toBeLessThanOrEqual(30_000);
    const t2 = Date.now();
    expect((await consume(id, 2)).retryMessages).toEqual([{ msgId: 'm2' }]);
    const row2 = (await rows<any>('SELECT next_attempt FROM webhook_deliveries WHERE id = ?', id))[0];
    expect(row2.next_attempt - t2).toBeGreaterThanOrEqual(120_000);
    const third = await consume(id, 3);
    expect(third.explicitAcks).toEqual(['m3']);
    expect(third.retryMessages).toEqual([]);
    expect((await rows<any>('SELECT status, attempts, last_status FROM webhook_deliveries WHERE id = ?', id))[0]).toEqual({ status: 'delivered', attempts: 3, last_status: 200 });
    expect(got).toHaveLength(3);
    expect(new Set(got.map((g) => g.body)).size).toBe(1); // the same payload, signed afresh each time
    // A late duplicate message for a delivered row sends nothing.
    expect((await consume(id, 4)).explicitAcks).toEqual(['m4']);
    expect(got).toHaveLength(3);
  });

  it('two messages for one delivery at once send it once (the row is claimed before sending)', async () => {
    const site = await createSite();
    const id = await outboxRow(site, 'twice.hooks.test');
    const got = receiver('twice.hooks.test');
    await Promise.all([consume(id, 1), consume(id, 1)]);
    expect(got).toHaveLength(1);
    expect((await rows<any>('SELECT status, attempts FROM webhook_deliveries WHERE id = ?', id))[0]).toEqual({ status: 'delivered', attempts: 1 });
  });

  it('a delivery whose queue message was lost is re-sent by the scheduled pass', async () => {
    const { runScheduledPass } = await import('../../worker/cron');
    const site = await createSite();
    const id = await outboxRow(site, 'lost.hooks.test'); // written, but its message only went to a recording fake
    const got = receiver('lost.hooks.test');
    expect((await runScheduledPass(env, Date.now())).deliveriesRequeued).toBe(0); // not stuck yet
    const s = await runScheduledPass(env, Date.now() + 20 * 60_000);
    expect(s.deliveriesRequeued).toBeGreaterThanOrEqual(1);
    await until(() => got.length >= 1); // through the real queue this time
    expect(got[0].headers.get('waymark-delivery')).toBe(id);
    await until(async () => (await rows<any>('SELECT status FROM webhook_deliveries WHERE id = ?', id))[0].status === 'delivered');
  });

  it('after the last attempt the delivery is dead-lettered and acknowledged', async () => {
    const site = await createSite();
    const id = await outboxRow(site, 'down.hooks.test');
    const got = receiver('down.hooks.test', [500]);
    for (let n = 1; n < MAX_ATTEMPTS; n++) expect((await consume(id, n)).retryMessages).toHaveLength(1);
    const last = await consume(id, MAX_ATTEMPTS);
    expect(last.explicitAcks).toHaveLength(1);
    expect((await rows<any>('SELECT status, attempts FROM webhook_deliveries WHERE id = ?', id))[0]).toEqual({ status: 'dead', attempts: MAX_ATTEMPTS });
    expect(got).toHaveLength(MAX_ATTEMPTS);
    const listed: any = await (await api(site.secretKey, '/v1/webhooks')).json();
    expect(listed.deliveries).toEqual({ dead: 1 });
    expect(listed.recent[0]).toMatchObject({ id, status: 'dead', lastStatus: 500, lastError: 'HTTP 500' });
  });

  it('deleting the webhook cancels deliveries not yet made', async () => {
    const site = await createSite();
    const id = await outboxRow(site, 'gone.hooks.test');
    await api(site.secretKey, '/v1/webhooks', { method: 'DELETE' });
    const got = receiver('gone.hooks.test');
    expect((await consume(id, 1)).explicitAcks).toHaveLength(1);
    expect(got).toHaveLength(0);
    expect((await rows<any>('SELECT status FROM webhook_deliveries WHERE id = ?', id))[0].status).toBe('cancelled');
  });
});

describe('backoff', () => {
  it('grows ×4 from 30 s and is capped at the 12-hour queue limit', async () => {
    const { backoffSeconds } = await import('../../worker/webhooks/deliver');
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffSeconds)).toEqual([30, 120, 480, 1920, 7680, 30720, 43200]);
  });
});
