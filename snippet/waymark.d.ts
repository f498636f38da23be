// window.waymark, the snippet's public API (docs/snippet.md). snippet/w.ts installs exactly this object (typed by it),
// and test/types/waymark-api.ts checks it against the Worker's /v1/stage answer: `npm run typecheck` fails on drift.

/** A buying stage, earliest first. */
export type WaymarkStageId = 'target' | 'education' | 'solution' | 'evaluation' | 'ready';

/** `GET /v1/stage`'s answer for this visitor: never a score nor sales attention (docs/api-public.md). */
export interface WaymarkStanding {
  stage: WaymarkStageId;
  /** Content categories to show a visitor at this stage (the site's rules), e.g. `['case-study', 'pricing']`. */
  recommended: string[];
  /** The visitor's company when the public may know it; `name` is null for a company only the browser claimed. */
  company: { domain: string; name: string | null } | null;
}

/** `track()`'s event types: canonical names or their wire codes. */
export type WaymarkTrackType = 'download' | 'tool' | 'media' | 'form' | 'dl' | 'tl' | 'md' | 'fm';

export interface WaymarkTrackFields {
  /** Content category, e.g. `'roi-calculator'`; else the page's. */
  category?: string;
  /** Form kind (`'demo'`, `'trial'`, `'contact'`, …) for a `form` event. */
  form?: string;
  /** 0–1, e.g. the share of a recording played. */
  completion?: number;
  engagedMs?: number;
  /** An idempotency key: the same id sent twice counts once. */
  id?: string;
}

export interface Waymark {
  /** This visitor's standing, or null (Do-Not-Track, Global Privacy Control, no answer from the Worker). */
  stage(): Promise<WaymarkStanding | null>;
  /** Identifies the visitor's company from an email or a domain: only the domain leaves the page. */
  identify(emailOrDomain: string): void;
  /** true keeps a random first-party visitor id in localStorage (`waymark:v`) and sends it; false deletes it. */
  consent(granted: boolean): void;
  /** An event the page knows best; it sends its own beacon. */
  track(type: WaymarkTrackType, fields?: WaymarkTrackFields): void;
}

declare global {
  interface Window {
    /** Set by the snippet (or, before it loads, by the queue stub: then each call returns a Promise of its result). */
    waymark?: Waymark;
  }
}
