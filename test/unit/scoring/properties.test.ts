// Property tests: order inside a batch never matters, scores stay in [0, 10], stage is the band, ledger adds up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvents, defaultRules, materialiseDecay, newCompanyState, scoreOf, stageOf, standingAt, type ScoringEvent,
} from '../../../worker/scoring';
import { CATEGORIES, EVENT_TYPES, FORM_KINDS } from '../../../worker/scoring/types';
import { DAY, T0, unitsOf } from './helpers';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const eventArb = fc.record({
  type: fc.constantFrom(...EVENT_TYPES),
  ts: fc.integer({ min: T0, max: T0 + 120 * DAY }),
  category: maybe(fc.constantFrom(...CATEGORIES)),
  form: maybe(fc.constantFrom(...FORM_KINDS)),
  visitor: maybe(fc.constantFrom('v1', 'v2', 'v3', 'v4')),
  session: maybe(fc.constantFrom('s1', 's2', 's3', 's4', 's5')),
  engagedMs: maybe(fc.integer({ min: 0, max: 200_000 })),
  completion: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
  attention: maybe(fc.double({ min: 0, max: 4, noNaN: true })),
  sessionMs: maybe(fc.integer({ min: 0, max: 3_600_000 })),
});
const batchArb = fc.array(eventArb, { maxLength: 40 }).map((evs) => evs.map((e, i): ScoringEvent => ({ id: `e${i}`, ...e })));

/** The band of SPEC's table, written out independently of the engine. */
const band = (s: number) => (s < 2 ? 'target' : s < 4 ? 'education' : s < 6 ? 'solution' : s < 8 ? 'evaluation' : 'ready');

describe('engine properties', () => {
  it('any permutation of a batch gives the same state, ledger and transitions', () => {
    fc.assert(fc.property(
      batchArb.chain((evs) => fc.tuple(fc.constant(evs), fc.shuffledSubarray(evs, { minLength: evs.length, maxLength: evs.length }))),
      ([evs, shuffled]) => {
        expect(applyEvents(newCompanyState(), shuffled, defaultRules)).toEqual(applyEvents(newCompanyState(), evs, defaultRules));
      },
    ), { numRuns: 200 });
  });
  it('a batch split in two, applied one after the other in time order, gives the same ledger and standing', () => {
    const byTime = (a: ScoringEvent, b: ScoringEvent) => a.ts - b.ts || (a.id < b.id ? -1 : 1);
    fc.assert(fc.property(batchArb, fc.nat(), (evs, cut) => {
      const sorted = [...evs].sort(byTime);
      const k = sorted.length ? cut % (sorted.length + 1) : 0;
      const whole = applyEvents(newCompanyState(), sorted, defaultRules);
      const first = applyEvents(newCompanyState(), sorted.slice(0, k), defaultRules);
      const second = applyEvents(first.state, sorted.slice(k), defaultRules);
      expect([...first.ledger, ...second.ledger]).toEqual(whole.ledger);
      expect([...first.transitions, ...second.transitions]).toEqual(whole.transitions);
      const later = T0 + 130 * DAY;
      expect(standingAt(second.state, later, defaultRules)).toEqual(standingAt(whole.state, later, defaultRules));
    }), { numRuns: 200 });
  });
  it('scores stay in [0, 10], the stage is always the band, and the ledger adds up to the score', () => {
    fc.assert(fc.property(fc.array(batchArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 200 }), (batches, idleDays) => {
      let state = newCompanyState();
      const ledger = [];
      for (const [b, batch] of batches.entries()) {
        const r = applyEvents(state, batch.map((e) => ({ ...e, id: `${b}-${e.id}` })), defaultRules);
        state = r.state;
        ledger.push(...r.ledger);
        for (const row of r.ledger) expect(row.scoreAfter).toBeGreaterThanOrEqual(0);
        for (const tr of r.transitions) expect(tr.to).toBe(band(tr.score));
      }
      const now = T0 + (120 + idleDays) * DAY;
      const standing = standingAt(state, now, defaultRules);
      const decayed = materialiseDecay(state, now, defaultRules);
      ledger.push(...decayed.ledger);
      for (const score of [scoreOf(state), standing.score, scoreOf(decayed.state)]) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(10);
        expect(stageOf(score, defaultRules)).toBe(band(score));
      }
      expect(standing.stage).toBe(band(standing.score));
      expect(scoreOf(decayed.state)).toBe(standing.score);
      expect(unitsOf(ledger)).toBe(Math.round(scoreOf(decayed.state) * 10_000));
    }), { numRuns: 200 });
  });
  it('an engagement update never gives negative points', () => {
    fc.assert(fc.property(batchArb, fc.array(eventArb, { maxLength: 40 }), (evs, later) => {
      const s = applyEvents(newCompanyState(), evs, defaultRules).state;
      const updates = evs.map((e, i) => ({ ...e, ...later[i], type: e.type, id: e.id, ts: e.ts, previous: { engagedMs: e.engagedMs, completion: e.completion, attention: e.attention } }));
      const r = applyEvents(s, updates, defaultRules);
      for (const row of r.ledger) if (row.reason.startsWith('points') || row.reason.startsWith('bonus')) expect(row.delta).toBeGreaterThan(0);
      for (const row of r.ledger) expect(row.reason.startsWith('negative')).toBe(false);
    }), { numRuns: 100 });
  });
});
