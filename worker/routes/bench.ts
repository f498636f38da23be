// /__bench (BENCH=1 only): the D1 floor and plain-proxy baseline for `npm run bench`, and read-only D1 rows for the browser tests.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { isReadOnlySelect, ping, readRows } from '../db/ops';
import { badRequest } from '../http/errors';

export const bench = new Hono<AppEnv>();

// Answers 404 like any unknown path unless the Worker was started with BENCH=1 (scripts/bench.ts and the browser tests' global setup do).
bench.use('*', async (c, next) => (c.env.BENCH === '1' ? next() : c.notFound()));

bench.get('/d1', async (c) => {
  const trips = Number(c.req.query('trips') ?? 1);
  if (!Number.isInteger(trips) || trips < 0 || trips > 4) throw badRequest('trips: 0 to 4', [{ path: 'trips', message: 'an integer from 0 to 4' }]);
  let row: unknown = null;
  for (let i = 0; i < trips; i++) row = await ping(c.env.DB);
  return c.json({ trips, row });
});

// GET /__bench/proxy?path=/demo: the same origin page through a plain proxy (fetch and return, no rewrite), the
// baseline of the personalizing edge's overhead.
bench.get('/proxy', async (c) => {
  const path = c.req.query('path') ?? '/';
  if (!path.startsWith('/')) throw badRequest('path: an absolute path', [{ path: 'path', message: 'starts with /' }]);
  const res = await fetch(new URL(path, new URL(c.req.url).origin), { headers: { accept: c.req.header('accept') ?? '*/*' } });
  return new Response(res.body, res);
});

// POST /__bench/body: a beacon's POST read and answered 202, nothing else: what a body costs the local transport
// (wrangler dev's proxy, the load generator), the floor that /v1/collect is compared with beside GET /health.
bench.post('/body', async (c) => c.json({ bytes: (await c.req.text()).length }, 202));

// The browser tests read D1 through the Worker they drive, not one `wrangler d1 execute` process per query.
bench.get('/sql', async (c) => {
  const q = c.req.query('q') ?? '';
  if (!isReadOnlySelect(q)) throw badRequest('q: one SELECT statement', [{ path: 'q', message: 'one read-only SELECT statement' }]);
  return c.json({ rows: await readRows(c.env.DB, q) });
});
