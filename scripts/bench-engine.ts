// Micro-benchmark of the scoring engine: µs per event for companies with 10, 1,000, 50,000 and 200,000 past events.
// `tsx scripts/bench-engine.ts` prints a table; `--json` prints the figures; `benchEngine()` returns them.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { applyEvents, defaultRules, newCompanyState, type CompanyState, type ScoringEvent } from '../worker/scoring/index';

export interface EngineBenchRow {
  pastEvents: number;
  /** One event per engine call, state JSON parsed and stringified around it as the ingest does. */
  usPerEvent: number;
  /** Engine only, one event per call. */
  usPerEventEngineOnly: number;
  /** Batches of 100 events per call. */
  usPerEventBatched: number;
  stateBytes: number;
}
/** flatness: slowest ÷ fastest engine µs/event across the histories (1.0 = perfectly flat). */
export interface EngineBench { rows: EngineBenchRow[]; flatness: number }

const CATS = ['blog', 'pricing', 'docs', 'guide', 'features', 'case-study', 'webinar', 'security'] as const;
const START = Date.UTC(2025, 0, 1);

function eventAt(i: number, spacingMs: number): ScoringEvent {
  const cat = CATS[i % CATS.length];
  return {
    id: `e${i}`, type: cat === 'webinar' ? 'media' : i % 37 === 0 ? 'download' : 'pageview', ts: START + i * spacingMs,
    category: cat, visitor: `v${i % 23}`, session: `s${Math.floor(i / 6)}`, sessionMs: (i % 6) * 90_000,
    engagedMs: 5_000 + (i % 9) * 7_000, attention: (i % 5) * 0.4, completion: (i % 4) * 0.3,
  };
}

/** A company with `n` past events over about a year. */
function companyWith(n: number, spacingMs: number): CompanyState {
  let state = newCompanyState();
  for (let i = 0; i < n; i += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, n - i) }, (_, k) => eventAt(i + k, spacingMs));
    state = applyEvents(state, batch, defaultRules).state;
  }
  return state;
}

function timePerEvent(base: CompanyState, from: number, spacingMs: number, events: number, batch: number, serialise: boolean): number {
  let json = JSON.stringify(base);
  let state = base;
  const t0 = performance.now();
  for (let i = 0; i < events; i += batch) {
    const evs = Array.from({ length: batch }, (_, k) => eventAt(from + i + k, spacingMs));
    if (serialise) {
      json = JSON.stringify(applyEvents(JSON.parse(json) as CompanyState, evs, defaultRules).state);
    } else state = applyEvents(state, evs, defaultRules).state;
  }
  return ((performance.now() - t0) * 1_000) / events;
}

/**
 * Rounds interleave the three companies and each figure is the median of its rounds, so a busy
 * machine slows all of them alike instead of skewing one.
 */
export function benchEngine(histories = [10, 1_000, 50_000, 200_000], eventsPerRound = 1_000, rounds = 7): EngineBench {
  const spacingMs = Math.floor((365 * 86_400_000) / 50_000); // ~10 min apart: 50,000 events ≈ one year
  const bases = histories.map((n) => companyWith(n, spacingMs));
  bases.forEach((b, i) => timePerEvent(b, histories[i], spacingMs, 500, 1, true)); // warm-up
  const samples = histories.map(() => ({ json: [] as number[], engine: [] as number[], batched: [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    bases.forEach((base, i) => {
      const from = histories[i] + r * eventsPerRound;
      samples[i].json.push(timePerEvent(base, from, spacingMs, eventsPerRound, 1, true));
      samples[i].engine.push(timePerEvent(base, from, spacingMs, eventsPerRound, 1, false));
      samples[i].batched.push(timePerEvent(base, from, spacingMs, eventsPerRound, 100, false));
    });
  }
  const rows = histories.map((n, i): EngineBenchRow => ({
    pastEvents: n,
    usPerEvent: median(samples[i].json),
    usPerEventEngineOnly: median(samples[i].engine),
    usPerEventBatched: median(samples[i].batched),
    stateBytes: JSON.stringify(bases[i]).length,
  }));
  const costs = rows.map((r) => r.usPerEventEngineOnly);
  return { rows, flatness: round(Math.max(...costs) / Math.min(...costs)) };
}

const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
const round = (x: number) => Math.round(x * 100) / 100;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = benchEngine();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else {
    console.log('past events | µs/event (with state JSON) | µs/event (engine) | µs/event (batches of 100) | state bytes');
    for (const r of result.rows) {
      console.log(`${String(r.pastEvents).padStart(11)} | ${String(r.usPerEvent).padStart(26)} | ${String(r.usPerEventEngineOnly).padStart(17)} | ${String(r.usPerEventBatched).padStart(25)} | ${r.stateBytes}`);
    }
    console.log(`flatness (slowest ÷ fastest engine µs/event): ${result.flatness} (1.0 = perfectly flat)`);
  }
}
