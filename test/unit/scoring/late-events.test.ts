// A late event (older than events already applied, in a later batch) against the same events in time order:
// each bonus kind, a bonus paid once, windows and decay, and any batch order of random events (docs/scoring.md).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvents, defaultRules, newCompanyState, scoreOf, stageOf, type CompanyState, type ScoringEvent } from '../../../worker/scoring';
import { LIMITS } from '../../../worker/scoring/state';
import { DAY, ev, HOUR, run, stateAt, T0, view } from './helpers';

/** Applies the batches one after the other, each on the state the one before left. */
function batches(parts: ScoringEvent[][], state: CompanyState = newCompanyState()) {
  const ledger = [];
  for (const part of parts) {
    const r = applyEvents(state, part, defaultRules);
    state = r.state;
    ledger.push(...r.ledger);
  }
  return { state, ledger };
}

/** Ledger deltas summed per event and reason (what the stored ledger holds once rows of one event merge). */
function sums(ledger: { eventId: string | null; reason: string; delta: number; ts: number }[]) {
  const m = new Map<string, number>();
  for (const r of ledger) m.set(`${r.eventId ?? r.ts}|${r.reason}`, (m.get(`${r.eventId ?? r.ts}|${r.reason}`) ?? 0) + Math.round(r.delta * 10_000));
  return Object.fromEntries([...m].filter(([, v]) => v !== 0).sort());
}

/**
 * The late arrival gives the ledger of time order (points, bonuses, gates) and its score. Only when time order wrote
 * decay between the two does the score differ: a late event's points are not decayed afterwards (docs/scoring.md).
 */
function expectSameAsTimeOrder(early: ScoringEvent[], late: ScoringEvent[]) {
  const inOrder = run([...early, ...late]);
  const arrived = batches([early, late]);
  const noDecay = (rows: typeof inOrder.ledger) => rows.filter((r) => !r.reason.startsWith('decay'));
  expect(sums(noDecay(arrived.ledger))).toEqual(sums(noDecay(inOrder.ledger)));
  if (noDecay(inOrder.ledger).length === inOrder.ledger.length) expect(scoreOf(arrived.state)).toBe(scoreOf(inOrder.state));
  return arrived;
}

const bonusRows = (ledger: { eventId: string | null; reason: string }[], id: string) =>
  ledger.filter((r) => r.eventId === id && r.reason.startsWith('bonus:')).map((r) => r.reason);

describe('late events and bonuses', () => {
  it('a late event that starts a second session earlier gives the same score as the events in time order', () => {
    const a = view('blog', T0 + 2 * HOUR, { session: 'A', visitor: 'v1' });
    const b1 = view('blog', T0 + 1 * HOUR, { session: 'B', visitor: 'v2' });
    const b2 = view('blog', T0 + 3 * HOUR, { session: 'B', visitor: 'v2' });
    const inOrder = run([b1, a, b2]);
    const late = run([b1], run([a, b2]).state);
    expect(scoreOf(late.state)).toBe(scoreOf(inOrder.state));
    // The missing bonus is written for `a`, at `a`'s time, so it lands on a's ledger row.
    expect(late.ledger.filter((r) => r.eventId === a.id)).toEqual([expect.objectContaining({ ts: a.ts, reason: 'bonus:sessions' })]);
  });

  it('sessions: a late session 3 days before gives the later one its +20%', () => {
    const e = view('docs', T0 + 3 * DAY, { session: 'b' });
    const r = expectSameAsTimeOrder([e], [view('docs', T0, { session: 'a' })]);
    expect(bonusRows(r.ledger, e.id)).toEqual(['bonus:sessions']);
  });

  it('problem-to-solution: a late education view 2 days before a scored guide gives it its +25%', () => {
    const guide = view('guide', T0 + 2 * DAY, { completion: 0.5 });
    const r = expectSameAsTimeOrder([guide], [view('blog', T0)]);
    expect(bonusRows(r.ledger, guide.id)).toEqual(['bonus:problem-to-solution']);
  });

  it('longer-sessions: a late short session 40 days before gives a later long session its +15%', () => {
    const long = view('docs', T0 + 40 * DAY, { session: 'b', sessionMs: 600_000 });
    const r = expectSameAsTimeOrder([long], [view('docs', T0, { session: 'a', sessionMs: 60_000 })]);
    expect(bonusRows(r.ledger, long.id)).toEqual(['bonus:longer-sessions']);
  });

  it('all three at once, within the ×1.6 cap', () => {
    const guide = view('guide', T0 + 41 * DAY, { session: 'c', sessionMs: 600_000, completion: 0.5 });
    const r = expectSameAsTimeOrder([guide], [view('docs', T0, { session: 'a', sessionMs: 60_000 }), view('blog', T0 + 40 * DAY, { session: 'b', sessionMs: 600_000 })]);
    expect(bonusRows(r.ledger, guide.id).sort()).toEqual(['bonus:longer-sessions', 'bonus:problem-to-solution', 'bonus:sessions']);
  });

  it('outside the window: a late session 8 days before pays nothing more than its own points', () => {
    const e = view('docs', T0 + 8 * DAY, { session: 'b' });
    const early = run([e]);
    const late = view('docs', T0, { session: 'a' });
    const r = run([late], early.state);
    expect(r.ledger.map((row) => row.eventId)).toEqual([late.id]);
    expectSameAsTimeOrder([e], [late]);
  });

  it('a bonus is paid once: a second late event in its window, or the same late event again, pays nothing more', () => {
    const e = view('docs', T0 + 3 * DAY, { session: 'c' });
    const late = view('docs', T0, { session: 'a' });
    const first = batches([[e], [late]]);
    expect(bonusRows(first.ledger, e.id)).toEqual(['bonus:sessions']);
    expect(bonusRows(run([view('docs', T0 + DAY, { session: 'b' })], first.state).ledger, e.id)).toEqual([]);
    // The engine scores what it is given; ingest drops a repeated id before (test/worker/late-events.test.ts).
    expect(bonusRows(run([late], first.state).ledger, e.id)).toEqual([]);
  });

  it('an engagement update of an event whose bonus a late event paid keeps the bonus on all its points', () => {
    const e = view('docs', T0 + 3 * DAY, { session: 'b', engagedMs: 20_000, attention: 0.5 });
    const s = batches([[e], [view('docs', T0, { session: 'a' })]]).state;
    const update = { ...e, engagedMs: 90_000, attention: 1.5, previous: { engagedMs: 20_000, attention: 0.5, completion: 0.8 } };
    const updated = run([update], s);
    const inOrder = run([view('docs', T0, { session: 'a' }), { ...e, engagedMs: 90_000, attention: 1.5 }]);
    expect(Math.abs(scoreOf(updated.state) - scoreOf(inOrder.state))).toBeLessThanOrEqual(0.0001); // one rounding unit
  });

  it('across a decay boundary: a late session after a decay period gives the same score and decay as time order', () => {
    const e = view('docs', T0 + 10 * DAY, { session: 'c' });
    const r = expectSameAsTimeOrder([view('docs', T0, { session: 'a' }), e], [view('blog', T0 + 8 * DAY, { session: 'b' })]);
    expect(r.ledger.filter((row) => row.reason === 'decay')).toHaveLength(1);
    expect(bonusRows(r.ledger, e.id)).toEqual(['bonus:sessions']);
  });

  // Known limit (docs/scoring.md): points dropped at the top come back in time order, where they follow the negative.
  it.fails('the 0–10 clamp: a late negative after points that were clamped ends as in time order (9.5 vs 9.93)', () => {
    const from = stateAt(9.8);
    const view2h = view('docs', T0 + 2 * HOUR, { session: 'x' });
    const competitor = ev('competitor_visit', T0 + HOUR);
    expect(scoreOf(batches([[view2h], [competitor]], from).state)).toBe(scoreOf(run([competitor, view2h], from).state));
  });

  it('a state stored before bonus marks existed still loads; its events are judged as before', () => {
    const { bonused: _, ...old } = run([view('docs', T0 + 3 * DAY, { session: 'b' })]).state;
    const r = run([view('docs', T0, { session: 'a' })], old as CompanyState);
    expect(r.state.bonused).toHaveLength(1);
  });

  it('the marks stay bounded', () => {
    const evs = Array.from({ length: 200 }, (_, i) => view('docs', T0 + i * HOUR, { session: `s${i}` }));
    const { state } = batches([evs.slice(100), evs.slice(0, 100)]);
    expect(state.bonused.length).toBeLessThanOrEqual(LIMITS.maxBonused);
  });
});

// Pages that fire no gate (gates lift to a floor, so their order matters by design), two visitors (the stakeholders
// gate needs three), within 6 days (no decay period ends), server events (no evidence ceiling).
const QUIET = ['glossary', 'explainer', 'newsletter', 'report', 'webinar', 'product', 'benchmark', 'success-story', 'product-webinar', 'home', 'other'] as const;
const eventsArb = fc.uniqueArray(fc.integer({ min: 0, max: 6 * DAY - 1 }), { minLength: 2, maxLength: 12 }).chain((offsets) =>
  fc.tuple(...offsets.map((at, i) => fc.record({
    category: fc.constantFrom(...QUIET), session: fc.constantFrom('s1', 's2', 's3', 's4', 's5'), visitor: fc.constantFrom('v1', 'v2'),
    engagedMs: fc.integer({ min: 0, max: 120_000 }), attention: fc.double({ min: 0, max: 3, noNaN: true }), completion: fc.double({ min: 0, max: 0.6, noNaN: true }),
  }).map((f): ScoringEvent => ({ id: `e${i}`, type: 'pageview', ts: T0 + at, ...f })))));

describe('order independence of bonuses', () => {
  it('any batch split and order of the same events gives the score, stage and ledger of time order', () => {
    fc.assert(fc.property(eventsArb, fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), fc.nat(), (evs, keys, cuts) => {
      const inOrder = run(evs);
      fc.pre(scoreOf(inOrder.state) < 10); // the 0–10 clamp is order-dependent by design
      const shuffled = evs.map((e, i) => [keys[i], e] as const).sort((a, b) => a[0] - b[0]).map(([, e]) => e);
      const parts: ScoringEvent[][] = [[]];
      for (const [i, e] of shuffled.entries()) {
        if (i > 0 && (cuts >> i) & 1) parts.push([]);
        parts.at(-1)!.push(e);
      }
      const got = batches(parts);
      expect(scoreOf(got.state)).toBe(scoreOf(inOrder.state));
      expect(stageOf(scoreOf(got.state), defaultRules)).toBe(stageOf(scoreOf(inOrder.state), defaultRules));
      expect(sums(got.ledger)).toEqual(sums(inOrder.ledger));
    }), { numRuns: 400 });
  });
});
