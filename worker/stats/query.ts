// Reads /v1/stats from the aggregates and the companies indexes in one D1 round trip (no events scan).
import { readCoverage, type Coverage } from '../db/coverage';
import { statsRows, type StatsRows } from '../db/stats';
import { STAGES, type StageId } from '../scoring/types';
import { DAY_MS } from '../lib/time';
import { weakestLink, type WeakestLink } from './weakest';

export interface StatsOptions {
  from: number;
  to: number;
  now: number;
  model?: 'five-stage' | 'four-stage';
  /** Days without a positive event after which a company's score decays (rules.decay.periodDays). */
  decayDays?: number;
  attentionLimit?: number;
}

export interface StageStep { stage: StageId; next: StageId; entered: number; advanced: number; rate: number | null }
export interface Dwell { stage: StageId; stays: number; medianHours: number | null; p75Hours: number | null; medianDays: number | null; p75Days: number | null }
export interface AttentionCompany { domain: string; name: string | null; stage: StageId; score: number; stageSince: string; lastEngagedAt: string | null; idle: boolean }

export interface Stats {
  range: { from: string; to: string };
  stages: StageId[];
  now: { at: string; total: number; counts: Record<string, number>; idle: Record<string, number> };
  transitions: { forward: number; backward: number; pairs: { from: StageId; to: StageId; n: number; direction: 'forward' | 'backward' }[] };
  conversion: StageStep[];
  /** The companies first seen in the range, and how many of them have reached each stage since. */
  funnel: { cohort: number; reached: Record<string, number> };
  timeInStage: Dwell[];
  dropOff: { stage: StageId; entered: number; regressed: number; idle: number; rate: number | null }[];
  weakestLink: WeakestLink | null;
  content: { promotions: number; categories: { category: string; views: number; preceded: number; share: number | null }[] };
  salesAttention: { total: number; companies: AttentionCompany[] };
  series: ({ day: string } & Record<string, number | string>)[];
  /** Visitors seen in the range and how many Waymark named, by resolver source. */
  coverage: Coverage;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (day: number) => iso(day * DAY_MS).slice(0, 10);
const rank = (s: string) => STAGES.indexOf(s as StageId);
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/** Nearest-rank percentile over a histogram of [value, count] sorted by value. */
export function percentile(hist: [number, number][], p: number): number | null {
  const total = hist.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const want = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [v, n] of hist) if ((seen += n) >= want) return v;
  return hist.at(-1)![0];
}

export async function getStats(db: D1Database, siteId: string, o: StatsOptions): Promise<Stats> {
  const stages = (o.model === 'four-stage' ? STAGES.slice(0, 4) : [...STAGES]) as StageId[];
  const fromDay = Math.floor(o.from / DAY_MS);
  const toDay = Math.floor(o.to / DAY_MS);
  const idleBefore = o.now - (o.decayDays ?? 7) * DAY_MS;
  const rows = await statsRows(db, siteId, { from: o.from, to: o.to, fromDay, toDay, idleBefore, attentionLimit: o.attentionLimit ?? 50 });

  const counts = Object.fromEntries(stages.map((s) => [s, 0]));
  const idle = Object.fromEntries(stages.map((s) => [s, 0]));
  for (const r of rows.now) { counts[r.stage] = r.n; idle[r.stage] = r.stage === 'target' ? 0 : r.idle ?? 0; }

  const pairs = rows.transitions.map((r) => ({ from: r.from_stage as StageId, to: r.to_stage as StageId, n: r.n, direction: rank(r.to_stage) > rank(r.from_stage) ? 'forward' as const : 'backward' as const }))
    .sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
  const forward = pairs.filter((p) => p.direction === 'forward').reduce((s, p) => s + p.n, 0);
  const backward = pairs.filter((p) => p.direction === 'backward').reduce((s, p) => s + p.n, 0);

  const f: Record<string, number> = rows.funnel ?? {};
  const funnel = { cohort: f.r0 ?? 0, reached: Object.fromEntries(stages.map((st, k) => [st, f[`r${k}`] ?? 0])) };
  const conversion: StageStep[] = stages.slice(0, -1).map((stage, k) => {
    // Stage 0's conversion comes from the funnel row (same cohort: first seen in the range).
    const r = k === 0 ? { entered: f.r0 ?? 0, advanced: f.r1 ?? 0 } : rows.conversion[k - 1] ?? { entered: 0, advanced: 0 };
    return { stage, next: stages[k + 1], entered: r.entered, advanced: r.advanced, rate: ratio(r.advanced, r.entered) };
  });

  const hist = new Map<string, [number, number][]>();
  for (const r of rows.dwell) hist.set(r.stage, [...(hist.get(r.stage) ?? []), [r.hours, r.n]]);
  const timeInStage: Dwell[] = stages.map((stage) => {
    const h = hist.get(stage) ?? [];
    const med = percentile(h, 0.5);
    const p75 = percentile(h, 0.75);
    const days = (v: number | null) => (v === null ? null : Math.round((v / 24) * 10) / 10);
    return { stage, stays: h.reduce((s, [, n]) => s + n, 0), medianHours: med, p75Hours: p75, medianDays: days(med), p75Days: days(p75) };
  });

  const dropOff = stages.map((stage) => {
    const entered = pairs.filter((p) => p.to === stage).reduce((s, p) => s + p.n, 0);
    const regressed = pairs.filter((p) => p.from === stage && p.direction === 'backward').reduce((s, p) => s + p.n, 0);
    return { stage, entered, regressed, idle: idle[stage] ?? 0, rate: ratio(regressed, entered) };
  });

  const running: Record<string, number> = Object.fromEntries(stages.map((s) => [s, 0]));
  for (const r of rows.before) running[r.stage] = (running[r.stage] ?? 0) + r.n;
  const deltas = new Map<number, StatsRows['series']>();
  for (const r of rows.series) deltas.set(r.day, [...(deltas.get(r.day) ?? []), r]);
  const seriesOut: Stats['series'] = [];
  for (let d = fromDay; d <= toDay; d++) {
    for (const r of deltas.get(d) ?? []) running[r.stage] = (running[r.stage] ?? 0) + r.n;
    seriesOut.push({ day: isoDay(d), ...Object.fromEntries(stages.map((s) => [s, running[s] ?? 0])) });
  }

  const categories = rows.content.filter((r) => r.views > 0 || r.preceded > 0)
    .map((r) => ({ category: r.category, views: r.views, preceded: r.preceded, share: ratio(r.preceded, forward) }));

  const companies = rows.attention.map((r): AttentionCompany => ({
    domain: r.domain, name: r.name, stage: r.stage as StageId, score: r.score, stageSince: iso(r.stage_since),
    lastEngagedAt: r.last_engaged_at == null ? null : iso(r.last_engaged_at), idle: r.last_engaged_at == null || r.last_engaged_at < idleBefore,
  }));

  return {
    range: { from: iso(o.from), to: iso(o.to) },
    stages,
    now: { at: iso(o.now), total: Object.values(counts).reduce((a, b) => a + b, 0), counts, idle },
    transitions: { forward, backward, pairs },
    conversion,
    funnel,
    timeInStage,
    dropOff,
    weakestLink: weakestLink(conversion, timeInStage),
    content: { promotions: forward, categories },
    salesAttention: { total: rows.attentionTotal, companies },
    series: seriesOut,
    coverage: readCoverage(rows.coverage.bySource, rows.coverage.series, o.from, o.to),
  };
}
