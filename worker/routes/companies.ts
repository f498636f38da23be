// GET /v1/companies/:domain (with its ledger) and GET /v1/companies (filters, cursor pagination); secret key.
import { and, asc, desc, eq, gt, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Site } from '../env';
import { requireSecret } from '../http/auth';
import { companies as companyTable, ledger as ledgerTable } from '../db/schema';
import { badRequest, notFound, zodFields } from '../http/errors';
import { companyDomainField } from '../ingest/validate';
import { materialiseDecay, stakeholdersAt, standingAt, type CompanyState } from '../scoring';
import { STAGES } from '../scoring/types';
import { rulesOf } from '../site-cache';
import { cursorField, encodeCursor } from '../lib/cursor';
import { iso } from '../lib/time';

export const companies = new Hono<AppEnv>();
companies.use('*', requireSecret);

const LEDGER_ROWS = 500;

const summaryCols = {
  domain: companyTable.domain, name: companyTable.name, state: companyTable.state,
  stageSince: companyTable.stageSince, lastEngagedAt: companyTable.lastEngagedAt,
};
type Row = { domain: string; name: string | null; state: string; stageSince: number; lastEngagedAt: number | null };

/** A company as the API shows it: standing computed at `now` (lazy decay), times as ISO-8601. */
function summary(site: Site, row: Row, now: number) {
  const state = JSON.parse(row.state) as CompanyState;
  const standing = standingAt(state, now, rulesOf(site));
  return {
    domain: row.domain, name: row.name, stage: standing.stage, score: standing.score, salesAttention: standing.salesAttention,
    stageSince: iso(row.stageSince), lastEngagedAt: iso(row.lastEngagedAt), stakeholders: stakeholdersAt(state, now),
  };
}

companies.get('/:domain', async (c) => {
  const parsed = companyDomainField.safeParse(c.req.param('domain'));
  if (!parsed.success) throw badRequest('invalid domain', zodFields(parsed.error.issues).map((f) => ({ ...f, path: 'domain' })));
  const domain = parsed.data;
  const site = c.var.site;
  const db = drizzle(c.env.DB);
  const ofCompany = (t: typeof companyTable | typeof ledgerTable, d: SQL) => and(eq(t.siteId, site.id), d);
  // One round trip: the company and its latest ledger rows.
  const [[row], latest] = await db.batch([
    db.select(summaryCols).from(companyTable).where(ofCompany(companyTable, eq(companyTable.domain, domain))),
    db.select({ ts: ledgerTable.ts, delta: ledgerTable.delta, scoreAfter: ledgerTable.scoreAfter, reason: ledgerTable.reason, eventId: ledgerTable.eventId })
      .from(ledgerTable).where(ofCompany(ledgerTable, eq(ledgerTable.companyDomain, domain)))
      .orderBy(desc(ledgerTable.ts), desc(ledgerTable.id)).limit(LEDGER_ROWS + 1),
  ]);
  if (!row) throw notFound(`no company ${domain} for this site`);
  const now = Date.now();
  const rows = latest.reverse();
  const truncated = rows.length > LEDGER_ROWS;
  // Decay due but not yet written shows as pending rows, so the deltas still add up to the score shown.
  const pending = materialiseDecay(JSON.parse(row.state), now, rulesOf(site)).ledger;
  return c.json({
    ...summary(site, row, now),
    ledger: [
      ...rows.slice(truncated ? 1 : 0).map((l) => ({ at: iso(l.ts), delta: l.delta, scoreAfter: l.scoreAfter, reason: l.reason, eventId: l.eventId })),
      ...pending.map((l) => ({ at: iso(l.ts), delta: l.delta, scoreAfter: l.scoreAfter, reason: l.reason, eventId: l.eventId, pending: true })),
    ],
    ...(truncated ? { ledgerTruncated: true } : {}),
  });
});

const cursor = cursorField((v): v is string => typeof v === 'string');

const listQuery = z.strictObject({
  stage: z.enum(STAGES).optional(),
  salesAttention: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursor.optional(),
});

companies.get('/', async (c) => {
  const parsed = listQuery.safeParse(c.req.query());
  if (!parsed.success) throw badRequest('invalid query', zodFields(parsed.error.issues));
  const q = parsed.data;
  const t = companyTable;
  const where = [eq(t.siteId, c.var.site.id), gt(t.domain, q.cursor ?? '')];
  if (q.stage) where.push(eq(t.stage, q.stage));
  if (q.salesAttention) where.push(eq(t.salesAttention, q.salesAttention === 'true' ? 1 : 0));
  const results = await drizzle(c.env.DB).select(summaryCols).from(t).where(and(...where)).orderBy(asc(t.domain)).limit(q.limit + 1);
  const now = Date.now();
  const page = results.slice(0, q.limit);
  return c.json({
    companies: page.map((r) => summary(c.var.site, r, now)),
    nextCursor: results.length > q.limit ? encodeCursor(page.at(-1)!.domain) : null,
  });
});
