// The ledger table as readers see it: a company's latest score changes, newest first.

export interface LedgerRow {
  ts: number;
  delta: number;
  score_after: number;
  reason: string;
  event_id: string | null;
}

const LATEST = 'SELECT ts, delta, score_after, reason, event_id FROM ledger WHERE site_id = ? AND company_domain = ? ORDER BY ts DESC, entry_key DESC LIMIT ?';

/** The statement for one company's `limit` latest rows (to batch with other reads). */
export const latestLedgerStatement = (db: D1Database, siteId: string, domain: string, limit: number) =>
  db.prepare(LATEST).bind(siteId, domain, limit);

/** The `limit` latest rows of each company, in one round trip. */
export async function latestLedgers(db: D1Database, siteId: string, domains: string[], limit: number): Promise<Map<string, LedgerRow[]>> {
  const out = new Map<string, LedgerRow[]>();
  if (!domains.length) return out;
  const results = await db.batch<LedgerRow>(domains.map((d) => latestLedgerStatement(db, siteId, d, limit)));
  domains.forEach((d, i) => out.set(d, results[i]!.results));
  return out;
}
