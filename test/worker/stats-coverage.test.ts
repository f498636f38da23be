// /v1/stats coverage: visitors seen in the range, named ones by resolver source, per period; equal to a count over visitors.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { SOURCES } from '../../worker/db/coverage';
import { resolveCompany } from '../../worker/identity/resolve';
import { api, createSite, rows } from './helpers';

const DAY = 86_400_000;

it('coverage equals a count over the visitors table, for the range asked', async () => {
  const site = await createSite();
  const other = await createSite();
  const to = Date.UTC(2026, 10, 30, 12);
  const from = to - 60 * DAY;
  // A seeded mix: every source, unresolved visitors, visitors wholly before or after the range, another site's.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const sources = [...SOURCES, null, null, null];
  const inserts: D1PreparedStatement[] = [];
  for (let i = 0; i < 400; i++) {
    const source = sources[Math.floor(rand() * sources.length)]!;
    const first = from - 30 * DAY + Math.floor(rand() * 120 * DAY);
    const last = first + Math.floor(rand() * 20 * DAY);
    inserts.push(env.DB.prepare('INSERT INTO visitors (site_id, id, company_domain, confidence, source, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .bind(i % 10 === 9 ? other.id : site.id, `v${i}`, source ? `co${i % 37}.com` : null, source ? 10 : 0, source, first, last));
  }
  await env.DB.batch(inserts);
  // And one visitor resolved the way the queue does it (IP range).
  await api(site.secretKey, '/v1/ip-ranges', { body: { cidr: '198.51.100.0/24', domain: 'globex.com' } });
  await resolveCompany(env, site.id, { ip: '198.51.100.4', userAgent: 'Mozilla/5.0 Chrome/130.0', acceptLanguage: 'en', visitorId: 'v-range' }, { now: to - DAY, enrich: false });

  const res = await api(site.secretKey, `/v1/stats?from=${from}&to=${to}`);
  expect(res.status).toBe(200);
  const { coverage } = (await res.json()) as any;

  // The independent count: every visitor row of this site, filtered in JavaScript.
  const all = await rows<{ source: string | null; company_domain: string | null; first_seen: number; last_seen: number }>(
    'SELECT source, company_domain, first_seen, last_seen FROM visitors WHERE site_id = ?', site.id);
  const seen = all.filter((v) => v.last_seen >= from && v.first_seen <= to);
  const named = seen.filter((v) => v.source && v.company_domain);
  expect(coverage.visitors).toBe(seen.length);
  expect(coverage.resolved).toBe(named.length);
  expect(coverage.bySource).toEqual(Object.fromEntries(SOURCES.map((s) => [s, named.filter((v) => v.source === s).length])));
  expect(coverage.bySource['ip-range']).toBeGreaterThan(0);
  expect(seen.length).toBeGreaterThan(100);
  expect(seen.length).toBeLessThan(all.length); // some were outside the range
  // Per period (weeks for a 60-day range): cohorts by first seen, clamped to the range start; they add up.
  expect(coverage.bucketDays).toBe(7);
  expect(coverage.series.reduce((s: number, p: any) => s + p.visitors, 0)).toBe(seen.length);
  expect(coverage.series.reduce((s: number, p: any) => s + p.resolved, 0)).toBe(named.length);
  const week0 = seen.filter((v) => Math.max(v.first_seen, from) < from + 7 * DAY);
  expect(coverage.series[0]).toEqual({ from: new Date(from).toISOString().slice(0, 10), visitors: week0.length, resolved: week0.filter((v) => v.source && v.company_domain).length });
});

it('a new site has an empty coverage, not an error', async () => {
  const site = await createSite();
  const body = (await (await api(site.secretKey, '/v1/stats')).json()) as any;
  expect(body.coverage).toMatchObject({ visitors: 0, resolved: 0, bySource: Object.fromEntries(SOURCES.map((s) => [s, 0])) });
});

it('counts from a covering index: no visitors table rows read', async () => {
  const site = await createSite();
  const plan = await rows<{ detail: string }>('EXPLAIN QUERY PLAN SELECT source, COUNT(*) AS n, COUNT(company_domain) AS named FROM visitors WHERE site_id = ?1 AND last_seen >= ?2 AND first_seen <= ?3 GROUP BY source', site.id, 0, 1);
  expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING COVERING INDEX visitors_by_last_seen/);
});
