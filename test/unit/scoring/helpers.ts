// Builders shared by the scoring tests: events, states at a given score, and ledger arithmetic.
import { applyEvents, defaultRules, newCompanyState, type CompanyState, type Rules, type ScoringEvent } from '../../../worker/scoring';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const T0 = Date.UTC(2026, 0, 5);

let n = 0;
export function ev(type: ScoringEvent['type'], ts: number, fields: Partial<ScoringEvent> = {}): ScoringEvent {
  return { id: `e${++n}`, type, ts, ...fields };
}

/** A read page: qualifying (30 s engaged), read at the expected pace, mostly finished. */
export const view = (category: ScoringEvent['category'], ts: number, fields: Partial<ScoringEvent> = {}) =>
  ev('pageview', ts, { category, engagedMs: 30_000, attention: 1, completion: 0.8, ...fields });

/** A company whose last positive event was at `at`, with score `score`. */
export function stateAt(score: number, at = T0): CompanyState {
  return { ...newCompanyState(), units: Math.round(score * 10_000), asOf: at, lastEventAt: at, lastPositiveAt: at };
}

export function run(events: ScoringEvent[], state: CompanyState = newCompanyState(), rules: Rules = defaultRules) {
  return applyEvents(state, events, rules);
}

export const reasons = (r: { ledger: { reason: string }[] }) => r.ledger.map((row) => row.reason);
export const gateRows = (r: { ledger: { reason: string }[] }) => reasons(r).filter((x) => x.startsWith('gate:'));

/** Sum of ledger deltas in units of 0.0001 (the engine's exact unit). */
export const unitsOf = (rows: { delta: number }[]) => rows.reduce((s, row) => s + Math.round(row.delta * 10_000), 0);
