// The scheduled pass (Cron Trigger): decay sweep + webhooks, retention, stuck deliveries, visitor salts. Safe to run twice.
import type { Env } from '../env';
import { rotateSalts } from '../identity/visitor-id';
import { sweepDecay, type SweepOptions } from './decay';
import { requeueStuck } from './outbox';
import { foldLedger, pruneDeliveries, pruneEvents, retentionCutoff } from '../db/retention';
import { setState } from '../db/ops-state';

export interface PassSummary {
  at: number;
  decay?: Awaited<ReturnType<typeof sweepDecay>>;
  eventsPruned?: number;
  ledger?: Awaited<ReturnType<typeof foldLedger>>;
  deliveriesPruned?: number;
  deliveriesRequeued?: number;
  salts?: Awaited<ReturnType<typeof rotateSalts>>;
  errors: string[];
}

/** Each step runs even when an earlier one failed; the failures are reported (and thrown) at the end. */
export async function runScheduledPass(env: Env, now: number, opts: SweepOptions = {}): Promise<PassSummary> {
  const s: PassSummary = { at: now, errors: [] };
  const step = async (name: string, f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      console.error(`scheduled ${name} failed`, e);
      s.errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const cutoff = retentionCutoff(env, now);
  await step('decay', async () => void (s.decay = await sweepDecay(env, now, opts)));
  await step('events', async () => void (s.eventsPruned = await pruneEvents(env.DB, cutoff, 20, now)));
  await step('ledger', async () => void (s.ledger = await foldLedger(env.DB, cutoff, 200, now)));
  await step('deliveries', async () => {
    s.deliveriesPruned = await pruneDeliveries(env.DB, now);
    s.deliveriesRequeued = await requeueStuck(env, now);
  });
  await step('salts', async () => void (s.salts = await rotateSalts(env.DB, now)));
  await setState(env.DB, 'last_run', s, now).catch(() => {});
  return s;
}

export async function scheduled(controller: ScheduledController, env: Env, _ctx?: ExecutionContext): Promise<void> {
  const s = await runScheduledPass(env, controller.scheduledTime);
  console.log('scheduled pass', JSON.stringify(s));
  if (s.errors.length) throw new Error(`scheduled pass: ${s.errors.join('; ')}`);
}
