// The vocabulary of scoring: stages, event types, categories, and the engine's inputs and outputs.
export const STAGES = ['target', 'education', 'solution', 'evaluation', 'ready'] as const;
export type StageId = (typeof STAGES)[number];

export const EVENT_TYPES = [
  'pageview', 'download', 'form', 'media', 'tool', 'sales_meeting', 'proposal',
  'unsubscribe', 'competitor_visit', 'reference_request', 'security_review',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

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

/** One event as the engine sees it: canonical, validated, time in epoch ms. */
export interface ScoringEvent {
  id: string;
  type: EventType;
  ts: number;
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
