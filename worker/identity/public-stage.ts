// The public standing of a request's visitor: what /v1/stage (or any public-key route) may reveal, and nothing more.
// Reads only (one D1 round trip); never creates a visitor, company or stakeholder.
import { companyState, OWN_EVENTS, visitorStanding, type OwnEventRow } from '../db/standing';
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

const orUndefined = <T>(v: T | null) => (v === null ? undefined : v);
const toEvent = (r: OwnEventRow, visitor: string): ScoringEvent => ({
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
  const { row, own } = await visitorStanding(env.DB, site.id, visitor, since);
  const answer = (stage: StageId, company: PublicStanding['company']): PublicStanding => ({ stage, recommended: [...recommendedFor(stage, rules)], company });
  if (!row || row.basis === 'none' || !row.domain) {
    // Not resolved yet: what the request's own network says (the site's IP ranges, a learned AS organisation), read only.
    const net = req ? await resolveCompany(env, site.id, { ...requestContext(req), visitorId: visitor }, { persist: false, enrich: false, now }) : null;
    if (!net || !NETWORK.has(net.source)) return answer('target', null);
    const c = await companyState(env.DB, site.id, net.domain);
    return answer(c ? standingAt(JSON.parse(c.state), now, rules).stage : 'target', { domain: net.domain, name: c?.name ?? net.name ?? null });
  }
  if (row.basis === 'claim' || row.basis === 'unvouched') {
    const events = own.map((r) => toEvent(r, visitor));
    const stage = standingAt(applyEvents(newCompanyState(), events, rules).state, now, rules).stage;
    // A claim shows back only the domain the browser claimed; an unvouched link shows no company at all.
    return answer(stage, row.basis === 'claim' ? { domain: row.domain, name: null } : null);
  }
  const stage = row.state ? standingAt(JSON.parse(row.state), now, rules).stage : 'target';
  return answer(stage, { domain: row.domain, name: row.name });
}
