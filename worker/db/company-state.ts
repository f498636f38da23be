// The company-state SQL (companies rows: standing, scoring state, version), shared by the ingest core and the decay sweep.
import { lastPositiveAt, stakeholdersAt, type CompanyState, type Standing } from '../scoring';

/** Rows per JSON parameter of one statement. */
const CHUNK = 100;
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, i * CHUNK + CHUNK));
const col = (i: number) => `j.value->>'$[${i}]'`;

/** One company's row values in COMPANY_COLS order: its standing, its scoring state and what is derived from it. */
export function companyValues(domain: string, name: string | null, standing: Standing, stageSince: number, state: CompanyState, now: number): unknown[] {
  return [domain, name, standing.score, standing.stage, standing.salesAttention ? 1 : 0, stageSince, lastPositiveAt(state), stakeholdersAt(state, now), JSON.stringify(state)];
}

/** Fails the whole batch (NOT NULL on ingest_guard) unless the previous statement changed exactly `n` rows. */
export const guard = (db: D1Database, n: number) => db.prepare('INSERT INTO ingest_guard (v) SELECT NULL WHERE changes() <> ?').bind(n);

const COMPANY_COLS = 'domain, name, score, stage, sales_attention, stage_since, last_engaged_at, stakeholders, state';

/** Rows [domain, name, score, stage, salesAttention, stageSince, lastEngagedAt, stakeholders, state, version]: each must match its version. */
export function updateCompanies(db: D1Database, siteId: string, rows: unknown[][], now: number) {
  return chunks(rows).flatMap((part) => [
    db.prepare(
      `WITH u(${COMPANY_COLS}, version) AS MATERIALIZED (SELECT ${Array.from({ length: 10 }, (_, i) => col(i)).join(', ')} FROM json_each(?2) j)
       UPDATE companies SET name = coalesce(u.name, companies.name), score = u.score, stage = u.stage, sales_attention = u.sales_attention,
         stage_since = u.stage_since, last_engaged_at = u.last_engaged_at, stakeholders = u.stakeholders, state = u.state,
         updated_at = ?3, version = companies.version + 1
       FROM u WHERE companies.site_id = ?1 AND companies.domain = u.domain AND companies.version = u.version`,
    ).bind(siteId, JSON.stringify(part), now),
    guard(db, part.length),
  ]);
}

/** Plain INSERT of new companies: one created meanwhile by a racing writer fails the batch (primary key). */
export function insertCompanies(db: D1Database, siteId: string, rows: unknown[][], now: number) {
  return chunks(rows).map((part) =>
    db.prepare(
      `INSERT INTO companies (site_id, ${COMPANY_COLS}, version, created_at, updated_at)
       SELECT ?1, ${Array.from({ length: 9 }, (_, i) => col(i)).join(', ')}, 1, ?3, ?3 FROM json_each(?2) j`,
    ).bind(siteId, JSON.stringify(part), now),
  );
}


/** A companies row the decay sweep reads. */
export interface DecayRow {
  site_id: string; domain: string; name: string | null; score: number; stage: string; sales_attention: number;
  stage_since: number; state: string; version: number;
}

/** The decay sweep's page: companies after the cursor (keyset on the primary key) that decay can still move. */
export async function decayCandidates(db: D1Database, after: { site: string; domain: string } | null, limit: number): Promise<DecayRow[]> {
  const sql = `SELECT site_id, domain, name, score, stage, sales_attention, stage_since, state, version FROM companies
    WHERE (site_id, domain) > (?1, ?2) AND (score > 0 OR sales_attention = 1) ORDER BY site_id, domain LIMIT ?3`;
  return (await db.prepare(sql).bind(after?.site ?? '', after?.domain ?? '', limit).all<DecayRow>()).results;
}
