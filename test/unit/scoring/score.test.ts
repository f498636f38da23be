// Points, sales meetings, decay, negative signals, clamping and the ledger that explains them.
import { describe, expect, it } from 'vitest';
import { applyEvents, defaultRules, materialiseDecay, scoreOf, standingAt, lastPositiveAt, lastEventAt } from '../../../worker/scoring';
import { DAY, HOUR, T0, ev, run, stateAt, unitsOf, view } from './helpers';

describe('points and fixed signals', () => {
  it('a proposal makes the score at least 9.0', () => {
    expect(scoreOf(run([ev('proposal', T0)]).state)).toBeGreaterThanOrEqual(9);
    expect(scoreOf(run([ev('proposal', T0)], stateAt(3)).state)).toBeGreaterThanOrEqual(9);
  });
  it('a sales meeting adds exactly +1.0, with no velocity bonus even when one would apply', () => {
    const s = run([view('docs', T0, { session: 'a' })], stateAt(4)).state;
    const r = run([ev('sales_meeting', T0 + DAY, { session: 'b' })], s);
    expect(scoreOf(r.state) - scoreOf(s)).toBeCloseTo(1, 10);
    expect(r.ledger).toEqual([{ ts: T0 + DAY, delta: 1, scoreAfter: scoreOf(s) + 1, reason: 'points:sales_meeting', eventId: r.ledger[0].eventId }]);
  });
  it('points grow with engagement depth (attention and completion)', () => {
    const skim = scoreOf(run([view('docs', T0, { attention: 0.2, completion: 0.1 })]).state);
    const read = scoreOf(run([view('docs', T0, { attention: 1.5, completion: 1 })]).state);
    expect(read).toBeGreaterThan(skim * 2);
  });
  it('a bounce earns no points', () => {
    expect(run([view('docs', T0, { engagedMs: 4_000 })]).ledger).toEqual([]);
  });
});

describe('decay', () => {
  it('three idle weeks cost exactly 3.0 and move the stage back', () => {
    const s = stateAt(7);
    expect(standingAt(s, T0 + 21 * DAY - 1, defaultRules).score).toBe(5);
    expect(standingAt(s, T0 + 21 * DAY, defaultRules)).toEqual({ score: 4, stage: 'solution', salesAttention: false });
    const r = materialiseDecay(s, T0 + 21 * DAY, defaultRules);
    expect(r.ledger.map((row) => [row.delta, row.reason, row.ts])).toEqual([
      [-1, 'decay', T0 + 7 * DAY], [-1, 'decay', T0 + 14 * DAY], [-1, 'decay', T0 + 21 * DAY],
    ]);
    expect(scoreOf(r.state)).toBe(4);
    expect(r.transitions).toEqual([{ from: 'evaluation', to: 'solution', at: T0 + 14 * DAY, score: 5, reason: 'decay' }]);
  });
  it('materialising twice writes nothing the second time and returns the same state', () => {
    const first = materialiseDecay(stateAt(7), T0 + 21 * DAY, defaultRules);
    const second = materialiseDecay(first.state, T0 + 21 * DAY + HOUR, defaultRules);
    expect(second.ledger).toEqual([]);
    expect(second.state).toBe(first.state);
  });
  it('the next event writes the decay due before its own points', () => {
    const r = run([view('docs', T0 + 15 * DAY)], stateAt(7));
    expect(r.ledger.map((row) => row.reason)).toEqual(['decay', 'decay', 'points:pageview/docs']);
    expect(standingAt(r.state, T0 + 21 * DAY, defaultRules).score).toBe(scoreOf(r.state)); // idle clock restarted
  });
  it('a positive event restarts the idle clock; a negative one does not', () => {
    const r = run([view('docs', T0 + 6 * DAY), ev('competitor_visit', T0 + 12 * DAY)], stateAt(7));
    expect(lastPositiveAt(r.state)).toBe(T0 + 6 * DAY);
    expect(lastEventAt(r.state)).toBe(T0 + 12 * DAY);
  });
});

describe('negative signals', () => {
  it('unsubscribe costs 1.0 at once and doubles decay for the next 28 days only', () => {
    const r = run([ev('unsubscribe', T0 + 1)], stateAt(10));
    expect(r.ledger).toMatchObject([{ delta: -1, scoreAfter: 9, reason: 'negative:unsubscribe' }]);
    const at = (days: number) => standingAt(r.state, T0 + days * DAY, defaultRules).score;
    expect([at(7), at(14), at(21), at(28)]).toEqual([7, 5, 3, 1]);
    const decayed = materialiseDecay(r.state, T0 + 35 * DAY, defaultRules).ledger;
    expect(decayed.map((row) => [row.delta, row.reason])).toEqual([
      [-2, 'decay:doubled'], [-2, 'decay:doubled'], [-2, 'decay:doubled'], [-2, 'decay:doubled'], [-1, 'decay'],
    ]);
  });
  it('an unsubscribe form counts as unsubscribe; a competitor visit costs 0.5 and doubles decay', () => {
    expect(run([ev('form', T0, { form: 'unsubscribe' })], stateAt(5)).ledger[0]).toMatchObject({ delta: -1, reason: 'negative:unsubscribe' });
    const r = run([ev('competitor_visit', T0 + 1)], stateAt(5));
    expect(r.ledger[0]).toMatchObject({ delta: -0.5, scoreAfter: 4.5 });
    expect(standingAt(r.state, T0 + 7 * DAY, defaultRules).score).toBe(2.5);
  });
});

describe('clamping and the ledger', () => {
  it('never goes below 0: the row shows the change actually made', () => {
    const r = run([ev('unsubscribe', T0), ev('unsubscribe', T0 + 1)], stateAt(0.3));
    expect(r.ledger).toMatchObject([{ delta: -0.3, scoreAfter: 0 }]);
    expect(scoreOf(r.state)).toBe(0);
  });
  it('never goes above 10: the rows are cut to what fits', () => {
    const r = run([ev('proposal', T0), ev('sales_meeting', T0 + 1), ev('sales_meeting', T0 + 2), ev('form', T0 + 3, { form: 'demo' })]);
    expect(scoreOf(r.state)).toBe(10);
    expect(r.ledger.at(-1)?.scoreAfter).toBe(10);
    expect(unitsOf(r.ledger)).toBe(100_000);
  });
  it('an event that crosses several bands (gate, then points and bonuses) reports one transition', () => {
    const proof = ev('download', T0 + 41 * DAY, { category: 'case-study', attention: 2, completion: 1, session: 'c', sessionMs: 600_000 });
    const r = run([view('about', T0, { session: 'a', sessionMs: 60_000 }), view('about', T0 + 40 * DAY, { session: 'b', sessionMs: 600_000 }), proof]);
    const rows = r.ledger.filter((row) => row.eventId === proof.id).map((row) => row.reason);
    expect(rows).toEqual(['gate:proof-download', 'points:download/case-study', 'bonus:sessions', 'bonus:longer-sessions']);
    expect(r.transitions).toEqual([expect.objectContaining({ from: 'target', to: 'ready', at: proof.ts, reason: 'bonus:sessions' })]);
  });
  it('ledger deltas add up to the score exactly, each row with its reason and event', () => {
    const events = [
      view('blog', T0, { session: 'a', visitor: 'x' }), view('blog', T0 + DAY, { session: 'b', visitor: 'y' }),
      view('blog', T0 + 2 * DAY, { session: 'b', attention: 0.37, completion: 0.33 }), ev('download', T0 + 3 * DAY, { category: 'guide', completion: 0.9 }),
      ev('competitor_visit', T0 + 4 * DAY), view('pricing', T0 + 20 * DAY, { session: 'c' }), ev('form', T0 + 21 * DAY, { form: 'demo' }),
    ];
    const first = run(events.slice(0, 4));
    const second = applyEvents(first.state, events.slice(4), defaultRules);
    const third = materialiseDecay(second.state, T0 + 60 * DAY, defaultRules);
    const ledger = [...first.ledger, ...second.ledger, ...third.ledger];
    expect(unitsOf(ledger)).toBe(Math.round(scoreOf(third.state) * 10_000));
    for (const row of ledger) {
      expect(row.reason).toMatch(/^(points|gate|bonus|decay|negative)(:|$)/);
      if (!row.reason.startsWith('decay')) expect(events.map((e) => e.id)).toContain(row.eventId);
      else expect(row.eventId).toBeNull();
      expect(Number.isInteger(Math.round(row.delta * 1e4)) && Math.abs(row.delta * 1e4 - Math.round(row.delta * 1e4)) < 1e-6).toBe(true);
    }
  });
});
