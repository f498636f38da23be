// GET /v1/companies: search, sorts with keyset paging that visit every row once, and the CSV export of every filtered row.
import { beforeAll, describe, expect, it } from 'vitest';
import { api, createSite, event, postEvents, type TestSite } from './helpers';

let site: TestSite;
const N = 230;
const DAY = 86_400_000;
beforeAll(async () => {
  site = await createSite();
  const now = Date.now();
  // Every company a blog view; every third a pricing view (more score); every fifth named "Zeta …"; a demo request for a few.
  const events = Array.from({ length: N }, (_, i) => [
    event({ company: { domain: `co${String(i).padStart(3, '0')}.com`, ...(i % 5 === 0 ? { name: `Zeta ${i}` } : {}) }, ts: now - (i % 40) * DAY }),
    ...(i % 3 === 0 ? [event({ company: { domain: `co${String(i).padStart(3, '0')}.com` }, category: 'pricing', ts: now - (i % 40) * DAY })] : []),
    ...(i % 23 === 0 ? [event({ company: { domain: `co${String(i).padStart(3, '0')}.com` }, type: 'form', form: 'demo', category: undefined, ts: now - DAY })] : []),
  ]).flat();
  for (let k = 0; k < events.length; k += 1000) expect((await postEvents(site, events.slice(k, k + 1000))).status).toBe(200);
  // A hostile name for the CSV.
  expect((await postEvents(site, [event({ company: { domain: 'evil-csv.com', name: '=HYPERLINK("http://x","a, "b"")' } })])).status).toBe(200);
});

async function allPages(query: string, limit = 37) {
  const seen: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const res = await api(site.secretKey, `/v1/companies?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as any;
    seen.push(...body.companies);
    cursor = body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('too many pages');
}

describe('GET /v1/companies', () => {
  for (const sort of ['domain', 'score', 'engaged', 'since']) {
    it(`sort=${sort} pages through every company exactly once, in order`, async () => {
      const list = await allPages(`sort=${sort}`);
      expect(list).toHaveLength(N + 1);
      expect(new Set(list.map((c) => c.domain)).size).toBe(N + 1);
      const key = (c: any) => (sort === 'domain' ? c.domain : sort === 'score' ? null : sort === 'engaged' ? c.lastEngagedAt : c.stageSince);
      if (sort === 'domain') expect(list.map(key)).toEqual(list.map(key).slice().sort());
      if (sort === 'engaged' || sort === 'since') expect(list.map(key)).toEqual(list.map(key).slice().sort().reverse());
    });
  }

  it('searches domain and name, case-insensitively, with LIKE wildcards taken literally', async () => {
    const zeta = await allPages('q=zeta&sort=score');
    expect(zeta.map((c) => c.domain).sort()).toEqual(Array.from({ length: N }, (_, i) => i).filter((i) => i % 5 === 0).map((i) => `co${String(i).padStart(3, '0')}.com`));
    expect(await allPages('q=co01')).toHaveLength(10);
    expect(await allPages('q=%25')).toHaveLength(0);
    expect(await allPages('q=_')).toHaveLength(0);
  });

  it('filters by stage and sales attention, combined with search and sort', async () => {
    const evaluating = await allPages('stage=evaluation&sort=engaged');
    expect(evaluating.length).toBeGreaterThan(0);
    for (const c of evaluating) expect(c.stage).toBe('evaluation');
    const attention = await allPages('salesAttention=true&q=co');
    const everyone = await allPages('sort=score', 100);
    expect(attention.length).toBeGreaterThan(0);
    expect(attention.map((c) => c.domain).sort()).toEqual(everyone.filter((c) => c.salesAttention).map((c) => c.domain).sort());
  });

  it('refuses unknown sorts, bad cursors and long searches with a 400 naming the field', async () => {
    for (const [q, path] of [['sort=name', 'sort'], ['cursor=!!', 'cursor'], [`q=${'x'.repeat(101)}`, 'q'], ['format=xml', 'format']]) {
      const res = await api(site.secretKey, `/v1/companies?${q}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(path);
    }
  });
});

describe('GET /v1/companies?format=csv', () => {
  const parse = (text: string) => text.trimEnd().split('\r\n');

  it('has a header row and every company, across export pages of 1000', async () => {
    const res = await api(site.secretKey, '/v1/companies?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = parse(await res.text());
    expect(lines[0]).toBe('domain,name,stage,score,salesAttention,stageSince,lastEngagedAt,stakeholders');
    expect(lines).toHaveLength(N + 2);
  });

  it('applies the same filters as the JSON list', async () => {
    const json = await allPages('q=zeta&stage=education');
    const lines = parse(await (await api(site.secretKey, '/v1/companies?format=csv&q=zeta&stage=education')).text());
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(json.map((c) => c.domain).sort());
  });

  it('quotes commas and quotes, and defuses formulas', async () => {
    const text = await (await api(site.secretKey, '/v1/companies?format=csv&q=evil')).text();
    expect(parse(text)[1]).toMatch(/^evil-csv\.com,"'=HYPERLINK\(""http:\/\/x"",""a, \\?""b\\?""""\)",/);
  });

  it('needs the secret key', async () => {
    expect((await api(null, '/v1/companies?format=csv')).status).toBe(401);
    expect((await api(site.publicKey, '/v1/companies?format=csv')).status).toBe(401);
  });
});
