import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { siteByPublicKeyQuery } from '../../worker/db/sites';
import { FOLD_DUE_SQL, PRUNE_EVENTS_SQL } from '../../worker/cron/retention';
import { READ_SQL, UPSERT_LEDGER_SQL } from '../../worker/ingest/store';

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
// (events_unresolved_by_visitor is partial: written only for events with no company yet, 0 rows in a resolved page view.)
const NEEDS: [index: string, sql: string, params: unknown[]][] = [
  ['stats_companies_idle', 'SELECT stage, COUNT(*) AS n, SUM(last_engaged_at < ?2) AS idle FROM companies WHERE site_id = ?1 GROUP BY stage', ['s', 1]],
  ['stats_companies_idle', 'SELECT domain FROM companies WHERE site_id = ? AND stage = ? ORDER BY score DESC, domain DESC LIMIT ?', ['s', 'ready', 51]],
  ['stats_companies_attention', 'SELECT domain FROM companies WHERE site_id = ?1 AND sales_attention = 1 ORDER BY score DESC, domain LIMIT ?2', ['s', 10]],
  ['events_by_company', 'SELECT id FROM events WHERE site_id = ? AND company_domain = ? ORDER BY ts', ['s', 'a.com']],
  ['events_by_visitor', 'SELECT id FROM events WHERE site_id = ? AND visitor_id = ?', ['s', 'v']],
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

  it('retention reads the oldest events by rowid, with no index on received_at', async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${PRUNE_EVENTS_SQL}`).bind(1, 1000).all<{ detail: string }>();
    expect(results.map((r) => r.detail).join(' | ')).not.toMatch(/received/);
    const { results: idx } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('events', 'companies') AND sql IS NOT NULL ORDER BY name").all<{ name: string }>();
    expect(idx.map((r) => r.name)).toEqual(['events_by_company', 'events_by_visitor', 'events_unresolved_by_visitor', 'stats_companies_attention', 'stats_companies_idle']);
  });
});
