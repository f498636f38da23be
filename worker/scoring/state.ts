// The compact rolling state: creation, bounded windows and what the triggers and bonuses count in them.
import type { CompanyState, Hit, Rules, ScoringEvent, TriggerRule } from './types';
import { pruneEvidence } from './evidence';

export { DAY_MS } from './time';
import { DAY_MS } from './time';

/**
 * Bounds of the state. `lateDays`: how far behind the company's latest event an out-of-order
 * event can still complete a windowed trigger or bonus with events already seen.
 */
export const LIMITS = { lateDays: 30, maxHits: 16, maxVisitors: 100, maxSessions: 32, maxEdu: 8, maxDoubled: 8, sessionDays: 60, maxBonused: 32 };
export const STAKEHOLDER_DAYS = 30;

export function newCompanyState(): CompanyState {
  return {
    v: 1, units: 0, asOf: null, lastEventAt: null, lastPositiveAt: null, decayPeriods: 0, doubled: [],
    hits: {}, fired: {}, visitors: {}, sessions: [], days: [], eduAt: [], bonused: [],
  };
}

/**
 * A deep copy of the known shape (structuredClone costs ~10× more per event). Missing or malformed
 * parts (a state stored by an older version) start empty instead of failing.
 */
export function cloneState(stored: CompanyState): CompanyState {
  const s: CompanyState = { ...newCompanyState(), ...stored };
  for (const k of ['doubled', 'sessions', 'days', 'eduAt', 'bonused'] as const) if (!Array.isArray(s[k])) s[k] = [];
  for (const k of ['hits', 'fired', 'visitors'] as const) if (typeof s[k] !== 'object' || s[k] === null) s[k] = {};
  if (!Number.isInteger(s.units)) s.units = 0;
  const hits: CompanyState['hits'] = {};
  for (const id in s.hits) hits[id] = s.hits[id].map((h) => [h[0], h[1], h[2], h[3]]);
  const p = s.proof;
  const proof = p && Array.isArray(p.browser) ? { serverAt: typeof p.serverAt === 'number' ? p.serverAt : null, browser: p.browser.map((b): [string, string, number] => [b[0], b[1], b[2]]) } : undefined;
  return {
    ...s, proof, doubled: s.doubled.map(([a, b]) => [a, b]), hits, fired: { ...s.fired }, visitors: { ...s.visitors },
    sessions: s.sessions.map((m) => [m[0], m[1], m[2], m[3]]), days: s.days.map((d) => [d[0], d[1], d[2]]), eduAt: [...s.eduAt],
    bonused: [...s.bonused], // marks are copied on write (bonus.ts)
  };
}

/** The state itself when well formed, else a repaired copy (see cloneState). */
export function readable(s: CompanyState): CompanyState {
  const ok = s && Number.isInteger(s.units) && Array.isArray(s.doubled) && Array.isArray(s.days) && Array.isArray(s.sessions)
    && Array.isArray(s.eduAt) && typeof s.fired === 'object' && s.fired !== null && typeof s.visitors === 'object' && s.visitors !== null
    && typeof s.hits === 'object' && s.hits !== null;
  return ok ? s : cloneState(s ?? newCompanyState());
}

/** Records a newly matching event for a counting trigger (keyed by session or visitor unless per 'event'). */
export function recordHit(st: CompanyState, id: string, tr: TriggerRule, ev: ScoringEvent): Hit | null {
  const key = tr.per === 'visitor' ? ev.visitor : tr.per === 'event' ? null : ev.session;
  if (key === undefined || key === '') return null;
  const hits = (st.hits[id] ??= []);
  const found = key === null ? undefined : hits.find((h) => h[2] === key);
  if (found) {
    found[0] = Math.min(found[0], ev.ts);
    found[1] = Math.max(found[1], ev.ts);
    found[3] += 1;
    return found;
  }
  const hit: Hit = [ev.ts, ev.ts, key, 1];
  hits.push(hit);
  return hit;
}

/**
 * How many hits count towards `tr` for an event at `t` (its own hit included): the most in any
 * window that holds `t`. Usually the window ending at `t`; a late event may complete a later one.
 */
export function countFor(st: CompanyState, id: string, tr: TriggerRule, t: number, own: Hit): number {
  if (tr.per === 'same-session') return own[3];
  const w = (tr.windowDays ?? 0) * DAY_MS;
  const hits = st.hits[id] ?? [];
  let best = 0;
  for (const end of [t, ...hits.map((h) => h[1]).filter((e) => e > t && e - w <= t)]) {
    let n = 0;
    for (const h of hits) if (h[0] <= end && h[1] >= end - w) n++;
    best = Math.max(best, n);
  }
  return best;
}

/** Drops what no window can reach any more and caps every list (most recent kept). */
export function prune(st: CompanyState, rules: Rules): void {
  const latest = st.lastEventAt ?? 0;
  const late = LIMITS.lateDays * DAY_MS;
  for (const id in st.hits) {
    const keep = latest - ((rules.triggers[id]?.windowDays ?? 1) * DAY_MS + late);
    st.hits[id] = capped(st.hits[id].filter((h) => h[1] >= keep), LIMITS.maxHits, (h) => h[1]);
    if (!st.hits[id].length) delete st.hits[id];
  }
  const visitorsSince = latest - STAKEHOLDER_DAYS * DAY_MS - late;
  let visitors = 0;
  for (const v in st.visitors) if (st.visitors[v] < visitorsSince) delete st.visitors[v]; else visitors++;
  if (visitors > LIMITS.maxVisitors) {
    st.visitors = Object.fromEntries(capped(Object.entries(st.visitors), LIMITS.maxVisitors, (e) => e[1]));
  }
  st.sessions = capped(st.sessions, LIMITS.maxSessions, (m) => m[2]);
  const firstDay = Math.floor((latest - LIMITS.sessionDays * DAY_MS - late) / DAY_MS);
  if (st.days.length && st.days[0][0] < firstDay) st.days = st.days.filter((d) => d[0] >= firstDay);
  st.eduAt = capped(thinned(st.eduAt, rules.velocity.problemToSolution.windowDays * DAY_MS), LIMITS.maxEdu, (at) => at);
  st.bonused = capped(st.bonused.filter((m) => m[1] >= latest - late), LIMITS.maxBonused, (m) => m[1]);
  st.doubled = capped(st.doubled.filter((d) => d[1] >= (st.lastPositiveAt ?? 0)), LIMITS.maxDoubled, (d) => d[1]);
  pruneEvidence(st, latest, rules, LIMITS.lateDays);
}

/**
 * The times, sorted, without those that sit within `w` between two kept neighbours: any window of length `w` that holds
 * such a time holds one of its neighbours too, so "is there one in [t − w, t]" keeps its answer with fewer times kept.
 */
function thinned(times: number[], w: number): number[] {
  if (times.length < 3) return times;
  const sorted = [...times].sort((a, b) => a - b);
  const out = [sorted[0]];
  for (let i = 1; i < sorted.length; i++) {
    if (out.length >= 2 && sorted[i] - out[out.length - 2] <= w) out[out.length - 1] = sorted[i];
    else out.push(sorted[i]);
  }
  return out;
}

/** The `max` items with the largest `by` (order kept when at most one is dropped). */
function capped<T>(items: T[], max: number, by: (item: T) => number): T[] {
  if (items.length <= max) return items;
  // The usual case, one item over after an event: drop the smallest in one pass instead of sorting every time.
  if (items.length === max + 1) {
    let lo = 0;
    for (let i = 1; i < items.length; i++) if (by(items[i]) <= by(items[lo])) lo = i;
    return items.filter((_, i) => i !== lo);
  }
  return [...items].sort((a, b) => by(b) - by(a)).slice(0, max);
}

/** Distinct visitors active in the 30 days up to `now`. */
export function stakeholdersAt(state: CompanyState, now: number): number {
  if (typeof state?.visitors !== 'object' || state.visitors === null) return 0;
  const since = now - STAKEHOLDER_DAYS * DAY_MS;
  let n = 0;
  for (const at of Object.values(state.visitors)) if (at >= since && at <= now) n++;
  return n;
}
