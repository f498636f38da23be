// Pure planning step of the ingest core: what was read + the incoming events → events to store and to score.
import type { Category, EventType, FormKind } from '../scoring/types';
import type { StoredEvent } from './store';
import type { IngestEvent } from './types';

const FIGURES = ['engagedMs', 'scrollDepth', 'completion', 'attention'] as const;

export function storedToEvent(r: StoredEvent): IngestEvent {
  // Rows stored before sources were recorded read as browser events: the cautious reading (evidence.ts).
  const ev: IngestEvent = { id: r.id, ts: r.ts, type: r.type as EventType, source: r.source === 'server' ? 'server' : 'browser' };
  if (r.client) ev.client = r.client;
  if (r.visitor_id) ev.visitor = r.visitor_id;
  if (r.session_id) ev.session = r.session_id;
  if (r.category) ev.category = r.category as Category;
  if (r.form) ev.form = r.form as FormKind;
  if (r.engaged_ms !== null) ev.engagedMs = r.engaged_ms;
  if (r.scroll_depth !== null) ev.scrollDepth = r.scroll_depth;
  if (r.completion !== null) ev.completion = r.completion;
  if (r.attention !== null) ev.attention = r.attention;
  if (r.session_ms !== null) ev.sessionMs = r.session_ms;
  return ev;
}

/** The later measurement merged over the stored one, only upward; null when no figure rose. */
export function raised(stored: IngestEvent, later: IngestEvent): IngestEvent | null {
  let rose = false;
  const out: IngestEvent = { ...stored };
  for (const f of FIGURES) {
    const v = later[f];
    if (v !== undefined && v > (stored[f] ?? -1)) (out[f] = v), (rose = true);
  }
  if (later.sessionMs !== undefined) out.sessionMs = Math.max(later.sessionMs, stored.sessionMs ?? 0);
  return rose ? out : null;
}

export const figuresOf = (ev: IngestEvent) => Object.fromEntries(FIGURES.filter((f) => ev[f] !== undefined).map((f) => [f, ev[f]]));

/** Collapses repeated ids within one batch: updates merge upward into the first; plain repeats are duplicates. */
export function dedupeBatch(events: IngestEvent[]): { unique: IngestEvent[]; duplicates: number } {
  const byId = new Map<string, IngestEvent>();
  let duplicates = 0;
  for (const ev of events) {
    const first = byId.get(ev.id);
    if (!first) byId.set(ev.id, { ...ev });
    else if (ev.update) byId.set(ev.id, { ...(raised(first, ev) ?? first), update: first.update });
    else duplicates++;
  }
  return { unique: [...byId.values()], duplicates };
}
