// The vocabulary of scoring: stages, event types, categories, and the engine's inputs and outputs.
export const STAGES = ['target', 'education', 'solution', 'evaluation', 'ready'] as const;
export type StageId = (typeof STAGES)[number];

export const EVENT_TYPES = [
  'pageview', 'download', 'form', 'media', 'tool', 'sales_meeting', 'proposal',
  'unsubscribe', 'competitor_visit', 'reference_request', 'security_review',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** Event types that carry a content category (the others are judged by type or form kind). */
export const CONTENT_TYPES: ReadonlySet<EventType> = new Set(['pageview', 'download', 'media', 'tool']);

export const CATEGORIES = [
  // education
  'blog', 'glossary', 'explainer', 'report', 'newsletter', 'webinar',
  // solution
  'guide', 'product-webinar', 'roi-calculator', 'benchmark', 'success-story', 'features', 'product',
  // evaluation
  'pricing', 'case-study', 'comparison', 'docs', 'integration', 'demo', 'trial',
  // ready
  'security', 'procurement', 'onboarding', 'implementation', 'references', 'proposal',
  // neutral
  'home', 'about', 'careers', 'legal', 'contact', 'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const FORM_KINDS = ['demo', 'trial', 'contact', 'subscribe', 'download', 'reference', 'security', 'unsubscribe'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export type Model = 'five-stage' | 'four-stage';

/** Who vouches for an event: the secret-key API, or a browser beacon (anyone can forge one). */
export const EVIDENCE = ['server', 'browser'] as const;
export type Evidence = (typeof EVIDENCE)[number];

/** One event as the engine sees it: canonical, validated, time in epoch ms. */
export interface ScoringEvent {
  id: string;
  type: EventType;
  ts: number;
  /** Absent: 'server' (the engine's callers that know better say so; ingest always does). */
  source?: Evidence;
  /**
   * Browser events: who sent it, for counting distinct clients (evidence.ts): a key of the sender's network when
   * the company is only claimed, the visitor itself when the network named the company. Absent: unknown.
   */
  client?: string;
  visitor?: string;
  session?: string;
  category?: Category;
  form?: FormKind;
  engagedMs?: number;
  scrollDepth?: number;
  completion?: number;
  attention?: number;
  /** Duration of the session so far, ms (browser beacons carry it); feeds the session-duration bonus. */
  sessionMs?: number;
  /**
   * Set when this is a later measurement of an event already scored (the snippet's engagement
   * beacon for a page view or a media element, same id): the figures stored before. The engine
   * scores only the difference, and counts the view for triggers only when it newly qualifies.
   */
  previous?: { engagedMs?: number; completion?: number; attention?: number; scrollDepth?: number };
}

/** One explained change of a company's score. Deltas of all rows add up to the score. */
export interface LedgerRow {
  ts: number;
  delta: number;
  scoreAfter: number;
  /** e.g. 'points:pageview/blog', 'gate:demo-request', 'bonus:velocity', 'decay', 'negative:unsubscribe' */
  reason: string;
  eventId: string | null;
}

export interface Transition {
  from: StageId;
  to: StageId;
  at: number;
  score: number;
  /** The ledger reason that caused it (gate id, 'decay', …). */
  reason: string;
}

/** What an engine call returns besides the new state. */
export interface EngineResult<S> {
  state: S;
  ledger: LedgerRow[];
  transitions: Transition[];
}

/** A company's public standing at some moment, decay applied. */
export interface Standing {
  score: number;
  stage: StageId;
  salesAttention: boolean;
}

// ---- The rulebook's shape (defaults in rules.ts, a site's overrides merged by overrides.ts) ----

export type Phase = 'education' | 'solution' | 'evaluation' | 'ready' | 'neutral';

/**
 * A gate. An event matches when its type is in `types`, and (for content events) its category is in
 * `categories`, (for forms) its kind is in `forms`, (for pageviews, when `qualifying`) it has at least
 * `qualifyingViewMs` engaged time, and each `above` figure is strictly exceeded. Without `count` one
 * matching event fires it; with `count`, it fires when `count` matching events (or distinct sessions,
 * or distinct visitors: `per`) fall within `windowDays` of the event ('same-session': within its session).
 */
export interface TriggerRule {
  enabled: boolean;
  target: StageId;
  /** Fires only when the company is already at this stage or above (before this event's gates). */
  from: StageId | null;
  /** Score the gate lifts to; default the floor of `target`. */
  floor: number | null;
  types: readonly EventType[];
  categories: readonly Category[] | null;
  forms: readonly FormKind[] | null;
  qualifying: boolean;
  above: { attention?: number; completion?: number };
  count: number | null;
  per: 'event' | 'session' | 'visitor' | 'same-session';
  windowDays: number | null;
  /** Counts for salesAttention when it fired within `salesAttention.windowDays`. */
  highEngagement: boolean;
}

export interface Rules {
  model: Model;
  /** Lowest score of each stage ('target' is 0). */
  bands: { education: number; solution: number; evaluation: number; ready: number };
  qualifyingViewMs: number;
  phases: Record<Phase, readonly Category[]>;
  triggers: Record<string, TriggerRule>;
  points: {
    /** Points per event type before category weight and depth; forms use `form` instead. */
    base: Record<EventType, number>;
    form: Record<FormKind, number>;
    category: Record<Category, number>;
    /** Event types whose points are exact: no category weight, depth or velocity bonus. */
    exact: Partial<Record<EventType, number>>;
    /** Event types scaled by engagement depth. */
    depthScaled: readonly EventType[];
    depth: {
      base: number; perAttention: number; attentionCap: number; perCompletion: number;
      unmeasured: number; engagedMsPerAttention: number;
    };
  };
  velocity: {
    maxMultiplier: number;
    sessions: { pct: number; count: number; windowDays: number };
    longerSessions: { pct: number; windowDays: number };
    problemToSolution: { pct: number; windowDays: number };
  };
  decay: { points: number; periodDays: number };
  negatives: Record<string, {
    delta: number; doubleDecayDays: number; types: readonly EventType[]; forms: readonly FormKind[] | null;
  }>;
  salesAttention: { windowDays: number };
  /**
   * Bounded forgery: a company reaches the Ready band, and Ready-stage gates fire, only with a server event or
   * browser events from `clients` distinct clients (different visitor and network) within `windowDays`;
   * else its score stops `margin` below the Ready band. Not a site override: it is the public key's contract.
   */
  evidence: { clients: number; windowDays: number; margin: number };
  /** "Content that helps" move a company from this stage to the next (`/v1/stage` → `recommended`). */
  recommended: Record<StageId, readonly Category[]>;
  /** First match wins: `*` matches any run of characters; the site's own patterns come first. */
  urlPatterns: readonly { pattern: string; category: Category }[];
}

/** [first ts, last ts, key (session or visitor id) or null, number of events]. */
export type Hit = [number, number, string | null, number];
/** [session id, first ts, last ts, duration ms]. */
export type SessionMark = [string, number, number, number];
/**
 * A recently scored event (bonus.ts): [event id, ts, points units, 1 if solution-phase content, bonus units paid for
 * sessions, longer-sessions, problem-to-solution], so a late event can re-judge its bonuses and pay what is missing once.
 */
export type BonusMark = [string, number, number, 0 | 1, number, number, number];

/**
 * A company's compact rolling state (JSON, stored in companies.state). Every list is bounded
 * (see LIMITS in state.ts), so scoring an event costs the same after 10 or 50,000 events.
 */
export interface CompanyState {
  v: 1;
  /** Score in units of 0.0001 (integers, so ledger deltas add up exactly) as of `asOf`. */
  units: number;
  /** Time up to which decay has been written. */
  asOf: number | null;
  lastEventAt: number | null;
  lastPositiveAt: number | null;
  /** Decay periods since lastPositiveAt already written. */
  decayPeriods: number;
  /** Windows [from, until] in which decay runs at double rate (negative signals). */
  doubled: [number, number][];
  /** Per counting trigger: the recent matching events. */
  hits: Record<string, Hit[]>;
  /** Last time each trigger fired (gate condition met and `from` satisfied). */
  fired: Record<string, number>;
  /** Visitor id → last seen (stakeholders). */
  visitors: Record<string, number>;
  sessions: SessionMark[];
  /** Per UTC day number of session start: [day, sessions, total duration ms] (session-duration bonus). */
  days: [number, number, number][];
  /** Recent times of education-phase content (problem → solution bonus). */
  eduAt: number[];
  /** Recently scored events and the bonuses paid on them (absent in states stored before: read as empty). */
  bonused: BonusMark[];
  /** Who vouched lately (evidence.ts): the last server event, and recent browser clients [visitor, client, at]. */
  proof?: { serverAt: number | null; browser: [string, string, number][] };
}
