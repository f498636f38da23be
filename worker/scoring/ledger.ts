// The ledger writer: applies clamped deltas in integer units of 0.0001 so rows add up to the score exactly.
import type { LedgerRow, Rules, Transition } from './types';
import { stageOf } from './stage';

export const UNIT = 10_000;
export const MAX_UNITS = 10 * UNIT;
export const toUnits = (points: number): number => Math.round(points * UNIT);
export const fromUnits = (units: number): number => units / UNIT;

export class Tally {
  readonly ledger: LedgerRow[] = [];
  readonly transitions: Transition[] = [];
  /** Highest score positive deltas may reach (evidence.ts); a score already above it is kept, never cut. */
  ceiling = Infinity;
  constructor(public units: number, private readonly rules: Rules) {}

  /** Adds `delta` units clamped to [0, min(10, ceiling)]; writes a row only for a real change. Returns the change. */
  add(ts: number, delta: number, reason: string, eventId: string | null): number {
    const before = this.units;
    const top = Math.max(before, Math.min(MAX_UNITS, this.ceiling));
    const after = Math.min(top, Math.max(0, before + Math.round(delta)));
    if (after === before) return 0;
    this.units = after;
    const score = fromUnits(after);
    this.ledger.push({ ts, delta: fromUnits(after - before), scoreAfter: score, reason, eventId });
    const from = stageOf(fromUnits(before), this.rules);
    const to = stageOf(score, this.rules);
    if (from !== to) this.pushTransition({ from, to, at: ts, score, reason }, eventId);
    return after - before;
  }

  /** Crossings caused by one event collapse into one transition (first `from`, last `to`). */
  private lastEventId: string | null = null;
  private pushTransition(tr: Transition, eventId: string | null): void {
    const prev = this.transitions[this.transitions.length - 1];
    if (prev && eventId !== null && this.lastEventId === eventId) {
      const merged = { ...tr, from: prev.from };
      if (merged.from === merged.to) {
        this.transitions.pop();
        this.lastEventId = null;
        return;
      }
      this.transitions[this.transitions.length - 1] = merged;
    } else this.transitions.push(tr);
    this.lastEventId = eventId;
  }
}
