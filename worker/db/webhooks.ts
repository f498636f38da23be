// The webhooks and webhook_deliveries tables as the /v1/webhooks routes see them (delivery itself: worker/webhooks/).

export interface WebhookRow {
  url: string;
  events: string;
  created_at: number;
  updated_at: number;
}

export interface DeliveryRow {
  id: string;
  type: string;
  company_domain: string | null;
  status: string;
  attempts: number;
  next_attempt: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** Sets or replaces a site's endpoint with its (sealed) signing secret. */
export async function saveWebhook(db: D1Database, siteId: string, url: string, events: string[], sealedSecret: string, now: number): Promise<void> {
  await db.prepare(
    `INSERT INTO webhooks (site_id, url, events, secret, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
     ON CONFLICT (site_id) DO UPDATE SET url = ?2, events = ?3, secret = ?4, updated_at = ?5`,
  ).bind(siteId, url, JSON.stringify(events), sealedSecret, now).run();
}

/** The endpoint, its 20 latest deliveries and the delivery count per status: one round trip. */
export async function webhookStatus(db: D1Database, siteId: string) {
  const [hook, recent, counts] = await db.batch<any>([
    db.prepare('SELECT url, events, created_at, updated_at FROM webhooks WHERE site_id = ?').bind(siteId),
    db.prepare(
      `SELECT id, type, company_domain, status, attempts, next_attempt, last_status, last_error, created_at, updated_at
       FROM webhook_deliveries WHERE site_id = ? ORDER BY created_at DESC LIMIT 20`,
    ).bind(siteId),
    db.prepare('SELECT status, COUNT(*) AS n FROM webhook_deliveries WHERE site_id = ? GROUP BY status').bind(siteId),
  ]);
  return {
    hook: (hook!.results[0] ?? null) as WebhookRow | null,
    recent: recent!.results as DeliveryRow[],
    counts: counts!.results as { status: string; n: number }[],
  };
}

/** Removes the endpoint and cancels its pending deliveries; null when there was none. */
export async function deleteWebhook(db: D1Database, siteId: string, now: number): Promise<{ cancelled: number } | null> {
  const [del, cancelled] = await db.batch([
    db.prepare('DELETE FROM webhooks WHERE site_id = ?').bind(siteId),
    db.prepare(
      `UPDATE webhook_deliveries SET status = 'cancelled', last_error = 'webhook removed', updated_at = ?
       WHERE site_id = ? AND status IN ('pending', 'retrying')`,
    ).bind(now, siteId),
  ]);
  return del!.meta.changes ? { cancelled: cancelled!.meta.changes ?? 0 } : null;
}

/** Where and with which (sealed) secret a site's deliveries go. */
export function webhookTarget(db: D1Database, siteId: string) {
  return db.prepare('SELECT url, secret FROM webhooks WHERE site_id = ?').bind(siteId).first<{ url: string; secret: string }>();
}
