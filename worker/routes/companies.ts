// GET /v1/companies/:domain (with its ledger) and GET /v1/companies (filters, cursor pagination); secret key.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Site } from '../env';
import { requireSecret } from '../http/auth';
import { badRequest, notFound, zodFields } from '../http/errors';
import { dbTiming } from '../http/timing';
import { companyDomainField } from '../ingest/validate';
import { materialiseDecay, stakeholdersAt, standingAt, type CompanyState } from '../scoring';
import { STAGES } from '../scoring/types';
import { rulesOf } from '../site-cache';

export const companies = new Hono<AppEnv>();
companies.use('*', dbTiming, requireSecret);

const LEDGER_ROWS = 500;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

interface Row { domain: string; name: string | null; state: string; stage_since: number; last_engaged_at: number | null }

/** A company as the API shows it: standing computed at `now` (lazy decay), times as ISO-8601. */
function summary(site: Site, row: Row, now: number) {
  const state = JSON.parse(row.state) as CompanyState;
  const standing = standingAt(state, now, rulesOf(site));
  return {
    domain: row.domain, name: row.name, stage: standing.stage, score: standing.score, salesAttention: standing.salesAttention,
    stageSince: iso(row.stage_since), lastEngagedAt: iso(row.last_engaged_at), stakeholders: stakeholdersAt(state, now),
  };
}

companies.get('/:domain', async (c) => {
  const parsed = companyDomainField.safeParse(c.req.param('domain'));
  if (!parsed.success) throw badRequest('invalid domain', zodFields(parsed.error.issues).map((f) => ({ ...f, path: 'domain' })));
  const domain = parsed.data;
  const site = c.var.site;
  const db = c.env.DB;
  const [company, ledger] = await db.batch([
    db.prepare('SELECT domain, name, state, stage_since, last_engaged_at FROM companies WHERE site_id = ? AND domain = ?').bind(site.id, domain),
    db.prepare('SELECT ts, delta, score_after, reason, event_id FROM ledger WHERE site_id = ? AND company_domain = ? ORDER BY ts DESC, id DESC LIMIT ?')
      .bind(site.id, domain, LEDGER_ROWS + 1),
  ]);
  const row = company.results[0] as Row | undefined;
  if (!row) throw notFound(`no company ${domain} for this site`);
  const now = Date.now();
  const rows = (ledger.results as { ts: number; delta: number; score_after: number; reason: string; event_id: string | null }[]).reverse();
  const truncated = rows.length > LEDGER_ROWS;
  // Decay due but not yet written shows as pending rows, so the deltas still add up to the score shown.
  const pending = materialiseDecay(JSON.parse(row.state), now, rulesOf(site)).ledger;
  return c.json({
    ...summary(site, row, now),
    ledger: [
      ...rows.slice(truncated ? 1 : 0).map((l) => ({ at: iso(l.ts), delta: l.delta, scoreAfter: l.score_after, reason: l.reason, eventId: l.event_id })),
      ...pending.map((l) => ({ at: iso(l.ts), delta: l.delta, scoreAfter: l.scoreAfter, reason: l.reason, eventId: l.eventId, pending: true })),
    ],
    ...(truncated ? { ledgerTruncated: true } : {}),
  });
});

const cursor = z.string().max(400).transform((s, ctx) => {
  try {
    const d = JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof d === 'string') return d;
  } catch {}
  ctx.addIssue({ code: 'custom', message: 'invalid cursor' });
  return z.NEVER;
});
const encodeCursor = (domain: string) => btoa(JSON.stringify(domain)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

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
  const where = ['site_id = ?', 'domain > ?'];
  const params: unknown[] = [c.var.site.id, q.cursor ?? ''];
  if (q.stage) (where.push('stage = ?'), params.push(q.stage));
  if (q.salesAttention) (where.push('sales_attention = ?'), params.push(q.salesAttention === 'true' ? 1 : 0));
  const { results } = await c.env.DB.prepare(
    `SELECT domain, name, state, stage_since, last_engaged_at FROM companies WHERE ${where.join(' AND ')} ORDER BY domain LIMIT ?`,
  ).bind(...params, q.limit + 1).all<Row>();
  const now = Date.now();
  const page = results.slice(0, q.limit);
  return c.json({
    companies: page.map((r) => summary(c.var.site, r, now)),
    nextCursor: results.length > q.limit ? encodeCursor(page.at(-1)!.domain) : null,
  });
});
