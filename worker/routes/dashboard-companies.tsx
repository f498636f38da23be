// /dashboard/companies (explorer), /dashboard/companies/export.csv (the export, cookie-authenticated) and /dashboard/companies/:domain.
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv, Site } from '../env';
import { companiesCsv, companySummary } from '../companies/view';
import { companyCursor, listFilters } from '../companies/query';
import { CompanyPage, ExplorerPage } from '../dashboard/companies';
import { SignInPage } from '../dashboard/page';
import { sessionSite } from '../dashboard/session';
import { companyDetail, explorerPage } from '../db/company-list';
import { companyDomainField } from '../ingest/validate';
import { encodeCursor } from '../lib/cursor';

export const dashboardCompanies = new Hono<AppEnv & { Variables: { site: Site } }>();
const PAGE_SIZE = 50;

// The explorer's form sends empty fields for "any": they mean absent. Anything invalid falls back to the default.
// Built on first use, not at module load (startup CPU, npm run bundle).
let explorerSchema: ReturnType<typeof buildExplorerQuery> | undefined;
function buildExplorerQuery() {
  const filters = listFilters();
  return z.object({
    ...filters,
    sort: filters.sort.removeDefault().default('engaged'),
    cursor: companyCursor().optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
  });
}
const explorerQuery = () => (explorerSchema ??= buildExplorerQuery());
function parseQuery(query: Record<string, string>) {
  const present = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
  const parsed = explorerQuery().safeParse(present);
  return parsed.success ? parsed.data : explorerQuery().parse({});
}

dashboardCompanies.use('*', async (c, next) => {
  const site = await sessionSite(c);
  if (!site) return c.html(<SignInPage />, 401);
  c.set('site', site);
  await next();
});

dashboardCompanies.get('/', async (c) => {
  const { cursor, page, ...filter } = parseQuery(c.req.query());
  const site = c.var.site;
  const result = await explorerPage(c.env.DB, site.id, { ...filter, cursor, limit: PAGE_SIZE });
  const now = Date.now();
  return c.html(
    <ExplorerPage siteName={site.name} filter={filter} companies={result.rows.map((r) => companySummary(site, r, now))} total={result.total}
      page={cursor ? page : 1} pageSize={PAGE_SIZE} nextCursor={result.next ? encodeCursor(result.next) : null} />,
  );
});

dashboardCompanies.get('/export.csv', (c) => {
  const { cursor: _c, page: _p, ...filter } = parseQuery(c.req.query());
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', 'attachment; filename="companies.csv"');
  return c.body(companiesCsv(c.env.DB, c.var.site, filter));
});

dashboardCompanies.get('/:domain', async (c) => {
  const parsed = companyDomainField().safeParse(c.req.param('domain'));
  const site = c.var.site;
  const detail = parsed.success ? await companyDetail(c.env.DB, site.id, parsed.data) : null;
  if (!detail?.company) return c.html(<ExplorerPage siteName={site.name} filter={{ sort: 'engaged', q: c.req.param('domain').slice(0, 100) }} companies={[]} total={0} page={1} pageSize={PAGE_SIZE} nextCursor={null} />, 404);
  return c.html(<CompanyPage siteName={site.name} summary={companySummary(site, detail.company, Date.now())} detail={detail} />);
});
