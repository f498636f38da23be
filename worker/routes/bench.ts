// GET /__bench/d1?trips=N: the floor for a route making N D1 round trips, measured by `npm run bench` only.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ping } from '../db/ops';
import { badRequest } from '../http/errors';

export const bench = new Hono<AppEnv>();

// Answers 404 like any unknown path unless the Worker was started with BENCH=1 (scripts/bench.ts does).
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
