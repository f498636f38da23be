// The browser wire format's shape: one place for the short keys, imported by the snippet (types only) and the Worker.
// Validation and the mapping to canonical names: worker/ingest/wire.ts.

/** Wire type code → canonical type. The browser may only send what a page can observe. */
export const WIRE_TYPES = { pv: 'pageview', dl: 'download', fm: 'form', md: 'media', tl: 'tool' } as const;
export type WireTypeCode = keyof typeof WIRE_TYPES;
export type WireType = WireTypeCode | (typeof WIRE_TYPES)[WireTypeCode];

/** One event. A page view is sent once in full, then as updates (r: 1) carrying only the figures that changed. */
export interface WireEvent {
  /** Id: the idempotency key, and the event an update belongs to. */
  i: string;
  /** Type code, or track()'s canonical name. Absent on an update: a page view's. */
  t?: WireType;
  /** 1: an update of event i (cumulative figures, merged upward; fields it lacks keep their stored value). */
  r?: 1;
  /** Content category (the page's, an element's or track()'s). */
  c?: string;
  /** URL path of the page (never the query string). */
  u?: string;
  /** Engaged ms. */
  m?: number;
  /** Scroll depth 0–1. */
  d?: number;
  /** Completion 0–1: the share of the main content read (dwell per slice), or of the media played. */
  p?: number;
  /** Words in the main content: sent with every m, for attention = engaged ÷ expected reading time. */
  w?: number;
  /** Form kind (data-waymark-form). */
  f?: string;
}

/** One beacon: fields common to its events travel once, here. */
export interface WireBeacon {
  /** Site public key. */
  k: string;
  /** Consented first-party visitor id. */
  v?: string;
  /** Session id. */
  s?: string;
  /** Session duration so far, ms (absent: 0). */
  sm?: number;
  /** 1: the browser showed automation signals (navigator.webdriver, headless, no languages...). */
  a?: 1 | boolean;
  /** Identified company domain (a work email's domain, or identify()). */
  id?: string;
  e: WireEvent[];
}
