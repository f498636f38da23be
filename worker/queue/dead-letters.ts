// Dead letters: queue messages that failed on their own, recorded once (never retried again) for an operator to read.
import { insertDeadLetter } from '../db/dead-letters';
import type { BeaconMessage } from '../env';

/** Keeps the message without its raw IP (never written to D1); JSON escapes any lone surrogate, so it stores intact. */
export async function deadLetter(db: D1Database, siteId: string, queue: string, m: Message<BeaconMessage>, err: unknown): Promise<void> {
  const body = m.body && typeof m.body === 'object' ? { ...m.body, ctx: m.body.ctx ? { ...m.body.ctx, ip: undefined } : m.body.ctx } : m.body;
  const visitor = m.body?.ctx?.visitorId;
  await insertDeadLetter(db, {
    id: m.id, siteId, queue, visitorId: typeof visitor === 'string' ? visitor.toWellFormed() : null, body: JSON.stringify(body) ?? 'null',
    error: String((err as Error)?.message ?? err).toWellFormed().slice(0, 1000), attempts: m.attempts, createdAt: Date.now(),
  });
}
