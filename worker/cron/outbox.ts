// Re-enqueues outbox rows whose queue message was lost (written but not sent, or a consumer that died mid-attempt).
import type { Env } from '../env';
import { enqueueDeliveries } from '../webhooks/notify';

/** A delivery due this long ago and still not finished has no live message. */
const STUCK_MS = 15 * 60_000;

export async function requeueStuck(env: Env, now: number, limit = 100): Promise<number> {
  const { results } = await env.DB.prepare(
    `UPDATE webhook_deliveries SET next_attempt = ?1 WHERE id IN (
       SELECT id FROM webhook_deliveries WHERE status IN ('pending', 'retrying', 'sending') AND next_attempt < ?2 LIMIT ?3)
     RETURNING id`,
  ).bind(now, now - STUCK_MS, limit).all<{ id: string }>();
  await enqueueDeliveries(env, results.map((r) => r.id));
  return results.length;
}
