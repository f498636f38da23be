// GET /v1/companies/:domain (with its ledger) and GET /v1/companies (filters, cursor pagination); secret key.
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env';
import { requireSecret } from '../http/auth';
import { companyWithLedger } from '../db/companies';
import { badRequest, notFound, zodFields } from '../http/errors';
import { companyDomainField } from '../ingest/validate';
import { materialiseDecay } from '../scoring';
import { companiesCsv, companySummary } from '../companies/view';
import { listCompanies } from '../db/company-list';
import { companyCursor, listFilters } from '../companies/query';
import { rulesOf } from '../site-cache';
import { encodeCursor } from '../lib/cursor';
import { iso } from '../lib/time';

export const companies = new Hono<AppEnv>();
companies.use('*', requireSecret);

const LEDGER_ROWS = 500;

const summary = companySummary;

companies.get('/:domain', async (c) => {
  const parsed = companyDomainField().safeParse(c.req.param('domain'));
  if (!parsed.success) throw badRequest('invalid domain', zodFields(parsed.error.issues).map((f) => ({ ...f, path: 'domain' })));
  const domain = parsed.data;
  const site = c.var.site;
  const { company: row, ledger: latest } = await companyWithLedger(c.env.DB, site.id, domain, LEDGER_ROWS + 1);
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

// Built on first use, not at module load (startup CPU, npm run bundle).
let listSchema: ReturnType<typeof buildListQuery> | undefined;
const buildListQuery = () => z.strictObject({
  ...listFilters(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: companyCursor().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
const listQuery = () => (listSchema ??= buildListQuery());

companies.get('/', async (c) => {
  const parsed = listQuery().safeParse(c.req.query());
  if (!parsed.success) throw badRequest('invalid query', zodFields(parsed.error.issues));
  const { format, cursor: after, limit, ...filter } = parsed.data;
  if (format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="companies.csv"');
    return c.body(companiesCsv(c.env.DB, c.var.site, filter));
  }
  const page = await listCompanies(c.env.DB, c.var.site.id, { ...filter, cursor: after, limit });
  const now = Date.now();
  return c.json({
    companies: page.rows.map((r) => summary(c.var.site, r, now)),
    nextCursor: page.next ? encodeCursor(page.next) : null,
  });
});
