// The visitors and org_domains tables as the resolver ladder and the salted visitor ids use them: one read, one write.
import type { Resolution } from '../identity/resolve';
import { longestPrefixStatement } from './ip-ranges';

/** A visitor's stored company, as the resolver upgrades it. */
export interface StoredVisitor {
  companyDomain: string | null;
  confidence: number;
  source: Resolution['source'] | null;
}

const STORED = 'SELECT company_domain AS companyDomain, confidence, source FROM visitors WHERE site_id = ? AND id = ?';

/** Whether the visitor was seen at or after `since` (a session crossing midnight keeps yesterday's id). */
export async function activeVisitor(db: D1Database, siteId: string, id: string, since: number): Promise<boolean> {
  return !!(await db.prepare('SELECT 1 AS x FROM visitors WHERE site_id = ? AND id = ? AND last_seen >= ?').bind(siteId, id, since).first());
}

export interface ResolverFacts {
  stored: StoredVisitor | null;
  range: { domain: string; name: string | null } | null;
  learned: { domain: string } | null;
}

/** One round trip, each part only when asked: the visitor's stored company, the longest matching IP range, the learned AS-org mapping. */
export async function resolverFacts(db: D1Database, siteId: string, ask: { visitorId?: string; ipHex?: string | null; org?: string; minAgreements: number }): Promise<ResolverFacts> {
  const reads: D1PreparedStatement[] = [];
  if (ask.visitorId) reads.push(db.prepare(STORED).bind(siteId, ask.visitorId));
  if (ask.ipHex) reads.push(longestPrefixStatement(db, siteId, ask.ipHex));
  if (ask.org) reads.push(db.prepare('SELECT domain FROM org_domains WHERE site_id = ? AND org_key = ? AND domain IS NOT NULL AND seen >= ?').bind(siteId, ask.org, ask.minAgreements));
  const results = reads.length ? await db.batch(reads) : [];
  let i = 0;
  const next = <T>() => (results[i++]?.results[0] as T | undefined) ?? null;
  return {
    stored: ask.visitorId ? next<StoredVisitor>() : null,
    range: ask.ipHex ? next<ResolverFacts['range']>() : null,
    learned: ask.org ? next<ResolverFacts['learned']>() : null,
  };
}

// Only beacons reach the resolver: browser_seen records the first time a browser used this id (identity/public-stage.ts).
const touch = (db: D1Database, siteId: string, id: string, now: number) =>
  db.prepare(`INSERT INTO visitors (site_id, id, company_domain, confidence, source, first_seen, last_seen, browser_seen) VALUES (?, ?, NULL, 0, NULL, ?, ?, ?)
      ON CONFLICT (site_id, id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen), browser_seen = coalesce(browser_seen, excluded.browser_seen)`)
    .bind(siteId, id, now, now, now);

/** Creates the visitor or keeps its last_seen fresh. */
export async function touchVisitor(db: D1Database, siteId: string, id: string, now: number): Promise<void> {
  await touch(db, siteId, id, now).run();
}

/**
 * One transactional round trip: create/touch the visitor, set its first company or upgrade a lower rung, read what is
 * stored. `firstResolved`: the visitor had no company before; `changed`: this call wrote its company.
 */
export async function recordResolution(db: D1Database, siteId: string, id: string, best: Resolution | null, now: number) {
  const writes = [touch(db, siteId, id, now)];
  if (best) {
    const set = 'UPDATE visitors SET company_domain = ?, confidence = ?, source = ? WHERE site_id = ? AND id = ?';
    writes.push(
      db.prepare(`${set} AND company_domain IS NULL RETURNING 1 AS first`).bind(best.domain, best.confidence, best.source, siteId, id),
      db.prepare(`${set} AND confidence < ? RETURNING 1 AS upgraded`).bind(best.domain, best.confidence, best.source, siteId, id, best.confidence),
    );
  }
  writes.push(db.prepare(STORED).bind(siteId, id));
  const results = await db.batch(writes);
  const firstResolved = best ? (results[1]?.results.length ?? 0) > 0 : false;
  const changed = firstResolved || (best ? (results[2]?.results.length ?? 0) > 0 : false);
  return { firstResolved, changed, stored: (results.at(-1)?.results[0] as StoredVisitor | undefined) ?? null };
}

/** Evidence that an AS organisation is this company's network; a second, different domain makes it ambiguous for good. */
export async function learnOrg(db: D1Database, siteId: string, org: string, domain: string, now: number): Promise<void> {
  await db
    .prepare(`INSERT INTO org_domains (site_id, org_key, domain, seen, updated_at) VALUES (?, ?, ?, 1, ?)
      ON CONFLICT (site_id, org_key) DO UPDATE SET
        domain = CASE WHEN org_domains.domain = excluded.domain THEN org_domains.domain ELSE NULL END,
        seen = org_domains.seen + 1, updated_at = excluded.updated_at`)
    .bind(siteId, org, domain, now)
    .run();
}
