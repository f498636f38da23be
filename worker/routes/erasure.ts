// Erasure (GDPR): DELETE /v1/companies/:domain and DELETE /v1/visitors/:id remove every row that holds them, with counts.
// Tables are found from the schema (any table with site_id and a company or visitor column), so tables added later are covered.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireSecret } from '../http/auth';
import { badRequest } from '../http/errors';
import { registrableDomain } from '../identity/domain';
import { purgeStandings } from '../stage-cache';

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

/** One transactional batch of deletes; answers { deleted: { table: rows } } with every table named, zero included. */
async function erase(db: D1Database, siteId: string, targets: [string, string][], value: string, extra: D1PreparedStatement[] = []) {
  const stmts = targets.map(([t, c]) => db.prepare(`DELETE FROM ${q(t)} WHERE site_id = ? AND ${q(c)} = ?`).bind(siteId, value));
  const results = await db.batch([...extra, ...stmts]);
  const deleted: Record<string, number> = {};
  targets.forEach(([t], i) => (deleted[t] = (deleted[t] ?? 0) + (results[extra.length + i]?.meta.changes ?? 0)));
  return { deleted, extra: results.slice(0, extra.length).map((r) => r.meta.changes ?? 0) };
}

export const companyErasure = new Hono<AppEnv>();
companyErasure.delete('/:domain', requireSecret, async (c) => {
  // Hono has already decoded the parameter once; decoding again made `%25` (→ `%`) throw, a 500.
  const raw = c.req.param('domain');
  const domain = registrableDomain(raw);
  if (!domain || domain !== raw.trim().toLowerCase()) throw badRequest(`invalid company domain: ${raw.slice(0, 100)}`, [{ path: 'domain', message: domain ? `use the registrable domain ${domain}` : 'expected a registrable domain such as acme.com' }]);
  // The enrichment cache is shared and keyed by salted hashes: answers naming this company go too.
  const cache = c.env.DB.prepare('DELETE FROM enrichment_cache WHERE domain = ?').bind(domain);
  const { deleted, extra } = await erase(c.env.DB, c.var.site.id, (await findHolders(c.env.DB)).company, domain, [cache]);
  deleted.enrichment_cache = extra[0] ?? 0;
  await purgeStandings(c.var.site.id, [], [domain]); // cached stage answers naming it (this data centre; others within their TTL)
  return c.json({ domain, deleted, total: Object.values(deleted).reduce((a, b) => a + b, 0) });
});

export const visitorErasure = new Hono<AppEnv>();
visitorErasure.delete('/:id', requireSecret, async (c) => {
  const id = c.req.param('id');
  if (!id || id.length > 64) throw badRequest('invalid visitor id', [{ path: 'id', message: 'expected the visitor id (at most 64 characters)' }]);
  const db = c.env.DB;
  const site = c.var.site.id;
  // The company's ledger keeps its score history; rows that named this visitor's events lose that link first.
  const unlink = db
    .prepare('UPDATE ledger SET event_id = NULL WHERE site_id = ? AND event_id IN (SELECT id FROM events WHERE site_id = ? AND visitor_id = ?)')
    .bind(site, site, id);
  // The scoring state counts distinct visitors (stakeholders) by id: swap the id for a random token, so the count stays
  // right and nothing links back. Bumping version makes a concurrent ingest of that company retry on the new state.
  const scrub = db
    .prepare(
      `UPDATE companies SET state = replace(state, ?1, ?2), version = version + 1 WHERE site_id = ?3 AND instr(state, ?1) > 0 AND domain IN (
         SELECT company_domain FROM events WHERE site_id = ?3 AND visitor_id = ?4 AND company_domain IS NOT NULL
         UNION SELECT company_domain FROM visitors WHERE site_id = ?3 AND id = ?4 AND company_domain IS NOT NULL)`,
    )
    .bind(JSON.stringify(id), JSON.stringify(`erased-${crypto.randomUUID()}`), site, id);
  const { deleted, extra } = await erase(db, site, (await findHolders(db)).visitor, id, [unlink, scrub]);
  await purgeStandings(site, [id], []);
  return c.json({
    visitor: id,
    deleted,
    ledgerUnlinked: extra[0] ?? 0,
    companiesScrubbed: extra[1] ?? 0,
    total: Object.values(deleted).reduce((a, b) => a + b, 0),
  });
});
