// The resolver ladder: event domain > identification > the site's IP ranges > reverse DNS > a company's own AS > enrichment > none.
// A visitor's stored company is only ever upgraded; one D1 round trip reads, one writes.
import type { Env } from '../env';
import type { ResolveContext } from '../ingest/types';
import { isBot } from './bots';
import { containingStarts, ipToHex } from './cidr';
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

interface Stored {
  company_domain: string | null;
  confidence: number;
  source: Resolution['source'] | null;
}

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

  let stored: Stored | null = null;
  if (!best) {
    // One round trip: the visitor's stored company, the longest matching IP range, the learned AS-org mapping.
    const reads: D1PreparedStatement[] = [];
    if (persist) reads.push(db.prepare('SELECT company_domain, confidence, source FROM visitors WHERE site_id = ? AND id = ?').bind(siteId, ctx.visitorId!));
    if (ipHex) reads.push(db.prepare(longestPrefix(ipHex)).bind(siteId, ipHex));
    if (org) reads.push(db.prepare('SELECT domain FROM org_domains WHERE site_id = ? AND org_key = ? AND domain IS NOT NULL AND seen >= ?').bind(siteId, org, ORG_MIN_AGREEMENTS));
    const results = reads.length ? await db.batch<Record<string, any>>(reads) : [];
    let i = 0;
    if (persist) stored = (results[i++]?.results[0] as Stored | undefined) ?? null;
    const range = ipHex ? results[i++]?.results[0] : undefined;
    const learned = org ? results[i++]?.results[0] : undefined;
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
  if (!best && stored?.company_domain) {
    // Nothing new to say: only keep the visitor's last_seen fresh (sessions crossing midnight rely on it).
    await touch(db, siteId, ctx.visitorId!, now).run();
    return { domain: stored.company_domain, confidence: stored.confidence, source: stored.source ?? 'identify', firstResolved: false };
  }
  return record(db, siteId, ctx.visitorId!, best, org, now);
}

/** A claimed domain's company: the rules, then the free-mail and disposable table (in memory, no D1). */
async function checked(env: Env, claimed: string | undefined): Promise<string | null> {
  const c = claimed ? companyCandidate(claimed) : null;
  return c && !(await isListed(env, c)) ? c.domain : null;
}

/**
 * Longest-prefix match as primary-key probes: a range containing the address starts at the address masked to its
 * prefix, so only those starts can match (≤ 113 distinct, inlined: they are hex digits we computed, and D1 allows at
 * most 100 bound parameters). `end_hex >= ip` drops a range that shares a start but is narrower than needed.
 */
function longestPrefix(ipHex: string): string {
  const starts = containingStarts(ipHex).map((s) => `'${s}'`).join(',');
  return `SELECT domain, name FROM ip_ranges WHERE site_id = ?1 AND start_hex IN (${starts}) AND end_hex >= ?2 ORDER BY prefix DESC LIMIT 1`;
}

const touch = (db: D1Database, siteId: string, id: string, now: number) =>
  db
    // Only beacons reach the resolver: browser_seen records the first time a browser used this id (identity/public-stage.ts).
    .prepare(`INSERT INTO visitors (site_id, id, company_domain, confidence, source, first_seen, last_seen, browser_seen) VALUES (?, ?, NULL, 0, NULL, ?, ?, ?)
      ON CONFLICT (site_id, id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen), browser_seen = coalesce(browser_seen, excluded.browser_seen)`)
    .bind(siteId, id, now, now, now);

/** One transactional round trip: create/touch the visitor, set its first company or upgrade it, read what is stored. */
async function record(db: D1Database, siteId: string, id: string, best: Resolution | null, org: string, now: number) {
  const writes = [touch(db, siteId, id, now)];
  if (best) {
    const set = 'UPDATE visitors SET company_domain = ?, confidence = ?, source = ? WHERE site_id = ? AND id = ?';
    writes.push(
      db.prepare(`${set} AND company_domain IS NULL RETURNING 1 AS first`).bind(best.domain, best.confidence, best.source, siteId, id),
      db.prepare(`${set} AND confidence < ? RETURNING 1 AS upgraded`).bind(best.domain, best.confidence, best.source, siteId, id, best.confidence),
    );
  }
  writes.push(db.prepare('SELECT company_domain, confidence, source FROM visitors WHERE site_id = ? AND id = ?').bind(siteId, id));
  const results = await db.batch<Record<string, any>>(writes);
  const firstResolved = best ? (results[1]?.results.length ?? 0) > 0 : false;
  const changed = firstResolved || (best ? (results[2]?.results.length ?? 0) > 0 : false);
  const row = results[results.length - 1]?.results[0] as Stored | undefined;
  if (changed && best && org && best.confidence >= CONFIDENCE['ip-range']) await learnOrg(db, siteId, org, best.domain, now);
  if (!row?.company_domain) return null;
  const same = best && row.company_domain === best.domain && row.confidence === best.confidence;
  const resolution = same ? best! : { domain: row.company_domain, confidence: row.confidence, source: row.source ?? 'identify' };
  return { ...resolution, firstResolved };
}

/** Evidence that an AS organisation is this company's network; a second, different domain makes it ambiguous for good. */
async function learnOrg(db: D1Database, siteId: string, org: string, domain: string, now: number) {
  await db
    .prepare(`INSERT INTO org_domains (site_id, org_key, domain, seen, updated_at) VALUES (?, ?, ?, 1, ?)
      ON CONFLICT (site_id, org_key) DO UPDATE SET
        domain = CASE WHEN org_domains.domain = excluded.domain THEN org_domains.domain ELSE NULL END,
        seen = org_domains.seen + 1, updated_at = excluded.updated_at`)
    .bind(siteId, org, domain, now)
    .run();
}
