// The one ingest core (POST /v1/events and the beacon queue): one D1 read, one transactional D1 write, retried on conflict.
import type { Env, Site } from '../env';
import { rulesOf } from '../site-cache';
import { applyEvents, materialiseDecay, newCompanyState, standingAt, type CompanyState, type LedgerRow, type Transition } from '../scoring';
import { companyValues, insertCompanies, updateCompanies } from '../db/company-state';
import { statsStatements } from '../stats/record';
import { notifyChanges } from '../webhooks/notify';
import { purgeStandings } from '../stage-cache';
import { dedupeBatch, figuresOf, raised, storedToEvent } from './plan';
import { attributeEvents, insertEvents, insertLedger, insertTransitions, isConflict, linkVisitors, raiseFigures, readStatements, type StoredEvent } from './store';
import type { CompanyChange, IngestEvent } from './types';

export interface IngestOptions {
  now?: number;
  /** Visitors resolved for the first time: their earlier unresolved events now count for `domain` (once). */
  retro?: { visitorId: string; domain: string }[];
  /** Server-side events: record each (visitor, company.domain) pair on the visitor (resolver rung 'event'). */
  linkVisitors?: boolean;
}
export interface IngestResult { accepted: number; duplicates: number; changes: CompanyChange[]; attempts: number }

interface CompanyRow { domain: string; name: string | null; state: string; version: number; stage: string; stage_since: number }

// No in-isolate lock on purpose: a Worker request awaiting a promise that only another request can settle is
// cancelled by the runtime as hung. Conflicts are retried with jittered backoff instead.
const MAX_ATTEMPTS = 20;
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 10 * 2 ** attempt)));

/** Stores the events idempotently and scores them per company; after the write commits, stats and webhooks hear of it. */
export async function ingest(env: Env, site: Site, events: IngestEvent[], opts: IngestOptions = {}): Promise<IngestResult> {
  const { unique, duplicates: repeated } = dedupeBatch(events);
  const write = async (): Promise<IngestResult> => {
    for (let attempt = 1; ; attempt++) {
      const now = opts.now ?? Date.now();
      try {
        const result = await attemptOnce(env, site, unique, opts.retro ?? [], now, opts.linkVisitors ?? false);
        return { ...result, duplicates: result.duplicates + repeated, attempts: attempt };
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
        await backoff(attempt);
      }
    }
  };
  const result = await write();
  // Cached public answers of these visitors, and of every visitor of a company whose stage moved, are now stale.
  const moved = result.changes.filter((ch) => ch.before.stage !== ch.after.stage).map((ch) => ch.domain);
  await purgeStandings(site.id, unique.flatMap((e) => (e.visitor ? [e.visitor] : [])), moved).catch((err) => console.error('purgeStandings failed', err));
  await notifyChanges(env, result.changes).catch((err) => console.error('notifyChanges failed', err));
  return result;
}

async function attemptOnce(env: Env, site: Site, events: IngestEvent[], retro: { visitorId: string; domain: string }[], now: number, link: boolean) {
  const db = env.DB;
  const rules = rulesOf(site);
  const retroDomain = new Map(retro.map((r) => [r.visitorId, r.domain]));
  const domains = new Set([...events.flatMap((e) => (e.company && !e.automated ? [e.company.domain] : [])), ...retroDomain.values()]);
  const updateIds = events.filter((e) => e.update).map((e) => e.id);

  // The one read.
  const read = await db.batch(readStatements(db, site.id, events.map((e) => e.id), [...domains], updateIds, [...retroDomain.keys()]));
  const stored = new Map((read[0].results as StoredEvent[]).map((r) => [r.id, r]));
  const companyRows = new Map((read[1].results as CompanyRow[]).map((r) => [r.domain, r]));

  const toInsert: { ev: IngestEvent; domain: string | null }[] = [];
  const toRaise: IngestEvent[] = [];
  const toAttribute: [string, string][] = [];
  const toScore = new Map<string, IngestEvent[]>();
  const names = new Map<string, string>();
  const score = (domain: string, ev: IngestEvent) => toScore.set(domain, [...(toScore.get(domain) ?? []), ev]);
  let accepted = 0;
  let duplicates = 0;

  for (const ev of events) {
    const domain = ev.automated ? null : ev.company?.domain ?? null;
    if (domain && ev.company?.name) names.set(domain, ev.company.name);
    const old = stored.get(ev.id);
    if (!old) {
      toInsert.push({ ev, domain });
      if (domain) score(domain, ev);
      accepted++;
      continue;
    }
    const before = storedToEvent(old);
    const later = ev.update ? raised(before, ev) : null;
    if (later && ev.client) later.client = ev.client; // the same sender measured it again
    if (!later) {
      duplicates++;
      continue;
    }
    accepted++;
    toRaise.push(later);
    if (old.automated) continue;
    if (old.company_domain) score(old.company_domain, { ...later, previous: figuresOf(before) });
    else if (domain) (score(domain, later), toAttribute.push([ev.id, domain]));
  }
  const taken = new Set(toAttribute.map(([id]) => id));
  for (const r of (read[2]?.results ?? []) as StoredEvent[]) {
    const domain = retroDomain.get(r.visitor_id!);
    if (!domain || taken.has(r.id)) continue;
    score(domain, storedToEvent(r));
    toAttribute.push([r.id, domain]);
  }

  const changes: CompanyChange[] = [];
  const writes: D1PreparedStatement[] = [...insertEvents(db, site.id, toInsert, now), ...raiseFigures(db, site.id, toRaise), ...attributeEvents(db, site.id, toAttribute)];
  const ledger: [string, LedgerRow][] = [];
  const transitions: [string, Transition][] = [];
  // The write materialises decay due by the batch's latest event (≈ now for live traffic), and stores the
  // standing as of then, so the stored stage, the ledger, the transitions and the stats agree; the scheduled
  // pass writes the rest. Not `now`: a backfill sent in time-ordered batches would lose decay already written.
  const updated: unknown[][] = [];
  const created: unknown[][] = [];
  const upTo = Math.min(now, Math.max(...[...toScore.values()].flat().map((e) => e.ts)));
  for (const [domain, evs] of toScore) {
    const row = companyRows.get(domain);
    const state: CompanyState = row ? JSON.parse(row.state) : newCompanyState();
    const before = standingAt(state, upTo, rules);
    const applied = applyEvents(state, evs, rules);
    const decayed = materialiseDecay(applied.state, upTo, rules);
    const res = { state: decayed.state, ledger: [...applied.ledger, ...decayed.ledger], transitions: [...applied.transitions, ...decayed.transitions] };
    const after = standingAt(res.state, upTo, rules);
    const name = names.get(domain) ?? row?.name ?? null;
    // The last transition; else unchanged; a new company entered its stage with its first event.
    const stageSince = res.transitions.at(-1)?.at ?? (row ? (row.stage === after.stage ? row.stage_since : now) : Math.min(...evs.map((e) => e.ts)));
    const values = companyValues(domain, name, after, stageSince, res.state, now);
    if (row) updated.push([...values, row.version]);
    else created.push(values);
    for (const l of res.ledger) ledger.push([domain, l]);
    for (const t of res.transitions) transitions.push([domain, t]);
    changes.push({ siteId: site.id, domain, name, before, after, transitions: res.transitions, events: [...evs].sort((a, b) => a.ts - b.ts), at: now });
  }
  // Two statements whatever the number of companies; a company changed meanwhile (version) or created meanwhile
  // (primary key) fails the whole batch, which is then re-read and retried.
  writes.push(...updateCompanies(db, site.id, updated, now), ...insertCompanies(db, site.id, created, now));
  if (link) writes.push(...linkVisitors(db, site.id, [...new Map(events.flatMap((e) => (e.visitor && e.company && !e.automated ? [[e.visitor, e.company.domain] as const] : []))).entries()], now));
  writes.push(...insertLedger(db, site.id, ledger), ...insertTransitions(db, site.id, transitions), ...statsStatements(db, changes));

  // The one write: a D1 batch is a transaction, so a failed guard or a racing insert leaves nothing behind.
  if (writes.length) await db.batch(writes);
  return { accepted, duplicates, changes };
}
