// After a committed ingest or scheduled write: record webhook deliveries (outbox, idempotent) and enqueue them.
import type { Env } from '../env';
import type { CompanyChange } from '../ingest/types';
import { insertDeliveries } from '../db/webhook-deliveries';
import { subscriptions } from '../db/webhooks';
import { sha256Hex } from '../lib/keys';
import { notificationsFor, type Notification } from './payload';

/** Queues accept at most 100 messages per sendBatch. */
const SEND_CHUNK = 100;

/**
 * Costs no D1 round trip unless a change is notifiable (stage or sales attention moved); then one
 * read of the sites' endpoints, one batch of idempotent inserts, and one queue send of the new rows.
 * Rows that are written but never enqueued (a crash in between) are re-sent by the scheduled pass.
 */
export async function notifyChanges(env: Env, changes: CompanyChange[], now = Date.now()): Promise<void> {
  const wanted = changes.flatMap(notificationsFor);
  if (wanted.length === 0) return;
  const subscribed = await subscriptions(env.DB, [...new Set(wanted.map((n) => n.siteId))]);
  const due = wanted.filter((n) => subscribed.get(n.siteId)?.has(n.type));
  if (due.length === 0) return;
  const ids = await recordDeliveries(env.DB, due, now);
  await enqueueDeliveries(env, ids);
}

/** Inserts the outbox rows; returns the ids of those that were new (a duplicate key inserts nothing). */
export async function recordDeliveries(db: D1Database, due: Notification[], now: number): Promise<string[]> {
  const rows = await Promise.all(due.map(async (n) => ({
    id: 'whd_' + (await sha256Hex(`${n.siteId}|${n.dedupeKey}`)).slice(0, 32),
    siteId: n.siteId, dedupeKey: n.dedupeKey, type: n.type, companyDomain: n.domain, payload: JSON.stringify(n.payload),
  })));
  return insertDeliveries(db, rows, now);
}

export async function enqueueDeliveries(env: Env, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += SEND_CHUNK)
    await env.WEBHOOKS.sendBatch(ids.slice(i, i + SEND_CHUNK).map((deliveryId) => ({ body: { deliveryId, attempt: 1 }, contentType: 'json' as const })));
}
