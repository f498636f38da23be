// The companies list's query fields, shared by GET /v1/companies (JSON and CSV) and the dashboard explorer.
import * as z from 'zod';
import { SORTS, type Cursor, type SortId } from '../db/company-list';
import { cursorField } from '../lib/cursor';
import { STAGES } from '../scoring/types';

// A domain-order cursor as first issued (a string), or [sort value, domain] for every order.
const isPosition = (d: unknown): d is string | Cursor =>
  typeof d === 'string' || (Array.isArray(d) && d.length === 2 && (d[0] === null || Number.isFinite(d[0])) && typeof d[1] === 'string');
export const companyCursor = () => cursorField(isPosition).transform((d): Cursor => (typeof d === 'string' ? [null, d] : d));

/** The list's filters, shared by the JSON pages, the CSV export and the dashboard explorer (built by each user's schema, on first use). */
export const listFilters = () => ({
  stage: z.enum(STAGES).optional(),
  salesAttention: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  q: z.string().trim().max(100).optional().transform((v) => v || undefined),
  sort: z.enum(Object.keys(SORTS) as [SortId, ...SortId[]]).default('domain'),
});
