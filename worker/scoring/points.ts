// Points of one event by type, category and engagement depth (the velocity bonuses on them: bonus.ts).
import { CONTENT_TYPES, type Rules, type ScoringEvent } from './types';

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
