// Keeps the stats aggregates current: a few constant-size statements appended to the ingest write batch.
import type { CompanyChange, IngestEvent } from '../ingest/types';
import { DAY_MS, dayOf } from '../lib/time';
import { CONTENT_TYPES, STAGES, type StageId } from '../scoring/types';

export const PRECEDE_MS = 7 * DAY_MS;

const rank = (s: StageId) => STAGES.indexOf(s);
const isView = (e: IngestEvent) => !!e.category && CONTENT_TYPES.has(e.type) && !e.previous;

/** Adds `n` to the counter under `key` (keys are JSON arrays, so they round-trip as SQL rows). */
function bump(map: Map<string, number>, key: unknown[], n = 1) {
  const k = JSON.stringify(key);
  map.set(k, (map.get(k) ?? 0) + n);
}
const rows = (map: Map<string, number>) => JSON.stringify([...map].map(([k, n]) => [...JSON.parse(k), n]));

// Each statement takes the site id and one JSON array of rows (2 bound parameters, any batch size).
const SQL = {
  // A company seen for the first time enters 'target' on the day of its first event.
  newCompanies: `INSERT INTO stats_stage_daily (site_id, day, stage, delta)
    SELECT ?1, j.value->>'$[1]', 'target', COUNT(*) FROM json_each(?2) j
    WHERE NOT EXISTS (SELECT 1 FROM stats_reach r WHERE r.site_id = ?1 AND r.domain = j.value->>'$[0]')
    GROUP BY 2 ON CONFLICT (site_id, day, stage) DO UPDATE SET delta = delta + excluded.delta`,
  stageDeltas: `INSERT INTO stats_stage_daily (site_id, day, stage, delta)
    SELECT ?1, value->>'$[0]', value->>'$[1]', value->>'$[2]' FROM json_each(?2) WHERE true
    ON CONFLICT (site_id, day, stage) DO UPDATE SET delta = delta + excluded.delta`,
  transitions: `INSERT INTO stats_transitions_daily (site_id, day, from_stage, to_stage, n)
    SELECT ?1, value->>'$[0]', value->>'$[1]', value->>'$[2]', value->>'$[3]' FROM json_each(?2) WHERE true
    ON CONFLICT (site_id, day, from_stage, to_stage) DO UPDATE SET n = n + excluded.n`,
  // A stay ends at a transition; it began at the previous transition of the batch, else at the
  // company's recorded stage entry, else (a new company) at its first event.
  dwell: `INSERT INTO stats_dwell_daily (site_id, day, stage, hours, n)
    SELECT ?1, d.day, d.stage, CASE WHEN d.h < 48 THEN d.h ELSE (d.h / 24) * 24 END, COUNT(*) FROM (
      SELECT (j.value->>'$[1]') / ${DAY_MS} AS day, j.value->>'$[2]' AS stage,
        max(0, (j.value->>'$[1]') - coalesce(j.value->>'$[3]', r.cur_since, j.value->>'$[4]')) / 3600000 AS h
      FROM json_each(?2) j LEFT JOIN stats_reach r ON r.site_id = ?1 AND r.domain = j.value->>'$[0]') d
    GROUP BY 2, 3, 4 ON CONFLICT (site_id, day, stage, hours) DO UPDATE SET n = n + excluded.n`,
  // For each promotion, every category the company viewed in the 7 days before it (earlier batches
  // through stats_recent_content, this batch from the JSON), counted once per promotion.
  preceded: `INSERT INTO stats_content_daily (site_id, day, category, preceded)
    SELECT ?1, p.day, p.category, COUNT(*) FROM (
      SELECT t.key AS k, (t.value->>'$[1]') / ${DAY_MS} AS day, rc.category AS category
        FROM json_each(?2) t JOIN stats_recent_content rc ON rc.site_id = ?1 AND rc.domain = t.value->>'$[0]'
        WHERE rc.last_at BETWEEN (t.value->>'$[1]') - ${PRECEDE_MS} AND t.value->>'$[1]'
      UNION
      SELECT t.key, (t.value->>'$[1]') / ${DAY_MS}, c.value FROM json_each(?2) t, json_each(t.value->'$[2]') c
    ) p GROUP BY 2, 3 ON CONFLICT (site_id, day, category) DO UPDATE SET preceded = preceded + excluded.preceded`,
  views: `INSERT INTO stats_content_daily (site_id, day, category, views)
    SELECT ?1, value->>'$[0]', value->>'$[1]', value->>'$[2]' FROM json_each(?2) WHERE true
    ON CONFLICT (site_id, day, category) DO UPDATE SET views = views + excluded.views`,
  reach: `INSERT INTO stats_reach (site_id, domain, r0, r1, r2, r3, r4, cur_stage, cur_since)
    SELECT ?1, value->>'$[0]', value->>'$[1]', value->>'$[2]', value->>'$[3]', value->>'$[4]', value->>'$[5]',
      value->>'$[6]', value->>'$[7]' FROM json_each(?2) WHERE true
    ON CONFLICT (site_id, domain) DO UPDATE SET
      r1 = coalesce(min(r1, excluded.r1), r1, excluded.r1), r2 = coalesce(min(r2, excluded.r2), r2, excluded.r2),
      r3 = coalesce(min(r3, excluded.r3), r3, excluded.r3), r4 = coalesce(min(r4, excluded.r4), r4, excluded.r4),
      cur_stage = CASE WHEN excluded.cur_since >= cur_since THEN excluded.cur_stage ELSE cur_stage END,
      cur_since = max(cur_since, excluded.cur_since)`,
  // A company seen without a stage change only needs its row to exist.
  seen: `INSERT INTO stats_reach (site_id, domain, r0, cur_stage, cur_since)
    SELECT ?1, value->>'$[0]', value->>'$[1]', value->>'$[2]', value->>'$[1]' FROM json_each(?2) WHERE true
    ON CONFLICT (site_id, domain) DO NOTHING`,
  recent: `INSERT INTO stats_recent_content (site_id, domain, category, last_at)
    SELECT ?1, value->>'$[0]', value->>'$[1]', value->>'$[2]' FROM json_each(?2) WHERE true
    ON CONFLICT (site_id, domain, category) DO UPDATE SET last_at = max(last_at, excluded.last_at)`,
};

/** The rows one site's changes add to each aggregate. */
function collect(changes: CompanyChange[]) {
  const firstSeen: [string, number][] = [];
  const stageDeltas = new Map<string, number>();
  const transitions = new Map<string, number>();
  const views = new Map<string, number>();
  const dwell: unknown[][] = [];
  const promotions: unknown[][] = [];
  const reach: unknown[][] = [];
  const seen: unknown[][] = [];
  const recent = new Map<string, number>();
  for (const ch of changes) {
    const first = ch.events[0]?.ts;
    if (first !== undefined) firstSeen.push([ch.domain, dayOf(first)]);
    const viewsOf = ch.events.filter(isView);
    for (const e of viewsOf) {
      bump(views, [dayOf(e.ts), e.category]);
      const k = JSON.stringify([ch.domain, e.category]);
      recent.set(k, Math.max(recent.get(k) ?? 0, e.ts));
    }
    const reached: (number | null)[] = [null, null, null, null];
    let since: number | null = null;
    for (const t of ch.transitions) {
      const day = dayOf(t.at);
      bump(stageDeltas, [day, t.from], -1);
      bump(stageDeltas, [day, t.to], 1);
      bump(transitions, [day, t.from, t.to]);
      dwell.push([ch.domain, t.at, t.from, since, first ?? t.at]);
      since = t.at;
      if (rank(t.to) > rank(t.from)) {
        const cats = [...new Set(viewsOf.filter((e) => e.ts <= t.at && e.ts >= t.at - PRECEDE_MS).map((e) => e.category))];
        promotions.push([ch.domain, t.at, cats]);
        for (let k = 1; k <= rank(t.to); k++) reached[k - 1] ??= t.at;
      }
    }
    const last = ch.transitions.at(-1);
    if (last) reach.push([ch.domain, first ?? last.at, ...reached, last.to, last.at]);
    else if (first !== undefined) seen.push([ch.domain, first, ch.after.stage]);
  }
  const recentRows = [...recent].map(([k, ts]) => [...JSON.parse(k), ts]);
  return { firstSeen, stageDeltas, transitions, views, dwell, promotions, reach, seen, recentRows };
}

/**
 * Statements that fold one ingest call's company changes into the stats aggregates, in the order
 * they must run (reads of stats_reach and stats_recent_content see the state before this batch).
 * At most 9 statements per site in the batch, each with 2 bound parameters, whatever the batch size.
 */
export function statsStatements(db: D1Database, changes: CompanyChange[]): D1PreparedStatement[] {
  const bySite = new Map<string, CompanyChange[]>();
  for (const ch of changes) bySite.set(ch.siteId, [...(bySite.get(ch.siteId) ?? []), ch]);
  const out: D1PreparedStatement[] = [];
  for (const [siteId, list] of bySite) {
    const r = collect(list);
    const add = (sql: string, json: string, nonEmpty: boolean) => nonEmpty && out.push(db.prepare(sql).bind(siteId, json));
    add(SQL.newCompanies, JSON.stringify(r.firstSeen), r.firstSeen.length > 0);
    add(SQL.stageDeltas, rows(r.stageDeltas), r.stageDeltas.size > 0);
    add(SQL.transitions, rows(r.transitions), r.transitions.size > 0);
    add(SQL.dwell, JSON.stringify(r.dwell), r.dwell.length > 0);
    add(SQL.preceded, JSON.stringify(r.promotions), r.promotions.length > 0);
    add(SQL.views, rows(r.views), r.views.size > 0);
    add(SQL.reach, JSON.stringify(r.reach), r.reach.length > 0);
    add(SQL.seen, JSON.stringify(r.seen), r.seen.length > 0);
    add(SQL.recent, JSON.stringify(r.recentRows), r.recentRows.length > 0);
  }
  return out;
}
