// The browser wire format: short keys on the wire (shape: wire-format.ts), validated and mapped to canonical names here.
import * as z from 'zod';
import { MAX_ID } from '../lib/limits';
import { CATEGORIES, FORM_KINDS } from '../scoring/types';
import type { IngestEvent } from './types';
import { WIRE_TYPES, type WireBeacon as SentBeacon, type WireEvent as SentEvent } from './wire-format';

export { WIRE_TYPES };
type WireType = keyof typeof WIRE_TYPES | (typeof WIRE_TYPES)[keyof typeof WIRE_TYPES];
const formKindOf = (c: string | undefined) => (FORM_KINDS as readonly string[]).includes(c ?? '') ? (c as (typeof FORM_KINDS)[number]) : undefined;

/** Reading speed for attention = engaged time ÷ expected reading time. */
export const WORDS_PER_MINUTE = 230;

// Built on first use, not at module load: zod construction was most of a cold start's CPU (npm run bundle).
let schemas: ReturnType<typeof build> | undefined;
/** The beacon schema (built once, on first use). */
export const wireBeacon = () => (schemas ??= build()).wireBeacon;

function build() {
  const unit = z.number().finite().min(0).max(1);
  const wireEvent = z.object({
    i: z.string().min(1).max(MAX_ID),                // id (idempotency key)
    // The snippet's own events use codes; waymark.track(type) passes the canonical name through.
    // Absent on an update (r: 1): the update of a page view, whose type, category and path went with the view.
    t: z.enum([...Object.keys(WIRE_TYPES), ...Object.values(WIRE_TYPES)] as [WireType, ...WireType[]]).optional(),
    r: z.literal(1).optional(),                      // 1: engagement update of event i (cumulative figures)
    // A page's typo must not cost the whole beacon: an unknown category is dropped (the URL rules decide).
    c: z.enum(CATEGORIES).optional().catch(undefined), // category (page, element or track())
    u: z.string().max(2048).optional(),              // URL path of the page
    m: z.number().int().min(0).max(86_400_000).optional(), // engaged ms
    d: unit.optional(),                              // scroll depth
    p: unit.optional(),                              // completion
    w: z.number().int().min(0).max(1_000_000).optional(),  // words in the main content
    f: z.enum(FORM_KINDS).optional().catch(undefined), // form kind (else from a form-kind category, else contact)
  }).refine((e) => e.t !== undefined || e.r === 1, { message: 'an event needs a type unless it is an update', path: ['t'] });

  const wireBeacon = z.object({
    k: z.string().min(1).max(64),                    // site public key
    v: z.string().min(8).max(MAX_ID).optional(),     // consented first-party visitor id
    s: z.string().min(1).max(MAX_ID).optional(),     // session id
    sm: z.number().int().min(0).max(86_400_000).optional(), // session duration so far, ms
    a: z.union([z.literal(1), z.boolean()]).optional(), // navigator.webdriver (the snippet sends it as is)
    id: z.string().min(1).max(253).optional(),       // identified domain (work email's domain, or identify())
    e: z.array(wireEvent).min(1).max(50),
  });
  return { wireEvent, wireBeacon };
}
type Schemas = ReturnType<typeof build>;
export type WireBeacon = z.infer<Schemas['wireBeacon']>;
// The keys the snippet sends (wire-format.ts) are exactly the keys this schema takes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameKeys: Same<keyof z.input<Schemas['wireBeacon']>, keyof SentBeacon> & Same<keyof z.input<Schemas['wireEvent']>, keyof SentEvent> = true;
void _sameKeys;

export interface DecodedBeacon {
  publicKey: string;
  visitorId?: string;
  identifiedDomain?: string;
  automated: boolean;
  /** Events without company; `update` marks engagement updates of an earlier event with the same id. */
  events: (IngestEvent & { update?: boolean })[];
}

/** Maps a validated beacon to canonical events stamped with the server's receive time. */
/**
 * `categoryOf` gives a page's category from its URL (the site's patterns): a form whose page did not name
 * its kind takes it from the page it sits on (/demo → demo, /trial → trial), else it is a contact form.
 */
export function decodeBeacon(b: WireBeacon, receivedAt: number, categoryOf: (url: string) => string | undefined = () => undefined): DecodedBeacon {
  const automated = b.a === 1 || b.a === true;
  return {
    publicKey: b.k,
    visitorId: b.v,
    identifiedDomain: b.id,
    automated,
    events: b.e.map((w) => ({
      id: w.i,
      type: !w.t ? 'pageview' : w.t in WIRE_TYPES ? WIRE_TYPES[w.t as keyof typeof WIRE_TYPES] : (w.t as (typeof WIRE_TYPES)[keyof typeof WIRE_TYPES]),
      ts: receivedAt,
      update: w.r === 1 || undefined,
      category: w.c,
      url: w.u,
      form: w.f ?? (w.t === 'fm' || w.t === 'form' ? formKindOf(w.c) ?? formKindOf(w.u && categoryOf(w.u)) ?? 'contact' : undefined),
      engagedMs: w.m,
      scrollDepth: w.d,
      completion: w.p,
      attention: w.m !== undefined && w.w ? w.m / ((w.w / WORDS_PER_MINUTE) * 60_000) : undefined,
      session: b.s,
      sessionMs: b.sm,
      visitor: b.v,
      automated: automated || undefined,
    })),
  };
}
