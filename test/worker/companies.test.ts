import { describe, expect, it } from 'vitest';
import { api, company, createSite, dbTrips, event, postEvents } from './helpers';

describe('GET /v1/companies/:domain', () => {
  it('shows standing, stakeholders and a ledger whose deltas add up to the score', async () => {
    const site = await createSite();
    const old = Date.now() - 40 * 86_400_000; // decay since then is pending, shown as such
    await postEvents(site, [
      event({ id: 'a', ts: old, visitor: 'v1', company: { domain: 'acme.com', name: 'Acme' } }),
      event({ id: 'b', ts: old + 1000, visitor: 'v2', type: 'form', form: 'demo', category: undefined }),
      event({ id: 'c', ts: Date.now() - 1000, visitor: 'v3', category: 'pricing' }),
    ]);
    const res = await api(site.secretKey, '/v1/companies/WWW.ACME.COM');
    expect(res.status).toBe(200);
    expect(dbTrips(res)).toBeLessThanOrEqual(1);
    const acme: any = await res.json();
    expect(acme).toMatchObject({ domain: 'acme.com', name: 'Acme', stakeholders: 1 });
    expect(new Date(acme.lastEngagedAt).getTime()).toBeGreaterThan(old);
    const sum = acme.ledger.reduce((s: number, l: any) => s + l.delta, 0);
    expect(sum).toBeCloseTo(acme.score, 6);
    expect(acme.ledger.flatMap((l: any) => l.reason.split(' + '))).toContain('gate:demo-request'); // one row per event: its reasons joined
    expect(acme.ledger.some((l: any) => l.reason.startsWith('decay'))).toBe(true);
  });

  it('404 for an unknown company, 400 for an invalid domain, 401 without the secret', async () => {
    const site = await createSite();
    expect((await api(site.secretKey, '/v1/companies/unknown.com')).status).toBe(404);
    expect((await api(site.secretKey, '/v1/companies/not_a_domain')).status).toBe(400);
    expect((await api(site.publicKey, '/v1/companies/acme.com')).status).toBe(401);
  });

  it("a site's secret never reads another site's companies", async () => {
    const [a, b] = [await createSite(), await createSite()];
    await postEvents(a, [event({ company: { domain: 'secret-co.com' } })]);
    expect((await api(b.secretKey, '/v1/companies/secret-co.com')).status).toBe(404);
    const list: any = await (await api(b.secretKey, '/v1/companies')).json();
    expect(list.companies).toEqual([]);
    expect((await company(a, 'secret-co.com')).domain).toBe('secret-co.com');
  });
});

describe('GET /v1/companies', () => {
  it('filters by stage and salesAttention and pages with an opaque cursor', async () => {
    const site = await createSite();
    const demo = (d: string) => event({ type: 'form', form: 'demo', category: undefined, company: { domain: d } });
    const proposal = (d: string) => event({ type: 'proposal', category: undefined, company: { domain: d } });
    await postEvents(site, [
      ...Array.from({ length: 7 }, (_, i) => event({ company: { domain: `blog${i}.com` } })),
      demo('eval1.com'), demo('eval2.com'), proposal('ready1.com'),
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(site.secretKey, `/v1/companies?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(dbTrips(res)).toBeLessThanOrEqual(1);
      const page: any = await res.json();
      expect(page.companies.length).toBeLessThanOrEqual(3);
      seen.push(...page.companies.map((c: any) => c.domain));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    const evals: any = await (await api(site.secretKey, '/v1/companies?stage=evaluation')).json();
    expect(evals.companies.map((c: any) => c.domain)).toEqual(['eval1.com', 'eval2.com']);
    const hot: any = await (await api(site.secretKey, '/v1/companies?salesAttention=true')).json();
    expect(hot.companies.map((c: any) => c.domain)).toEqual(expect.arrayContaining(['eval1.com', 'ready1.com']));
    expect(hot.companies.every((c: any) => c.salesAttention)).toBe(true);
  });

  it('rejects bad filters', async () => {
    const site = await createSite();
    for (const q of ['stage=nope', 'limit=0', 'limit=101', 'cursor=%%%', 'salesAttention=maybe', 'colour=red'])
      expect((await api(site.secretKey, `/v1/companies?${q}`)).status, q).toBe(400);
  });
});
