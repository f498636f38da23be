// The ip_ranges table: a site's own CIDR ranges → company, stored as 128-bit hex bounds (worker/identity/cidr.ts).
import { containingStarts, type HexRange } from '../identity/cidr';

export interface RangeRow {
  start_hex: string;
  prefix: number;
  domain: string;
  name: string | null;
  created_at: number;
}

export interface NewRange {
  range: HexRange;
  domain: string;
  name: string | null;
}

/** Inserts or updates ranges in transactional batches of 100 (all or none per batch). */
export async function upsertRanges(db: D1Database, siteId: string, ranges: NewRange[], now: number): Promise<void> {
  const stmt = db.prepare(`INSERT INTO ip_ranges (site_id, start_hex, end_hex, prefix, domain, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site_id, start_hex, prefix) DO UPDATE SET domain = excluded.domain, name = excluded.name`);
  for (let i = 0; i < ranges.length; i += 100)
    await db.batch(ranges.slice(i, i + 100).map((r) => stmt.bind(siteId, r.range.start, r.range.end, r.range.prefix, r.domain, r.name, now)));
}

/** Up to `limit` ranges after `after` (start, prefix) in address order, optionally of one domain. */
export async function listRanges(db: D1Database, siteId: string, after: [string, number], limit: number, domain?: string): Promise<RangeRow[]> {
  const { results } = await db
    .prepare(
      `SELECT start_hex, prefix, domain, name, created_at FROM ip_ranges WHERE site_id = ?1 AND (start_hex, prefix) > (?2, ?3)
       ${domain ? 'AND domain = ?5' : ''} ORDER BY start_hex, prefix LIMIT ?4`,
    )
    .bind(siteId, after[0], after[1], limit, ...(domain ? [domain] : []))
    .all<RangeRow>();
  return results;
}

/** Deletes one range (by start and prefix) or every range of a domain; answers how many rows went. */
export async function deleteRanges(db: D1Database, siteId: string, what: { range: HexRange } | { domain: string }): Promise<number> {
  const res = 'range' in what
    ? await db.prepare('DELETE FROM ip_ranges WHERE site_id = ? AND start_hex = ? AND prefix = ?').bind(siteId, what.range.start, what.range.prefix).run()
    : await db.prepare('DELETE FROM ip_ranges WHERE site_id = ? AND domain = ?').bind(siteId, what.domain).run();
  return res.meta.changes ?? 0;
}

/**
 * Longest-prefix match as primary-key probes: a range containing the address starts at the address masked to its
 * prefix, so only those starts can match (≤ 113 distinct, inlined: they are hex digits we computed, and D1 allows at
 * most 100 bound parameters). `end_hex >= ip` drops a range that shares a start but is narrower than needed.
 */
export function longestPrefixStatement(db: D1Database, siteId: string, ipHex: string): D1PreparedStatement {
  const starts = containingStarts(ipHex).map((s) => `'${s}'`).join(',');
  return db.prepare(`SELECT domain, name FROM ip_ranges WHERE site_id = ?1 AND start_hex IN (${starts}) AND end_hex >= ?2 ORDER BY prefix DESC LIMIT 1`)
    .bind(siteId, ipHex);
}
