// Lazy decay: −points for each full period without a positive event, doubled inside a negative signal's window.
import { toUnits } from './ledger';
import { DAY_MS } from './state';
import type { CompanyState, Rules } from './types';

export interface DecayStep { at: number; units: number; doubled: boolean }

/**
 * The decay periods that have ended by `now` and are not yet written, each with its (negative)
 * change in units, stopping once the score would reach 0 (further periods cost nothing).
 */
export function decaySteps(st: CompanyState, now: number, rules: Rules): { steps: DecayStep[]; due: number } {
  const steps: DecayStep[] = [];
  if (st.lastPositiveAt === null) return { steps, due: st.decayPeriods };
  const period = rules.decay.periodDays * DAY_MS;
  const due = Math.floor((now - st.lastPositiveAt) / period);
  let left = st.units;
  for (let i = st.decayPeriods + 1; i <= due && left > 0; i++) {
    const at = st.lastPositiveAt + i * period;
    const doubled = st.doubled.some(([from, until]) => at > from && at <= until);
    const units = -Math.min(left, toUnits(rules.decay.points * (doubled ? 2 : 1)));
    left += units;
    steps.push({ at, units, doubled });
  }
  return { steps, due: Math.max(due, st.decayPeriods) };
}

/** Units of the score after lazy decay up to `now` (read-only). */
export function unitsAt(st: CompanyState, now: number, rules: Rules): number {
  return decaySteps(st, now, rules).steps.reduce((u, s) => u + s.units, st.units);
}
