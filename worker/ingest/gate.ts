// One writer per site: a Durable Object runs a site's ingest calls one after another, so concurrent writers for one
// company queue instead of racing on its version and retrying (hot keys without retry storms).
import { DurableObject } from 'cloudflare:workers';
import type { Env, Site } from '../env';
import { addTrips, type DbMeter, meteredDb } from '../lib/db-meter';
import { loadSuffixes } from '../identity/domain';
import { ingest, type IngestOptions } from './core';
import type { IngestEvent } from './types';

export interface GateResult { accepted: number; duplicates: number; attempts: number; db?: DbMeter }

export class IngestGate extends DurableObject<Env> {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queued behind the site's earlier calls; a failure rejects only its own caller. */
  async ingest(site: Site, events: IngestEvent[], opts: IngestOptions = {}): Promise<GateResult> {
    const db: DbMeter = { trips: 0, ms: 0 };
    // A gate may run in an isolate whose Worker entry points never ran: it loads the suffix list itself.
    const run = this.tail.then(async () => (await loadSuffixes(), ingest({ ...this.env, DB: meteredDb(this.env.DB, db) }, site, events, opts)));
    this.tail = run.catch(() => undefined);
    const { accepted, duplicates, attempts } = await run;
    return { accepted, duplicates, attempts, db };
  }
}

/** Every ingest writer goes through its site's gate; without the binding (unit harnesses) it calls the core directly. */
export async function gatedIngest(env: Env, site: Site, events: IngestEvent[], opts: IngestOptions = {}): Promise<GateResult> {
  if (!env.INGEST_GATE) return ingest(env, site, events, opts);
  const result = await env.INGEST_GATE.get(env.INGEST_GATE.idFromName(site.id)).ingest(site, events, opts);
  if (result.db) addTrips(env.DB, result.db.trips, result.db.ms);
  return result;
}
