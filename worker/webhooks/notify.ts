// After a committed ingest or scheduled write: record webhook deliveries (outbox, idempotent) and enqueue them.
import type { Env } from '../env';
import type { CompanyChange } from '../ingest/types';
import { sha256Hex } from '../lib/keys';
import { notificationsFor, type Notification } from './payload';

/** Queues accept at most 100 messages per sendBatch. */
const SEND_CHUNK = 100;
/** D1 binds at most 100 parameters per statement. */
const MAX_PARAMS = 90;

/**
 * Costs no D1 round trip unless a change is notifiable (stage or sales attention moved); then one
 * read of the sites' endpoints, one batch of idempotent inserts, and one queue send of the new rows.
 * Rows that are written but never enqueued (a crash in between) are re-sent by the scheduled pass.
 */
export async function notifyChanges(env: Env, changes: CompanyChange[], now = Date.now()): Promise<void> {
  const wanted = changes.flatMap(notificationsFor);
  if (wanted.length === 0) return;
  const siteIds = [...new Set(wanted.map((n) => n.siteId))];
  const subscribed = new Map<string, Set<string>>();
  for (let i = 0; i < siteIds.length; i += MAX_PARAMS) {
    const ids = siteIds.slice(i, i + MAX_PARAMS);
    const hooks = await env.DB.prepare(`SELECT site_id, events FROM webhooks WHERE site_id IN (${ids.map(() => '?').join(',')})`)
      .bind(...ids)
      .all<{ site_id: string; events: string }>();
    for (const h of hooks.results) subscribed.set(h.site_id, new Set(JSON.parse(h.events) as string[]));
  }
  const due = wanted.filter((n) => subscribed.get(n.siteId)?.has(n.type));
  if (due.length === 0) return;
  const ids = await recordDeliveries(env.DB, due, now);
  await enqueueDeliveries(env, ids);
}

/** Inserts the outbox rows; returns the ids of those that were new (a duplicate key inserts nothing). */
export async function recordDeliveries(db: D1Database, due: Notification[], now: number): Promise<string[]> {
  const stmts = await Promise.all(
    due.map(async (n) =>
      db.prepare(
        `INSERT INTO webhook_deliveries (id, site_id, dedupe_key, type, company_domain, payload, status, attempts, next_attempt, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (site_id, dedupe_key) DO NOTHING RETURNING id`,
      ).bind('whd_' + (await sha256Hex(`${n.siteId}|${n.dedupeKey}`)).slice(0, 32), n.siteId, n.dedupeKey, n.type, n.domain, JSON.stringify(n.payload), now, now, now),
    ),
  );
  const results = await db.batch<{ id: string }>(stmts);
  return results.flatMap((r) => r.results.map((row) => row.id));
}

export async function enqueueDeliveries(env: Env, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += SEND_CHUNK)
    await env.WEBHOOKS.sendBatch(ids.slice(i, i + SEND_CHUNK).map((deliveryId) => ({ body: { deliveryId, attempt: 1 }, contentType: 'json' as const })));
}
