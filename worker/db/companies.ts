// Company reads for the API: one company with its latest ledger rows (lists and the explorer: db/company-list.ts).
import { and, desc, eq } from 'drizzle-orm';
import { orm } from './orm';
import { companies, ledger } from './schema';

export type LedgerRow = Pick<typeof ledger.$inferSelect, 'ts' | 'delta' | 'scoreAfter' | 'reason' | 'eventId'>;

/** One round trip: the company (null when unknown) and its `rows` latest ledger rows, newest first. */
export async function companyWithLedger(db: D1Database, siteId: string, domain: string, rows: number) {
  const d = orm(db);
  const [[company], latest] = await d.batch([
    d.select({ domain: companies.domain, name: companies.name, state: companies.state, stageSince: companies.stageSince, lastEngagedAt: companies.lastEngagedAt })
      .from(companies).where(and(eq(companies.siteId, siteId), eq(companies.domain, domain))),
    d.select({ ts: ledger.ts, delta: ledger.delta, scoreAfter: ledger.scoreAfter, reason: ledger.reason, eventId: ledger.eventId })
      .from(ledger).where(and(eq(ledger.siteId, siteId), eq(ledger.companyDomain, domain)))
      .orderBy(desc(ledger.ts), desc(ledger.entryKey)).limit(rows),
  ]);
  return { company: company ?? null, ledger: latest satisfies LedgerRow[] };
}

/** Which of `domains` are companies of the site already (one read; one JSON parameter, so any number of domains). */
export async function existingCompanies(db: D1Database, siteId: string, domains: string[]): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT domain FROM companies WHERE site_id = ? AND domain IN (SELECT value FROM json_each(?))')
    .bind(siteId, JSON.stringify(domains))
    .all<{ domain: string }>();
  return new Set(results.map((r) => r.domain));
}
