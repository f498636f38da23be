// Ledger reasons in words a marketer reads: "gate:pricing-in-session" → "Read the pricing page twice in one session".
import { REASON_JOIN } from '../ingest/ledger-merge';
const GATES: Record<string, string> = {
  'blog-views': 'Read three blog posts within two weeks',
  'report-download': 'Downloaded a report and read it closely',
  'webinar-attended': 'Watched three quarters of a webinar',
  'guide-completed': 'Read most of a guide',
  'roi-calculator': 'Used the ROI calculator',
  'solution-webinar': 'Watched half of a product webinar',
  'pricing-in-session': 'Read the pricing page twice in one session',
  'demo-request': 'Asked for a demo or a trial',
  'proof-download': 'Downloaded a case study or a comparison',
  stakeholders: 'Three people from the company engaged within 30 days',
  'pricing-revisit': 'Came back to the pricing page in another session',
  proposal: 'Received a proposal',
  'onboarding-docs': 'Read the onboarding or implementation docs',
  'references-security': 'Asked for references or a security review',
  'security-pages': 'Read the security or procurement pages',
};
const BONUSES: Record<string, string> = {
  sessions: 'Bonus: came back in two or more sessions this week',
  'longer-sessions': 'Bonus: sessions are getting longer',
  'problem-to-solution': 'Bonus: moved from problem to solution content within a week',
};
const FORMS: Record<string, string> = {
  demo: 'Asked for a demo', trial: 'Started a trial', contact: 'Sent the contact form', subscribe: 'Subscribed',
  download: 'Filled in a download form', reference: 'Asked for references', security: 'Asked for a security review', unsubscribe: 'Unsubscribed',
};
const TYPES: Record<string, (what: string) => string> = {
  pageview: (c) => `Read ${article(c)} page`,
  download: (c) => `Downloaded ${article(c)}`,
  media: (c) => `Watched ${article(c)}`,
  tool: (c) => `Used the ${c} tool`,
  sales_meeting: () => 'Met with sales',
  proposal: () => 'Received a proposal',
  reference_request: () => 'Asked for references',
  security_review: () => 'Asked for a security review',
};
const OTHERS: Record<string, string> = {
  decay: 'No engagement for a decay period: the score fades',
  'decay:doubled': 'Faded twice as fast after a negative signal',
  'negative:unsubscribe': 'Unsubscribed',
  'negative:competitor_visit': 'Visited a competitor',
  summary: 'Earlier history, summarised',
};

const label = (category: string) => category.replace(/-/g, ' ').replace(/\broi\b/, 'ROI');
function article(category: string): string {
  const l = label(category);
  return `${/^[aeiou]/i.test(l) ? 'an' : 'a'} ${l}`;
}

/** The words for a ledger reason; an unknown reason (a site's own trigger) is shown as itself, humanised. */
export function reasonInWords(reason: string): string {
  if (reason.includes(REASON_JOIN)) return reason.split(REASON_JOIN).map(reasonInWords).join('; ');
  if (OTHERS[reason]) return OTHERS[reason];
  const [kind, rest = ''] = reason.split(/:(.*)/s);
  if (kind === 'gate') return GATES[rest] ?? `Reached the “${label(rest)}” milestone`;
  if (kind === 'bonus') return BONUSES[rest] ?? `Bonus: ${label(rest)}`;
  if (kind === 'negative') return `Negative signal: ${label(rest)}`;
  if (kind === 'points') {
    const [type = '', detail = ''] = rest.split('/');
    if (type === 'form') return FORMS[detail] ?? `Sent a ${label(detail)} form`;
    return TYPES[type]?.(detail || 'other') ?? label(type);
  }
  return label(reason);
}

/** "+0.48", "−1.00": signed, two decimals, a real minus sign. */
export const signed = (d: number) => `${d < 0 ? '−' : '+'}${Math.abs(d).toFixed(2)}`;
