// Prints the stats query time at 100,000 companies (a figure, not a timed assertion).
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { measureStats } from '../../worker/stats/bench';
import { seedStatsBench } from '../../worker/db/stats-seed';
import { getStats } from '../../worker/stats/query';

it('answers /v1/stats for 100,000 companies from aggregates and indexes', async () => {
  const t = performance.now();
  const site = await seedStatsBench(env.DB, { companies: 100_000 });
  const seeded = performance.now() - t;
  const m = await measureStats(env.DB, site);
  console.log(`stats query at 100,000 companies: best ${m.bestMs} ms, median ${m.medianMs} ms over ${m.runs} runs (seeding took ${Math.round(seeded)} ms)`);
  const s = await getStats(env.DB, site, { from: Date.now() - 180 * 86_400_000, to: Date.now(), now: Date.now() });
  expect(s.now.total).toBe(100_000);
  expect(s.conversion[0].entered).toBe(100_000);
  expect(s.salesAttention.companies).toHaveLength(50);
}, 120_000);
