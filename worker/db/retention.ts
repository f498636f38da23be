// Retention: raw events past RETENTION_DAYS are deleted in bounded rounds; old ledger rows fold into one summary row per company.
import type { Env } from '../env';
import { DAY_MS } from '../lib/time';
import { getState, setState, setStateStatement } from './ops-state';

export const DEFAULT_RETENTION_DAYS = 396; // 13 months
const DELETE_CHUNK = 1000;
/** Events walked per statement: 20 statements a run walk 100,000 rows (rows read, a thousandth the price of rows written). */
const WALK = 5000;
// The events table is keyed (site_id, id) with no index on time: retention walks the key from a cursor, a window of
// WALK rows per statement, deleting the expired ones. `edge` is the window's last key, read before the delete.
export const PRUNE_EVENTS_SQL = {
  edge: `SELECT site_id, id, n FROM (SELECT site_id, id, count(*) OVER () AS n FROM
    (SELECT site_id, id FROM events WHERE (site_id, id) > (?1, ?2) ORDER BY site_id, id LIMIT ?3)) ORDER BY site_id DESC, id DESC LIMIT 1`,
  delete: `DELETE FROM events WHERE (site_id, id) IN (SELECT site_id, id FROM events WHERE (site_id, id) > (?1, ?2) ORDER BY site_id, id LIMIT ?3)
    AND received_at < ?4`,
};

export function retentionCutoff(env: Env, now: number): number {
  const days = Number(env.RETENTION_DAYS);
  return now - (Number.isFinite(days) && days >= 1 ? days : DEFAULT_RETENTION_DAYS) * DAY_MS;
}

type Cursor = { site: string; id: string } | null;

/**
 * Deletes events received before `cutoff`: walks the events in key order from where the last run stopped, WALK rows
 * per statement (each a short write, so ingest is never blocked for long), at most `rounds` statements per run,
 * wrapping round at the end of the table. Scores and stats do not read raw events: they live in companies.state,
 * the ledger and the stats aggregates. No index on received_at is written on every ingest (issue 17); the price is
 * that an expired event waits for the walk to come round (100,000 rows a run, ~9.6 M a day at one run per 15 min).
 */
export async function pruneEvents(db: D1Database, cutoff: number, rounds = 20, now = Date.now()): Promise<number> {
  let cursor = await getState<Cursor>(db, 'events_cursor', null);
  let total = 0;
  for (let i = 0; i < rounds; i++) {
    const args = [cursor?.site ?? '', cursor?.id ?? '', WALK] as const;
    const [edge, del] = await db.batch([db.prepare(PRUNE_EVENTS_SQL.edge).bind(...args), db.prepare(PRUNE_EVENTS_SQL.delete).bind(...args, cutoff)]);
    total += del!.meta.changes;
    const last = edge!.results[0] as { site_id: string; id: string; n: number } | undefined;
    cursor = last && last.n === WALK ? { site: last.site_id, id: last.id } : null;
    if (!cursor) break; // the end of the table: the next run starts again from the first key
  }
  await setState(db, 'events_cursor', cursor, now);
  return total;
}

type CompanyCursor = { site: string; domain: string } | null;

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
  const cursor = await getState<CompanyCursor>(db, 'ledger_cursor', null);
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
