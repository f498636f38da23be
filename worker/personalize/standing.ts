// The public standing of a request's visitor, as /v1/stage and the personalizing edge both answer it, cached at the edge.
// (Interim: the trust work moves the public-standing rules into one module; this file then only calls it.)
import type { Env, Site } from '../env';
import { requestContext } from '../identity/context';
import { resolveCompany } from '../identity/resolve';
import { anonymousVisitorId } from '../identity/visitor-id';
import { recommendedFor, standingAt, type CompanyState } from '../scoring';
import { rulesOf } from '../site-cache';
import { cachedStanding, stageTtl } from '../stage-cache';

/** The visitor a browser request is (no consent: the daily salted id of its IP and user agent). */
export function requestVisitorId(env: Env, site: Site, req: Request, now = Date.now()): Promise<string> {
  const ctx = requestContext(req);
  return anonymousVisitorId(env, site.id, ctx.ip ?? '', ctx.userAgent ?? '', now);
}

/**
 * The visitor's company and stage: its stored company, else (not yet resolved) what the request's network facts
 * say (the site's IP ranges, a learned AS organisation; no enrichment call on this path). One D1 round trip when
 * the visitor is resolved.
 */
async function lookup(env: Env, site: Site, visitorId: string, req: Request, now: number) {
  const db = env.DB;
  const rules = rulesOf(site);
  let row = await db
    .prepare(
      `SELECT c.domain, c.name, c.state FROM visitors v JOIN companies c ON c.site_id = v.site_id AND c.domain = v.company_domain
       WHERE v.site_id = ? AND v.id = ?`,
    )
    .bind(site.id, visitorId)
    .first<{ domain: string; name: string | null; state: string }>();
  if (!row) {
    const net = await resolveCompany(env, site.id, { ...requestContext(req), visitorId }, { persist: false, enrich: false, now });
    if (net) row = await db.prepare('SELECT domain, name, state FROM companies WHERE site_id = ? AND domain = ?').bind(site.id, net.domain).first();
  }
  const standing = row ? standingAt(JSON.parse(row.state) as CompanyState, now, rules) : { score: 0, stage: 'target' as const, salesAttention: false };
  return { ...standing, company: row ? { domain: row.domain, name: row.name } : null, recommended: recommendedFor(standing.stage, rules) };
}

/** The answer for (site, visitor) from the edge cache, else from D1 (then cached); `hit` says which. */
export function publicStanding(env: Env, site: Site, visitorId: string, req: Request, waitUntil: (p: Promise<unknown>) => void) {
  return cachedStanding(site.id, visitorId, stageTtl(env.STAGE_CACHE_TTL_S), () => lookup(env, site, visitorId, req, Date.now()), waitUntil);
}
