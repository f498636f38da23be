// SQL for the ingest core: multi-row writes as one statement over a JSON parameter (json_each), so every
// statement binds at most a few parameters (D1 allows 100) whatever the batch size.
import type { LedgerRow, Transition } from '../scoring';
import type { IngestEvent } from './types';
import { mergeEventRows } from './ledger-merge';

/** Rows per JSON parameter: keeps each bound string well under D1's 2 MB value limit (URLs ≤ 2 KiB). */
const CHUNK = 250;
const chunks = <T>(xs: T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const col = (i: number) => `j.value->>'$[${i}]'`;

/** A stored event row as the ingest core reads it back. */
export interface StoredEvent {
  id: string; ts: number; type: string; company_domain: string | null; visitor_id: string | null;
  session_id: string | null; category: string | null; form: string | null; engaged_ms: number | null;
  scroll_depth: number | null; completion: number | null; attention: number | null; session_ms: number | null;
  automated: number; source: string | null; client: string | null;
}
const EVENT_COLS = 'id, ts, type, company_domain, visitor_id, session_id, category, form, engaged_ms, scroll_depth, completion, attention, session_ms, automated, source, client';

/** The read of an ingest attempt (exported for the query-plan test: each finds rows by index, never walks a site). */
export const READ_SQL = {
  // CROSS JOIN keeps json_each as the outer loop, so each id is a primary-key lookup.
  events: `SELECT ${EVENT_COLS.split(', ').map((c) => `e.${c}`).join(', ')} FROM json_each(?2) j CROSS JOIN events e WHERE e.site_id = ?1 AND e.id = j.value`,
  companies: `SELECT domain, name, state, version, stage, stage_since FROM companies WHERE site_id = ?1 AND domain IN (SELECT value FROM json_each(?2)
    UNION SELECT e.company_domain FROM json_each(?3) j CROSS JOIN events e WHERE e.site_id = ?1 AND e.id = j.value)`,
  unresolved: `SELECT ${EVENT_COLS} FROM events WHERE site_id = ?1 AND visitor_id IN (SELECT value FROM json_each(?2))
    AND company_domain IS NULL AND automated = 0 ORDER BY ts LIMIT 5000`,
};

export function readStatements(db: D1Database, siteId: string, ids: string[], domains: string[], updateIds: string[], retroVisitors: string[]) {
  const stmts = [
    db.prepare(READ_SQL.events).bind(siteId, JSON.stringify(ids)),
    db.prepare(READ_SQL.companies).bind(siteId, JSON.stringify(domains), JSON.stringify(updateIds)),
  ];
  if (retroVisitors.length) stmts.push(db.prepare(READ_SQL.unresolved).bind(siteId, JSON.stringify(retroVisitors)));
  return stmts;
}

/** Fails the whole batch (NOT NULL on ingest_guard) unless the previous statement changed exactly `n` rows. */
export const guard = (db: D1Database, n: number) => db.prepare('INSERT INTO ingest_guard (v) SELECT NULL WHERE changes() <> ?').bind(n);

const COMPANY_COLS = 'domain, name, score, stage, sales_attention, stage_since, last_engaged_at, stakeholders, state';

/** Rows [domain, name, score, stage, salesAttention, stageSince, lastEngagedAt, stakeholders, state, version]: each must match its version. */
export function updateCompanies(db: D1Database, siteId: string, rows: unknown[][], now: number) {
  return chunks(rows, 100).flatMap((part) => [
    db.prepare(
      `WITH u(${COMPANY_COLS}, version) AS MATERIALIZED (SELECT ${Array.from({ length: 10 }, (_, i) => col(i)).join(', ')} FROM json_each(?2) j)
       UPDATE companies SET name = coalesce(u.name, companies.name), score = u.score, stage = u.stage, sales_attention = u.sales_attention,
         stage_since = u.stage_since, last_engaged_at = u.last_engaged_at, stakeholders = u.stakeholders, state = u.state,
         updated_at = ?3, version = companies.version + 1
       FROM u WHERE companies.site_id = ?1 AND companies.domain = u.domain AND companies.version = u.version`,
    ).bind(siteId, JSON.stringify(part), now),
    guard(db, part.length),
  ]);
}

/** Plain INSERT of new companies: one created meanwhile by a racing writer fails the batch (primary key). */
export function insertCompanies(db: D1Database, siteId: string, rows: unknown[][], now: number) {
  return chunks(rows, 100).map((part) =>
    db.prepare(
      `INSERT INTO companies (site_id, ${COMPANY_COLS}, version, created_at, updated_at)
       SELECT ?1, ${Array.from({ length: 9 }, (_, i) => col(i)).join(', ')}, 1, ?3, ?3 FROM json_each(?2) j`,
    ).bind(siteId, JSON.stringify(part), now),
  );
}

/** Plain INSERT: an id stored meanwhile by a racing request fails the batch, which is then re-read and retried. */
export function insertEvents(db: D1Database, siteId: string, rows: { ev: IngestEvent; domain: string | null }[], receivedAt: number) {
  return chunks(rows).map((part) =>
    db.prepare(
      `INSERT INTO events (site_id, id, ts, type, company_domain, visitor_id, session_id, category, form, url, engaged_ms,
         scroll_depth, completion, attention, session_ms, automated, source, client, received_at)
       SELECT ?1, ${Array.from({ length: 17 }, (_, i) => col(i)).join(', ')}, ?3 FROM json_each(?2) j`,
    ).bind(
      siteId,
      JSON.stringify(part.map(({ ev, domain }) => [
        ev.id, ev.ts, ev.type, domain, ev.visitor ?? null, ev.session ?? null, ev.category ?? null, ev.form ?? null,
        ev.url ?? null, ev.engagedMs ?? null, ev.scrollDepth ?? null, ev.completion ?? null, ev.attention ?? null,
        ev.sessionMs ?? null, ev.automated ? 1 : 0, ev.source ?? 'server', ev.client ?? null,
      ])),
      receivedAt,
    ),
  );
}

// The rows go through a MATERIALIZED CTE so the planner loops over them and finds each event by primary key
// (a plain UPDATE … FROM json_each would walk the site's events): see test/worker/query-plans.test.ts.
const upward = (c: string, u: string) => `${c} = CASE WHEN u.${u} IS NULL THEN ${c} WHEN ${c} IS NULL THEN u.${u} ELSE max(${c}, u.${u}) END`;

/** Engagement updates: stored figures only ever rise. */
export function raiseFigures(db: D1Database, siteId: string, evs: IngestEvent[]) {
  return chunks(evs).map((part) =>
    db.prepare(
      `WITH u(id, m, d, p, a, sm) AS MATERIALIZED (SELECT ${[0, 1, 2, 3, 4, 5].map(col).join(', ')} FROM json_each(?2) j)
       UPDATE events SET ${upward('engaged_ms', 'm')}, ${upward('scroll_depth', 'd')}, ${upward('completion', 'p')}, ${upward('attention', 'a')},
         session_ms = coalesce(u.sm, session_ms)
       FROM u WHERE events.site_id = ?1 AND events.id = u.id`,
    ).bind(siteId, JSON.stringify(part.map((e) => [e.id, e.engagedMs ?? null, e.scrollDepth ?? null, e.completion ?? null, e.attention ?? null, e.sessionMs ?? null]))),
  );
}

/** Attributes stored unresolved events to a company, exactly once: the guard fails the batch if any was taken meanwhile. */
export function attributeEvents(db: D1Database, siteId: string, rows: [id: string, domain: string][]) {
  return chunks(rows).flatMap((part) => [
    db.prepare(`WITH u(id, domain) AS MATERIALIZED (SELECT ${col(0)}, ${col(1)} FROM json_each(?2) j)
        UPDATE events SET company_domain = u.domain FROM u WHERE events.site_id = ?1 AND events.id = u.id AND events.company_domain IS NULL`)
      .bind(siteId, JSON.stringify(part)),
    guard(db, part.length),
  ]);
}

export function insertLedger(db: D1Database, siteId: string, rows: [domain: string, row: LedgerRow][]) {
  return chunks(mergeEventRows(rows), 1000).map((part) =>
    db.prepare(`INSERT INTO ledger (site_id, company_domain, ts, delta, score_after, reason, event_id) SELECT ?1, ${[0, 1, 2, 3, 4, 5].map(col).join(', ')} FROM json_each(?2) j`)
      .bind(siteId, JSON.stringify(part.map(([d, r]) => [d, r.ts, r.delta, r.scoreAfter, r.reason, r.eventId]))),
  );
}

export function insertTransitions(db: D1Database, siteId: string, rows: [domain: string, t: Transition][]) {
  return chunks(rows, 1000).map((part) =>
    db.prepare(`INSERT INTO transitions (site_id, company_domain, from_stage, to_stage, at, score, reason) SELECT ?1, ${[0, 1, 2, 3, 4, 5].map(col).join(', ')} FROM json_each(?2) j`)
      .bind(siteId, JSON.stringify(part.map(([d, t]) => [d, t.from, t.to, t.at, t.score, t.reason]))),
  );
}

/** A racing writer got there first: an id or company inserted meanwhile, or a version guard that failed. */
export const isConflict = (err: unknown) => /UNIQUE constraint failed|PRIMARY KEY|ingest_guard/i.test(String((err as Error)?.message ?? err));

/**
 * Server-side events name a visitor's company outright (the ladder's top rung, 50 'event'): record it unless the
 * visitor already has a company at that rung, so /v1/stage answers for that visitor too.
 */
export function linkVisitors(db: D1Database, siteId: string, pairs: [visitor: string, domain: string][], now: number) {
  return chunks(pairs, 1000).map((part) =>
    db.prepare(`INSERT INTO visitors (site_id, id, company_domain, confidence, source, first_seen, last_seen, linked_at)
        SELECT ?1, ${col(0)}, ${col(1)}, 50, 'event', ?3, ?3, ?3 FROM json_each(?2) j WHERE true
        ON CONFLICT (site_id, id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen), linked_at = coalesce(linked_at, excluded.linked_at),
          company_domain = CASE WHEN confidence < 50 OR company_domain IS NULL THEN excluded.company_domain ELSE company_domain END,
          source = CASE WHEN confidence < 50 OR company_domain IS NULL THEN 'event' ELSE source END,
          confidence = max(confidence, 50)`)
      .bind(siteId, JSON.stringify(part), now),
  );
}
