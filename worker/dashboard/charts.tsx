// Server-rendered SVG charts for the dashboard: funnel, stages over time, time in stage, content influence.
import type { StageId } from '../scoring/types';
import type { Stats } from '../stats/query';
import { STAGE_NAMES } from '../stats/weakest';

export const STAGE_COLORS: Record<StageId, string> = {
  target: '#94a3b8', education: '#38bdf8', solution: '#818cf8', evaluation: '#f59e0b', ready: '#10b981',
};
const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);
const fmtDays = (d: number | null) => (d === null ? '–' : d < 1 ? `${Math.round(d * 24)} h` : `${d} d`);

/** The companies first seen in the range and how far they got: each bar is the number that reached the stage. */
export function Funnel({ stats }: { stats: Stats }) {
  const { cohort, reached } = stats.funnel;
  const max = Math.max(1, cohort);
  return (
    <div class="bars" role="img" aria-label="Stage funnel">
      {stats.stages.map((st, i) => {
        const n = reached[st] ?? 0;
        const w = Math.max(0.5, (n / max) * 100);
        // One definition of a step's rate everywhere (weakest link, API): stats.conversion.
        const rate = i ? stats.conversion[i - 1]?.rate ?? null : null;
        return (
          <div class="row">
            <span class="name">{STAGE_NAMES[st]}</span>
            <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none"><rect x={(100 - w) / 2} y="0" width={w} height="10" rx="1" fill={STAGE_COLORS[st]} /></svg>
            <span class="num">{n}{i > 0 && <small>{` ${pct(rate)}`}</small>}</span>
          </div>
        );
      })}
    </div>
  );
}

/** Stacked areas of the daily stage counts (Target is drawn too, lightest, at the bottom). */
export function StagesOverTime({ stats }: { stats: Stats }) {
  const W = 640, H = 240, L = 40, B = 22;
  const series = stats.series;
  const stages = stats.stages;
  const totals = series.map((d) => stages.reduce((s, st) => s + Number(d[st] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const x = (i: number) => L + (series.length <= 1 ? 0 : (i / (series.length - 1)) * (W - L - 4));
  const y = (v: number) => H - B - (v / max) * (H - B - 8);
  const base = series.map(() => 0);
  const areas = stages.map((st) => {
    const lower = [...base];
    series.forEach((d, i) => (base[i] += Number(d[st] ?? 0)));
    const top = series.map((_, i) => `${x(i).toFixed(1)},${y(base[i]).toFixed(1)}`);
    const bottom = series.map((_, i) => `${x(i).toFixed(1)},${y(lower[i]).toFixed(1)}`).reverse();
    return <polygon points={[...top, ...bottom].join(' ')} fill={STAGE_COLORS[st]} fill-opacity="0.85" />;
  });
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  const labels = series.length ? [0, Math.floor((series.length - 1) / 2), series.length - 1] : [];
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Companies per stage over time">
      {ticks.map((t) => (
        <g>
          <line x1={L} x2={W} y1={y(t)} y2={y(t)} class="grid" />
          <text x={L - 6} y={y(t) + 4} class="muted" text-anchor="end">{t}</text>
        </g>
      ))}
      {areas}
      {labels.map((i) => <text x={x(i)} y={H - 4} class="muted" text-anchor={i === 0 ? 'start' : i === series.length - 1 ? 'end' : 'middle'}>{String(series[i].day).slice(5)}</text>)}
    </svg>
  );
}

/** Median time in each stage as a bar, the 75th percentile as a whisker. */
export function TimeInStage({ stats }: { stats: Stats }) {
  const rows = stats.timeInStage;
  const max = Math.max(1, ...rows.map((r) => r.p75Days ?? 0));
  const x = (d: number | null) => ((d ?? 0) / max) * 98;
  return (
    <div class="bars" role="img" aria-label="Time in stage">
      {rows.map((r) => (
        <div class="row">
          <span class="name">{STAGE_NAMES[r.stage]}</span>
          <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none">
            {r.medianDays !== null && <rect x="0" y="1" width={Math.max(0.5, x(r.medianDays))} height="8" rx="1" fill={STAGE_COLORS[r.stage]} />}
            {r.p75Days !== null && <line x1={x(r.medianDays)} x2={x(r.p75Days)} y1="5" y2="5" class="whisker" vector-effect="non-scaling-stroke" />}
            {r.p75Days !== null && <line x1={x(r.p75Days)} x2={x(r.p75Days)} y1="1" y2="9" class="whisker" vector-effect="non-scaling-stroke" />}
          </svg>
          <span class="num">{r.stays ? `${fmtDays(r.medianDays)}` : '–'}{r.stays > 0 && <small>{` p75 ${fmtDays(r.p75Days)}`}</small>}</span>
        </div>
      ))}
    </div>
  );
}

/** Per category: the share of promotions it preceded within 7 days (bar) and its views. */
export function ContentInfluence({ stats }: { stats: Stats }) {
  const rows = stats.content.categories.slice().sort((a, b) => (b.share ?? 0) - (a.share ?? 0) || b.views - a.views).slice(0, 10);
  if (!rows.length) return <p class="muted">No content views in this period.</p>;
  const max = Math.max(0.01, ...rows.map((r) => r.share ?? 0));
  return (
    <div class="bars" role="img" aria-label="Content influence">
      {rows.map((r) => (
        <div class="row">
          <span class="name">{r.category}</span>
          <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none"><rect x="0" y="1" width={Math.max(0.5, ((r.share ?? 0) / max) * 100)} height="8" rx="1" fill="#6366f1" /></svg>
          <span class="num">{pct(r.share)}<small>{` ${r.views} views`}</small></span>
        </div>
      ))}
    </div>
  );
}
