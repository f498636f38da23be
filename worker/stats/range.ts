// Parses a stats range (?from=&to= as ISO dates/times or epoch ms) and the site's model and decay period.
import { badRequest } from '../lib/errors';
import type { Site } from '../env';
import { rulesOf } from '../site-cache';
import type { StatsOptions } from './query';
import { DAY_MS } from '../lib/time';

export const DEFAULT_DAYS = 90;
export const MAX_DAYS = 731;

function parseTime(name: string, v: string | undefined, endOfDay: boolean): number | undefined {
  if (v === undefined || v === '') return undefined;
  const ms = /^\d{1,15}$/.test(v) ? Number(v)
    : /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`)
    : /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) throw badRequest(`${name}: expected an ISO-8601 date or epoch milliseconds`, [{ path: name, message: 'invalid date' }]);
  return ms;
}

/** The options getStats needs for this site and query: defaults to the last 90 days. */
export function statsOptions(site: Site, q: { from?: string; to?: string }, now = Date.now()): StatsOptions {
  const to = parseTime('to', q.to, true) ?? now;
  const from = parseTime('from', q.from, false) ?? to - DEFAULT_DAYS * DAY_MS;
  if (from > to) throw badRequest('from must not be after to', [{ path: 'from', message: 'after to' }]);
  if (to - from > MAX_DAYS * DAY_MS) throw badRequest(`the range may span at most ${MAX_DAYS} days`, [{ path: 'from', message: 'range too long' }]);
  const rules = rulesOf(site);
  return { from, to, now, model: rules.model, decayDays: rules.decay.periodDays };
}
