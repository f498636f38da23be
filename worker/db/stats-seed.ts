// Stats at scale: seeds the aggregates and the companies table for N companies with SQL (npm run bench:stats, its test).
import { STAGES } from '../scoring/types';
import { DAY_MS } from '../lib/time';

const CATS = ['blog', 'guide', 'pricing', 'case-study', 'webinar', 'report', 'features', 'docs', 'security', 'roi-calculator'];
const SEQ = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`;

/** A site with `companies` companies and ~`days` of aggregates, as the ingest would have left them. */
export async function seedStatsBench(db: D1Database, opts: { companies: number; days?: number; now?: number; siteId?: string }): Promise<string> {
  const now = opts.now ?? Date.now();
  const days = opts.days ?? 180;
  const site = opts.siteId ?? `site_bench_${crypto.randomUUID().slice(0, 8)}`;
  const n = opts.companies;
  const first = Math.floor(now / DAY_MS) - days;
  const stageOf = `CASE WHEN i % 100 < 55 THEN 'target' WHEN i % 100 < 75 THEN 'education' WHEN i % 100 < 87 THEN 'solution' WHEN i % 100 < 96 THEN 'evaluation' ELSE 'ready' END`;
  await db.batch([
    db.prepare('INSERT INTO sites (id, name, public_key, secret_hash, created_at) VALUES (?1, ?1, ?1, ?1, ?2)').bind(site, now),
    db.prepare(`INSERT INTO companies (site_id, domain, score, stage, sales_attention, stage_since, last_engaged_at, state, created_at, updated_at)
      ${SEQ(n)} SELECT ?1, 'c' || i || '.example.com', (i % 100) / 10.0, ${stageOf}, i % 100 >= 93, ?2 - (i % 90) * ${DAY_MS},
      ?2 - (i % 60) * ${DAY_MS}, '{}', ?2, ?2 FROM n`).bind(site, now),
    db.prepare(`INSERT INTO stats_reach (site_id, domain, r0, r1, r2, r3, r4, cur_stage, cur_since)
      ${SEQ(n)} SELECT ?1, 'c' || i || '.example.com', t, CASE WHEN i % 100 < 70 THEN t + 5 * ${DAY_MS} END,
        CASE WHEN i % 100 < 40 THEN t + 20 * ${DAY_MS} END, CASE WHEN i % 100 < 20 THEN t + 40 * ${DAY_MS} END,
        CASE WHEN i % 100 < 6 THEN t + 60 * ${DAY_MS} END, ${stageOf}, t
      FROM (SELECT i, ?2 - (i % ${days}) * ${DAY_MS} AS t FROM n)`).bind(site, now),
    db.prepare(`INSERT INTO stats_stage_daily (site_id, day, stage, delta) ${SEQ(days)}
      SELECT ?1, ?2 + i, s.value, ${Math.ceil(n / days)} - (i % 7) FROM n, json_each(?3) s`).bind(site, first, JSON.stringify(STAGES)),
    db.prepare(`INSERT INTO stats_transitions_daily (site_id, day, from_stage, to_stage, n) ${SEQ(days)}
      SELECT ?1, ?2 + i, p.value->>0, p.value->>1, 10 + i % 20 FROM n, json_each(?3) p`)
      .bind(site, first, JSON.stringify([['target', 'education'], ['education', 'solution'], ['solution', 'evaluation'], ['evaluation', 'ready'], ['education', 'target'], ['solution', 'education'], ['evaluation', 'solution'], ['ready', 'evaluation']])),
    db.prepare(`INSERT INTO stats_dwell_daily (site_id, day, stage, hours, n) ${SEQ(days)}
      SELECT ?1, ?2 + i, s.value, h.value * 24, 1 + (i + h.value) % 5 FROM n, json_each(?3) s, json_each(?4) h`)
      .bind(site, first, JSON.stringify(STAGES), JSON.stringify(Array.from({ length: 30 }, (_, k) => k * 2 + 2))),
    db.prepare(`INSERT INTO stats_content_daily (site_id, day, category, views, preceded) ${SEQ(days)}
      SELECT ?1, ?2 + i, c.value, 50 + i % 40, i % 9 FROM n, json_each(?3) c`).bind(site, first, JSON.stringify(CATS)),
  ]);
  return site;
}
