// The webhooks table (one endpoint per site, its secret sealed) and the status the /v1/webhooks routes show.
import { count, desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import { cancelPending } from './webhook-deliveries';
import { orm } from './orm';
import { webhookDeliveries as deliveries, webhooks } from './schema';

export type WebhookRow = Omit<typeof webhooks.$inferSelect, 'siteId' | 'secret'>;
export type DeliveryRow = Omit<typeof deliveries.$inferSelect, 'siteId' | 'dedupeKey' | 'payload'>;

/** D1 binds at most 100 parameters per statement. */
const MAX_PARAMS = 90;

/** Sets or replaces a site's endpoint with its (sealed) signing secret. */
export async function saveWebhook(db: D1Database, siteId: string, url: string, events: string[], sealedSecret: string, now: number): Promise<void> {
  const set = { url, events: JSON.stringify(events), secret: sealedSecret, updatedAt: now };
  await orm(db).insert(webhooks).values({ siteId, ...set, createdAt: now }).onConflictDoUpdate({ target: webhooks.siteId, set });
}

/** The endpoint, its 20 latest deliveries and the delivery count per status: one round trip. */
export async function webhookStatus(db: D1Database, siteId: string) {
  const d = orm(db);
  const { siteId: _s, dedupeKey: _k, payload: _p, ...recentCols } = getTableColumns(deliveries);
  const [hook, recent, counts] = await d.batch([
    d.select({ url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt, updatedAt: webhooks.updatedAt })
      .from(webhooks).where(eq(webhooks.siteId, siteId)),
    d.select(recentCols).from(deliveries).where(eq(deliveries.siteId, siteId)).orderBy(desc(deliveries.createdAt)).limit(20),
    d.select({ status: deliveries.status, n: count() }).from(deliveries).where(eq(deliveries.siteId, siteId)).groupBy(deliveries.status),
  ]);
  return { hook: (hook[0] ?? null) satisfies WebhookRow | null, recent: recent satisfies DeliveryRow[], counts };
}

/** Removes the endpoint and cancels its pending deliveries; null when there was none. */
export async function deleteWebhook(db: D1Database, siteId: string, now: number): Promise<{ cancelled: number } | null> {
  const d = orm(db);
  const [del, cancelled] = await d.batch([d.delete(webhooks).where(eq(webhooks.siteId, siteId)), cancelPending(d, siteId, now)]);
  return del.meta.changes ? { cancelled: cancelled.meta.changes ?? 0 } : null;
}

/** Where and with which (sealed) secret a site's deliveries go. */
export async function webhookTarget(db: D1Database, siteId: string): Promise<{ url: string; secret: string } | null> {
  return (await orm(db).select({ url: webhooks.url, secret: webhooks.secret }).from(webhooks).where(eq(webhooks.siteId, siteId)).get()) ?? null;
}

/** The event types each of these sites subscribed to (sites without an endpoint are absent). */
export async function subscriptions(db: D1Database, siteIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < siteIds.length; i += MAX_PARAMS) {
    const rows = await orm(db).select({ siteId: webhooks.siteId, events: webhooks.events }).from(webhooks)
      .where(inArray(webhooks.siteId, siteIds.slice(i, i + MAX_PARAMS)));
    for (const h of rows) out.set(h.siteId, new Set(JSON.parse(h.events) as string[]));
  }
  return out;
}
