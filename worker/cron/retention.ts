// Retention: raw events past RETENTION_DAYS are deleted in bounded rounds; old ledger rows fold into one summary row per company.
import type { Env } from '../env';
import { DAY_MS } from '../lib/time';
import { getState, setStateStatement } from './state';

export const DEFAULT_RETENTION_DAYS = 396; // 13 months
const DELETE_CHUNK = 1000;
export const PRUNE_EVENTS_SQL = `DELETE FROM events WHERE rowid IN
  (SELECT rowid FROM (SELECT rowid, received_at FROM events ORDER BY rowid LIMIT ?2) WHERE received_at < ?1)`;

export function retentionCutoff(env: Env, now: number): number {
  const days = Number(env.RETENTION_DAYS);
  return now - (Number.isFinite(days) && days >= 1 ? days : DEFAULT_RETENTION_DAYS) * DAY_MS;
}

/**
 * Deletes events received before `cutoff`, DELETE_CHUNK rows per statement (each a short write, so
 * ingest is never blocked for long), at most `rounds` statements per run. Scores and stats do not
 * read raw events: they live in companies.state, the ledger and the stats aggregates.
 * Rows are inserted in received order and rowids only grow (max + 1), so the oldest events are the first
 * rowids: each statement reads the first DELETE_CHUNK rows by rowid and deletes the expired ones, with no
 * index on received_at to write on every ingest (issue 17). A window with no expired row ends the run.
 */
export async function pruneEvents(db: D1Database, cutoff: number, rounds = 20): Promise<number> {
  let total = 0;
  for (let i = 0; i < rounds; i++) {
    const res = await db.prepare(PRUNE_EVENTS_SQL).bind(cutoff, DELETE_CHUNK).run();
    total += res.meta.changes;
    if (res.meta.changes === 0) break;
  }
  return total;
}

type Cursor = { site: string; domain: string } | null;

/** Companies walked per run for the fold; the walk resumes where the last run stopped and wraps round. */
const FOLD_WALK = 2000;
// A company is due when it has a row other than its summary before the cutoff: the key's order finds it in ≤ 2 rows.
export const FOLD_DUE_SQL = `SELECT c.site_id, c.domain, EXISTS (SELECT 1 FROM ledger l WHERE l.site_id = c.site_id AND l.company_domain = c.domain
    AND l.ts < ?3 AND l.entry_key <> 'summary') AS due
  FROM companies c WHERE (c.site_id, c.domain) > (?1, ?2) ORDER BY c.site_id, c.domain LIMIT ?4`;

/**
 * For up to `companies` companies with ledger rows before `cutoff`: replaces those rows (an earlier
 * summary included) by one 'summary' row with their summed delta, the last row's time and score, so the
 * ledger still adds up to the score. One transaction per run; a summary is never folded again on its own.
 * Due companies are found by walking the companies in key order (cursor in ops_state), not by an index on
 * ledger.ts that every ingest would write (issue 17).
 */
export async function foldLedger(db: D1Database, cutoff: number, companies = 200, now = Date.now()): Promise<{ companies: number; rows: number }> {
  const cursor = await getState<Cursor>(db, 'ledger_cursor', null);
  const page = (await db.prepare(FOLD_DUE_SQL).bind(cursor?.site ?? '', cursor?.domain ?? '', cutoff, FOLD_WALK).all<{ site_id: string; domain: string; due: number }>()).results;
  const due: typeof page = [];
  let last = page.at(-1);
  for (const r of page) {
    if (!r.due) continue;
    if (due.length === companies) break;
    due.push(r);
    last = r;
  }
  const walked = due.length === companies ? last : page.length < FOLD_WALK ? undefined : last;
  const stmts = due.flatMap(({ site_id, domain }) => [
    db.prepare(
      `INSERT INTO ledger (site_id, company_domain, ts, entry_key, delta, score_after, reason, event_id)
       SELECT ?1, ?2, max(ts), 'summary:new', sum(delta),
         (SELECT score_after FROM ledger WHERE site_id = ?1 AND company_domain = ?2 AND ts < ?3 ORDER BY ts DESC, entry_key DESC LIMIT 1),
         'summary', NULL
       FROM ledger WHERE site_id = ?1 AND company_domain = ?2 AND ts < ?3`,
    ).bind(site_id, domain, cutoff),
    db.prepare(`DELETE FROM ledger WHERE site_id = ?1 AND company_domain = ?2 AND ts < ?3 AND entry_key <> 'summary:new'`).bind(site_id, domain, cutoff),
    db.prepare(`UPDATE ledger SET entry_key = 'summary' WHERE site_id = ?1 AND company_domain = ?2 AND entry_key = 'summary:new'`).bind(site_id, domain),
  ]);
  const res = await db.batch([...stmts, setStateStatement(db, 'ledger_cursor', walked ? { site: walked.site_id, domain: walked.domain } : null, now)]);
  const rows = res.slice(0, stmts.length).filter((_, i) => i % 3 === 1).reduce((n, r) => n + r.meta.changes, 0);
  return { companies: due.length, rows };
}

/** Finished deliveries are kept 30 days for GET /v1/webhooks, then deleted. */
export async function pruneDeliveries(db: D1Database, now: number): Promise<number> {
  const res = await db.prepare(
    `DELETE FROM webhook_deliveries WHERE rowid IN (SELECT rowid FROM webhook_deliveries
       WHERE status IN ('delivered', 'dead', 'cancelled') AND updated_at < ? LIMIT ?)`,
  ).bind(now - 30 * DAY_MS, DELETE_CHUNK * 5).run();
  return res.meta.changes;
}
