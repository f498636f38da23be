// Erasure (GDPR): deleting a company or a visitor removes every row that holds it, answers with counts, touches nothing else.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, createSite, event, postEvents, rows, type TestSite } from './helpers';

let site: TestSite;
beforeEach(async () => {
  site = await createSite();
  const ok = await postEvents(site, [
    event({ visitor: 'v-ann', company: { domain: 'acme.com', name: 'Acme' } }),
    event({ visitor: 'v-ann', category: 'pricing', company: { domain: 'acme.com' } }),
    event({ visitor: 'v-bob', company: { domain: 'acme.com' } }),
    event({ visitor: 'v-cat', company: { domain: 'globex.com' } }),
    event({ visitor: 'v-cat', category: 'pricing', company: { domain: 'globex.com' } }),
  ]);
  expect(ok.status, await ok.clone().text()).toBe(200);
  await api(site.secretKey, '/v1/ip-ranges', { body: { cidr: '203.0.113.0/24', domain: 'acme.com' } });
});

/** Every cell of every table (this site's rows where a table has site_id), as text: what a value could hide in. */
async function everyCell(): Promise<string[]> {
  const tables = await rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'");
  const cells: string[] = [];
  for (const { name } of tables)
    for (const row of await rows(`SELECT * FROM "${name}"`))
      if (!('site_id' in row) || row.site_id === site.id) cells.push(...Object.values(row).map((v) => `${name}: ${String(v)}`));
  return cells;
}

describe('DELETE /v1/companies/:domain', () => {
  it('removes the company, its events, ledger, transitions, visitors and ranges, with counts', async () => {
    const res = await api(site.secretKey, '/v1/companies/acme.com', { method: 'DELETE' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.domain).toBe('acme.com');
    expect(body.deleted).toMatchObject({ companies: 1, events: 3, visitors: 2, ip_ranges: 1 });
    expect(body.deleted.ledger).toBeGreaterThan(0);
    expect(body.deleted).toHaveProperty('transitions');
    expect(body.total).toBe(Object.values(body.deleted as Record<string, number>).reduce((a, b) => a + b, 0));
    expect((await api(site.secretKey, '/v1/companies/acme.com')).status).toBe(404);
    expect((await everyCell()).filter((c) => c.includes('acme.com'))).toEqual([]);
    // The other company is untouched.
    expect((await api(site.secretKey, '/v1/companies/globex.com')).status).toBe(200);
    expect(await rows('SELECT id FROM events WHERE site_id = ? AND company_domain = ?', site.id, 'globex.com')).toHaveLength(2);
  });

  it('the stats series and transition counts forget the erased company: they equal a site that never had it', async () => {
    const t0 = Date.now() - 5 * 86_400_000;
    const journey = (domain: string) => [
      event({ id: `${domain}-1`, ts: t0, visitor: `v-${domain}`, company: { domain } }),
      event({ id: `${domain}-2`, ts: t0 + 86_400_000, type: 'form', form: 'demo', category: undefined, visitor: `v-${domain}`, company: { domain } }),
      event({ id: `${domain}-3`, ts: t0 + 2 * 86_400_000, type: 'sales_meeting', category: undefined, company: { domain } }),
    ];
    const [a, b] = [await createSite(), await createSite()];
    expect((await postEvents(a, [...journey('gone.com'), ...journey('kept.com')])).status).toBe(200);
    expect((await postEvents(b, journey('kept.com'))).status).toBe(200);
    expect((await api(a.secretKey, '/v1/companies/gone.com', { method: 'DELETE' })).status).toBe(200);
    const from = new Date(t0 - 86_400_000).toISOString().slice(0, 10);
    const stats = async (s: TestSite) => (await (await api(s.secretKey, `/v1/stats?from=${from}`)).json()) as { series: unknown; transitions: unknown; now: { counts: unknown } };
    const [sa, sb] = [await stats(a), await stats(b)];
    expect(sa.series).toEqual(sb.series);
    expect(sa.transitions).toEqual(sb.transitions);
    expect(sa.now.counts).toEqual(sb.now.counts);
  });

  it('every /v1/stats section (time in stage, content, conversion, coverage…) equals a twin site that never saw the erased company', async () => {
    const t0 = Date.now() - 6 * 86_400_000;
    const h = 3_600_000;
    const at = (id: string, ts: number, f: Record<string, unknown>) => event({ id, ts, visitor: `v-${id.split('-')[0]}`, ...f });
    const gone = (d: string) => [
      at(`${d}-1`, t0, { category: 'blog', company: { domain: d } }),
      at(`${d}-2`, t0 + 5 * h, { category: 'comparison', company: { domain: d } }),
      at(`${d}-3`, t0 + 30 * h, { type: 'download', category: 'case-study', company: { domain: d } }),
      at(`${d}-4`, t0 + 80 * h, { category: 'security', company: { domain: d } }),
      at(`${d}-5`, t0 + 81 * h, { type: 'form', form: 'demo', category: undefined, company: { domain: d } }),
    ];
    const kept = (d: string) => [
      at(`${d}-1`, t0 + 2 * h, { category: 'pricing', company: { domain: d } }),
      at(`${d}-2`, t0 + 26 * h, { type: 'form', form: 'demo', category: undefined, company: { domain: d } }),
      at(`${d}-3`, t0 + 50 * h, { type: 'sales_meeting', category: undefined, company: { domain: d } }),
    ];
    const [a, twin] = [await createSite(), await createSite()];
    // The same other traffic on both sites, in the same batches; the erased company's events interleaved on one.
    expect((await postEvents(a, [...gone('gone.com').slice(0, 3), ...kept('kept.com').slice(0, 2)])).status).toBe(200);
    expect((await postEvents(a, [...gone('gone.com').slice(3), ...kept('kept.com').slice(2)])).status).toBe(200);
    expect((await postEvents(twin, kept('kept.com').slice(0, 2))).status).toBe(200);
    expect((await postEvents(twin, kept('kept.com').slice(2))).status).toBe(200);
    const from = new Date(t0 - 86_400_000).toISOString().slice(0, 10);
    const stats = async (s: TestSite) => {
      const body = (await (await api(s.secretKey, `/v1/stats?from=${from}`)).json()) as Record<string, any>;
      delete body.range;
      delete body.now.at;
      return body;
    };
    const before = await stats(a);
    // Not vacuous: the erased company is in the dwell histogram and the content table before erasure.
    expect(before.timeInStage).not.toEqual((await stats(twin)).timeInStage);
    expect(JSON.stringify(before.content)).toContain('case-study');
    expect((await api(a.secretKey, '/v1/companies/gone.com', { method: 'DELETE' })).status).toBe(200);
    expect(await stats(a)).toEqual(await stats(twin));
  });

  it('answers zero counts the second time, and never touches another site', async () => {
    const other = await createSite();
    const foreign = (await (await api(other.secretKey, '/v1/companies/acme.com', { method: 'DELETE' })).json()) as any;
    expect(foreign.total).toBe(0);
    expect((await api(site.secretKey, '/v1/companies/acme.com')).status).toBe(200);
    await api(site.secretKey, '/v1/companies/acme.com', { method: 'DELETE' });
    expect(((await (await api(site.secretKey, '/v1/companies/acme.com', { method: 'DELETE' })).json()) as any).total).toBe(0);
  });

  it('needs the secret key and a registrable domain', async () => {
    expect((await api(null, '/v1/companies/acme.com', { method: 'DELETE' })).status).toBe(401);
    expect((await api(site.publicKey, '/v1/companies/acme.com', { method: 'DELETE' })).status).toBe(401);
    const bad = await api(site.secretKey, '/v1/companies/not_a_domain', { method: 'DELETE' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.fields[0].path).toBe('domain');
    expect((await api(site.secretKey, '/v1/companies/www.acme.com', { method: 'DELETE' })).status).toBe(400);
  });
});

describe('DELETE /v1/visitors/:id', () => {
  it("removes the visitor and their events, unlinks the company's ledger from them, and keeps the company", async () => {
    const res = await api(site.secretKey, '/v1/visitors/v-cat', { method: 'DELETE' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.deleted).toMatchObject({ events: 2, visitors: 1 });
    expect(body.ledgerUnlinked).toBeGreaterThan(0);
    expect(body.companiesScrubbed).toBe(1);
    // v-cat was globex's only visitor: the state forgets it (stakeholders re-derived), the score stays.
    expect((await api(site.secretKey, '/v1/companies/globex.com').then((r) => r.json())) as any).toMatchObject({ stakeholders: 0 });
    expect((await everyCell()).filter((c) => c.includes('v-cat'))).toEqual([]);
    expect((await api(site.secretKey, '/v1/companies/globex.com')).status).toBe(200);
    expect(await rows('SELECT id FROM events WHERE site_id = ? AND visitor_id = ?', site.id, 'v-ann')).toHaveLength(2);
  });

  it("edits the state as data: erasing visitor 'units' keeps keep-me.com's score (it went 7.5 → 0), 'visitors' takes stakeholders 3 → 2 (not 0)", async () => {
    const keep = await postEvents(site, [
      event({ visitor: 'units', session: 'sess-u', type: 'form', form: 'demo', category: undefined, company: { domain: 'keep-me.com' } }),
      event({ visitor: 'units', session: 'sess-u', company: { domain: 'keep-me.com' } }),
      ...['visitors', 'v-x', 'v-y'].map((v) => event({ visitor: v, company: { domain: 'planted.com' } })),
    ]);
    expect(keep.status).toBe(200);
    const before = (await api(site.secretKey, '/v1/companies/keep-me.com').then((r) => r.json())) as any;
    expect(before.score).toBeGreaterThan(6);
    expect((await api(site.secretKey, '/v1/visitors/units', { method: 'DELETE' })).status).toBe(200);
    const after = (await api(site.secretKey, '/v1/companies/keep-me.com').then((r) => r.json())) as any;
    expect(after.score).toBe(before.score);
    expect(after.stage).toBe(before.stage);
    expect(after.stakeholders).toBe(0);
    const [{ state }] = await rows<{ state: string }>('SELECT state FROM companies WHERE site_id = ? AND domain = ?', site.id, 'keep-me.com');
    expect(Object.keys(JSON.parse(state).visitors)).toEqual([]);
    expect(state).not.toContain('sess-u');
    expect(JSON.parse(state).units).toBe(Math.round(before.score * 10_000));
    expect((await api(site.secretKey, '/v1/companies/planted.com').then((r) => r.json()) as any).stakeholders).toBe(3);
    expect((await api(site.secretKey, '/v1/visitors/visitors', { method: 'DELETE' })).status).toBe(200);
    expect((await api(site.secretKey, '/v1/companies/planted.com').then((r) => r.json()) as any).stakeholders).toBe(2);
    // Every table, grepped: neither id is left anywhere.
    const cells = await everyCell();
    expect(cells.filter((c) => c.includes('sess-u') || c.endsWith(': units') || c.endsWith(': visitors') || c.includes('"units",') || c.includes('"visitors",'))).toEqual([]);
  });

  it('one id limit everywhere: a 128-character visitor id accepted by /v1/events can be erased', async () => {
    const long = 'L'.repeat(128);
    expect((await postEvents(site, [event({ visitor: long })])).status).toBe(200);
    expect((await api(site.secretKey, `/v1/visitors/${long}`, { method: 'DELETE' })).status).toBe(200);
    expect((await everyCell()).filter((c) => c.includes(long))).toEqual([]);
  });

  it('needs the secret key and touches only its own site', async () => {
    expect((await api(null, '/v1/visitors/v-cat', { method: 'DELETE' })).status).toBe(401);
    const other = await createSite();
    expect(((await (await api(other.secretKey, '/v1/visitors/v-cat', { method: 'DELETE' })).json()) as any).total).toBe(0);
    expect(await rows('SELECT id FROM visitors WHERE site_id = ? AND id = ?', site.id, 'v-cat')).toHaveLength(1);
    expect((await api(site.secretKey, `/v1/visitors/${'x'.repeat(129)}`, { method: 'DELETE' })).status).toBe(400);
  });
});
void env;
