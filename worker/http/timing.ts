// Counts D1 round trips per request (each first/all/run/raw or batch = 1) and reports them in Server-Timing.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { meteredDb, serverTiming, type DbMeter } from '../lib/db-meter';

export * from '../lib/db-meter';

/** Middleware: swaps c.env.DB for a metered one and sets `Server-Timing: db;dur=…;desc="<round trips>"`. */
export const dbTiming = createMiddleware<AppEnv>(async (c, next) => {
  const meter: DbMeter = { trips: 0, ms: 0 };
  c.env = { ...c.env, DB: meteredDb(c.env.DB, meter) };
  await next();
  c.res.headers.set('Server-Timing', serverTiming(meter));
});
