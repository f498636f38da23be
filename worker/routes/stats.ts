// GET /v1/stats?from=&to= (secret key): the marketer's journey figures, read from the stats aggregates.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireSecret } from '../http/auth';
import { getStats } from '../stats/query';
import { statsOptions } from '../stats/range';

export const stats = new Hono<AppEnv>();

stats.use('*', requireSecret);
stats.get('/', async (c) => {
  const site = c.var.site;
  const opts = statsOptions(site, { from: c.req.query('from'), to: c.req.query('to') });
  const body = await getStats(c.env.DB, site.id, opts);
  c.header('Cache-Control', 'no-store');
  return c.json(body);
});
