// One ledger row per event per write: a company's consecutive rows of the same event (points, bonuses, gates) fold into one.
import type { LedgerRow } from '../scoring/types';

/** Joins the reasons of one merged row; the dashboard (reasonInWords) splits on it and words each part. */
export const REASON_JOIN = ' + ';

/**
 * Folds each run of consecutive rows of one company and one event into a single row: summed delta, the last
 * row's time and score (so deltas still add up to the score and score_after stays a running total), the
 * distinct reasons joined. Rows without an event (decay) and rows of different events stay as they are.
 */
export function mergeEventRows(rows: [domain: string, row: LedgerRow][]): [string, LedgerRow][] {
  const out: [string, LedgerRow][] = [];
  for (const [domain, row] of rows) {
    const prev = out[out.length - 1];
    if (prev && row.eventId !== null && prev[0] === domain && prev[1].eventId === row.eventId) {
      const reasons = prev[1].reason.split(REASON_JOIN);
      prev[1] = {
        ...row,
        delta: Math.round((prev[1].delta + row.delta) * 1e6) / 1e6,
        reason: reasons.includes(row.reason) ? prev[1].reason : [...reasons, row.reason].join(REASON_JOIN),
      };
    } else out.push([domain, { ...row }]);
  }
  return out;
}
