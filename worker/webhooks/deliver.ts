// One delivery attempt: sign the stored payload afresh, POST it with a timeout, record the outcome in the outbox row.
import { claimDelivery, recordOutcome, type DeliveryOutcome } from '../db/webhook-deliveries';
import type { Env } from '../env';
import { openSecret } from './secret-box';
import { signatureHeader } from './sign';
import { allowLocalWebhooks, checkWebhookTarget } from './target';

/** Attempts before a delivery is dead-lettered; wrangler.toml's max_retries for the queue must be ≥ this − 1. */
export const MAX_ATTEMPTS = 8;
export const TIMEOUT_MS = 10_000;
/** Queues delay a retry by at most 12 hours. */
const MAX_DELAY_S = 43_200;

/** Seconds before attempt `n + 1` after `n` failed: 30 s, 2 min, 8 min, 32 min, ~2 h, ~8.5 h, 12 h. */
export const backoffSeconds = (n: number): number => Math.min(30 * 4 ** (n - 1), MAX_DELAY_S);

export type Outcome =
  | { kind: 'skip' } // already delivered, dead, cancelled, or unknown
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; delaySeconds: number; status: number | null }
  | { kind: 'dead'; status: number | null };

/** POSTs `body` signed with `secret`; resolves to the HTTP status, or null when the receiver was unreachable or slow. */
export async function post(url: string, secret: string, body: string, deliveryId: string, now = Date.now()): Promise<{ status: number | null; error?: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Waymark-Webhooks/1',
        'waymark-delivery': deliveryId,
        'waymark-signature': await signatureHeader(secret, body, Math.floor(now / 1000)),
      },
      body,
    });
    await res.body?.cancel().catch(() => {});
    return { status: res.status };
  } catch (e) {
    return { status: null, error: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'fetch failed' };
  }
}

/** A 'sending' claim older than this is from a consumer that died mid-attempt and may be taken over. */
const CLAIM_MS = 5 * 60_000;

/**
 * Makes attempt number attempts+1 of a delivery and writes its outcome (status, attempts, next_attempt).
 * The row is claimed first ('sending', one conditional UPDATE), so two messages for one delivery never both send.
 */
export async function attemptDelivery(env: Env, deliveryId: string, now = Date.now()): Promise<Outcome> {
  const row = await claimDelivery(env.DB, deliveryId, now, now - CLAIM_MS);
  if (!row) return { kind: 'skip' };
  if (!row.url || !row.secret) {
    await update(env.DB, row.id, 'cancelled', row.attempts, null, null, 'webhook removed', now);
    return { kind: 'skip' };
  }
  const attempt = row.attempts + 1;
  // Checked again at send time: rows saved before the target rules, or rules tightened since, send nowhere private.
  const target = checkWebhookTarget(row.url, allowLocalWebhooks(env));
  if (!target.ok) {
    await update(env.DB, row.id, 'dead', attempt, null, null, `target not allowed: ${target.reason}`.slice(0, 200), now);
    return { kind: 'dead', status: null };
  }
  const { status, error } = await post(row.url, await openSecret(row.secret, env.WEBHOOK_KEY, row.site_id), row.payload, row.id, now);
  if (status !== null && status >= 200 && status < 300) {
    await update(env.DB, row.id, 'delivered', attempt, null, status, null, now);
    return { kind: 'delivered', status };
  }
  const why = error ?? `HTTP ${status}`;
  if (attempt >= MAX_ATTEMPTS) {
    await update(env.DB, row.id, 'dead', attempt, null, status, why, now);
    return { kind: 'dead', status };
  }
  const delaySeconds = backoffSeconds(attempt);
  await update(env.DB, row.id, 'retrying', attempt, now + delaySeconds * 1000, status, why, now);
  return { kind: 'retry', delaySeconds, status };
}

function update(db: D1Database, id: string, status: DeliveryOutcome['status'], attempts: number, nextAttempt: number | null, lastStatus: number | null, lastError: string | null, now: number) {
  return recordOutcome(db, id, { status, attempts, nextAttempt, lastStatus, lastError }, now);
}
