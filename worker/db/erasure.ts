// Erasure SQL (GDPR): every row holding a company or a visitor, found from the schema so tables added later are covered.
import { stakeholdersAt, type CompanyState } from '../scoring';
import { CONTENT_TYPES, STAGES } from '../scoring/types';
import { PRECEDE_MS } from '../stats/record';
import { eraseVisitor as eraseStateVisitor } from '../scoring/erase';

const COMPANY_COLUMNS = ['company_domain', 'domain'] as const;
const VISITOR_COLUMNS = ['visitor_id'] as const;

interface Holders {
  company: [table: string, column: string][];
  visitor: [table: string, column: string][];
}
let holders: Promise<Holders> | undefined;

/** Every (table, column) that holds a company domain or a visitor id next to a site_id; read once per isolate. */
function findHolders(db: D1Database): Promise<Holders> {
  return (holders ??= db
    .prepare(
      `SELECT m.name AS tbl, p.name AS col FROM sqlite_master m, pragma_table_info(m.name) p
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' AND m.name NOT IN ('sites', 'd1_migrations')`,
    )
    .all<{ tbl: string; col: string }>()
    .then(({ results }) => {
      const cols = new Map<string, Set<string>>();
      for (const r of results) (cols.get(r.tbl) ?? cols.set(r.tbl, new Set()).get(r.tbl)!).add(r.col);
      const out: Holders = { company: [], visitor: [] };
      for (const [tbl, set] of cols) {
        if (!set.has('site_id')) continue;
        const company = COMPANY_COLUMNS.find((c) => set.has(c));
        if (company) out.company.push([tbl, company]);
        const visitor = tbl === 'visitors' ? 'id' : VISITOR_COLUMNS.find((c) => set.has(c));
        if (visitor) out.visitor.push([tbl, visitor]);
      }
      return out;
    })
    .catch((err) => {
      holders = undefined;
      throw err;
    }));
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One transactional batch of deletes (after `extra` statements); answers { deleted: { table: rows } } with every table named, zero included. */
async function erase(db: D1Database, siteId: string, targets: [string, string][], value: string, extra: D1PreparedStatement[] = []) {
  const stmts = targets.map(([t, c]) => db.prepare(`DELETE FROM ${q(t)} WHERE site_id = ? AND ${q(c)} = ?`).bind(siteId, value));
  const results = await db.batch([...extra, ...stmts]);
  const deleted: Record<string, number> = {};
  targets.forEach(([t], i) => (deleted[t] = (deleted[t] ?? 0) + (results[extra.length + i]?.meta.changes ?? 0)));
  return { deleted, extra: results.slice(0, extra.length).map((r) => r.meta.changes ?? 0) };
}


// Every stats aggregate is an anonymous per-day sum (worker/stats/record.ts): a company leaves each the way it came in,
// re-derived from its first-seen time (stats_reach.r0), its transitions and its events before those rows are deleted.
const DAY = 86_400_000;
const rank = (col: string) => `CASE ${col} ${STAGES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;
const VIEWS = `e.site_id = ?1 AND e.company_domain = ?2 AND e.category IS NOT NULL AND e.type IN (${[...CONTENT_TYPES].map((t) => `'${t}'`).join(', ')})`;
const UNDO_STATS = [
  `INSERT INTO stats_stage_daily (site_id, day, stage, delta) SELECT ?1, r0 / ${DAY}, 'target', -1
     FROM stats_reach WHERE site_id = ?1 AND domain = ?2 ON CONFLICT (site_id, day, stage) DO UPDATE SET delta = delta + excluded.delta`,
  `INSERT INTO stats_stage_daily (site_id, day, stage, delta) SELECT ?1, at / ${DAY} AS d, from_stage, COUNT(*)
     FROM transitions WHERE site_id = ?1 AND company_domain = ?2 GROUP BY d, from_stage
     ON CONFLICT (site_id, day, stage) DO UPDATE SET delta = delta + excluded.delta`,
  `INSERT INTO stats_stage_daily (site_id, day, stage, delta) SELECT ?1, at / ${DAY} AS d, to_stage, -COUNT(*)
     FROM transitions WHERE site_id = ?1 AND company_domain = ?2 GROUP BY d, to_stage
     ON CONFLICT (site_id, day, stage) DO UPDATE SET delta = delta + excluded.delta`,
  `UPDATE stats_transitions_daily SET n = n - (SELECT COUNT(*) FROM transitions t WHERE t.site_id = ?1 AND t.company_domain = ?2
       AND t.at / ${DAY} = stats_transitions_daily.day AND t.from_stage = stats_transitions_daily.from_stage AND t.to_stage = stats_transitions_daily.to_stage)
     WHERE site_id = ?1 AND (day, from_stage, to_stage) IN (SELECT at / ${DAY}, from_stage, to_stage FROM transitions WHERE site_id = ?1 AND company_domain = ?2)`,
  // A stay ended at each transition; it began at the one before, the first at the company's first event (record.ts: dwell).
  `INSERT INTO stats_dwell_daily (site_id, day, stage, hours, n)
     SELECT ?1, d.day, d.stage, CASE WHEN d.h < 48 THEN d.h ELSE (d.h / 24) * 24 END, -COUNT(*) FROM (
       SELECT t.at / ${DAY} AS day, t.from_stage AS stage, max(0, t.at - coalesce(lag(t.at) OVER (ORDER BY t.at, t.id),
         (SELECT r0 FROM stats_reach WHERE site_id = ?1 AND domain = ?2), t.at)) / 3600000 AS h
       FROM transitions t WHERE t.site_id = ?1 AND t.company_domain = ?2) d
     GROUP BY 2, 3, 4 ON CONFLICT (site_id, day, stage, hours) DO UPDATE SET n = n + excluded.n`,
  // Each stored event of the company was one content view; each promotion, once per category viewed in the 7 days before.
  `INSERT INTO stats_content_daily (site_id, day, category, views)
     SELECT ?1, e.ts / ${DAY}, e.category, -COUNT(*) FROM events e WHERE ${VIEWS} GROUP BY 2, 3
     ON CONFLICT (site_id, day, category) DO UPDATE SET views = views + excluded.views`,
  `INSERT INTO stats_content_daily (site_id, day, category, preceded)
     SELECT ?1, t.at / ${DAY}, e.category, -COUNT(DISTINCT t.id) FROM transitions t JOIN events e ON ${VIEWS}
       AND e.ts BETWEEN t.at - ${PRECEDE_MS} AND t.at
     WHERE t.site_id = ?1 AND t.company_domain = ?2 AND ${rank('t.to_stage')} > ${rank('t.from_stage')}
     GROUP BY 2, 3 ON CONFLICT (site_id, day, category) DO UPDATE SET preceded = preceded + excluded.preceded`,
];
// Counters the company alone had are now zero rows; a site that never saw it has no row there (a zero pair would show).
const DROP_ZEROS = [
  'DELETE FROM stats_transitions_daily WHERE site_id = ?1 AND n = 0',
  'DELETE FROM stats_dwell_daily WHERE site_id = ?1 AND n = 0',
  'DELETE FROM stats_content_daily WHERE site_id = ?1 AND views = 0 AND preceded = 0',
  'DELETE FROM stats_stage_daily WHERE site_id = ?1 AND delta = 0',
];

/** Deletes every row naming `domain` for the site, and the shared enrichment answers naming it; the stats series forget it. */
export async function eraseCompany(db: D1Database, siteId: string, domain: string) {
  // The enrichment cache is shared and keyed by salted hashes: answers naming this company go too.
  const cache = db.prepare('DELETE FROM enrichment_cache WHERE domain = ?').bind(domain);
  const undo = UNDO_STATS.map((sql) => db.prepare(sql).bind(siteId, domain));
  const zeros = DROP_ZEROS.map((sql) => db.prepare(sql).bind(siteId));
  const { deleted, extra } = await erase(db, siteId, (await findHolders(db)).company, domain, [cache, ...undo, ...zeros]);
  deleted.enrichment_cache = extra[0] ?? 0;
  return deleted;
}

/** Deletes every row of visitor `id`; ledger rows lose the link to its events; scoring states forget its id. */
export async function eraseVisitor(db: D1Database, siteId: string, id: string) {
  // The company's ledger keeps its score history; rows that named this visitor's events lose that link first (their
  // key named the event too: it becomes an opaque one).
  const unlink = db
    .prepare(`UPDATE ledger SET event_id = NULL, entry_key = 'x:' || lower(hex(randomblob(8)))
      WHERE site_id = ? AND event_id IN (SELECT id FROM events WHERE site_id = ? AND visitor_id = ?)`)
    .bind(siteId, siteId, id);
  // The scoring state is edited as data (scoring/erase.ts): the visitor, its sessions and hits go, stakeholders are
  // re-derived, the score stays. Each write is guarded by the version read: a concurrent ingest retries on the new state.
  const scrub = await scrubStatements(db, siteId, id);
  const { deleted, extra } = await erase(db, siteId, (await findHolders(db)).visitor, id, [unlink, ...scrub]);
  return { deleted, ledgerUnlinked: extra[0] ?? 0, companiesScrubbed: extra.slice(1).reduce((n, x) => n + x, 0) };
}

/** One UPDATE per company the visitor touched: its state without the visitor, stakeholders re-derived, version-guarded. */
async function scrubStatements(db: D1Database, siteId: string, id: string): Promise<D1PreparedStatement[]> {
  const [companyRows, sessionRows] = await db.batch([
    db.prepare(`SELECT domain, state, version FROM companies WHERE site_id = ?1 AND domain IN (
        SELECT company_domain FROM events WHERE site_id = ?1 AND visitor_id = ?2 AND company_domain IS NOT NULL
        UNION SELECT company_domain FROM visitors WHERE site_id = ?1 AND id = ?2 AND company_domain IS NOT NULL)`).bind(siteId, id),
    db.prepare('SELECT DISTINCT session_id AS s FROM events WHERE site_id = ? AND visitor_id = ? AND session_id IS NOT NULL').bind(siteId, id),
  ]);
  const companies = companyRows!.results as { domain: string; state: string; version: number }[];
  const sessionIds = (sessionRows!.results as { s: string }[]).map((r) => r.s);
  const now = Date.now();
  return companies.map((c) => {
    const state = eraseStateVisitor(JSON.parse(c.state) as CompanyState, id, sessionIds);
    return db.prepare('UPDATE companies SET state = ?, stakeholders = ?, version = version + 1 WHERE site_id = ? AND domain = ? AND version = ?')
      .bind(JSON.stringify(state), stakeholdersAt(state, now), siteId, c.domain, c.version);
  });
}
