// The decay sweep: pages through companies (keyset on the primary key) and writes decay where the stage or sales attention moved.
import type { Env } from '../env';
import type { CompanyChange } from '../ingest/types';
import { companyValues, decayCandidates, type DecayRow as Row, updateCompanies } from '../db/company-state';
import { insertLedger, insertTransitions, isConflict } from '../ingest/store';
import { materialiseDecay, standingAt, type CompanyState } from '../scoring';
import { rulesOf, siteById } from '../site-cache';
import { statsStatements } from '../stats/record';
import { notifyChanges } from '../webhooks/notify';
import { getState, setState } from '../db/ops-state';

export interface SweepOptions { pageSize?: number; maxPages?: number }
export interface SweepResult { checked: number; changed: number; transitions: number; conflicts: number; wrapped: boolean }

type Cursor = { site: string; domain: string } | null;

/**
 * Bounded work per run: at most maxPages × pageSize companies, resuming where the last run stopped and
 * wrapping round at the end. Companies at 0 without sales attention cannot move and are skipped by SQL.
 */
export async function sweepDecay(env: Env, now: number, opts: SweepOptions = {}): Promise<SweepResult> {
  const pageSize = opts.pageSize ?? 500;
  const out: SweepResult = { checked: 0, changed: 0, transitions: 0, conflicts: 0, wrapped: false };
  let cursor = await getState<Cursor>(env.DB, 'decay_cursor', null);
  for (let page = 0; page < (opts.maxPages ?? 4); page++) {
    const rows = await decayCandidates(env.DB, cursor, pageSize);
    out.checked += rows.length;
    const res = await materialisePage(env, rows, now);
    out.changed += res.changed;
    out.transitions += res.transitions;
    out.conflicts += res.conflicts;
    const last = rows.at(-1);
    cursor = rows.length < pageSize || !last ? null : { site: last.site_id, domain: last.domain };
    if (!cursor) {
      out.wrapped = true;
      break;
    }
  }
  await setState(env.DB, 'decay_cursor', cursor, now);
  return out;
}

/** Writes each moved company with the ingest core's optimistic version check; a company raced by ingest is left to it. */
async function materialisePage(env: Env, rows: Row[], now: number) {
  const db = env.DB;
  const writes: { change: CompanyChange; stmts: D1PreparedStatement[] }[] = [];
  for (const row of rows) {
    const site = await siteById(db, row.site_id);
    if (!site) continue;
    const rules = rulesOf(site);
    const state = JSON.parse(row.state) as CompanyState;
    const standing = standingAt(state, now, rules);
    if (standing.stage === row.stage && standing.salesAttention === !!row.sales_attention) continue;
    const res = materialiseDecay(state, now, rules);
    const after = standingAt(res.state, now, rules);
    const stageSince = res.transitions.at(-1)?.at ?? row.stage_since;
    const change: CompanyChange = {
      siteId: row.site_id, domain: row.domain, name: row.name, at: now, events: [], transitions: res.transitions,
      before: { score: row.score, stage: row.stage as CompanyChange['before']['stage'], salesAttention: !!row.sales_attention }, after,
    };
    writes.push({
      change,
      stmts: [
        ...updateCompanies(db, row.site_id, [[...companyValues(row.domain, row.name, after, stageSince, res.state, now), row.version]], now),
        ...insertLedger(db, row.site_id, res.ledger.map((l) => [row.domain, l])),
        ...insertTransitions(db, row.site_id, res.transitions.map((t) => [row.domain, t])),
        ...statsStatements(db, [change]),
      ],
    });
  }
  let committed = writes;
  let conflicts = 0;
  if (writes.length) {
    try {
      await db.batch(writes.flatMap((w) => w.stmts));
    } catch (err) {
      if (!isConflict(err)) throw err;
      // One company was written by ingest meanwhile: commit the others one by one; the raced one is re-checked next run.
      committed = [];
      for (const w of writes) {
        try {
          await db.batch(w.stmts);
          committed.push(w);
        } catch (e) {
          if (!isConflict(e)) throw e;
          conflicts++;
        }
      }
    }
  }
  const changes = committed.map((w) => w.change);
  await notifyChanges(env, changes);
  return { changed: changes.length, transitions: changes.reduce((n, c) => n + c.transitions.length, 0), conflicts };
}
