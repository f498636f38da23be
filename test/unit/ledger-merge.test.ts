// One ledger row per event per write: consecutive rows of one company and event fold into one that the dashboard still words.
import { describe, expect, it } from 'vitest';
import { reasonInWords } from '../../worker/dashboard/ledger-words';
import { mergeEventRows } from '../../worker/ingest/ledger-merge';

const row = (eventId: string | null, delta: number, scoreAfter: number, reason: string, ts = 1) => ({ ts, delta, scoreAfter, reason, eventId });

describe('mergeEventRows', () => {
  it('folds a run of one event into one row: summed delta, last score and time, reasons joined once each', () => {
    const got = mergeEventRows([
      ['a.com', row('e1', 0.4, 0.4, 'points:pageview/pricing', 1)],
      ['a.com', row('e1', 1, 1.4, 'gate:demo-request', 2)],
      ['a.com', row('e1', 0.2, 1.6, 'gate:demo-request', 3)],
      ['a.com', row('e2', 0.1, 1.7, 'points:pageview/blog', 4)],
      ['b.com', row('e2', 0.1, 0.1, 'points:pageview/blog', 4)],
      ['b.com', row(null, -0.05, 0.05, 'decay', 5)],
      ['b.com', row(null, -0.05, 0, 'decay', 6)],
    ]);
    expect(got).toEqual([
      ['a.com', row('e1', 1.6, 1.6, 'points:pageview/pricing + gate:demo-request', 3)],
      ['a.com', row('e2', 0.1, 1.7, 'points:pageview/blog', 4)],
      ['b.com', row('e2', 0.1, 0.1, 'points:pageview/blog', 4)],
      ['b.com', row(null, -0.05, 0.05, 'decay', 5)],
      ['b.com', row(null, -0.05, 0, 'decay', 6)],
    ]);
  });

  it('keeps the deltas adding up to the last score', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ['a.com', row(`e${i % 4 < 2 ? 'x' : 'y'}${Math.floor(i / 4)}`, 0.1, (i + 1) / 10, `bonus:b${i % 3}`)] as [string, ReturnType<typeof row>]);
    const got = mergeEventRows(rows);
    expect(got.length).toBeLessThan(rows.length);
    expect(got.reduce((s, [, r]) => s + r.delta, 0)).toBeCloseTo(3, 9);
    expect(got.at(-1)![1].scoreAfter).toBe(3);
  });

  it('is worded part by part on the dashboard', () => {
    expect(reasonInWords('gate:demo-request + bonus:velocity')).toBe(`${reasonInWords('gate:demo-request')}; ${reasonInWords('bonus:velocity')}`);
  });
});
