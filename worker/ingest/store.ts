// SQL for the ingest core: multi-row writes as one statement over a JSON parameter (json_each), so every
// statement binds at most a few parameters (D1 allows 100) whatever the batch size.
import { CONFIDENCE } from '../identity/resolve';
import type { LedgerRow, Transition } from '../scoring';
import type { IngestEvent } from './types';
import { mergeEventRows, REASON_JOIN } from './ledger-merge';
import { guard } from '../db/company-state';

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
  // CROSS JOIN again: each visitor is a lookup in events_by_visitor (the planner would otherwise walk the site's key).
  unresolved: `SELECT ${EVENT_COLS.split(', ').map((c) => `e.${c}`).join(', ')} FROM json_each(?2) j CROSS JOIN events e
    WHERE e.site_id = ?1 AND e.visitor_id = j.value AND e.company_domain IS NULL AND e.automated = 0 ORDER BY e.ts LIMIT 5000`,
};

export function readStatements(db: D1Database, siteId: string, ids: string[], domains: string[], updateIds: string[], retroVisitors: string[]) {
  const stmts = [
    db.prepare(READ_SQL.events).bind(siteId, JSON.stringify(ids)),
    db.prepare(READ_SQL.companies).bind(siteId, JSON.stringify(domains), JSON.stringify(updateIds)),
  ];
  if (retroVisitors.length) stmts.push(db.prepare(READ_SQL.unresolved).bind(siteId, JSON.stringify(retroVisitors)));
  return stmts;
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

/** The ledger key of a row: its event's ('e:<id>'), so a later engagement update of the event adds to the same row. */
export const ledgerKey = (r: LedgerRow) => (r.eventId === null ? `r:${r.reason}` : `e:${r.eventId}`);

// Reasons of a row raised in place: the stored ones, then each new part not yet among them (split on REASON_JOIN).
const PARTS = `json_each('[' || replace(json_quote(excluded.reason), '${REASON_JOIN}', '","') || ']')`;
export const UPSERT_LEDGER_SQL = `INSERT INTO ledger (site_id, company_domain, ts, entry_key, delta, score_after, reason, event_id)
  SELECT ?1, ${[0, 1, 2, 3, 4, 5, 6].map(col).join(', ')} FROM json_each(?2) j WHERE true
  ON CONFLICT (site_id, company_domain, ts, entry_key) DO UPDATE SET delta = round(delta + excluded.delta, 6), score_after = excluded.score_after,
    reason = reason || coalesce((SELECT group_concat('${REASON_JOIN}' || json_each.value, '') FROM ${PARTS}
      WHERE instr('${REASON_JOIN}' || ledger.reason || '${REASON_JOIN}', '${REASON_JOIN}' || json_each.value || '${REASON_JOIN}') = 0), '')`;

/** One row per event: a row of an event already in the ledger raises that row (summed delta, latest score, reasons joined). */
export function insertLedger(db: D1Database, siteId: string, rows: [domain: string, row: LedgerRow][]) {
  return chunks(mergeEventRows(rows), 1000).map((part) =>
    db.prepare(UPSERT_LEDGER_SQL).bind(siteId, JSON.stringify(part.map(([d, r]) => [d, r.ts, ledgerKey(r), r.delta, r.scoreAfter, r.reason, r.eventId]))),
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

// Server-side events name a visitor's company outright: the resolver ladder's top rung.
const RUNG = 'event' satisfies keyof typeof CONFIDENCE;

/**
 * Record each (visitor, company) pair of server-side events on the visitor unless the visitor already has a company
 * at that rung or above, so /v1/stage answers for that visitor too.
 */
export function linkVisitors(db: D1Database, siteId: string, pairs: [visitor: string, domain: string][], now: number) {
  return chunks(pairs, 1000).map((part) =>
    db.prepare(`INSERT INTO visitors (site_id, id, company_domain, confidence, source, first_seen, last_seen, linked_at)
        SELECT ?1, ${col(0)}, ${col(1)}, ?4, ?5, ?3, ?3, ?3 FROM json_each(?2) j WHERE true
        ON CONFLICT (site_id, id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen), linked_at = coalesce(linked_at, excluded.linked_at),
          company_domain = CASE WHEN confidence < ?4 OR company_domain IS NULL THEN excluded.company_domain ELSE company_domain END,
          source = CASE WHEN confidence < ?4 OR company_domain IS NULL THEN ?5 ELSE source END,
          confidence = max(confidence, ?4)`)
      .bind(siteId, JSON.stringify(part), now, CONFIDENCE[RUNG], RUNG),
  );
}
