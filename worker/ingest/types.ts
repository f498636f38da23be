// The canonical event after validation: what both ingest paths (/v1/events, the beacon queue) hand the core.
import type { ScoringEvent } from '../scoring/types';

export interface IngestEvent extends ScoringEvent {
  company?: { domain: string; name?: string };
  url?: string;
  automated?: boolean;
  /** A browser engagement update: later, higher figures for the event with the same id (see wire.ts). */
  update?: boolean;
}

/** Per-request facts the company resolver may use (never stored raw). */
export interface ResolveContext {
  visitorId?: string;
  /** Host of a work email at form submit or waymark.identify(), normalised, passing the rules (D1 lists checked at resolve). */
  identifiedDomain?: string;
  ip?: string;
  asOrganization?: string;
  asn?: number;
  userAgent?: string;
  acceptLanguage?: string;
  automated?: boolean;
}

/** What one ingest call changed for one company: handed to stats and webhooks after scoring. */
export interface CompanyChange {
  siteId: string;
  domain: string;
  name: string | null;
  before: import('../scoring/types').Standing;
  after: import('../scoring/types').Standing;
  transitions: import('../scoring/types').Transition[];
  /** The events scored for this company in this call (after dedup), in time order. */
  events: IngestEvent[];
  at: number;
}
