import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { siteByPublicKeyQuery } from '../../worker/db/sites';
import { FOLD_DUE_SQL, PRUNE_EVENTS_SQL } from '../../worker/db/retention';
import { READ_SQL, UPSERT_LEDGER_SQL } from '../../worker/ingest/store';
import { EVERY_STAGE } from '../../worker/db/stats';

const byPublicKey = siteByPublicKeyQuery(env.DB, 'pk', 0).toSQL();

// Every query the ingest and lookup paths run, with placeholder values: none may scan a table (json_each is fine).
const QUERIES: [string, unknown[]][] = [
  [READ_SQL.events, ['s', '["a"]']],
  [READ_SQL.companies, ['s', '["a.com"]', '["x"]']],
  [READ_SQL.unresolved, ['s', '["v"]']],
  [`WITH u(id, domain) AS MATERIALIZED (SELECT j.value->>'$[0]', j.value->>'$[1]' FROM json_each(?2) j)
     UPDATE events SET company_domain = u.domain FROM u WHERE events.site_id = ?1 AND events.id = u.id AND events.company_domain IS NULL`, ['s', '[["a","b.com"]]']],
  [`WITH u(id, m) AS MATERIALIZED (SELECT j.value->>'$[0]', j.value->>'$[1]' FROM json_each(?2) j)
     UPDATE events SET engaged_ms = u.m FROM u WHERE events.site_id = ?1 AND events.id = u.id`, ['s', '[["a",1]]']],
  [`WITH u(domain, score, version) AS MATERIALIZED (SELECT j.value->>'$[0]', j.value->>'$[1]', j.value->>'$[2]' FROM json_each(?2) j)
     UPDATE companies SET score = u.score, version = companies.version + 1 FROM u
     WHERE companies.site_id = ?1 AND companies.domain = u.domain AND companies.version = u.version`, ['s', '[["a.com",1,1]]']],
  ['SELECT ts FROM ledger WHERE site_id = ? AND company_domain = ? ORDER BY ts DESC, entry_key DESC LIMIT ?', ['s', 'a.com', 501]],
  [UPSERT_LEDGER_SQL, ['s', '[["a.com",1,"e:x",0.1,0.1,"points:pageview","x"]]']],
  [FOLD_DUE_SQL, ['s', 'a.com', 1, 2000]],
  ['SELECT domain FROM companies WHERE site_id = ? AND domain > ? ORDER BY domain LIMIT ?', ['s', '', 51]],
  ['SELECT domain FROM companies WHERE site_id = ? AND domain > ? AND stage = ? ORDER BY domain LIMIT ?', ['s', '', 'ready', 51]],
  ['SELECT domain FROM companies WHERE site_id = ? AND domain > ? AND sales_attention = ? ORDER BY domain LIMIT ?', ['s', '', 1, 51]],
  [`SELECT c.domain FROM visitors v JOIN companies c ON c.site_id = v.site_id AND c.domain = v.company_domain
     WHERE v.site_id = ? AND v.id = ?`, ['s', 'v']],
  ['SELECT * FROM sites WHERE public_key = ?', ['pk']],
  [byPublicKey.sql, byPublicKey.params],
  ['SELECT * FROM sites WHERE secret_hash = ?', ['h']],
];

describe('query plans of the request paths', () => {
  it.each(QUERIES)('%s uses indexes only', async (sql, params) => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
    const scans = results.map((r) => r.detail).filter((d) => /^SCAN (?!(json_each|j|u)\b)/.test(d) && !/USING (COVERING )?INDEX/.test(d));
    // a SEARCH on site_id alone walks every row of the site: the same as a scan
    scans.push(...results.map((r) => r.detail).filter((d) => /^SEARCH (events|companies|ledger) .*\(site_id=\?\)$/.test(d)));
    expect(scans, results.map((r) => r.detail).join(' | ')).toEqual([]);
  });
});

// Every index on the ingest-written tables costs a row written per change (issue 17): each one left is read by a query.
const NEEDS: [index: string, sql: string, params: unknown[]][] = [
  ['companies_by_standing', 'SELECT stage, COUNT(*) AS n, SUM(last_engaged_at < ?2) AS idle FROM companies WHERE site_id = ?1 GROUP BY stage', ['s', 1]],
  ['companies_by_standing', 'SELECT domain FROM companies WHERE site_id = ? AND stage = ? ORDER BY score DESC, domain DESC LIMIT ?', ['s', 'ready', 51]],
  ['companies_by_standing (site_id=? AND stage=? AND sales_attention=?)', `SELECT domain FROM companies WHERE site_id = ?1 AND ${EVERY_STAGE} AND sales_attention = 1 ORDER BY score DESC, domain LIMIT ?2`, ['s', 10]],
  ['companies_by_standing (site_id=? AND stage=? AND sales_attention=?)', `SELECT COUNT(*) AS n FROM companies WHERE site_id = ?1 AND ${EVERY_STAGE} AND sales_attention = 1`, ['s']],
  ['events_by_visitor', 'SELECT id FROM events WHERE site_id = ? AND visitor_id = ?', ['s', 'v']],
  ['events_by_visitor', READ_SQL.unresolved, ['s', '["v"]']],
  ['stats_reach_r0', 'SELECT 2 AS k, COUNT(*) AS entered, COUNT(r3) AS advanced FROM stats_reach WHERE site_id = ?1 AND r2 BETWEEN ?2 AND ?3', ['s', 1, 2]],
];

describe('indexes written on every ingest', () => {
  it.each(NEEDS)('%s is used by %s', async (index, sql, params) => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
    expect(results.map((r) => r.detail).join(' | ')).toContain(index);
  });

  it('the ledger has no index but its key, which gives a company rows newest first without a sort', async () => {
    const { results } = await env.DB.prepare("EXPLAIN QUERY PLAN SELECT ts FROM ledger WHERE site_id = ? AND company_domain = ? ORDER BY ts DESC, entry_key DESC LIMIT ?").bind('s', 'a.com', 501).all<{ detail: string }>();
    expect(results.map((r) => r.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
    const { results: idx } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger' AND sql IS NOT NULL").all();
    expect(idx).toEqual([]);
  });

  it('retention walks the events by key, and the only indexes written by a page view are these', async () => {
    for (const [sql, params] of [[PRUNE_EVENTS_SQL.edge, ['s', 'a', 5000]], [PRUNE_EVENTS_SQL.delete, ['s', 'a', 5000, 1]]] as const) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
      const plan = results.map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/SEARCH events USING PRIMARY KEY \(\(site_id,id\)>\(\?,\?\)\)/);
      expect(plan).not.toMatch(/SCAN events/);
    }
    const { results: idx } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('events', 'companies', 'ledger') AND sql IS NOT NULL ORDER BY name").all<{ name: string }>();
    expect(idx.map((r) => r.name)).toEqual(['companies_by_standing', 'events_by_visitor']);
  });
});
