// Reverse DNS as a resolver rung (25) against a DoH stub: company PTRs name, ISP/hosting PTRs do not, timeouts cost nothing.
import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BeaconMessage } from '../../worker/env';
import { DOH_TIMEOUT_MS, resetReverseDnsBreaker } from '../../worker/identity/reverse-dns';
import { resolveCompany, type IdentityContext } from '../../worker/identity/resolve';
import { consumeBeacons } from '../../worker/queue/beacons';
import { api, BASE, createSite, rows, type TestSite } from './helpers';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const browser = (fields: IdentityContext = {}): IdentityContext => ({ userAgent: chrome, acceptLanguage: 'en', visitorId: crypto.randomUUID(), ...fields });
const DOH = 'https://doh.test/dns-query';
const withDoh = { ...env, DOH_URL: DOH };

/** A DoH JSON server: answers PTR questions from a table (name → PTR data), records every request. */
function dohStub(table: Record<string, string | null>) {
  const calls: { url: URL; accept: string | null }[] = [];
  const fetch = async (input: string, init: RequestInit) => {
    const url = new URL(input);
    calls.push({ url, accept: new Headers(init.headers).get('accept') });
    const name = url.searchParams.get('name')!;
    const data = table[name];
    if (data === undefined) return Response.json({ Status: 3, Question: [{ name, type: 12 }] }); // NXDOMAIN
    return Response.json({ Status: 0, Question: [{ name, type: 12 }], Answer: data === null ? [] : [{ name, type: 12, TTL: 3600, data }] });
  };
  return { fetch, calls };
}

let site: TestSite;
beforeEach(async () => {
  site = await createSite();
  resetReverseDnsBreaker();
});

describe('reverse DNS (25)', () => {
  it('a PTR gw-1.acme-widgets.com. names acme-widgets.com, asked as <reversed>.in-addr.arpa PTR in dns-json', async () => {
    const doh = dohStub({ '9.113.0.203.in-addr.arpa': 'gw-1.acme-widgets.com.' });
    const ctx = browser({ ip: '203.0.113.9' });
    expect(await resolveCompany(withDoh, site.id, ctx, { fetch: doh.fetch })).toEqual({ domain: 'acme-widgets.com', confidence: 25, source: 'reverse-dns', firstResolved: true });
    expect(doh.calls).toHaveLength(1);
    expect(doh.calls[0]!.url.origin + doh.calls[0]!.url.pathname).toBe(DOH);
    expect(Object.fromEntries(doh.calls[0]!.url.searchParams)).toEqual({ name: '9.113.0.203.in-addr.arpa', type: 'PTR' });
    expect(doh.calls[0]!.accept).toBe('application/dns-json');
    expect(await rows('SELECT company_domain, source FROM visitors WHERE id = ?', ctx.visitorId)).toEqual([{ company_domain: 'acme-widgets.com', source: 'reverse-dns' }]);
  });

  it('asks IPv6 addresses under ip6.arpa, nibble by nibble', async () => {
    const name = '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa';
    const doh = dohStub({ [name]: 'vpn-gw.initech.co.uk.' });
    expect(await resolveCompany(withDoh, site.id, browser({ ip: '2001:db8::1' }), { fetch: doh.fetch })).toMatchObject({ domain: 'initech.co.uk', source: 'reverse-dns' });
  });

  it('an ISP PTR (pool-71-1-2-3.nycmny.fios.verizon.net) and cloud PTRs name nothing', async () => {
    const doh = dohStub({
      '3.2.1.71.in-addr.arpa': 'pool-71-1-2-3.nycmny.fios.verizon.net.',
      '4.3.2.54.in-addr.arpa': 'ec2-54-2-3-4.compute-1.amazonaws.com.',
      '5.3.2.34.in-addr.arpa': '5.3.2.34.bc.googleusercontent.com.',
      '9.8.7.99.in-addr.arpa': 'c-99-7-8-9.hsd1.ca.comcast.net.',
      '1.8.7.98.in-addr.arpa': '98-7-8-1.dynamic.smallisp.example.',
    });
    for (const ip of ['71.1.2.3', '54.2.3.4', '34.2.3.5', '99.7.8.9', '98.7.8.1']) {
      expect(await resolveCompany(withDoh, site.id, browser({ ip }), { fetch: doh.fetch }), ip).toBeNull();
    }
    expect(doh.calls).toHaveLength(5);
  });

  it('is not asked on ISP, mobile, hosting or VPN networks, nor when DOH_URL is empty', async () => {
    const doh = dohStub({ '9.113.0.203.in-addr.arpa': 'gw-1.acme-widgets.com.' });
    for (const net of [{ asn: 7922, asOrganization: 'Comcast Cable' }, { asn: 16509, asOrganization: 'Amazon.com' }, { asOrganization: 'Example Mobile' }]) {
      expect(await resolveCompany(withDoh, site.id, browser({ ip: '203.0.113.9', ...net }), { fetch: doh.fetch })).toBeNull();
    }
    expect(await resolveCompany({ ...env, DOH_URL: '' }, site.id, browser({ ip: '203.0.113.9' }), { fetch: doh.fetch })).toBeNull();
    expect(doh.calls).toHaveLength(0);
  });

  it('ranks below the site IP ranges and above the AS organisation', async () => {
    const doh = dohStub({ '9.113.0.203.in-addr.arpa': 'gw-1.acme-widgets.com.' });
    expect((await api(site.secretKey, '/v1/ip-ranges', { body: { cidr: '203.0.113.0/28', domain: 'globex.com' } })).status).toBe(201);
    expect(await resolveCompany(withDoh, site.id, browser({ ip: '203.0.113.9' }), { fetch: doh.fetch })).toMatchObject({ domain: 'globex.com', source: 'ip-range' });
    expect(doh.calls).toHaveLength(0); // a range answers without a lookup
    const net = { asn: 64512, asOrganization: 'Hooli Inc' };
    for (let i = 0; i < 2; i++) await resolveCompany(env, site.id, browser({ ...net, identifiedDomain: 'hooli.com' }));
    expect(await resolveCompany(env, site.id, browser({ ...net, ip: '198.51.100.1' }), { enrich: false })).toMatchObject({ source: 'as-org' });
    const doh2 = dohStub({ '1.100.51.198.in-addr.arpa': 'fw.hooli-labs.com.' });
    expect(await resolveCompany(withDoh, site.id, browser({ ...net, ip: '198.51.100.1' }), { fetch: doh2.fetch })).toMatchObject({ domain: 'hooli-labs.com', source: 'reverse-dns' });
  });

  it('caches per salted address and day: one question per address, no address in the cache', async () => {
    const doh = dohStub({ '19.113.0.203.in-addr.arpa': 'gw-1.acme-widgets.com.', '4.2.1.71.in-addr.arpa': 'pool-71-1-2-4.nycmny.fios.verizon.net.' });
    for (let i = 0; i < 3; i++) {
      await resolveCompany(withDoh, site.id, browser({ ip: '203.0.113.19' }), { fetch: doh.fetch });
      await resolveCompany(withDoh, site.id, browser({ ip: '71.1.2.4' }), { fetch: doh.fetch });
    }
    expect(doh.calls).toHaveLength(2);
    const keys = await rows<{ key: string }>("SELECT key FROM enrichment_cache WHERE key LIKE 'r\\_%' ESCAPE '\\'");
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const { key } of keys) expect(key).toMatch(/^r_[0-9a-f]{40}$/);
  });

  it('a resolver that never answers: nothing, within the timeout; then the breaker skips it', async () => {
    let calls = 0;
    const never = () => (calls++, new Promise<Response>(() => {}));
    const t0 = Date.now();
    expect(await resolveCompany(withDoh, site.id, browser({ ip: '203.0.113.77' }), { fetch: never })).toBeNull();
    expect(Date.now() - t0).toBeLessThan(DOH_TIMEOUT_MS + 2_000);
    const t1 = Date.now();
    expect(await resolveCompany(withDoh, site.id, browser({ ip: '203.0.113.78' }), { fetch: never })).toBeNull();
    expect(Date.now() - t1).toBeLessThan(DOH_TIMEOUT_MS / 2);
    expect(calls).toBe(1);
  }, 15_000);

  it('SERVFAIL and garbage answers name nothing', async () => {
    const answers = [
      async () => Response.json({ Status: 2 }),
      async () => new Response('<html>', { status: 200 }),
      async () => Response.json({ Status: 0, Answer: [{ type: 5, data: 'alias.acme.com.' }] }),
      async () => Response.json({ Status: 0, Answer: [{ type: 12, data: 'mail.gmail.com.' }] }),
    ];
    for (const [i, fetch] of answers.entries()) {
      resetReverseDnsBreaker();
      expect(await resolveCompany(withDoh, site.id, browser({ ip: `203.0.113.${100 + i}` }), { fetch })).toBeNull();
    }
  });
});

it('a hanging resolver does not delay the beacon path: /v1/collect answers at once, the consumer acks within one timeout', async () => {
  const now = Date.now();
  const messages = [0, 1, 2].map((k) => ({
    id: `m${k}`, timestamp: new Date(now), attempts: 1,
    body: {
      siteId: site.id, receivedAt: now,
      events: [{ id: `ptr-${k}`, type: 'pageview', ts: now, category: 'pricing', engagedMs: 20_000, visitor: `v-ptr-${k}` }],
      ctx: { ip: `203.0.113.${k + 1}`, userAgent: chrome, acceptLanguage: 'en', visitorId: `v-ptr-${k}` },
    } satisfies BeaconMessage,
  }));
  const hanging = { ...withDoh };
  const original = globalThis.fetch;
  globalThis.fetch = (() => new Promise<Response>(() => {})) as typeof fetch;
  try {
    // The beacon route only validates and queues: it answers 202 while the resolver hangs.
    const t0 = Date.now();
    const res = await SELF.fetch(`${BASE}/v1/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: site.origins[0]!, 'user-agent': chrome, 'cf-connecting-ip': '203.0.113.50' },
      body: JSON.stringify({ k: site.publicKey, v: 'visitor-ptr-1', e: [{ i: 'beacon-ptr', t: 'pv', c: 'blog' }] }),
    });
    expect(res.status).toBe(202);
    expect(Date.now() - t0).toBeLessThan(DOH_TIMEOUT_MS);
    const batch = createMessageBatch<BeaconMessage>('waymark-beacons', messages);
    const t1 = Date.now();
    await consumeBeacons(batch, hanging);
    expect(Date.now() - t1).toBeLessThan(DOH_TIMEOUT_MS + 2_000);
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks.sort()).toEqual(['m0', 'm1', 'm2']);
  } finally {
    globalThis.fetch = original;
  }
  expect(await rows("SELECT id, company_domain FROM events WHERE site_id = ? AND id LIKE 'ptr-%' ORDER BY id", site.id)).toEqual([
    { id: 'ptr-0', company_domain: null }, { id: 'ptr-1', company_domain: null }, { id: 'ptr-2', company_domain: null },
  ]);
}, 15_000);
