// The compact rolling state: creation, bounded windows and what the triggers and bonuses count in them.
import type { CompanyState, Hit, Rules, ScoringEvent, TriggerRule } from './types';

export const DAY_MS = 86_400_000;

/**
 * Bounds of the state. `lateDays`: how far behind the company's latest event an out-of-order
 * event can still complete a windowed trigger or bonus with events already seen.
 */
export const LIMITS = { lateDays: 30, maxHits: 32, maxVisitors: 100, maxSessions: 32, maxEdu: 8, maxDoubled: 8, sessionDays: 60 };
export const STAKEHOLDER_DAYS = 30;

export function newCompanyState(): CompanyState {
  return {
    v: 1, units: 0, asOf: null, lastEventAt: null, lastPositiveAt: null, decayPeriods: 0, doubled: [],
    hits: {}, fired: {}, visitors: {}, sessions: [], days: {}, eduAt: [],
  };
}

export const cloneState = (s: CompanyState): CompanyState => structuredClone(s);

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
  for (const [id, hits] of Object.entries(st.hits)) {
    const tr = rules.triggers[id];
    const keep = latest - ((tr?.windowDays ?? 1) * DAY_MS + late);
    const kept = hits.filter((h) => h[1] >= keep).sort((a, b) => b[1] - a[1]).slice(0, LIMITS.maxHits);
    if (kept.length) st.hits[id] = kept;
    else delete st.hits[id];
  }
  const visitorsSince = latest - STAKEHOLDER_DAYS * DAY_MS - late;
  const visitors = Object.entries(st.visitors).filter(([, at]) => at >= visitorsSince);
  if (visitors.length !== Object.keys(st.visitors).length || visitors.length > LIMITS.maxVisitors) {
    st.visitors = Object.fromEntries(visitors.sort((a, b) => b[1] - a[1]).slice(0, LIMITS.maxVisitors));
  }
  if (st.sessions.length > LIMITS.maxSessions) {
    st.sessions = st.sessions.sort((a, b) => b[2] - a[2]).slice(0, LIMITS.maxSessions);
  }
  const firstDay = Math.floor((latest - LIMITS.sessionDays * DAY_MS - late) / DAY_MS);
  for (const day of Object.keys(st.days)) if (Number(day) < firstDay) delete st.days[day];
  if (st.eduAt.length > LIMITS.maxEdu) st.eduAt = st.eduAt.sort((a, b) => b - a).slice(0, LIMITS.maxEdu);
  if (st.doubled.length > LIMITS.maxDoubled) st.doubled = st.doubled.sort((a, b) => b[1] - a[1]).slice(0, LIMITS.maxDoubled);
}

/** Notes the visitor (stakeholders) and the session with its duration (velocity bonuses). */
export function noteVisit(st: CompanyState, ev: ScoringEvent): void {
  if (ev.visitor) st.visitors[ev.visitor] = Math.max(st.visitors[ev.visitor] ?? -Infinity, ev.ts);
  if (!ev.session) return;
  const mark = st.sessions.find((m) => m[0] === ev.session);
  if (mark) {
    mark[1] = Math.min(mark[1], ev.ts);
    mark[2] = Math.max(mark[2], ev.ts);
    const dur = Math.max(mark[3], ev.sessionMs ?? 0, mark[2] - mark[1]);
    const day = String(Math.floor(mark[1] / DAY_MS));
    const bucket = (st.days[day] ??= [1, 0]);
    bucket[1] += dur - mark[3];
    mark[3] = dur;
    return;
  }
  const dur = Math.max(0, ev.sessionMs ?? 0);
  st.sessions.push([ev.session, ev.ts, ev.ts, dur]);
  const day = String(Math.floor(ev.ts / DAY_MS));
  const bucket = (st.days[day] ??= [0, 0]);
  bucket[0] += 1;
  bucket[1] += dur;
}

/** Distinct visitors active in the 30 days up to `now`. */
export function stakeholdersAt(state: CompanyState, now: number): number {
  const since = now - STAKEHOLDER_DAYS * DAY_MS;
  let n = 0;
  for (const at of Object.values(state.visitors)) if (at >= since && at <= now) n++;
  return n;
}
