// Stats at scale: times getStats over a site seeded by db/stats-seed.ts (N companies and their aggregates).
import { getStats } from './query';
import { DAY_MS } from '../lib/time';

/** Times GET /v1/stats's query over the last `days` (best and median of `runs`, after one warm-up). */
export async function measureStats(db: D1Database, siteId: string, opts: { runs?: number; days?: number; now?: number } = {}) {
  const now = opts.now ?? Date.now();
  const range = { from: now - (opts.days ?? 180) * DAY_MS, to: now, now };
  await getStats(db, siteId, range);
  const times: number[] = [];
  for (let r = 0; r < (opts.runs ?? 5); r++) {
    const t = performance.now();
    await getStats(db, siteId, range);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { bestMs: round(times[0]), medianMs: round(times[Math.floor(times.length / 2)]), runs: times.length };
}
