// Key rotation: a leaked secret key can be replaced (by its holder or the admin) and stops working; public keys rotate with a grace period.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PUBLIC_KEY_GRACE_DAYS } from '../../worker/db/sites';
import { ADMIN, api, BASE, createSite, type TestSite } from './helpers';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0', 'accept-language': 'en' };
const rules = (key: string) => api(key, '/v1/rules');
const rotate = (key: string) => api(key, '/v1/sites/rotate', { method: 'POST' });
const beacon = (site: TestSite, publicKey: string) =>
  SELF.fetch(`${BASE}/v1/collect`, {
    method: 'POST', headers: { 'content-type': 'text/plain', origin: site.origins[0], ...BROWSER },
    body: JSON.stringify({ k: publicKey, v: 'visitor-rotation', e: [{ i: crypto.randomUUID(), t: 'pv', c: 'blog' }] }),
  });
const signIn = (key: string) => SELF.fetch(`${BASE}/dashboard/sign-in`, {
  method: 'POST', redirect: 'manual', body: new URLSearchParams({ key }), headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const signedIn = async (cookie: string) => (await (await SELF.fetch(`${BASE}/dashboard`, { headers: { cookie } })).text()).includes('Stage funnel');

describe('POST /v1/sites/rotate (secret key)', () => {
  it('issues a new secret; the old one is refused at once, even though this isolate had it cached', async () => {
    const site = await createSite();
    expect((await rules(site.secretKey)).status).toBe(200); // warms the per-isolate cache with the old key
    const res = await rotate(site.secretKey);
    expect(res.status).toBe(200);
    const { id, secretKey } = (await res.json()) as { id: string; secretKey: string };
    expect(id).toBe(site.id);
    expect(secretKey).toMatch(/^sk_/);
    expect(secretKey).not.toBe(site.secretKey);
    expect((await rules(site.secretKey)).status).toBe(401);
    expect((await rotate(site.secretKey)).status).toBe(401);
    expect((await rules(secretKey)).status).toBe(200);
    // Stored hashed, like the first one.
    const row = await env.DB.prepare('SELECT secret_hash FROM sites WHERE id = ?').bind(site.id).first<{ secret_hash: string }>();
    expect(row!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secretKey);
  });

  it('ends the dashboard sessions opened with the old key', async () => {
    const site = await createSite();
    const cookie = (await signIn(site.secretKey)).headers.get('set-cookie')!.split(';')[0];
    expect(await signedIn(cookie)).toBe(true);
    expect((await rotate(site.secretKey)).status).toBe(200);
    expect(await signedIn(cookie)).toBe(false);
  });

  it('needs a secret key: a public key or no key is a 401, and rotates only the caller\'s site', async () => {
    const [a, b] = [await createSite(), await createSite()];
    expect((await rotate(a.publicKey)).status).toBe(401);
    expect((await api(null, '/v1/sites/rotate', { method: 'POST' })).status).toBe(401);
    expect((await rotate(a.secretKey)).status).toBe(200);
    expect((await rules(b.secretKey)).status).toBe(200);
  });
});

describe('POST /v1/sites/:id/rotate (ADMIN_TOKEN), for a lost secret key', () => {
  it('issues a new secret and the lost one stops working', async () => {
    const site = await createSite();
    expect((await rules(site.secretKey)).status).toBe(200);
    const res = await api(ADMIN, `/v1/sites/${site.id}/rotate`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { secretKey } = (await res.json()) as { secretKey: string };
    expect((await rules(site.secretKey)).status).toBe(401);
    expect((await rules(secretKey)).status).toBe(200);
  });

  it('refuses a wrong admin token or a site secret (403), and answers 404 for an unknown site', async () => {
    const site = await createSite();
    expect((await api('wrong-token', `/v1/sites/${site.id}/rotate`, { method: 'POST' })).status).toBe(403);
    expect((await api(site.secretKey, `/v1/sites/${site.id}/rotate`, { method: 'POST' })).status).toBe(403);
    expect((await api(ADMIN, '/v1/sites/site_nope/rotate', { method: 'POST' })).status).toBe(404);
    expect((await rules(site.secretKey)).status).toBe(200);
  });
});

describe('POST /v1/sites/rotate-public', () => {
  it(`issues a new public key; the old one keeps working for ${PUBLIC_KEY_GRACE_DAYS} days (cached pages), the new one at once`, async () => {
    const site = await createSite();
    const res = await api(site.secretKey, '/v1/sites/rotate-public', { method: 'POST' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.publicKey).toMatch(/^pk_/);
    expect(body.previousPublicKey).toBe(site.publicKey);
    expect(body.graceDays).toBe(PUBLIC_KEY_GRACE_DAYS);
    const until = Date.parse(body.previousValidUntil) - Date.now();
    expect(until).toBeGreaterThan((PUBLIC_KEY_GRACE_DAYS - 0.01) * 86_400_000);
    expect((await beacon(site, body.publicKey)).status).toBe(202);
    expect((await beacon(site, site.publicKey)).status).toBe(202);
    expect((await SELF.fetch(`${BASE}/v1/stage?site=${site.publicKey}&visitor=visitor-rotation`, { headers: { origin: site.origins[0] } })).status).toBe(200);
    // The secret key is untouched.
    expect((await rules(site.secretKey)).status).toBe(200);
  });

  it('after the grace period the old public key is refused', async () => {
    const site = await createSite();
    const { publicKey } = (await (await api(site.secretKey, '/v1/sites/rotate-public', { method: 'POST' })).json()) as any;
    await env.DB.prepare('UPDATE sites SET prev_public_key_until = ? WHERE id = ?').bind(Date.now() - 1, site.id).run();
    expect((await beacon(site, site.publicKey)).status).toBe(401);
    expect((await beacon(site, publicKey)).status).toBe(202);
  });

  it('a second rotation ends the first key\'s grace at once (one previous key at a time)', async () => {
    const site = await createSite();
    await api(site.secretKey, '/v1/sites/rotate-public', { method: 'POST' });
    const second = (await (await api(site.secretKey, '/v1/sites/rotate-public', { method: 'POST' })).json()) as any;
    expect(second.previousPublicKey).not.toBe(site.publicKey);
    expect((await beacon(site, site.publicKey)).status).toBe(401);
    expect((await beacon(site, second.previousPublicKey)).status).toBe(202);
  });
});
