// Velocity bonuses: each alone, all together, and the ×1.6 cap; recorded as their own ledger rows.
import { describe, expect, it } from 'vitest';
import { resolveRules, type Rules } from '../../../worker/scoring';
import { DAY, HOUR, T0, run, view } from './helpers';

const bonuses = (r: ReturnType<typeof run>, eventId: string) =>
  Object.fromEntries(r.ledger.filter((row) => row.eventId === eventId && row.reason.startsWith('bonus:')).map((row) => [row.reason, row.delta]));
const pointsOf = (r: ReturnType<typeof run>, eventId: string) =>
  r.ledger.find((row) => row.eventId === eventId && row.reason.startsWith('points:'))!.delta;

describe('velocity bonuses', () => {
  it('+20% for the second session within 7 days, not for one 8 days later', () => {
    const second = view('docs', T0 + 3 * DAY, { session: 'b' });
    const r = run([view('docs', T0, { session: 'a' }), second]);
    expect(bonuses(r, second.id)).toEqual({ 'bonus:sessions': +(pointsOf(r, second.id) * 0.2).toFixed(4) });
    const late = view('docs', T0 + 8 * DAY, { session: 'b' });
    expect(bonuses(run([view('docs', T0, { session: 'a' }), late]), late.id)).toEqual({});
  });
  it('+15% when sessions of the last 30 days last longer on average than the 30 days before', () => {
    const longer = view('docs', T0 + 40 * DAY, { session: 'b', sessionMs: 600_000 });
    const r = run([view('docs', T0, { session: 'a', sessionMs: 60_000 }), longer]);
    expect(bonuses(r, longer.id)).toEqual({ 'bonus:longer-sessions': +(pointsOf(r, longer.id) * 0.15).toFixed(4) });
    const shorter = view('docs', T0 + 40 * DAY, { session: 'b', sessionMs: 30_000 });
    expect(bonuses(run([view('docs', T0, { session: 'a', sessionMs: 60_000 }), shorter]), shorter.id)).toEqual({});
  });
  it('+25% for solution content within 7 days after education content, not after 8 days or in reverse', () => {
    const guide = view('guide', T0 + 2 * DAY, { completion: 0.5 });
    const r = run([view('blog', T0), guide]);
    expect(bonuses(r, guide.id)).toEqual({ 'bonus:problem-to-solution': +(pointsOf(r, guide.id) * 0.25).toFixed(4) });
    const slow = view('guide', T0 + 8 * DAY, { completion: 0.5 });
    expect(bonuses(run([view('blog', T0), slow]), slow.id)).toEqual({});
    const blog = view('blog', T0 + DAY);
    expect(bonuses(run([view('guide', T0, { completion: 0.5 }), blog]), blog.id)).toEqual({});
  });
  it('all three add up to ×1.6', () => {
    const guide = view('guide', T0 + 41 * DAY, { session: 'c', sessionMs: 600_000, completion: 0.5 });
    const r = run([view('docs', T0, { session: 'a', sessionMs: 60_000 }), view('blog', T0 + 40 * DAY, { session: 'b', sessionMs: 600_000 }), guide]);
    const got = bonuses(r, guide.id);
    expect(Object.keys(got).sort()).toEqual(['bonus:longer-sessions', 'bonus:problem-to-solution', 'bonus:sessions']);
    const total = Object.values(got).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(pointsOf(r, guide.id) * 0.6, 3);
  });
  it('never more than ×1.6 even when a site raises the percentages', () => {
    const res = resolveRules({ velocity: { sessions: { pct: 0.5 }, longerSessions: { pct: 0.5 }, problemToSolution: { pct: 0.5 } } });
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    const guide = view('guide', T0 + 41 * DAY, { session: 'c', sessionMs: 600_000, completion: 0.5 });
    const r = run([view('docs', T0, { session: 'a', sessionMs: 60_000 }), view('blog', T0 + 40 * DAY, { session: 'b', sessionMs: 600_000 }), guide], undefined, res.rules as Rules);
    const total = Object.values(bonuses(r, guide.id)).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(pointsOf(r, guide.id) * 0.6, 3);
  });
  it('bonuses apply to event points only, never to a gate lift', () => {
    const second = view('pricing', T0 + HOUR, { session: 'b' });
    const r = run([view('pricing', T0 - 2 * DAY, { session: 'a' }), view('features', T0 + HOUR - 1, { session: 'b' }), second]);
    const rows = r.ledger.filter((row) => row.eventId === r.ledger.find((x) => x.reason === 'gate:pricing-in-session')?.eventId);
    const gate = rows.find((row) => row.reason.startsWith('gate:'))!;
    const bonus = rows.filter((row) => row.reason.startsWith('bonus:')).reduce((a, row) => a + row.delta, 0);
    expect(bonus).toBeLessThan(gate.delta * 0.2);
  });
});
