// Rate limits on the public routes: the real Workers Rate Limiting binding (miniflare's), per site and client.
// TEST_LIMIT (3 per 60 s, vitest.config.ts) is swapped in for PUBLIC_LIMIT by calling the Worker's fetch directly;
// one test goes through SELF with the wrangler.toml PUBLIC_LIMIT (600 per 60 s) to show that binding is live.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { clientKey, clientNetwork } from '../../worker/http/rate-limit';
import { BASE, createSite, type TestSite } from './helpers';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0', 'accept-language': 'en' };
const testEnv = env as typeof env & { TEST_LIMIT: RateLimit };

/** Windows are aligned to the wall clock locally: start a counting test well inside one. */
async function freshWindow() {
  const s = (Date.now() / 1000) % 60;
  if (s > 52) await new Promise((r) => setTimeout(r, (60 - s) * 1000 + 200));
}

async function call(req: Request, limiter: RateLimit | null = testEnv.TEST_LIMIT) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req, { ...env, PUBLIC_LIMIT: limiter ?? undefined } as any, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const beacon = (site: TestSite, ip: string, n: number) =>
  new Request(`${BASE}/v1/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: site.origins[0], 'cf-connecting-ip': ip, ...BROWSER },
    body: JSON.stringify({ k: site.publicKey, v: 'visitor-rl-0001', e: [{ i: `rl-${n}-${crypto.randomUUID()}`, t: 'pv', c: 'blog' }] }),
  });

const stageReq = (site: TestSite, ip: string) =>
  new Request(`${BASE}/v1/stage?site=${site.publicKey}&visitor=v-rl`, { headers: { origin: site.origins[0], 'cf-connecting-ip': ip } });

// freshWindow() may wait up to ~8 s for the next wall-clock minute: more than the default 5 s test timeout.
describe('rate limits on public routes', { timeout: 20_000 }, () => {
  it('POST /v1/collect: 429 with Retry-After past the limit; other clients and sites unaffected', async () => {
    const [a, b] = [await createSite(), await createSite()];
    await freshWindow();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(beacon(a, '198.51.100.7', i))).status);
    expect(statuses).toEqual([202, 202, 202]);
    const over = await call(beacon(a, '198.51.100.7', 3));
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    expect(await over.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Another client of the same site, and the same client on another site, still pass.
    expect((await call(beacon(a, '198.51.100.8', 4))).status).toBe(202);
    expect((await call(beacon(b, '198.51.100.7', 5))).status).toBe(202);
    // /v1/stage counts separately from /v1/collect.
    expect((await call(stageReq(a, '198.51.100.7'))).status).toBe(200);
  });

  it('GET /v1/stage: 429 with Retry-After past the limit; other clients and sites unaffected', async () => {
    const [a, b] = [await createSite(), await createSite()];
    await freshWindow();
    for (let i = 0; i < 3; i++) expect((await call(stageReq(a, '2001:db8:0:1::1'))).status).toBe(200);
    const over = await call(stageReq(a, '2001:db8:0:1::1'));
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    // Readable by the site's own page (CORS), so the snippet sees a 429 and not a network error.
    expect(over.headers.get('access-control-allow-origin')).toBe(a.origins[0]);
    expect((await call(stageReq(a, '2001:db8:0:2::1'))).status).toBe(200);
    expect((await call(stageReq(b, '2001:db8:0:1::1'))).status).toBe(200);
  });

  it('a rejected (429) beacon is not queued: its event never reaches D1', async () => {
    const site = await createSite();
    await freshWindow();
    for (let i = 0; i < 3; i++) await call(beacon(site, '203.0.113.50', i));
    const req = new Request(`${BASE}/v1/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: site.origins[0], 'cf-connecting-ip': '203.0.113.50', ...BROWSER },
      body: JSON.stringify({ k: site.publicKey, v: 'visitor-rl-0001', e: [{ i: 'must-not-store', t: 'pv' }] }),
    });
    expect((await call(req)).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1500));
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM events WHERE site_id = ? AND id = ?').bind(site.id, 'must-not-store').first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it('IPv6 is limited per /64: ::1 and ::2 share a limit (rotating inside the /64 does not help); another /64 is fresh', async () => {
    const site = await createSite();
    await freshWindow();
    // The attack: rotate the interface id for every request. Three addresses of one /64 use up the /64's three.
    for (const ip of ['::1', '::2', '0:0:0:0:0:0:0:3']) expect((await call(stageReq(site, ip))).status).toBe(200);
    expect((await call(stageReq(site, '::4'))).status).toBe(429);
    for (const ip of ['2001:db8:0:1::a', '2001:db8:0:1::b', '2001:db8:0:1:ffff::1']) expect((await call(stageReq(site, ip))).status).toBe(200);
    expect((await call(stageReq(site, '2001:db8:0:1::c'))).status).toBe(429);
    expect((await call(stageReq(site, '2001:db8:0:2::a'))).status).toBe(200);
  });

  it('IPv4 is limited per address; IPv4-mapped IPv6 is the same client as the IPv4 address', async () => {
    const site = await createSite();
    await freshWindow();
    for (const ip of ['198.51.100.20', '::ffff:198.51.100.20', '[::ffff:c633:6414]']) expect((await call(stageReq(site, ip))).status).toBe(200);
    expect((await call(stageReq(site, '198.51.100.20'))).status).toBe(429);
    expect((await call(stageReq(site, '198.51.100.21'))).status).toBe(200);
  });

  it('clientNetwork: the unit each limit counts', () => {
    expect(clientNetwork('2001:db8:0:1::7')).toBe('2001:db8:0:1::/64');
    expect(clientNetwork('2001:DB8:0:1:abcd::1')).toBe('2001:db8:0:1::/64');
    expect(clientNetwork('::1')).toBe(clientNetwork('::2'));
    expect(clientNetwork('2001:db8:0:1::')).not.toBe(clientNetwork('2001:db8:0:2::'));
    expect(clientNetwork('203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('garbage')).toBe('garbage');
  });

  it('clientNetwork: its IPv4 shortcut answers what ipaddr.js answers, for every address and spelling', () => {
    // The shortcut returns a canonical dotted quad as is: ipaddr.js must agree that it is canonical, and any other
    // spelling (leading zeros, hex, octal, padding) must miss the shortcut and be normalised by ipaddr.js as before.
    fc.assert(fc.property(fc.ipV4(), (ip) => {
      expect(ipaddr.IPv4.isValidFourPartDecimal(ip) && ipaddr.IPv4.parse(ip).toString()).toBe(ip);
      expect(clientNetwork(ip)).toBe(ip);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.ipV4Extended(), fc.constantFrom('', ' ', '\t'), (ip, pad) => {
      const text = `${pad}${ip}${pad}`;
      const slow = ipaddr.IPv4.isValidFourPartDecimal(ip) ? ipaddr.IPv4.parse(ip).toString() : ip.slice(0, 64);
      expect(clientNetwork(text)).toBe(slow);
    }), { numRuns: 2000 });
  });

  it('allows everything when the binding is absent (old config)', async () => {
    const site = await createSite();
    for (let i = 0; i < 8; i++) expect((await call(stageReq(site, '192.0.2.1'), null)).status).toBe(200);
  });

  it('the client key is a hash: the IP is not in it', async () => {
    const k = await clientKey(new Request('http://x', { headers: { 'cf-connecting-ip': '203.0.113.9' } }));
    expect(k).toMatch(/^[0-9a-f]{16}$/);
    expect(await clientKey(new Request('http://x'))).toBe('-');
  });

  it('the wrangler.toml PUBLIC_LIMIT (600 per 60 s) is live in the test pool: the 601st stage lookup is refused', async () => {
    const site = await createSite();
    await freshWindow();
    let ok = 0;
    let limited: Response | undefined;
    for (let i = 0; i < 700 && !limited; i++) {
      const res = await SELF.fetch(`${BASE}/v1/stage?site=${site.publicKey}&visitor=v-soak`, { headers: { 'cf-connecting-ip': '192.0.2.200' } });
      if (res.status === 429) limited = res;
      else (expect(res.status).toBe(200), ok++, await res.arrayBuffer());
    }
    expect(ok).toBe(600);
    expect(limited?.headers.get('retry-after')).toBe('60');
  }, 60_000);
});
