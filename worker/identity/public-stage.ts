// The public standing of a request's visitor: what /v1/stage (or any public-key route) may reveal, and nothing more.
// Reads only (one D1 round trip); never creates a visitor, company or stakeholder.
import type { Env, Site } from '../env';
import { applyEvents, newCompanyState, recommendedFor, standingAt, type Category, type ScoringEvent, type StageId } from '../scoring';
import { rulesOf } from '../site-cache';
import { requestContext } from './context';
import { resolveCompany } from './resolve';

export interface PublicStanding {
  stage: StageId;
  recommended: Category[];
  company: { domain: string; name: string | null } | null;
}

/** How the visitor's company is known, hence whose standing the public may see (see `publicStanding`). */
export type Basis = 'none' | 'network' | 'linked' | 'unvouched' | 'claim';

const NETWORK: ReadonlySet<string> = new Set(['ip-range', 'as-org', 'enrichment']);

/** Own events read for a claimed company: the most recent, within this many days (older ones have decayed anyway). */
export const OWN_EVENTS = { max: 500, days: 120 };

// The visitor and (only when the network or a vouched link names it) its company; then, only for a browser claim or an
// unvouched link, the visitor's own browser events. `?4` is the cut-off; the CASE is the one place the basis is decided.
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

interface OwnRow {
  id: string; ts: number; type: ScoringEvent['type']; category: Category | null; form: ScoringEvent['form'] | null;
  engaged_ms: number | null; scroll_depth: number | null; completion: number | null; attention: number | null;
  session_id: string | null; session_ms: number | null;
}

const orUndefined = <T>(v: T | null) => (v === null ? undefined : v);
const toEvent = (r: OwnRow, visitor: string): ScoringEvent => ({
  id: r.id, ts: r.ts, type: r.type, source: 'browser', client: 'self', visitor, category: orUndefined(r.category), form: orUndefined(r.form),
  engagedMs: orUndefined(r.engaged_ms), scrollDepth: orUndefined(r.scroll_depth), completion: orUndefined(r.completion),
  attention: orUndefined(r.attention), session: orUndefined(r.session_id), sessionMs: orUndefined(r.session_ms),
});

/**
 * What the public may know of `visitor`:
 * - network: resolved by the site's IP ranges, AS organisation or enrichment → its company's stage and name;
 * - linked: named by the secret-key API after a browser used the id → its company's stage and name;
 * - unvouched: named by the secret-key API but first used there (a CRM's `1001`): the stage its own browser events earned,
 *   no company (whoever sends beacons with that id learns nothing the server put there);
 * - claim: the company comes only from the browser (identify(), a form email) → the stage its own browser events earned
 *   (never Ready: one client), with the domain it claimed and no name;
 * - none: with `req`, the company the request's own network names (IP ranges, AS organisation; nothing written), else
 *   target and no company. Never a score nor sales attention.
 */
export async function publicStanding(env: Env, site: Site, visitor: string, now = Date.now(), req?: Request): Promise<PublicStanding> {
  const rules = rulesOf(site);
  const since = now - OWN_EVENTS.days * 86_400_000;
  const [who, own] = await env.DB.batch([
    env.DB.prepare(SQL.visitor).bind(site.id, visitor),
    env.DB.prepare(SQL.own).bind(site.id, visitor, since),
  ]);
  const row = who.results[0] as { domain: string | null; basis: Basis; name: string | null; state: string | null } | undefined;
  const answer = (stage: StageId, company: PublicStanding['company']): PublicStanding => ({ stage, recommended: [...recommendedFor(stage, rules)], company });
  if (!row || row.basis === 'none' || !row.domain) {
    // Not resolved yet: what the request's own network says (the site's IP ranges, a learned AS organisation), read only.
    const net = req ? await resolveCompany(env, site.id, { ...requestContext(req), visitorId: visitor }, { persist: false, enrich: false, now }) : null;
    if (!net || !NETWORK.has(net.source)) return answer('target', null);
    const c = await env.DB.prepare('SELECT name, state FROM companies WHERE site_id = ? AND domain = ?').bind(site.id, net.domain).first<{ name: string | null; state: string }>();
    return answer(c ? standingAt(JSON.parse(c.state), now, rules).stage : 'target', { domain: net.domain, name: c?.name ?? net.name ?? null });
  }
  if (row.basis === 'claim' || row.basis === 'unvouched') {
    const events = (own.results as unknown as OwnRow[]).map((r) => toEvent(r, visitor));
    const stage = standingAt(applyEvents(newCompanyState(), events, rules).state, now, rules).stage;
    // A claim shows back only the domain the browser claimed; an unvouched link shows no company at all.
    return answer(stage, row.basis === 'claim' ? { domain: row.domain, name: null } : null);
  }
  const stage = row.state ? standingAt(JSON.parse(row.state), now, rules).stage : 'target';
  return answer(stage, { domain: row.domain, name: row.name });
}
