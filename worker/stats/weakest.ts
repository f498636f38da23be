// The weakest link of the journey (seed 004: "lowest relative conversion or longest delay — fix it first").
import { defaultRules } from '../scoring/rules';
import type { StageId } from '../scoring/types';
import type { Dwell, StageStep } from './query';

export const STAGE_NAMES: Record<StageId, string> = {
  target: 'Target', education: 'Education', solution: 'Solution', evaluation: 'Evaluation', ready: 'Ready to Buy',
};
/** A step needs this many companies entering it before its conversion is compared. */
export const MIN_SAMPLE = 5;

export interface WeakestLink {
  stage: StageId;
  next: StageId | null;
  kind: 'conversion' | 'dwell';
  rate: number | null;
  entered: number;
  medianDays: number | null;
  recommended: string[];
  sentence: string;
}

const pct = (r: number) => `${Math.round(r * 100)}%`;
const days = (d: number | null) => {
  if (d === null) return null;
  if (d < 1) {
    const h = Math.round(d * 24);
    return h < 1 ? 'under an hour' : `${h} hour${h === 1 ? '' : 's'}`;
  }
  return `${d} day${d === 1 ? '' : 's'}`;
};

export function weakestLink(conversion: StageStep[], dwell: Dwell[], recommended: Record<string, readonly string[]> = defaultRules.recommended): WeakestLink | null {
  const dwellOf = (s: StageId) => dwell.find((d) => d.stage === s)?.medianDays ?? null;
  const helps = (s: StageId) => [...(recommended[s] ?? [])].slice(0, 4);
  const sampled = conversion.filter((c) => c.entered >= MIN_SAMPLE && c.rate !== null);
  if (sampled.length) {
    // Lowest conversion; a tie goes to the step where companies wait longer.
    const w = sampled.reduce((a, b) => (b.rate! < a.rate! || (b.rate === a.rate && (dwellOf(b.stage) ?? 0) > (dwellOf(a.stage) ?? 0)) ? b : a));
    const d = days(dwellOf(w.stage));
    const sentence = `${STAGE_NAMES[w.stage]} → ${STAGE_NAMES[w.next]} is the weakest link: only ${pct(w.rate!)} of the ${w.entered} companies ` +
      `that reached ${STAGE_NAMES[w.stage]} went on to ${STAGE_NAMES[w.next]}` + (d ? `, after a median of ${d} there.` : '.') +
      (helps(w.stage).length ? ` Content that moves companies on: ${helps(w.stage).join(', ')}.` : '');
    return { stage: w.stage, next: w.next, kind: 'conversion', rate: w.rate, entered: w.entered, medianDays: dwellOf(w.stage), recommended: helps(w.stage), sentence };
  }
  // The last stage is the goal: a long stay there is not a delay.
  const slow = dwell.filter((d) => d.medianDays !== null && d.stays > 0 && conversion.some((c) => c.stage === d.stage));
  if (!slow.length) return null;
  const w = slow.reduce((a, b) => (b.medianDays! > a.medianDays! ? b : a));
  const next = conversion.find((c) => c.stage === w.stage)?.next ?? null;
  // Tiny samples read as what they are: one stay is not a median, and a quarter of three stays says nothing.
  const spread = w.stays >= MIN_SAMPLE && w.p75Days !== null && days(w.p75Days) !== days(w.medianDays) ? ` (a quarter stay ${days(w.p75Days)} or more)` : '';
  const sentence = (w.stays === 1
    ? `Companies wait longest in ${STAGE_NAMES[w.stage]}: the one finished stay so far lasted ${days(w.medianDays)}.`
    : `Companies wait longest in ${STAGE_NAMES[w.stage]}: a median of ${days(w.medianDays)}${spread} before they move on` +
      (w.stays < MIN_SAMPLE ? ` (${w.stays} finished stays so far).` : '.')) +
    (helps(w.stage).length ? ` Content that moves companies on: ${helps(w.stage).join(', ')}.` : '');
  return { stage: w.stage, next, kind: 'dwell', rate: null, entered: 0, medianDays: w.medianDays, recommended: helps(w.stage), sentence };
}
