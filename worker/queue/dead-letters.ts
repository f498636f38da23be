// Dead letters: queue messages that failed on their own, recorded once (never retried again) for an operator to read.
import type { BeaconMessage } from '../env';

/** Keeps the message without its raw IP (never written to D1); JSON escapes any lone surrogate, so it stores intact. */
export async function deadLetter(db: D1Database, siteId: string, queue: string, m: Message<BeaconMessage>, err: unknown): Promise<void> {
  const body = m.body && typeof m.body === 'object' ? { ...m.body, ctx: m.body.ctx ? { ...m.body.ctx, ip: undefined } : m.body.ctx } : m.body;
  const visitor = m.body?.ctx?.visitorId;
  await db
    .prepare(`INSERT INTO dead_letters (id, site_id, queue, visitor_id, body, error, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING`)
    .bind(m.id, siteId, queue, typeof visitor === 'string' ? visitor.toWellFormed() : null, JSON.stringify(body) ?? 'null',
      String((err as Error)?.message ?? err).toWellFormed().slice(0, 1000), m.attempts, Date.now())
    .run();
}
