// The reads behind the public standing (identity/public-stage.ts): the visitor with how its company is known, its own
// browser events when only those may count, a company's name and state. Reads only; one round trip.
import type { Basis } from '../identity/public-stage';
import type { Category, ScoringEvent } from '../scoring';

/** Own events read for a claimed company: the most recent, within this many days (older ones have decayed anyway). */
export const OWN_EVENTS = { max: 500, days: 120 };

// The visitor and (only when the network or a vouched link names it) its company; then, only for a browser claim or an
// unvouched link, the visitor's own browser events. `?3` is the cut-off; the CASE is the one place the basis is decided.
const BASIS = `CASE WHEN v.company_domain IS NULL THEN 'none'
  WHEN v.source IN ('ip-range', 'as-org', 'enrichment') THEN 'network'
  WHEN v.source = 'event' AND v.browser_seen IS NOT NULL AND v.browser_seen <= v.linked_at THEN 'linked'
  WHEN v.source = 'event' THEN 'unvouched'
  ELSE 'claim' END`;
const SQL = {
  visitor: `SELECT v.company_domain AS domain, ${BASIS} AS basis, c.name, CASE WHEN ${BASIS} IN ('network', 'linked') THEN c.state END AS state
    FROM visitors v LEFT JOIN companies c ON c.site_id = v.site_id AND c.domain = v.company_domain WHERE v.site_id = ?1 AND v.id = ?2`,
  own: `SELECT e.id, e.ts, e.type, e.category, e.form, e.engaged_ms, e.scroll_depth, e.completion, e.attention, e.session_id, e.session_ms
    FROM events e WHERE e.site_id = ?1 AND e.visitor_id = ?2 AND e.automated = 0 AND coalesce(e.source, 'browser') = 'browser' AND e.ts >= ?3
      AND EXISTS (SELECT 1 FROM visitors v WHERE v.site_id = ?1 AND v.id = ?2 AND ${BASIS} IN ('claim', 'unvouched'))
    ORDER BY e.ts DESC LIMIT ${OWN_EVENTS.max}`,
};

export interface VisitorBasis { domain: string | null; basis: Basis; name: string | null; state: string | null }

export interface OwnEventRow {
  id: string; ts: number; type: ScoringEvent['type']; category: Category | null; form: ScoringEvent['form'] | null;
  engaged_ms: number | null; scroll_depth: number | null; completion: number | null; attention: number | null;
  session_id: string | null; session_ms: number | null;
}

/** The visitor's basis (null when unknown) and, for a claim or an unvouched link, its own browser events since `since`. */
export async function visitorStanding(db: D1Database, siteId: string, visitor: string, since: number) {
  const [who, own] = await db.batch([db.prepare(SQL.visitor).bind(siteId, visitor), db.prepare(SQL.own).bind(siteId, visitor, since)]);
  return { row: (who?.results[0] as VisitorBasis | undefined) ?? null, own: (own?.results ?? []) as OwnEventRow[] };
}

/** A company's name and scoring state, or null. */
export function companyState(db: D1Database, siteId: string, domain: string) {
  return db.prepare('SELECT name, state FROM companies WHERE site_id = ? AND domain = ?').bind(siteId, domain).first<{ name: string | null; state: string }>();
}
