// Gates: which triggers an event fires, from the rulebook's conditions and the company's rolling windows.
import { countFor, recordHit } from './state';
import { floorOf } from './stage';
import { CONTENT_TYPES, type CompanyState, type Rules, type ScoringEvent, type TriggerRule } from './types';

/** Does one event meet a trigger's event condition (type, category, form kind, qualifying view, thresholds)? */
export function matches(tr: TriggerRule, ev: ScoringEvent, rules: Rules): boolean {
  if (!tr.types.includes(ev.type)) return false;
  if (tr.categories && CONTENT_TYPES.has(ev.type) && !(ev.category && tr.categories.includes(ev.category))) return false;
  if (tr.forms && ev.type === 'form' && !(ev.form && tr.forms.includes(ev.form))) return false;
  // A view's completion counts only in a qualifying view: a skim that reached the end did not complete anything.
  const needsQualifying = tr.qualifying || tr.above.completion !== undefined;
  if (needsQualifying && ev.type === 'pageview' && !((ev.engagedMs ?? 0) >= rules.qualifyingViewMs)) return false;
  if (tr.above.attention !== undefined && !((ev.attention ?? -1) > tr.above.attention)) return false;
  if (tr.above.completion !== undefined && !((ev.completion ?? -1) > tr.above.completion)) return false;
  return true;
}

/**
 * Records the event in the counting windows and returns the ids of the triggers it fires.
 * `prev` (engagement updates) is the event as measured before: only a newly met condition counts.
 * `from` is judged on `scoreBefore`, the score before any of this event's gates.
 */
export function firedBy(
  st: CompanyState, ev: ScoringEvent, prev: ScoringEvent | null, scoreBefore: number, rules: Rules,
): string[] {
  const fired: string[] = [];
  for (const [id, tr] of Object.entries(rules.triggers)) {
    if (!tr.enabled || !matches(tr, ev, rules) || (prev && matches(tr, prev, rules))) continue;
    if (tr.count !== null) {
      const hit = recordHit(st, id, tr, ev);
      if (!hit || countFor(st, id, tr, ev.ts, hit) < tr.count) continue;
    }
    if (tr.from && scoreBefore < floorOf(tr.from, rules)) continue;
    fired.push(id);
  }
  return fired;
}

/** The score a trigger lifts a company to. */
export const gateFloor = (tr: TriggerRule, rules: Rules): number => tr.floor ?? floorOf(tr.target, rules);
