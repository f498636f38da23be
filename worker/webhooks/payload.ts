// What a company change is worth notifying: a stage_changed and/or a sales_attention delivery, with its dedupe key.
import type { CompanyChange } from '../ingest/types';
import { EVIDENCE, type Evidence } from '../scoring/types';

export const WEBHOOK_EVENTS = ['stage_changed', 'sales_attention'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookPayload {
  type: WebhookEvent | 'test';
  site: string;
  company: { domain: string; name: string | null };
  from: string;
  to: string;
  score: number;
  salesAttention: boolean;
  /** Who vouched for the events that moved it: 'server' (secret-key API), 'browser' (beacons); [] for decay alone. */
  evidence: Evidence[];
  at: string;
}

export interface Notification {
  siteId: string;
  domain: string;
  type: WebhookEvent;
  /** Unique per site: the same change seen twice (a resent event, a second cron run) maps to the same key. */
  dedupeKey: string;
  payload: WebhookPayload;
}

/** When the change happened: its last transition, else its last event, else the write. */
function changedAt(c: CompanyChange): number {
  const last = c.transitions.at(-1)?.at ?? c.events.at(-1)?.ts;
  return last ?? c.at;
}

/** The sources of the change's events, in a fixed order (events without one came from the server API). */
export const evidenceOf = (c: CompanyChange): Evidence[] => EVIDENCE.filter((e) => c.events.some((ev) => (ev.source ?? 'server') === e));

/**
 * One `stage_changed` per change whose stage differs after it (a batch that passes through several
 * stages notifies once, from the first to the last), one `sales_attention` when the flag turns on.
 */
export function notificationsFor(c: CompanyChange): Notification[] {
  const out: Notification[] = [];
  const at = changedAt(c);
  const base = {
    site: c.siteId, company: { domain: c.domain, name: c.name }, from: c.before.stage, to: c.after.stage,
    score: Math.round(c.after.score * 10_000) / 10_000, salesAttention: c.after.salesAttention, evidence: evidenceOf(c), at: new Date(at).toISOString(),
  };
  if (c.before.stage !== c.after.stage)
    out.push({ siteId: c.siteId, domain: c.domain, type: 'stage_changed', dedupeKey: `stage_changed|${c.domain}|${c.before.stage}>${c.after.stage}|${at}`, payload: { type: 'stage_changed', ...base } });
  if (!c.before.salesAttention && c.after.salesAttention)
    out.push({ siteId: c.siteId, domain: c.domain, type: 'sales_attention', dedupeKey: `sales_attention|${c.domain}|${at}`, payload: { type: 'sales_attention', ...base } });
  return out;
}
