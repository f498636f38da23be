// Bounded forgery: who vouched for a company lately, and whether that is enough to reach Ready to Buy.
import { DAY_MS } from './time';
import { bandOf } from './stage';
import { toUnits } from './ledger';
import type { CompanyState, Evidence, Rules, ScoringEvent } from './types';

/** Browser clients kept per company (the most recent): enough to find two distinct ones. */
export const MAX_CLIENTS = 8;

export const sourceOf = (ev: ScoringEvent): Evidence => ev.source ?? 'server';

/** Notes who vouched for this event (server, or which browser client). Mutates `st`. */
export function noteEvidence(st: CompanyState, ev: ScoringEvent): void {
  const proof = (st.proof ??= { serverAt: null, browser: [] });
  if (sourceOf(ev) === 'server') {
    proof.serverAt = Math.max(proof.serverAt ?? ev.ts, ev.ts);
    return;
  }
  const visitor = ev.visitor ?? '';
  const client = ev.client ?? '';
  const same = proof.browser.find((b) => b[0] === visitor && b[1] === client);
  if (same) same[2] = Math.max(same[2], ev.ts);
  else proof.browser.push([visitor, client, ev.ts]);
  if (proof.browser.length > MAX_CLIENTS) proof.browser = [...proof.browser].sort((a, b) => b[2] - a[2]).slice(0, MAX_CLIENTS);
}

/**
 * Distinct browser clients within the window before `t`: a greedy pick of entries whose visitor and client both
 * differ from every one picked (an unknown visitor or client never counts: that errs on the side of caution).
 */
export function distinctClients(st: CompanyState, t: number, rules: Rules): number {
  const since = t - rules.evidence.windowDays * DAY_MS;
  const picked: [string, string][] = [];
  for (const [visitor, client, at] of st.proof?.browser ?? []) {
    if (!visitor || !client || at < since || at > t) continue;
    if (picked.every(([v, c]) => v !== visitor && c !== client)) picked.push([visitor, client]);
  }
  return picked.length;
}

/** May the company be in the Ready band at `t`: a server event within the window, or enough distinct browser clients. */
export function readyAllowed(st: CompanyState, t: number, rules: Rules): boolean {
  const serverAt = st.proof?.serverAt;
  if (serverAt !== null && serverAt !== undefined && serverAt >= t - rules.evidence.windowDays * DAY_MS) return true;
  return distinctClients(st, t, rules) >= rules.evidence.clients;
}

/** Highest score (units) positive deltas may reach at `t`: just below the Ready band unless Ready is allowed. */
export function ceilingAt(st: CompanyState, t: number, rules: Rules): number {
  return readyAllowed(st, t, rules) ? Infinity : toUnits(rules.bands.ready - rules.evidence.margin);
}

/** A Ready-stage gate (its target, or the score it lifts to, is in the Ready band) fires only when Ready is allowed. */
export const isReadyGate = (target: string, floor: number, rules: Rules): boolean => target === 'ready' || bandOf(floor, rules) === 'ready';

/** Drops browser clients no window can reach any more (called with the state's latest event time). */
export function pruneEvidence(st: CompanyState, latest: number, rules: Rules, lateDays: number): void {
  if (!st.proof) return;
  const keep = latest - (rules.evidence.windowDays + lateDays) * DAY_MS;
  st.proof.browser = st.proof.browser.filter((b) => b[2] >= keep);
}

/** The visitor removed from the evidence (erasure): its entries go, so they can no longer vouch. */
export function forgetVisitor(st: CompanyState, visitor: string): void {
  if (st.proof) st.proof.browser = st.proof.browser.filter((b) => b[0] !== visitor);
}
