// Companies explorer SQL: filtered, sorted, keyset-paged lists over an index per sort order; one company's detail.
import type { StageId } from '../scoring/types';

export const SORTS = {
  engaged: { col: 'last_engaged_at', desc: true, nullable: true },
  score: { col: 'score', desc: true, nullable: false },
  since: { col: 'stage_since', desc: true, nullable: false },
  domain: { col: 'domain', desc: false, nullable: false },
} as const;
export type SortId = keyof typeof SORTS;
/** Where the previous page ended: the sort value (null for a company never engaged) and the domain. */
export type Cursor = [number | null, string];

export interface ListFilter {
  stage?: StageId;
  salesAttention?: boolean;
  /** Substring of the domain or the name, case-insensitive (ASCII). */
  q?: string;
  sort: SortId;
  cursor?: Cursor;
  limit: number;
}

export interface CompanyRow {
  domain: string;
  name: string | null;
  state: string;
  score: number;
  stage: string;
  salesAttention: number;
  stageSince: number;
  lastEngagedAt: number | null;
}

const COLUMNS = 'domain, name, state, score, stage, sales_attention AS salesAttention, stage_since AS stageSince, last_engaged_at AS lastEngagedAt';
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterWhere(siteId: string, f: Omit<ListFilter, 'sort' | 'cursor' | 'limit'>): { where: string[]; params: unknown[] } {
  const where = ['site_id = ?'];
  const params: unknown[] = [siteId];
  if (f.stage) where.push('stage = ?'), params.push(f.stage);
  if (f.salesAttention !== undefined) where.push('sales_attention = ?'), params.push(f.salesAttention ? 1 : 0);
  if (f.q) where.push("(domain LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')"), params.push(like(f.q), like(f.q));
  return { where, params };
}

function pageStatement(db: D1Database, siteId: string, f: ListFilter): D1PreparedStatement {
  const { col, desc, nullable } = SORTS[f.sort];
  const { where, params } = filterWhere(siteId, f);
  if (f.cursor) {
    const [value, domain] = f.cursor;
    if (!desc) where.push('domain > ?'), params.push(domain);
    else if (value === null) where.push(`${col} IS NULL AND domain < ?`), params.push(domain);
    else {
      where.push(`(${col} < ? OR (${col} = ? AND domain < ?)${nullable ? ` OR ${col} IS NULL` : ''})`);
      params.push(value, value, domain);
    }
  }
  // Descending orders break ties by domain descending too. No index per sort order (each would cost a row written on
  // every ingest): one site's companies (≤ 10,000) sort in memory well inside the page budget (migration 0011).
  const order = desc ? `${col} DESC, domain DESC` : 'domain ASC';
  return db.prepare(`SELECT ${COLUMNS} FROM companies WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`).bind(...params, f.limit + 1);
}

function toPage(f: ListFilter, results: CompanyRow[]): { rows: CompanyRow[]; next: Cursor | null } {
  const rows = results.slice(0, f.limit);
  const last = rows.at(-1);
  const value = (r: CompanyRow) => (f.sort === 'engaged' ? r.lastEngagedAt : f.sort === 'score' ? r.score : f.sort === 'since' ? r.stageSince : null);
  return { rows, next: results.length > f.limit && last ? [value(last), last.domain] : null };
}

/** One page (limit + 1 rows read, so the caller knows whether another follows) and the cursor after it. */
export async function listCompanies(db: D1Database, siteId: string, f: ListFilter): Promise<{ rows: CompanyRow[]; next: Cursor | null }> {
  return toPage(f, (await pageStatement(db, siteId, f).all<CompanyRow>()).results);
}

/** A page and the number of companies the filter matches, in one round trip (the explorer's header says "1–50 of N"). */
export async function explorerPage(db: D1Database, siteId: string, f: ListFilter) {
  const { where, params } = filterWhere(siteId, f);
  const [page, count] = await db.batch([
    pageStatement(db, siteId, f),
    db.prepare(`SELECT COUNT(*) AS n FROM companies WHERE ${where.join(' AND ')}`).bind(...params),
  ]);
  return { ...toPage(f, page!.results as CompanyRow[]), total: (count!.results[0] as { n: number } | undefined)?.n ?? 0 };
}

export interface CompanyDetail {
  company: (CompanyRow & { stakeholders: number; createdAt: number }) | null;
  ledger: { ts: number; delta: number; scoreAfter: number; reason: string }[];
  transitions: { from: string; to: string; at: number; score: number; reason: string }[];
  visitors: { source: string | null; n: number }[];
}

/** One round trip: the company, its latest ledger rows, its transitions, its visitors by resolver source. */
export async function companyDetail(db: D1Database, siteId: string, domain: string, ledgerRows = 60): Promise<CompanyDetail> {
  const [company, ledger, transitions, visitors] = await db.batch([
    db.prepare(`SELECT ${COLUMNS}, stakeholders, created_at AS createdAt FROM companies WHERE site_id = ? AND domain = ?`).bind(siteId, domain),
    db.prepare('SELECT ts, delta, score_after AS scoreAfter, reason FROM ledger WHERE site_id = ? AND company_domain = ? ORDER BY ts DESC, entry_key DESC LIMIT ?').bind(siteId, domain, ledgerRows),
    db.prepare('SELECT from_stage AS "from", to_stage AS "to", at, score, reason FROM transitions WHERE site_id = ? AND company_domain = ? ORDER BY at, id LIMIT 200').bind(siteId, domain),
    db.prepare('SELECT source, COUNT(*) AS n FROM visitors WHERE site_id = ? AND company_domain = ? GROUP BY source ORDER BY n DESC').bind(siteId, domain),
  ]);
  return {
    company: (company!.results[0] as CompanyDetail['company'] | undefined) ?? null,
    ledger: ledger!.results as CompanyDetail['ledger'],
    transitions: transitions!.results as CompanyDetail['transitions'],
    visitors: visitors!.results as CompanyDetail['visitors'],
  };
}
