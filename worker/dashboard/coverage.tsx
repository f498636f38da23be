// The coverage card: the share of visitors Waymark named, by source and over time, and what would name more.
import type { Coverage, Source } from '../db/coverage';

export const SOURCE_NAMES: Record<Source, string> = {
  event: 'your server events', identify: 'form emails and identify()', 'ip-range': 'your IP ranges',
  'reverse-dns': 'reverse DNS', 'as-org': 'learned company networks', enrichment: 'the enrichment provider',
};
const SOURCE_COLORS: Record<Source, string> = {
  event: '#0ea5e9', identify: '#6366f1', 'ip-range': '#10b981', 'reverse-dns': '#f59e0b', 'as-org': '#ec4899', enrichment: '#64748b',
};
const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : '–');

export interface CoverageSetup {
  enrichment: boolean;
  reverseDns: boolean;
}

/** Next steps, most useful first, from what named nobody yet. */
function nextSteps(c: Coverage, setup: CoverageSetup): string[] {
  const steps: string[] = [];
  if (!c.bySource['ip-range']) steps.push('Add the IP ranges of the companies you sell to (POST /v1/ip-ranges): a visitor from a listed range is named at once.');
  if (!c.bySource.identify) steps.push('Mark your forms (data-waymark-form="demo" …): a work email submitted names the visitor, and their network is learned for colleagues.');
  if (!setup.enrichment) steps.push('Enable an enrichment provider (ENRICH_PROVIDER and ENRICH_KEY: IPinfo, ipapi.is or ipregistry) to name visitors from company networks nobody identified yet.');
  if (!setup.reverseDns) steps.push('Turn reverse DNS back on (unset DOH_URL): company gateways often say their name.');
  if (!c.bySource.event) steps.push('Send CRM events (POST /v1/events with company.domain): meetings and proposals name companies exactly.');
  return steps.slice(0, 3);
}

export function CoverageCard({ coverage: c, days, setup }: { coverage: Coverage; days: number; setup: CoverageSetup }) {
  const sources = (Object.keys(SOURCE_NAMES) as Source[]).filter((s) => c.bySource[s] > 0).sort((a, b) => c.bySource[b] - c.bySource[a]);
  const max = Math.max(1, ...c.series.map((p) => p.visitors));
  const steps = nextSteps(c, setup);
  return (
    <section class="card wide" aria-label="Coverage" id="coverage">
      <h2>Named visitors</h2>
      <p class="muted small">Coverage = visitors named with a company ÷ visitors seen in the last {days} days (people, not bots; one visitor is one browser and day without consent).</p>
      <p class="big"><b>{pct(c.resolved, c.visitors)}</b> <span class="muted">{c.resolved} of {c.visitors} visitors named</span></p>
      {sources.length > 0 && (
        <div class="bars">
          {sources.map((s) => (
            <div class="row">
              <span class="name">{SOURCE_NAMES[s]}</span>
              <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none"><rect x="0" y="1" width={Math.max(0.5, (c.bySource[s] / Math.max(1, c.visitors)) * 100)} height="8" rx="1" fill={SOURCE_COLORS[s]} /></svg>
              <span class="num">{c.bySource[s]}<small>{` ${pct(c.bySource[s], c.visitors)}`}</small></span>
            </div>
          ))}
        </div>
      )}
      {c.visitors > 0 && (
        <>
          <svg class="chart spark" viewBox={`0 0 ${c.series.length * 10} 40`} preserveAspectRatio="none" role="img" aria-label="Share named over time">
            {c.series.map((p, i) => (
              <g>
                <rect x={i * 10 + 1} y={40 - (p.visitors / max) * 38} width="8" height={(p.visitors / max) * 38} fill="#e2e8f0" />
                <rect x={i * 10 + 1} y={40 - (p.resolved / max) * 38} width="8" height={(p.resolved / max) * 38} fill="#4f46e5" />
              </g>
            ))}
          </svg>
          <p class="muted small">Each bar: visitors first seen that {c.bucketDays === 1 ? 'day' : 'week'} (grey) and how many are named now (blue), from {c.series[0]?.from ?? '–'}.</p>
        </>
      )}
      {steps.length > 0 && (
        <>
          <h3>Name more companies</h3>
          <ul class="steps">{steps.map((s) => <li>{s}</li>)}</ul>
        </>
      )}
    </section>
  );
}
