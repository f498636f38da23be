// A company as the API, the CSV export and the dashboard show it: standing at `now` (lazy decay), ISO times.
import type { Site } from '../env';
import { listCompanies, type CompanyRow, type ListFilter } from '../db/company-list';
import { stakeholdersAt, standingAt, type CompanyState } from '../scoring';
import { rulesOf } from '../site-cache';
import { iso } from '../lib/time';

export function companySummary(site: Site, row: Pick<CompanyRow, 'domain' | 'name' | 'state' | 'stageSince' | 'lastEngagedAt'>, now: number) {
  const state = JSON.parse(row.state) as CompanyState;
  const standing = standingAt(state, now, rulesOf(site));
  return {
    domain: row.domain, name: row.name, stage: standing.stage, score: standing.score, salesAttention: standing.salesAttention,
    stageSince: iso(row.stageSince), lastEngagedAt: iso(row.lastEngagedAt), stakeholders: stakeholdersAt(state, now),
  };
}
export type CompanySummary = ReturnType<typeof companySummary>;

export const CSV_COLUMNS = ['domain', 'name', 'stage', 'score', 'salesAttention', 'stageSince', 'lastEngagedAt', 'stakeholders'] as const;
const CSV_PAGE = 1000;

/** RFC 4180 quoting; a leading = + - @ is defused with a quote so a spreadsheet never runs a name as a formula. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every company the filter matches as CSV with a header row, streamed a page of 1000 at a time. */
export function companiesCsv(db: D1Database, site: Site, filter: Omit<ListFilter, 'cursor' | 'limit'>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cursor: ListFilter['cursor'];
  let started = false;
  let done = false;
  const now = Date.now();
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode(CSV_COLUMNS.join(',') + '\r\n'));
        return;
      }
      if (done) return controller.close();
      const page = await listCompanies(db, site.id, { ...filter, cursor, limit: CSV_PAGE });
      const lines = page.rows.map((r) => {
        const s = companySummary(site, r, now);
        return CSV_COLUMNS.map((c) => csvField(s[c])).join(',') + '\r\n';
      });
      if (lines.length) controller.enqueue(enc.encode(lines.join('')));
      cursor = page.next ?? undefined;
      if (!page.next) done = true;
    },
  });
}
