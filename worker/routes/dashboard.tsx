// GET /dashboard: the marketer's view behind a signed session cookie; sign-in with the site secret key.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { siteBySecret } from '../http/auth';
import { sha256Hex } from '../lib/keys';
import { DashboardPage, RANGES, SignInPage } from '../dashboard/page';
import { sessionSite, signIn, signOut } from '../dashboard/session';
import { sameOriginOnly } from '../http/same-origin';
import { latestLedgers } from '../db/ledger';
import { getStats } from '../stats/query';
import { statsOptions } from '../stats/range';
import { DAY_MS } from '../lib/time';
import { enrichProvider } from '../identity/enrich-providers';
import { DEFAULT_DOH_URL } from '../identity/reverse-dns';
import { dashboardCompanies } from './dashboard-companies';

export const dashboard = new Hono<AppEnv>();
const LEDGER_ROWS = 8;
const TABLE_ROWS = 25;

dashboard.use('*', sameOriginOnly);
dashboard.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
  // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the sign-in POST (Fetch spec).
  c.header('Referrer-Policy', 'same-origin');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
});

dashboard.get('/', async (c) => {
  const site = await sessionSite(c);
  if (!site) return c.html(<SignInPage />);
  const days = RANGES.includes(Number(c.req.query('days'))) ? Number(c.req.query('days')) : 90;
  const now = Date.now();
  const stats = await getStats(c.env.DB, site.id, { ...statsOptions(site, {}, now), from: now - days * DAY_MS, attentionLimit: TABLE_ROWS });
  const companies = stats.salesAttention.companies;
  const ledgers = await latestLedgers(c.env.DB, site.id, companies.map((co) => co.domain), LEDGER_ROWS);
  const setup = { enrichment: !!enrichProvider(c.env, '192.0.2.1'), reverseDns: (c.env.DOH_URL ?? DEFAULT_DOH_URL).trim() !== '' };
  return c.html(<DashboardPage siteName={site.name} publicKey={site.publicKey} origin={new URL(c.req.url).origin} stats={stats} days={days} ledgers={ledgers} setup={setup} />);
});

// The explorer, its CSV export (/dashboard/companies/export.csv: a plain link, the cookie authenticates it) and company pages.
dashboard.route('/companies', dashboardCompanies);

dashboard.post('/sign-in', async (c) => {
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const key = typeof form.key === 'string' ? form.key.trim() : '';
  const site = key.length <= 200 ? await siteBySecret(c.env.DB, key) : null;
  if (!site) return c.html(<SignInPage error="That key does not open a dashboard. Use the site's secret key (sk_…), not the public one." />, 401);
  await signIn(c, site.id, await sha256Hex(key));
  return c.redirect('/dashboard', 303);
});

dashboard.post('/sign-out', async (c) => {
  await signOut(c);
  return c.redirect('/dashboard', 303);
});
