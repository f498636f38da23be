// The webhook_deliveries outbox: rows recorded after a committed write, claimed one attempt at a time, re-sent when stuck.
import { and, eq, inArray } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { orm } from './orm';
import { webhookDeliveries as deliveries } from './schema';

export type NewDelivery = Pick<typeof deliveries.$inferInsert, 'id' | 'siteId' | 'dedupeKey' | 'type' | 'companyDomain' | 'payload'>;

/** Inserts the outbox rows (pending, due now); returns the ids of those that were new (a duplicate key inserts nothing). */
export async function insertDeliveries(db: D1Database, rows: NewDelivery[], now: number): Promise<string[]> {
  if (rows.length === 0) return [];
  const d = orm(db);
  const [first, ...rest] = rows.map((r) =>
    d.insert(deliveries).values({ ...r, status: 'pending', attempts: 0, nextAttempt: now, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: [deliveries.siteId, deliveries.dedupeKey] }).returning({ id: deliveries.id }));
  const results = await d.batch([first!, ...rest]);
  return results.flatMap((r) => r.map((row) => row.id));
}

/** The statement cancelling a site's deliveries not yet made (for a batch: see db/webhooks.ts deleteWebhook). */
export const cancelPending = (d: DrizzleD1Database, siteId: string, now: number) =>
  d.update(deliveries).set({ status: 'cancelled', lastError: 'webhook removed', updatedAt: now })
    .where(and(eq(deliveries.siteId, siteId), inArray(deliveries.status, ['pending', 'retrying'])));

/** A claimed delivery with its site's endpoint (null when the endpoint is gone). */
export interface ClaimedDelivery {
  id: string; site_id: string; payload: string; status: string; attempts: number; url: string | null; secret: string | null;
}

/**
 * Claims a delivery for one attempt ('sending', one conditional UPDATE), so two messages for one delivery never both
 * send; a claim older than `staleBefore` is from a consumer that died mid-attempt and may be taken over.
 */
export function claimDelivery(db: D1Database, id: string, now: number, staleBefore: number): Promise<ClaimedDelivery | null> {
  return db.prepare(
    `UPDATE webhook_deliveries SET status = 'sending', updated_at = ?1
     WHERE id = ?2 AND (status IN ('pending', 'retrying') OR (status = 'sending' AND updated_at < ?3))
     RETURNING id, site_id, payload, status, attempts,
       (SELECT url FROM webhooks w WHERE w.site_id = webhook_deliveries.site_id) AS url,
       (SELECT secret FROM webhooks w WHERE w.site_id = webhook_deliveries.site_id) AS secret`,
  ).bind(now, id, staleBefore).first<ClaimedDelivery>();
}

export interface DeliveryOutcome {
  status: 'delivered' | 'retrying' | 'dead' | 'cancelled';
  attempts: number;
  nextAttempt: number | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** Records an attempt's outcome on the delivery row. */
export async function recordOutcome(db: D1Database, id: string, outcome: DeliveryOutcome, now: number): Promise<void> {
  await orm(db).update(deliveries).set({ ...outcome, updatedAt: now }).where(eq(deliveries.id, id));
}

/** Deliveries due before `dueBefore` but never sent (a crash between commit and enqueue): made due `now`; their ids. */
export async function takeStuck(db: D1Database, now: number, dueBefore: number, limit: number): Promise<string[]> {
  const { results } = await db.prepare(
    `UPDATE webhook_deliveries SET next_attempt = ?1 WHERE id IN (
       SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'retrying', 'sending') AND next_attempt < ?2 LIMIT ?3)
     RETURNING id`,
  ).bind(now, dueBefore, limit).all<{ id: string }>();
  return results.map((r) => r.id);
}
