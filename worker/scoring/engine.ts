// The engine: a company's state + events (or a moment in time) + rules → new state, ledger rows, transitions.
import { decaySteps, unitsAt } from './decay';
import { phaseOf } from './categories';
import { fromUnits, Tally, toUnits } from './ledger';
import { isExact, pointsOf, previousOf } from './points';
import { payBonuses, rejudgeAfter } from './bonus';
import { noteVisit } from './sessions';
import { cloneState, DAY_MS, prune, readable } from './state';
import { salesAttentionAt, stageOf } from './stage';
import { firedBy, gateFloor } from './triggers';
import { ceilingAt, isReadyGate, noteEvidence, readyAllowed } from './evidence';
import { CONTENT_TYPES, type CompanyState, type EngineResult, type Rules, type ScoringEvent, type Standing } from './types';

/** Time, then id, then originals before their engagement updates: any permutation gives one order. */
const byTimeThenId = (a: ScoringEvent, b: ScoringEvent) =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || Number(!!a.previous) - Number(!!b.previous);

/** Applies a batch in (ts, id) order. Pure: the input state is not modified. */
export function applyEvents(state: CompanyState, events: ScoringEvent[], rules: Rules): EngineResult<CompanyState> {
  const st = cloneState(state);
  const tally = new Tally(st.units, rules);
  for (const ev of [...events].sort(byTimeThenId)) applyOne(st, tally, ev, rules);
  st.units = tally.units;
  prune(st, rules);
  return { state: st, ledger: tally.ledger, transitions: tally.transitions };
}

function applyOne(st: CompanyState, tally: Tally, ev: ScoringEvent, rules: Rules): void {
  const t = ev.ts;
  writeDecay(st, tally, t, rules);
  st.lastEventAt = Math.max(st.lastEventAt ?? t, t);
  const prev = previousOf(ev);

  let negative = false;
  for (const [name, neg] of Object.entries(rules.negatives)) {
    if (!neg.types.includes(ev.type)) continue;
    if (ev.type === 'form' && !(neg.forms && ev.form && neg.forms.includes(ev.form))) continue;
    negative = true;
    if (prev) continue; // an engagement update of a negative signal changes nothing
    tally.add(t, toUnits(neg.delta), `negative:${name}`, ev.id);
    st.doubled.push([t, t + neg.doubleDecayDays * DAY_MS]);
  }
  if (negative) return void (st.units = tally.units);

  const widened = { session: noteVisit(st, ev), edu: false };
  noteEvidence(st, ev);
  // Bounded forgery: without a server event or two distinct browser clients, no Ready gate and no Ready band.
  const ready = readyAllowed(st, t, rules);
  tally.ceiling = ready ? Infinity : ceilingAt(st, t, rules);
  const fired = firedBy(st, ev, prev, fromUnits(tally.units), rules)
    .filter((id) => ready || !isReadyGate(rules.triggers[id].target, gateFloor(rules.triggers[id], rules), rules));
  let gate: { id: string; floor: number } | null = null;
  for (const id of fired) {
    st.fired[id] = Math.max(st.fired[id] ?? t, t);
    const floor = gateFloor(rules.triggers[id], rules);
    if (!gate || floor > gate.floor) gate = { id, floor };
  }
  if (gate) tally.add(t, Math.max(0, toUnits(gate.floor) - tally.units), `gate:${gate.id}`, ev.id);

  const points = Math.max(0, pointsOf(ev, rules) - (prev ? pointsOf(prev, rules) : 0));
  const units = toUnits(points);
  if (units > 0) {
    tally.add(t, units, `points:${ev.type}${detailOf(ev)}`, ev.id);
    if (!isExact(ev, rules)) payBonuses(st, tally, ev, units, rules);
    if (phaseOf(ev.category, rules) === 'education') (st.eduAt.push(t), (widened.edu = true));
  }

  if ((units > 0 || fired.length > 0) && t >= (st.lastPositiveAt ?? -Infinity)) {
    st.lastPositiveAt = t;
    st.decayPeriods = Math.floor(((st.asOf ?? t) - t) / (rules.decay.periodDays * DAY_MS));
  }
  // A late event may complete a bonus window of events scored before it.
  rejudgeAfter(st, tally, ev, widened, rules);
  tally.ceiling = Infinity;
  st.units = tally.units;
}

/** '/demo' for a form, '/blog' for content, '' for the rest (sales_meeting, proposal, …). */
const detailOf = (ev: ScoringEvent): string =>
  ev.type === 'form' ? `/${ev.form ?? 'contact'}` : CONTENT_TYPES.has(ev.type) ? `/${ev.category ?? 'other'}` : '';

function writeDecay(st: CompanyState, tally: Tally, now: number, rules: Rules): void {
  st.units = tally.units;
  const { steps, due } = decaySteps(st, now, rules);
  for (const s of steps) tally.add(s.at, s.units, s.doubled ? 'decay:doubled' : 'decay', null);
  st.decayPeriods = due;
  st.asOf = Math.max(st.asOf ?? now, now);
}

/** The scheduled pass: writes decay due by `now`; returns the same state and no rows when nothing is due. */
export function materialiseDecay(stored: CompanyState, now: number, rules: Rules): EngineResult<CompanyState> {
  const state = readable(stored);
  if (decaySteps(state, now, rules).due === state.decayPeriods) return { state, ledger: [], transitions: [] };
  const st = cloneState(state);
  const tally = new Tally(st.units, rules);
  writeDecay(st, tally, now, rules);
  st.units = tally.units;
  return { state: st, ledger: tally.ledger, transitions: tally.transitions };
}

/** Score, stage and sales attention at `now`, decay applied lazily (nothing written). */
export function standingAt(stored: CompanyState, now: number, rules: Rules): Standing {
  const state = readable(stored);
  const score = fromUnits(unitsAt(state, now, rules));
  return { score, stage: stageOf(score, rules), salesAttention: salesAttentionAt(score, state.fired, now, rules) };
}

export const scoreOf = (state: CompanyState): number => fromUnits(readable(state).units);
export const lastPositiveAt = (state: CompanyState): number | null => readable(state).lastPositiveAt ?? null;
export const lastEventAt = (state: CompanyState): number | null => readable(state).lastEventAt ?? null;
