// Points of one event by type, category and engagement depth, and the velocity bonuses on them.
import { phaseOf } from './categories';
import { DAY_MS } from './state';
import { CONTENT_TYPES, type CompanyState, type Rules, type ScoringEvent } from './types';

/** Engagement depth: attention (or engaged time as its proxy) and completion, per the rules' weights. */
export function depthOf(ev: ScoringEvent, rules: Rules): number {
  const d = rules.points.depth;
  const attention = ev.attention ?? (ev.engagedMs !== undefined ? ev.engagedMs / d.engagedMsPerAttention : undefined);
  if (attention === undefined && ev.completion === undefined) return d.unmeasured;
  let depth = d.base;
  if (attention !== undefined) depth += d.perAttention * Math.min(Math.max(attention, 0), d.attentionCap);
  if (ev.completion !== undefined) depth += d.perCompletion * Math.min(Math.max(ev.completion, 0), 1);
  return depth;
}

/** Points of the event as measured (before bonuses); a pageview that is not a qualifying view earns none. */
export function pointsOf(ev: ScoringEvent, rules: Rules): number {
  const p = rules.points;
  const exact = p.exact[ev.type];
  if (exact !== undefined) return exact;
  if (ev.type === 'form') return p.form[ev.form ?? 'contact'] ?? 0;
  if (ev.type === 'pageview' && !((ev.engagedMs ?? 0) >= rules.qualifyingViewMs)) return 0;
  let points = p.base[ev.type] ?? 0;
  if (CONTENT_TYPES.has(ev.type)) points *= p.category[ev.category ?? 'other'] ?? 0;
  if (p.depthScaled.includes(ev.type)) points *= depthOf(ev, rules);
  return points;
}

export const isExact = (ev: ScoringEvent, rules: Rules): boolean => rules.points.exact[ev.type] !== undefined;

/** The same event as it was measured before (for engagement updates). */
export function previousOf(ev: ScoringEvent): ScoringEvent | null {
  if (!ev.previous) return null;
  const { engagedMs, completion, attention, scrollDepth } = ev.previous;
  return { ...ev, engagedMs, completion, attention, scrollDepth, previous: undefined };
}

/** Which velocity bonuses apply to an event at `t`, as [name, share of the points], within the cap. */
export function bonusesFor(st: CompanyState, ev: ScoringEvent, rules: Rules): [string, number][] {
  const v = rules.velocity;
  const t = ev.ts;
  const found: [string, number][] = [];
  const since7 = t - v.sessions.windowDays * DAY_MS;
  const sessions = st.sessions.filter((m) => m[1] <= t && m[2] >= since7).length;
  if (sessions >= v.sessions.count) found.push(['sessions', v.sessions.pct]);
  if (longerSessions(st, t, v.longerSessions.windowDays)) found.push(['longer-sessions', v.longerSessions.pct]);
  if (phaseOf(ev.category, rules) === 'solution') {
    const since = t - v.problemToSolution.windowDays * DAY_MS;
    if (st.eduAt.some((at) => at >= since && at <= t)) found.push(['problem-to-solution', v.problemToSolution.pct]);
  }
  let room = Math.max(0, v.maxMultiplier - 1);
  return found.map(([name, pct]): [string, number] => {
    const share = Math.min(pct, room);
    room -= share;
    return [name, share];
  }).filter(([, share]) => share > 0);
}

/** Average session duration over the last window exceeds the window before (both must have sessions). */
function longerSessions(st: CompanyState, t: number, windowDays: number): boolean {
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
