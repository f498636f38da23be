// Engagement updates of scored events, out-of-order events, and the bounded size of the rolling state.
import { describe, expect, it } from 'vitest';
import {
  applyEvents, defaultRules, materialiseDecay, newCompanyState, scoreOf, stakeholdersAt, standingAt, type CompanyState,
} from '../../../worker/scoring';
import { LIMITS } from '../../../worker/scoring/state';
import { DAY, HOUR, T0, ev, run, view } from './helpers';

describe('engagement updates (same id, `previous` set)', () => {
  it('a bounce later read for 30 s earns the difference and then counts as a qualifying view', () => {
    const first = view('blog', T0 + 2 * DAY, { engagedMs: 2_000, attention: 0.1, completion: 0.1 });
    const s = run([view('blog', T0), view('blog', T0 + DAY), first]);
    expect(s.state.fired['blog-views']).toBeUndefined();
    const update = { ...first, engagedMs: 30_000, attention: 1, completion: 0.8, previous: { engagedMs: 2_000, attention: 0.1, completion: 0.1 } };
    const r = applyEvents(s.state, [update], defaultRules);
    expect(r.ledger.map((row) => row.reason)).toEqual(['gate:blog-views', 'points:pageview/blog']);
    expect(r.ledger.every((row) => row.eventId === first.id)).toBe(true);
  });
  it('an update of an already qualifying view scores only the extra points and is not counted again', () => {
    const a = view('blog', T0, { engagedMs: 12_000, attention: 0.5, completion: 0.4 });
    const s = run([a]).state;
    const more = applyEvents(s, [{ ...a, engagedMs: 40_000, attention: 1, completion: 1, previous: { engagedMs: 12_000, attention: 0.5, completion: 0.4 } }], defaultRules);
    expect(more.ledger).toHaveLength(1);
    expect(more.ledger[0].delta).toBeCloseTo(0.3 * (0.25 + 0.3), 4);
    const again = applyEvents(more.state, [{ ...a, engagedMs: 50_000, previous: { engagedMs: 40_000 } }, { ...a, engagedMs: 60_000, previous: { engagedMs: 50_000 } }], defaultRules);
    expect(again.state.fired['blog-views']).toBeUndefined();
  });
  it('never gives negative points for an update that measures less', () => {
    const a = view('docs', T0, { attention: 1.5, completion: 1 });
    const s = run([a]).state;
    const r = applyEvents(s, [{ ...a, attention: 0.2, completion: 0.1, previous: { engagedMs: 30_000, attention: 1.5, completion: 1 } }], defaultRules);
    expect(r.ledger).toEqual([]);
    expect(scoreOf(r.state)).toBe(scoreOf(s));
  });
  it('a webinar crossing 75% completion on its update fires then', () => {
    const m = ev('media', T0, { category: 'webinar', completion: 0.5 });
    const s = run([m]).state;
    const r = applyEvents(s, [{ ...m, completion: 0.8, previous: { completion: 0.5 } }], defaultRules);
    expect(r.ledger[0]).toMatchObject({ reason: 'gate:webinar-attended', scoreAfter: 2 });
  });
});

describe('out-of-order events', () => {
  it('a late event counts at its own time and can complete a window with later events', () => {
    const s = run([view('blog', T0 + 10 * DAY), view('blog', T0 + 12 * DAY)]).state;
    const late = view('blog', T0 + DAY);
    const r = applyEvents(s, [late], defaultRules);
    expect(r.state.fired['blog-views']).toBe(T0 + DAY);
    expect(r.ledger.find((row) => row.reason === 'gate:blog-views')).toMatchObject({ ts: T0 + DAY, eventId: late.id });
  });
  it('a late event outside every window does not fire, but still earns its points', () => {
    const s = run([view('blog', T0 + 20 * DAY), view('blog', T0 + 21 * DAY)]).state;
    const r = applyEvents(s, [view('blog', T0)], defaultRules);
    expect(r.state.fired['blog-views']).toBeUndefined();
    expect(r.ledger.map((row) => row.reason)).toEqual(['points:pageview/blog']);
  });
  it('a late positive event does not charge decay twice', () => {
    const s = run([view('docs', T0), view('docs', T0 + 20 * DAY)]).state; // two decay rows written in between
    const r = applyEvents(s, [view('docs', T0 + 10 * DAY)], defaultRules);
    expect(r.ledger.filter((row) => row.reason.startsWith('decay'))).toEqual([]);
  });
});

describe('compact state', () => {
  it('stays bounded after 20,000 events over a year from 500 visitors', () => {
    let state = newCompanyState();
    const cats = ['blog', 'pricing', 'docs', 'guide', 'features'] as const;
    for (let b = 0; b < 40; b++) {
      const batch = Array.from({ length: 500 }, (_, i) => view(cats[i % 5], T0 + (b * 500 + i) * 26 * 60_000, {
        visitor: `v${(b * 7 + i) % 500}`, session: `s${b}-${i % 50}`, sessionMs: (i % 10) * 60_000,
      }));
      state = applyEvents(state, batch, defaultRules).state;
    }
    const json = JSON.stringify(state);
    expect(json.length).toBeLessThan(24_000);
    expect(Object.keys(state.visitors).length).toBeLessThanOrEqual(LIMITS.maxVisitors);
    expect(state.sessions.length).toBeLessThanOrEqual(LIMITS.maxSessions);
    for (const hits of Object.values(state.hits)) expect(hits.length).toBeLessThanOrEqual(LIMITS.maxHits);
    expect(JSON.parse(json)).toEqual(state);
  });
  it('a state stored by an older version (missing or malformed parts) is read and repaired, not fatal', () => {
    const old = { v: 1, units: 35_000, lastPositiveAt: T0, asOf: T0, days: { '20000': [1, 0] } } as unknown as CompanyState;
    expect(scoreOf(old)).toBe(3.5);
    expect(standingAt(old, T0 + 7 * DAY, defaultRules).score).toBe(2.5);
    expect(materialiseDecay(old, T0 + 7 * DAY, defaultRules).ledger).toHaveLength(1);
    expect(scoreOf(applyEvents(old, [view('docs', T0 + DAY)], defaultRules).state)).toBeGreaterThan(3.5);
    expect(stakeholdersAt(old, T0)).toBe(0);
  });
  it('counts stakeholders as distinct visitors of the last 30 days', () => {
    const s = run([view('docs', T0, { visitor: 'a' }), view('docs', T0 + DAY, { visitor: 'b' }), view('docs', T0 + 2 * DAY, { visitor: 'a' }), view('docs', T0 + 35 * DAY - HOUR, { visitor: 'c' })]).state;
    expect(stakeholdersAt(s, T0 + 3 * DAY)).toBe(2);
    expect(stakeholdersAt(s, T0 + 35 * DAY)).toBe(1);
  });
});
