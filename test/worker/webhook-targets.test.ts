// Webhook targets: public https hosts only, at save time and at send time; /test is no port-probe oracle.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { attemptDelivery } from '../../worker/webhooks/deliver';
import { checkWebhookTarget } from '../../worker/webhooks/target';
import { api, BASE, createSite, rows, type TestSite } from './helpers';
import { stubReceiver } from './support/webhooks-receiver';

let restore: (() => void) | null = null;
afterEach(() => (restore?.(), (restore = null)));

const put = (site: TestSite, url: string) => api(site.secretKey, '/v1/webhooks', { method: 'PUT', body: { url } });

/** Calls the Worker with ALLOW_LOCAL_WEBHOOKS=1, as `npm start` runs it. */
async function localDev(site: TestSite, path: string, method: string, body?: unknown) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, {
    method, headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  }), { ...env, ALLOW_LOCAL_WEBHOOKS: '1' } as any, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

// The issue 11 list first, then the rest of the private space in the notations a URL parser accepts.
const REFUSED = [
  'https://169.254.169.254/latest/meta-data', 'https://10.0.0.1/', 'https://localhost:6379/', 'https://[::ffff:127.0.0.1]/', 'http://127.1:9911/',
  'https://127.1/', 'https://0x7f.1/', 'https://2130706433/', 'https://0177.0.0.1/', 'https://0x7f000001/', 'https://017700000001/',
  'https://127.0.0.1./', 'https://0/', 'https://[::]/', 'https://[::1]/', 'https://[fd00:ec2::254]/', 'https://[fc00::1]/', 'https://[fe80::1]/',
  'https://100.64.0.1/', 'https://100.127.255.254/', 'https://172.16.0.1/', 'https://192.168.1.1/', 'https://[::ffff:a00:1]/',
  'https://[64:ff9b::a00:1]/', 'https://[2002:a00:1::]/', 'https://224.0.0.1/', 'https://255.255.255.255/',
  'https://LOCALHOST./', 'https://api.localhost/', 'https://metadata.google.internal/', 'https://printer.local/', 'https://router.home.arpa/',
  'https://redis/', 'https://user:pw@hooks.example.com/', 'http://hooks.example.com/', 'ftp://hooks.example.com/', 'http://localhost:9911/',
];

describe('PUT /v1/webhooks refuses private and local targets', () => {
  it.each(REFUSED)('%s → 400 naming url', async (url) => {
    const site = await createSite();
    const res = await put(site, url);
    expect(res.status, url).toBe(400);
    expect(((await res.json()) as any).error.fields.map((f: any) => f.path)).toEqual(['url']);
    expect(await rows('SELECT 1 FROM webhooks WHERE site_id = ?', site.id)).toEqual([]);
  });

  it.each(['https://hooks.example.com/waymark', 'https://1.1.1.1/hook', 'https://[2606:4700:4700::1111]/hook', 'https://a.hooks.test/x'])('%s is accepted', async (url) => {
    expect((await put(await createSite(), url)).status).toBe(200);
  });

  it('http://localhost is allowed only with ALLOW_LOCAL_WEBHOOKS=1 (npm start), and delivers there', async () => {
    const site = await createSite();
    expect((await put(site, 'http://localhost:9911/hook')).status).toBe(400);
    expect((await localDev(site, '/v1/webhooks', 'PUT', { url: 'http://localhost:9911/hook' })).status).toBe(200);
    // Loopback by name only: the flag opens this machine, never a private network.
    expect((await localDev(site, '/v1/webhooks', 'PUT', { url: 'http://10.0.0.1/hook' })).status).toBe(400);
    const r = stubReceiver('localhost:9911', [204]);
    restore = r.restore;
    expect(await (await localDev(site, '/v1/webhooks/test', 'POST')).json()).toMatchObject({ delivered: true, status: '2xx' });
    expect(r.received).toHaveLength(1);
  });

  it('checkWebhookTarget names the reason', () => {
    expect(checkWebhookTarget('https://10.0.0.1/')).toEqual({ ok: false, reason: '10.0.0.1 is not a public address (private)' });
    expect(checkWebhookTarget('https://100.64.0.1/')).toMatchObject({ reason: expect.stringContaining('carrierGradeNat') });
    expect(checkWebhookTarget('https://169.254.169.254/')).toMatchObject({ reason: expect.stringContaining('metadata') });
  });
});

describe('POST /v1/webhooks/test is no probe', () => {
  it('answers delivered or not and the status class only: no status code, error text or timing', async () => {
    const site = await createSite();
    expect((await put(site, 'https://probe.hooks.test/x')).status).toBe(200);
    const r = stubReceiver('probe.hooks.test', [503]);
    restore = r.restore;
    const body: any = await (await api(site.secretKey, '/v1/webhooks/test', { method: 'POST' })).json();
    expect(body).toMatchObject({ delivered: false, status: '5xx' });
    expect(Object.keys(body).sort()).toEqual(['delivered', 'payload', 'status']);
    r.restore();
    // Nothing listening: the same two fields, no error message to tell "refused" from "timed out".
    const refused = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('connect ECONNREFUSED 10.1.2.3:6379'));
    restore = () => refused.mockRestore();
    const down: any = await (await api(site.secretKey, '/v1/webhooks/test', { method: 'POST' })).json();
    expect(down).toMatchObject({ delivered: false, status: null });
    expect(Object.keys(down).sort()).toEqual(['delivered', 'payload', 'status']);
    expect(JSON.stringify(down)).not.toContain('ECONNREFUSED');
  });
});

describe('at send time', () => {
  it('a private target stored before the rules (or written straight to D1) is dead-lettered, never fetched', async () => {
    const site = await createSite();
    await env.DB.prepare("INSERT INTO webhooks (site_id, url, events, secret, created_at, updated_at) VALUES (?, 'https://10.0.0.1/hook', '[\"stage_changed\"]', 'whsec_x', 0, 0)").bind(site.id).run();
    const id = `whd_${crypto.randomUUID().replace(/-/g, '')}`;
    await env.DB.prepare("INSERT INTO webhook_deliveries (id, site_id, dedupe_key, type, company_domain, payload, status, attempts, created_at, updated_at) VALUES (?1, ?2, ?1, 'stage_changed', 'acme.com', '{}', 'pending', 0, 0, 0)").bind(id, site.id).run();
    const r = stubReceiver('10.0.0.1', [200]);
    restore = r.restore;
    expect(await attemptDelivery(env, id)).toEqual({ kind: 'dead', status: null });
    expect(r.received).toHaveLength(0);
    const [row] = await rows<any>('SELECT status, last_error FROM webhook_deliveries WHERE id = ?', id);
    expect(row).toEqual({ status: 'dead', last_error: 'target not allowed: 10.0.0.1 is not a public address (private)' });
    expect(await (await api(site.secretKey, '/v1/webhooks/test', { method: 'POST' })).json()).toMatchObject({ delivered: false, status: null });
    expect(r.received).toHaveLength(0);
  });
});
