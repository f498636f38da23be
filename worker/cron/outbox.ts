// Re-enqueues outbox rows whose queue message was lost (written but not sent, or a consumer that died mid-attempt).
import { takeStuck } from '../db/webhook-deliveries';
import type { Env } from '../env';
import { enqueueDeliveries } from '../webhooks/notify';

/** A delivery due this long ago and still not finished has no live message. */
const STUCK_MS = 15 * 60_000;

export async function requeueStuck(env: Env, now: number, limit = 100): Promise<number> {
  const ids = await takeStuck(env.DB, now, now - STUCK_MS, limit);
  await enqueueDeliveries(env, ids);
  return ids.length;
}
