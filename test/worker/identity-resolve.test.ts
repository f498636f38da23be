// The resolver ladder against real D1: each rung, never-downgrade, overlapping and IPv6 ranges, bots, enrichment failures.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { meteredDb } from '../../worker/http/timing';
import { ENRICH_TIMEOUT_MS, resetEnrichmentBreaker } from '../../worker/identity/enrich';
import { anonymousVisitorId } from '../../worker/identity/visitor-id';
import { resolveCompany, type IdentityContext } from '../../worker/identity/resolve';
import { api, createSite, rows, type TestSite } from './helpers';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const browser = (fields: IdentityContext = {}): IdentityContext => ({ userAgent: chrome, acceptLanguage: 'en', visitorId: crypto.randomUUID(), ...fields });

let site: TestSite;
beforeEach(async () => {
  site = await createSite();
});

async function addRange(cidr: string, domain: string, name?: string) {
  const res = await api(site.secretKey, '/v1/ip-ranges', { body: { cidr, domain, name } });
  expect(res.status, await res.clone().text()).toBe(201);
}
const stored = async (id: string) => (await rows('SELECT company_domain, confidence, source FROM visitors WHERE site_id = ? AND id = ?', site.id, id))[0];

describe('the resolver ladder', () => {
  it('takes an event domain first (50), normalised to the registrable domain', async () => {
    const ctx = browser({ eventDomain: 'eu.Acme.com', eventName: 'Acme', identifiedDomain: 'globex.com' });
    expect(await resolveCompany(env, site.id, ctx)).toEqual({ domain: 'acme.com', name: 'Acme', confidence: 50, source: 'event', firstResolved: true });
    expect(await stored(ctx.visitorId!)).toEqual({ company_domain: 'acme.com', confidence: 50, source: 'event' });
  });

  it('takes a work email domain at identification (40): mail.acme.co.uk → acme.co.uk', async () => {
    const r = await resolveCompany(env, site.id, browser({ identifiedDomain: 'mail.acme.co.uk' }));
    expect(r).toMatchObject({ domain: 'acme.co.uk', confidence: 40, source: 'identify', firstResolved: true });
  });

  it('never makes a free-mail or disposable domain a company', async () => {
    for (const d of ['gmail.com', 'mail.yahoo.com', 'mailinator.com']) {
      const ctx = browser({ identifiedDomain: d });
      expect(await resolveCompany(env, site.id, ctx), d).toBeNull();
      expect((await stored(ctx.visitorId!))?.company_domain ?? null).toBeNull();
    }
  });

  it("uses the site's IPv4 ranges (30), longest prefix winning over an enclosing range", async () => {
    await addRange('198.51.0.0/16', 'bigcorp.com');
    await addRange('198.51.100.0/24', 'smallco.com', 'Small Co');
    await addRange('198.51.100.128/25', 'tinyco.com');
    expect(await resolveCompany(env, site.id, browser({ ip: '198.51.100.7' }))).toMatchObject({ domain: 'smallco.com', name: 'Small Co', confidence: 30, source: 'ip-range' });
    expect(await resolveCompany(env, site.id, browser({ ip: '198.51.100.200' }))).toMatchObject({ domain: 'tinyco.com' });
    expect(await resolveCompany(env, site.id, browser({ ip: '198.51.7.1' }))).toMatchObject({ domain: 'bigcorp.com' });
    expect(await resolveCompany(env, site.id, browser({ ip: '198.52.0.1' }))).toBeNull();
    expect(await resolveCompany(env, site.id, browser({ ip: '::ffff:198.51.100.9' }))).toMatchObject({ domain: 'smallco.com' });
  });

  it('uses IPv6 ranges, nested ones included', async () => {
    await addRange('2001:db8::/32', 'bigcorp.com');
    await addRange('2001:db8:abcd::/48', 'acme.com');
    expect(await resolveCompany(env, site.id, browser({ ip: '2001:db8:abcd:12::1' }))).toMatchObject({ domain: 'acme.com', source: 'ip-range' });
    expect(await resolveCompany(env, site.id, browser({ ip: '2001:db8:ffff::1' }))).toMatchObject({ domain: 'bigcorp.com' });
    expect(await resolveCompany(env, site.id, browser({ ip: '2001:db9::1' }))).toBeNull();
  });

  it("keeps one site's ranges from another site", async () => {
    await addRange('203.0.113.0/24', 'acme.com');
    const other = await createSite();
    expect(await resolveCompany(env, other.id, browser({ ip: '203.0.113.5' }))).toBeNull();
  });

  it('finds the longest prefix by primary-key probes: no scan, whatever the number of ranges', async () => {
    const { containingStarts, ipToHex } = await import('../../worker/identity/cidr');
    const ip = ipToHex('198.51.100.7')!;
    const starts = containingStarts(ip);
    expect(starts.length).toBeLessThanOrEqual(113);
    const plan = await rows<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT domain, name FROM ip_ranges WHERE site_id = ?1 AND start_hex IN (${starts.map((s) => `'${s}'`).join(',')}) AND end_hex >= ?2 ORDER BY prefix DESC LIMIT 1`,
      site.id, ip,
    );
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(/SEARCH ip_ranges USING INDEX sqlite_autoindex_ip_ranges_1 \(site_id=\? AND start_hex=\?\)/);
    expect(text).not.toMatch(/\bSCAN\b/);
  });

  it('resolves among many disjoint ranges, and misses cleanly above and below them all', async () => {
    const ranges = Array.from({ length: 600 }, (_, i) => ({ cidr: `10.${Math.floor(i / 256)}.${i % 256}.0/24`, domain: `co${i}.com` }));
    const res = await api(site.secretKey, '/v1/ip-ranges', { body: { ranges } });
    expect(res.status).toBe(201);
    expect(await resolveCompany(env, site.id, browser({ ip: '10.2.87.9' }))).toMatchObject({ domain: 'co599.com' });
    expect(await resolveCompany(env, site.id, browser({ ip: '10.0.0.1' }))).toMatchObject({ domain: 'co0.com' });
    expect(await resolveCompany(env, site.id, browser({ ip: '10.3.0.1' }), { enrich: false })).toBeNull();
    expect(await resolveCompany(env, site.id, browser({ ip: '9.255.255.255' }), { enrich: false })).toBeNull();
  });

  it("maps a company's own network (20) once two identifications agreed on its AS organisation", async () => {
    const net = { asn: 64512, asOrganization: 'ACME-CORP' };
    await resolveCompany(env, site.id, browser({ ...net, identifiedDomain: 'acme.com' }));
    expect(await resolveCompany(env, site.id, browser({ ...net, asOrganization: 'Acme Corporation' }))).toBeNull(); // one agreement is not enough
    await resolveCompany(env, site.id, browser({ ...net, asOrganization: 'Acme, Inc.', identifiedDomain: 'acme.com' }));
    expect(await resolveCompany(env, site.id, browser(net))).toMatchObject({ domain: 'acme.com', confidence: 20, source: 'as-org' });
  });

  it('never learns a company from an ISP, carrier or datacenter network, and forgets an ambiguous one', async () => {
    for (const net of [{ asn: 7922, asOrganization: 'Comcast Cable' }, { asn: 16509, asOrganization: 'AMAZON-02' }, { asn: 64512, asOrganization: 'Example Hosting Ltd' }]) {
      for (let i = 0; i < 3; i++) await resolveCompany(env, site.id, browser({ ...net, identifiedDomain: 'acme.com' }));
      expect(await resolveCompany(env, site.id, browser(net)), net.asOrganization).toBeNull();
    }
    const shared = { asn: 64513, asOrganization: 'Shared Offices Ltd' };
    await resolveCompany(env, site.id, browser({ ...shared, identifiedDomain: 'acme.com' }));
    await resolveCompany(env, site.id, browser({ ...shared, identifiedDomain: 'acme.com' }));
    await resolveCompany(env, site.id, browser({ ...shared, identifiedDomain: 'globex.com' }));
    expect(await resolveCompany(env, site.id, browser(shared))).toBeNull();
  });

  it('never downgrades: an email-identified visitor later seen from an ISP or a company range keeps the email company', async () => {
    await addRange('192.0.2.0/24', 'globex.com');
    const ctx = browser({ identifiedDomain: 'acme.com' });
    expect(await resolveCompany(env, site.id, ctx)).toMatchObject({ domain: 'acme.com', firstResolved: true });
    const later = { ...ctx, identifiedDomain: undefined };
    expect(await resolveCompany(env, site.id, { ...later, ip: '100.64.1.1', asn: 7922, asOrganization: 'Comcast Cable' })).toEqual({ domain: 'acme.com', confidence: 40, source: 'identify', firstResolved: false });
    expect(await resolveCompany(env, site.id, { ...later, ip: '192.0.2.10' })).toMatchObject({ domain: 'acme.com', confidence: 40, firstResolved: false });
    expect(await stored(ctx.visitorId!)).toEqual({ company_domain: 'acme.com', confidence: 40, source: 'identify' });
  });

  it('upgrades: a visitor first known by IP range takes the company of a later identification', async () => {
    await addRange('192.0.2.0/24', 'globex.com');
    const ctx = browser({ ip: '192.0.2.10' });
    expect(await resolveCompany(env, site.id, ctx)).toMatchObject({ domain: 'globex.com', firstResolved: true });
    expect(await resolveCompany(env, site.id, { ...ctx, identifiedDomain: 'acme.com' })).toMatchObject({ domain: 'acme.com', confidence: 40, firstResolved: false });
    expect(await resolveCompany(env, site.id, ctx)).toMatchObject({ domain: 'acme.com', confidence: 40 });
  });

  it('reports firstResolved exactly once when the same visitor is resolved concurrently', async () => {
    const ctx = browser({ identifiedDomain: 'acme.com' });
    const all = await Promise.all(Array.from({ length: 10 }, () => resolveCompany(env, site.id, ctx)));
    expect(all.filter((r) => r?.firstResolved)).toHaveLength(1);
  });

  it('ignores bots: no company, no visitor row', async () => {
    for (const ctx of [
      browser({ userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', identifiedDomain: 'acme.com' }),
      browser({ automated: true, identifiedDomain: 'acme.com' }),
      browser({ acceptLanguage: undefined, identifiedDomain: 'acme.com' }),
    ]) {
      expect(await resolveCompany(env, site.id, ctx)).toBeNull();
      expect(await stored(ctx.visitorId!)).toBeUndefined();
    }
  });

  it('leaves the visitors table alone with persist: false', async () => {
    const ctx = browser({ identifiedDomain: 'acme.com' });
    expect(await resolveCompany(env, site.id, ctx, { persist: false })).toMatchObject({ domain: 'acme.com', firstResolved: false });
    expect(await stored(ctx.visitorId!)).toBeUndefined();
  });

  it('keeps an unresolved visitor (last_seen) so later resolution can find their events', async () => {
    const ctx = browser({ ip: '100.64.0.1' });
    expect(await resolveCompany(env, site.id, ctx, { enrich: false })).toBeNull();
    expect(await stored(ctx.visitorId!)).toEqual({ company_domain: null, confidence: 0, source: null });
  });
});

describe('the enrichment provider (10)', () => {
  const withProvider = { ...env, ENRICH_URL: 'https://enrich.test/lookup?key=k' };
  beforeEach(resetEnrichmentBreaker);

  it('resolves through the provider, once per visitor IP and day (cached)', async () => {
    const calls: string[] = [];
    const fetch = async (url: string) => (calls.push(url), Response.json({ domain: 'www.initech.com', name: 'Initech' }));
    const r = await resolveCompany(withProvider, site.id, browser({ ip: '100.64.9.9' }), { fetch });
    expect(r).toMatchObject({ domain: 'initech.com', name: 'Initech', confidence: 10, source: 'enrichment' });
    expect(await resolveCompany(withProvider, site.id, browser({ ip: '100.64.9.9' }), { fetch })).toMatchObject({ domain: 'initech.com' });
    expect(calls).toEqual(['https://enrich.test/lookup?key=k&ip=100.64.9.9']);
  });

  it('does not ask for datacenter or VPN traffic, nor when told not to', async () => {
    let calls = 0;
    const fetch = async () => (calls++, Response.json({ domain: 'initech.com' }));
    await resolveCompany(withProvider, site.id, browser({ ip: '100.64.9.10', asn: 16509, asOrganization: 'AMAZON-02' }), { fetch });
    await resolveCompany(withProvider, site.id, browser({ ip: '100.64.9.11' }), { fetch, enrich: false });
    expect(calls).toBe(0);
  });

  it('a provider that hangs costs at most its timeout, fails nothing, and is not asked again for that IP soon', async () => {
    let calls = 0;
    const hang = (_: string, init: RequestInit) => (calls++, new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted')))));
    const t0 = Date.now();
    expect(await resolveCompany(withProvider, site.id, browser({ ip: '100.64.9.12' }), { fetch: hang })).toBeNull();
    expect(Date.now() - t0).toBeLessThan(ENRICH_TIMEOUT_MS + 3_000);
    const t1 = Date.now();
    expect(await resolveCompany(withProvider, site.id, browser({ ip: '100.64.9.12' }), { fetch: hang })).toBeNull();
    expect(Date.now() - t1).toBeLessThan(ENRICH_TIMEOUT_MS);
    expect(calls).toBe(1);
  }, 20_000);

  it('after a timeout the provider rests: many new visitors cost one timeout, not one each', async () => {
    let calls = 0;
    const never = () => (calls++, new Promise<Response>(() => {}));
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) expect(await resolveCompany(withProvider, site.id, browser({ ip: `100.64.11.${i}` }), { fetch: never })).toBeNull();
    expect(calls).toBe(1);
    expect(Date.now() - t0).toBeLessThan(ENRICH_TIMEOUT_MS + 3_000);
  }, 20_000);

  it('a fetcher that ignores the abort signal still cannot hold resolution past the timeout', async () => {
    const t0 = Date.now();
    const never = () => new Promise<Response>(() => {});
    expect(await resolveCompany(withProvider, site.id, browser({ ip: '100.64.9.13' }), { fetch: never })).toBeNull();
    expect(Date.now() - t0).toBeLessThan(ENRICH_TIMEOUT_MS + 3_000);
  }, 20_000);

  it('errors, non-JSON and free-mail answers are harmless', async () => {
    const answers = [
      async () => { throw new Error('connection refused'); },
      async () => new Response('oops', { status: 500 }),
      async () => new Response('not json', { status: 200 }),
      async () => Response.json({ domain: 'gmail.com' }),
      async () => Response.json({ nope: true }),
    ];
    for (const [i, fetch] of answers.entries()) {
      resetEnrichmentBreaker();
      expect(await resolveCompany(withProvider, site.id, browser({ ip: `100.64.10.${i}` }), { fetch })).toBeNull();
    }
  });

  it('stores no IP in its cache: keys are salted hashes', async () => {
    await resolveCompany(withProvider, site.id, browser({ ip: '100.64.9.14' }), { fetch: async () => Response.json({ domain: 'initech.com' }) });
    const cache = await rows<{ key: string }>('SELECT key FROM enrichment_cache');
    expect(cache.length).toBeGreaterThan(0);
    for (const { key } of cache) expect(key).toMatch(/^e_[0-9a-f]{40}$/);
  });
});

describe('D1 round trips', () => {
  const metered = () => {
    const meter = { trips: 0, ms: 0 };
    return { meter, env: { ...env, DB: meteredDb(env.DB, meter) } };
  };

  it('one for an identified visitor, two for a visitor resolved by IP range or not at all', async () => {
    await addRange('192.0.2.0/24', 'globex.com');
    const cases: [IdentityContext, number][] = [
      [browser({ identifiedDomain: 'acme.com', ip: '192.0.2.1' }), 1],
      [browser({ ip: '192.0.2.1' }), 2],
      [browser({ ip: '100.64.0.1' }), 2],
    ];
    for (const [ctx, trips] of cases) {
      const m = metered();
      await resolveCompany(m.env, site.id, ctx, { enrich: false });
      expect(m.meter.trips, JSON.stringify(ctx)).toBe(trips);
    }
  });

  it('none for an anonymous visitor id once the day salt is cached (outside the 30 minutes after midnight)', async () => {
    const noon = Date.UTC(2032, 0, 5, 12);
    await anonymousVisitorId(env, site.id, '203.0.113.1', 'ua', noon);
    const m = metered();
    await anonymousVisitorId(m.env, site.id, '203.0.113.2', 'ua', noon + 60_000);
    expect(m.meter.trips).toBe(0);
  });
});

