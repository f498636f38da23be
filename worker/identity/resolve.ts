// The resolver ladder: event domain > identification > the site's IP ranges > reverse DNS > a company's own AS > enrichment > none.
// A visitor's stored company is only ever upgraded; one D1 round trip reads, one writes.
import { learnOrg, recordResolution, resolverFacts, touchVisitor, type StoredVisitor } from '../db/visitors';
import type { Env } from '../env';
import type { ResolveContext } from '../ingest/types';
import { isBot } from './bots';
import { ipToHex } from './cidr';
import { companyCandidate } from './domain';
import { isListed } from './mail-domains';
import { enrichIp, type Fetcher } from './enrich';
import { networkKind, orgKey } from './networks';
import { reverseDnsCompany } from './reverse-dns';

export interface Resolution {
  domain: string;
  name?: string;
  /** Ladder rung: 50 event domain, 40 identify/email, 30 ip range, 25 reverse DNS, 20 as-org, 10 enrichment. */
  confidence: number;
  source: 'event' | 'identify' | 'ip-range' | 'reverse-dns' | 'as-org' | 'enrichment';
}

export const CONFIDENCE = { event: 50, identify: 40, 'ip-range': 30, 'reverse-dns': 25, 'as-org': 20, enrichment: 10 } as const satisfies Record<Resolution['source'], number>;

/** What the server-side API may add: the company an event names (`company.domain`, `company.name`). */
export interface IdentityContext extends ResolveContext {
  eventDomain?: string;
  eventName?: string;
}

export interface ResolveOptions {
  /** Upsert the visitors row (default true; needs ctx.visitorId). */
  persist?: boolean;
  /** Ask reverse DNS and the enrichment provider when nothing better is known (default true). Pass false on a request path. */
  enrich?: boolean;
  now?: number;
  fetch?: Fetcher;
}

/** An AS-organisation mapping is used once this many resolutions agreed on it (a lone contractor cannot poison it). */
export const ORG_MIN_AGREEMENTS = 2;

const rung = (source: Resolution['source'], domain: string, name?: string | null): Resolution => ({
  domain,
  ...(name ? { name } : {}),
  confidence: CONFIDENCE[source],
  source,
});

/** Resolves the visitor's company and, with persist, records it on the visitor; null for bots and unknown visitors. */
export async function resolveCompany(
  env: Env,
  siteId: string,
  ctx: IdentityContext,
  opts: ResolveOptions = {},
): Promise<(Resolution & { firstResolved: boolean }) | null> {
  if (isBot(ctx)) return null;
  const now = opts.now ?? Date.now();
  const persist = (opts.persist ?? true) && !!ctx.visitorId;
  const db = env.DB;

  // Rungs that need no lookup.
  const eventDomain = await checked(env, ctx.eventDomain);
  const identified = await checked(env, ctx.identifiedDomain);
  let best: Resolution | null = eventDomain
    ? rung('event', eventDomain, ctx.eventName)
    : identified
      ? rung('identify', identified)
      : null;

  // Network facts: which kind of network, and (for a company's own) its organisation key.
  const kind = networkKind(ctx.asn, ctx.asOrganization);
  const org = kind === 'company' && ctx.asOrganization ? orgKey(ctx.asOrganization) : '';
  const ipHex = ctx.ip ? ipToHex(ctx.ip) : null;

  let stored: StoredVisitor | null = null;
  if (!best) {
    // One round trip: the visitor's stored company, the longest matching IP range, the learned AS-org mapping.
    const facts = await resolverFacts(db, siteId, { visitorId: persist ? ctx.visitorId : undefined, ipHex, org, minAgreements: ORG_MIN_AGREEMENTS });
    stored = facts.stored;
    const { range, learned } = facts;
    const lookups = opts.enrich !== false && !!ctx.ip;
    const ownNetwork = kind === 'company' || kind === 'unknown';
    // Reverse DNS outranks the AS organisation, so it is asked first (cached per salted address and day).
    const ptr = !range && lookups && ownNetwork && (stored?.confidence ?? 0) < CONFIDENCE['reverse-dns'] ? await reverseDnsCompany(env, ctx.ip!, now, opts.fetch) : null;
    if (range) best = rung('ip-range', range.domain, range.name);
    else if (ptr) best = rung('reverse-dns', ptr.domain);
    else if (learned) best = rung('as-org', learned.domain);
    else if ((stored?.confidence ?? 0) < CONFIDENCE.enrichment && lookups && kind !== 'hosting' && kind !== 'vpn') {
      const found = await enrichIp(env, ctx.ip!, now, opts.fetch);
      if (found) best = rung('enrichment', found.domain, found.name);
    }
  }

  if (!persist) return best ? { ...best, firstResolved: false } : null;
  if (!best && stored?.companyDomain) {
    // Nothing new to say: only keep the visitor's last_seen fresh (sessions crossing midnight rely on it).
    await touchVisitor(db, siteId, ctx.visitorId!, now);
    return { domain: stored.companyDomain, confidence: stored.confidence, source: stored.source ?? 'identify', firstResolved: false };
  }
  return record(db, siteId, ctx.visitorId!, best, org, now);
}

/** A claimed domain's company: the rules, then the free-mail and disposable table (in memory, no D1). */
async function checked(env: Env, claimed: string | undefined): Promise<string | null> {
  const c = claimed ? companyCandidate(claimed) : null;
  return c && !(await isListed(env, c)) ? c.domain : null;
}

/** Records the resolution on the visitor (first company or an upgrade); teaches the AS-org mapping when it changed. */
async function record(db: D1Database, siteId: string, id: string, best: Resolution | null, org: string, now: number) {
  const { firstResolved, changed, stored: row } = await recordResolution(db, siteId, id, best, now);
  if (changed && best && org && best.confidence >= CONFIDENCE['ip-range']) await learnOrg(db, siteId, org, best.domain, now);
  if (!row?.companyDomain) return null;
  const same = best && row.companyDomain === best.domain && row.confidence === best.confidence;
  const resolution = same ? best! : { domain: row.companyDomain, confidence: row.confidence, source: row.source ?? 'identify' };
  return { ...resolution, firstResolved };
}
