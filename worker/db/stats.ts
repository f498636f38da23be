// The /v1/stats reads: the per-day aggregates (stats_* tables, kept by the ingest batch: worker/stats/record.ts) and the
// companies indexes, in one D1 round trip; no events scan. Aggregates stay SQL: GROUP BY and SUM are the point.
import { STAGES } from '../scoring/types';
import { coverageStatements, type BySourceRow, type SeriesRow } from './coverage';

// companies_by_standing is (site_id, stage, sales_attention, …): naming every stage lets the sales-attention reads seek
// (site, stage, 1) once per stage instead of walking the site's entries.
export const EVERY_STAGE = `stage IN (${STAGES.map((st) => `'${st}'`).join(', ')})`;

export interface StatsWindow {
  from: number;
  to: number;
  fromDay: number;
  toDay: number;
  /** Companies with no positive event since then count as idle. */
  idleBefore: number;
  attentionLimit: number;
}

export interface StatsRows {
  now: { stage: string; n: number; idle: number | null }[];
  transitions: { from_stage: string; to_stage: string; n: number }[];
  dwell: { stage: string; hours: number; n: number }[];
  before: { stage: string; n: number }[];
  series: { day: number; stage: string; n: number }[];
  content: { category: string; views: number; preceded: number }[];
  attention: { domain: string; name: string | null; stage: string; score: number; stage_since: number; last_engaged_at: number | null }[];
  attentionTotal: number;
  funnel: { r0: number; r1: number; r2: number; r3: number; r4: number } | null;
  /** Stages 1–3 of the cohort first seen in the range: how many entered each, how many went on. */
  conversion: { entered: number; advanced: number }[];
  coverage: { bySource: BySourceRow[]; series: SeriesRow[] };
}

export async function statsRows(db: D1Database, siteId: string, w: StatsWindow): Promise<StatsRows> {
  const conv = [1, 2, 3].map((k) =>
    db.prepare(`SELECT COUNT(*) AS entered, COUNT(r${k + 1}) AS advanced FROM stats_reach WHERE site_id = ?1 AND r${k} BETWEEN ?2 AND ?3`)
      .bind(siteId, w.from, w.to));
  const [now, transitions, dwell, before, series, content, attention, attentionTotal, funnel, coverageRows, coverageSeries, ...convRows] = await db.batch([
    db.prepare('SELECT stage, COUNT(*) AS n, SUM(last_engaged_at < ?2) AS idle FROM companies WHERE site_id = ?1 GROUP BY stage').bind(siteId, w.idleBefore),
    db.prepare('SELECT from_stage, to_stage, SUM(n) AS n FROM stats_transitions_daily WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY 1, 2').bind(siteId, w.fromDay, w.toDay),
    db.prepare('SELECT stage, hours, SUM(n) AS n FROM stats_dwell_daily WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY 1, 2 ORDER BY 1, 2').bind(siteId, w.fromDay, w.toDay),
    db.prepare('SELECT stage, SUM(delta) AS n FROM stats_stage_daily WHERE site_id = ?1 AND day < ?2 GROUP BY 1').bind(siteId, w.fromDay),
    db.prepare('SELECT day, stage, SUM(delta) AS n FROM stats_stage_daily WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY 1, 2 ORDER BY 1').bind(siteId, w.fromDay, w.toDay),
    db.prepare('SELECT category, SUM(views) AS views, SUM(preceded) AS preceded FROM stats_content_daily WHERE site_id = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY 1 ORDER BY 2 DESC, 1').bind(siteId, w.fromDay, w.toDay),
    db.prepare(`SELECT domain, name, stage, score, stage_since, last_engaged_at FROM companies
      WHERE site_id = ?1 AND ${EVERY_STAGE} AND sales_attention = 1 ORDER BY score DESC, domain LIMIT ?2`).bind(siteId, w.attentionLimit),
    db.prepare(`SELECT COUNT(*) AS n FROM companies WHERE site_id = ?1 AND ${EVERY_STAGE} AND sales_attention = 1`).bind(siteId),
    db.prepare(`SELECT COUNT(*) AS r0, COUNT(r1) AS r1, COUNT(r2) AS r2, COUNT(r3) AS r3, COUNT(r4) AS r4 FROM stats_reach
      WHERE site_id = ?1 AND r0 BETWEEN ?2 AND ?3`).bind(siteId, w.from, w.to),
    ...coverageStatements(db, siteId, w.from, w.to),
    ...conv,
  ]);
  const all = <T>(r: D1Result<unknown> | undefined) => (r?.results ?? []) as T[];
  return {
    now: all(now), transitions: all(transitions), dwell: all(dwell), before: all(before), series: all(series), content: all(content),
    attention: all(attention), attentionTotal: all<{ n: number }>(attentionTotal)[0]?.n ?? 0, funnel: all<StatsRows['funnel']>(funnel)[0] ?? null,
    conversion: convRows.map((r) => all<{ entered: number; advanced: number }>(r)[0] ?? { entered: 0, advanced: 0 }),
    coverage: { bySource: all(coverageRows), series: all(coverageSeries) },
  };
}
