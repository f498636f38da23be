// Coverage SQL: how many of the visitors seen in a range Waymark named, by resolver source, and per period.
import { DAY_MS } from '../lib/time';

export const SOURCES = ['event', 'identify', 'ip-range', 'reverse-dns', 'as-org', 'enrichment'] as const;
export type Source = (typeof SOURCES)[number];

export interface Coverage {
  visitors: number;
  resolved: number;
  bySource: Record<Source, number>;
  /** Visitors first seen in each period (days of `bucketDays`, from the range start), and how many are named now. */
  series: { from: string; visitors: number; resolved: number }[];
  bucketDays: number;
}

/** A visitor is in the range when it was seen in it: last seen at or after `from`, first seen at or before `to`. */
export function coverageStatements(db: D1Database, siteId: string, from: number, to: number): D1PreparedStatement[] {
  const bucket = bucketMs(from, to);
  const inRange = 'site_id = ?1 AND last_seen >= ?2 AND first_seen <= ?3';
  return [
    db.prepare(`SELECT source, COUNT(*) AS n, COUNT(company_domain) AS named FROM visitors WHERE ${inRange} GROUP BY source`).bind(siteId, from, to),
    db.prepare(`SELECT CAST((max(first_seen, ?2) - ?2) / ?4 AS INTEGER) AS b, COUNT(*) AS n, COUNT(CASE WHEN source IS NOT NULL THEN company_domain END) AS named
      FROM visitors WHERE ${inRange} GROUP BY b ORDER BY b`).bind(siteId, from, to, bucket),
  ];
}

const bucketMs = (from: number, to: number) => (to - from <= 31 * DAY_MS ? DAY_MS : 7 * DAY_MS);

export type BySourceRow = { source: string | null; n: number; named: number };
export type SeriesRow = { b: number; n: number; named: number };

export function readCoverage(bySourceRows: BySourceRow[], seriesRows: SeriesRow[], from: number, to: number): Coverage {
  const bySource = Object.fromEntries(SOURCES.map((s) => [s, 0])) as Record<Source, number>;
  let visitors = 0;
  for (const r of bySourceRows) {
    visitors += r.n;
    if (r.source && r.named && (SOURCES as readonly string[]).includes(r.source)) bySource[r.source as Source] += r.named;
  }
  const resolved = SOURCES.reduce((s, k) => s + bySource[k], 0);
  const bucket = bucketMs(from, to);
  const counts = new Map(seriesRows.map((r) => [Number(r.b), r]));
  const series: Coverage['series'] = [];
  for (let b = 0; from + b * bucket <= to; b++) {
    const r = counts.get(b);
    series.push({ from: new Date(from + b * bucket).toISOString().slice(0, 10), visitors: r?.n ?? 0, resolved: r?.named ?? 0 });
  }
  return { visitors, resolved, bySource, series, bucketDays: bucket / DAY_MS };
}
