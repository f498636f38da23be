// Sessions as the velocity bonuses see them: each session's span and duration, and per-day totals of session starts.
import { DAY_MS } from './time';
import type { CompanyState, ScoringEvent } from './types';

/**
 * Notes the visitor (stakeholders) and the session with its duration (velocity bonuses). Returns whether the session's
 * span [first, last] is new or wider: then the session bonuses of events scored after this one may change (bonus.ts).
 */
export function noteVisit(st: CompanyState, ev: ScoringEvent): boolean {
  if (ev.visitor) st.visitors[ev.visitor] = Math.max(st.visitors[ev.visitor] ?? -Infinity, ev.ts);
  if (!ev.session) return false;
  const mark = st.sessions.find((m) => m[0] === ev.session);
  if (mark) {
    const wider = ev.ts < mark[1] || ev.ts > mark[2];
    const start = mark[1];
    mark[1] = Math.min(mark[1], ev.ts);
    mark[2] = Math.max(mark[2], ev.ts);
    const dur = Math.max(mark[3], ev.sessionMs ?? 0, mark[2] - mark[1]);
    if (Math.floor(start / DAY_MS) !== Math.floor(mark[1] / DAY_MS)) {
      // A late event moved the session's start to an earlier day: the session moves to that day's bucket.
      const old = dayBucket(st, start, 0);
      old[1] = Math.max(0, old[1] - 1);
      old[2] = Math.max(0, old[2] - mark[3]);
      const moved = dayBucket(st, mark[1], 0);
      moved[1] += 1;
      moved[2] += dur;
    } else dayBucket(st, mark[1], 1)[2] += dur - mark[3];
    mark[3] = dur;
    return wider;
  }
  const dur = Math.max(0, ev.sessionMs ?? 0);
  st.sessions.push([ev.session, ev.ts, ev.ts, dur]);
  const bucket = dayBucket(st, ev.ts, 0);
  bucket[1] += 1;
  bucket[2] += dur;
  return true;
}

/** The bucket of `ts`'s day, created (with `sessions`) if missing; `days` stays sorted by day. */
function dayBucket(st: CompanyState, ts: number, sessions: number): [number, number, number] {
  const day = Math.floor(ts / DAY_MS);
  let i = st.days.length;
  while (i > 0 && st.days[i - 1][0] > day) i--;
  if (i > 0 && st.days[i - 1][0] === day) return st.days[i - 1];
  const bucket: [number, number, number] = [day, sessions, 0];
  st.days.splice(i, 0, bucket);
  return bucket;
}

/** Sessions that overlap the window [t − windowDays, t]: started by `t`, last seen within the window. */
export const sessionsAt = (st: CompanyState, t: number, windowDays: number): number =>
  st.sessions.filter((m) => m[1] <= t && m[2] >= t - windowDays * DAY_MS).length;

/** Average session duration over the last window exceeds the window before (both must have sessions). */
export function longerSessions(st: CompanyState, t: number, windowDays: number): boolean {
  const today = Math.floor(t / DAY_MS);
  let recentN = 0, recentMs = 0, beforeN = 0, beforeMs = 0;
  for (const [day, n, ms] of st.days) {
    const age = today - day;
    if (age < 0 || age >= 2 * windowDays) continue;
    if (age < windowDays) { recentN += n; recentMs += ms; }
    else { beforeN += n; beforeMs += ms; }
  }
  return recentN > 0 && beforeN > 0 && recentMs / recentN > beforeMs / beforeN;
}
