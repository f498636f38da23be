// Server-rendered SVG charts for the dashboard: funnel, stages over time, time in stage, content influence.
import type { StageId } from '../scoring/types';
import type { Stats } from '../stats/query';
import { STAGE_NAMES } from '../stats/weakest';

export const STAGE_COLORS: Record<StageId, string> = {
  target: '#94a3b8', education: '#38bdf8', solution: '#818cf8', evaluation: '#f59e0b', ready: '#10b981',
};
const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);
const fmtDays = (d: number | null) => (d === null ? '–' : d < 1 ? `${Math.round(d * 24)} h` : `${d} d`);

/** Companies that reached each stage in the range, with the share that went on to the next. */
export function Funnel({ stats }: { stats: Stats }) {
  const steps = stats.conversion;
  const last = steps.at(-1);
  const bars = [...steps.map((s) => ({ stage: s.stage, n: s.entered })), ...(last ? [{ stage: last.next, n: last.advanced }] : [])];
  const max = Math.max(1, ...bars.map((b) => b.n));
  const rowH = 46;
  return (
    <svg class="chart" viewBox={`0 0 600 ${bars.length * rowH}`} role="img" aria-label="Stage funnel">
      {bars.map((b, i) => {
        const w = Math.max(2, (b.n / max) * 420);
        const y = i * rowH;
        return (
          <g>
            <text x="0" y={y + 22} class="label">{STAGE_NAMES[b.stage]}</text>
            <rect x={110 + (420 - w) / 2} y={y + 6} width={w} height="26" rx="4" fill={STAGE_COLORS[b.stage]} />
            <text x={110 + 420 / 2} y={y + 24} class="value" text-anchor="middle">{b.n}</text>
            {i < steps.length && <text x="600" y={y + 42} class="muted" text-anchor="end">{`→ ${pct(steps[i].rate)} went on`}</text>}
          </g>
        );
      })}
    </svg>
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
  const rowH = 34;
  const scale = (d: number) => (d / max) * 360;
  return (
    <svg class="chart" viewBox={`0 0 600 ${rows.length * rowH + 4}`} role="img" aria-label="Time in stage">
      {rows.map((r, i) => {
        const y = i * rowH;
        return (
          <g>
            <text x="0" y={y + 21} class="label">{STAGE_NAMES[r.stage]}</text>
            {r.medianDays !== null && <rect x="110" y={y + 8} width={Math.max(2, scale(r.medianDays))} height="18" rx="3" fill={STAGE_COLORS[r.stage]} />}
            {r.p75Days !== null && <line x1={110 + scale(r.medianDays ?? 0)} x2={110 + scale(r.p75Days)} y1={y + 17} y2={y + 17} class="whisker" />}
            {r.p75Days !== null && <line x1={110 + scale(r.p75Days)} x2={110 + scale(r.p75Days)} y1={y + 10} y2={y + 24} class="whisker" />}
            <text x="600" y={y + 21} class="value" text-anchor="end">
              {r.stays ? `${fmtDays(r.medianDays)} · p75 ${fmtDays(r.p75Days)}` : 'no finished stays'}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Per category: the share of promotions it preceded within 7 days (bar) and its views. */
export function ContentInfluence({ stats }: { stats: Stats }) {
  const rows = stats.content.categories.slice().sort((a, b) => (b.share ?? 0) - (a.share ?? 0) || b.views - a.views).slice(0, 10);
  const rowH = 30;
  if (!rows.length) return <p class="muted">No content views in this period.</p>;
  return (
    <svg class="chart" viewBox={`0 0 600 ${rows.length * rowH + 4}`} role="img" aria-label="Content influence">
      {rows.map((r, i) => {
        const y = i * rowH;
        return (
          <g>
            <text x="0" y={y + 19} class="label">{r.category}</text>
            <rect x="140" y={y + 6} width={Math.max(2, (r.share ?? 0) * 300)} height="18" rx="3" fill="#6366f1" />
            <text x="600" y={y + 19} class="value" text-anchor="end">{`${pct(r.share)} of promotions · ${r.views} views`}</text>
          </g>
        );
      })}
    </svg>
  );
}
