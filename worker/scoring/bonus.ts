// Velocity bonuses: judged when an event is scored, and re-judged for events scored after a late event that widens their windows.
import { phaseOf } from './categories';
import { ceilingAt } from './evidence';
import type { Tally } from './ledger';
import { longerSessions, sessionsAt } from './sessions';
import { DAY_MS } from './time';
import type { BonusMark, CompanyState, Rules, ScoringEvent } from './types';

/** The bonuses in the order the ×maxMultiplier cap shares its room out; mark[PAID + i] is what bonus i has paid. */
export const BONUSES = ['sessions', 'longer-sessions', 'problem-to-solution'] as const;
const PAID = 4;

/** What a late event changed: a session's span (sessions, longer-sessions), an education time (problem-to-solution). */
export interface Widened { session: boolean; edu: boolean }

/** Which bonuses an event at `t` meets, in BONUSES order, from the state's windows. */
function met(st: CompanyState, t: number, solution: boolean, rules: Rules): boolean[] {
  const v = rules.velocity;
  const since = t - v.problemToSolution.windowDays * DAY_MS;
  return [
    sessionsAt(st, t, v.sessions.windowDays) >= v.sessions.count,
    longerSessions(st, t, v.longerSessions.windowDays),
    solution && st.eduAt.some((at) => at >= since && at <= t),
  ];
}

/** Shares of the points for the bonuses met, within the cap (first come, first served in BONUSES order). */
function sharesOf(flags: boolean[], rules: Rules): number[] {
  const v = rules.velocity;
  const pct = [v.sessions.pct, v.longerSessions.pct, v.problemToSolution.pct];
  let room = Math.max(0, v.maxMultiplier - 1);
  return flags.map((on, i) => {
    const share = on ? Math.max(0, Math.min(pct[i], room)) : 0;
    room -= share;
    return share;
  });
}

const ALL = [true, true, true];

/**
 * Pays what the mark's event has earned and not been paid yet: each bonus judged (`kinds`) and met now, or paid
 * before (never taken back), times all its points. Idempotent: judged again with nothing new, it writes nothing.
 */
function pay(st: CompanyState, tally: Tally, mark: BonusMark, rules: Rules, kinds: boolean[]): void {
  const paid = (i: number) => mark[PAID + i] as number;
  const now = met(st, mark[1], mark[3] === 1, rules);
  const shares = sharesOf(now.map((on, i) => (kinds[i] && on) || paid(i) !== 0), rules);
  const dues = shares.map((share, i) => Math.round(mark[2] * share) - paid(i));
  if (dues.every((due) => due === 0)) return;
  const owned = own(st, mark);
  for (let i = 0; i < BONUSES.length; i++) {
    if (dues[i] === 0) continue;
    tally.add(mark[1], dues[i], `bonus:${BONUSES[i]}`, mark[0]);
    owned[PAID + i] = paid(i) + dues[i];
  }
}

/** Copy on write: cloneState copies the list of marks, not each mark, so a mark is copied before it changes. */
function own(st: CompanyState, mark: BonusMark): BonusMark {
  const copy = mark.slice() as BonusMark;
  st.bonused[st.bonused.indexOf(mark)] = copy;
  return copy;
}

/** An event scored `units` more points (an engagement update adds to its mark): notes it and pays its bonuses. */
export function payBonuses(st: CompanyState, tally: Tally, ev: ScoringEvent, units: number, rules: Rules): void {
  let mark = ev.previous ? st.bonused.find((m) => m[0] === ev.id && m[1] === ev.ts) : undefined;
  if (mark) (mark = own(st, mark))[2] += units;
  else st.bonused.push((mark = [ev.id, ev.ts, units, phaseOf(ev.category, rules) === 'solution' ? 1 : 0, 0, 0, 0]));
  pay(st, tally, mark, rules, ALL);
}

/**
 * After a late event (older than events already scored): the events scored after it whose bonus windows it
 * widened are judged again as they would have been in time order, and paid what they miss, at their own time.
 */
export function rejudgeAfter(st: CompanyState, tally: Tally, ev: ScoringEvent, widened: Widened, rules: Rules): void {
  if (!widened.session && !widened.edu) return;
  const v = rules.velocity;
  const reach = DAY_MS * Math.max(
    widened.session ? Math.max(v.sessions.windowDays, 2 * v.longerSessions.windowDays) : 0,
    widened.edu ? v.problemToSolution.windowDays : 0,
  );
  // Scored after `ev` in time order (ts, then id), within reach; only solution content when just an education time is new.
  const later = st.bonused.filter((m) => (m[1] > ev.ts || (m[1] === ev.ts && m[0] > ev.id)) && m[1] - ev.ts <= reach && (widened.session || m[3] === 1));
  const kinds = [widened.session, widened.session, widened.edu];
  for (const mark of later) {
    tally.ceiling = ceilingAt(st, mark[1], rules);
    pay(st, tally, mark, rules, kinds);
  }
  tally.ceiling = Infinity;
}
