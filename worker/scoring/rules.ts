// The default rulebook: every stage, gate, weight, bonus and decay rule of SPEC.md as typed data.
import type { Rules, TriggerRule } from './types';

const DAY = 1; // windows are in days

/** What a trigger is unless it says otherwise (also the base of a site's own new triggers). */
export const triggerDefaults = {
  enabled: true, from: null, floor: null, categories: null, forms: null, qualifying: false,
  above: {}, count: null, per: 'event', windowDays: null, highEngagement: false,
} as const satisfies Omit<TriggerRule, 'target' | 'types'>;
const t = triggerDefaults;

export const defaultRules = {
  model: 'five-stage',
  bands: { education: 2, solution: 4, evaluation: 6, ready: 8 },
  qualifyingViewMs: 10_000,

  phases: {
    education: ['blog', 'glossary', 'explainer', 'report', 'newsletter', 'webinar'],
    solution: ['guide', 'product-webinar', 'roi-calculator', 'benchmark', 'success-story', 'features', 'product'],
    evaluation: ['pricing', 'case-study', 'comparison', 'docs', 'integration', 'demo', 'trial'],
    ready: ['security', 'procurement', 'onboarding', 'implementation', 'references', 'proposal'],
    neutral: ['home', 'about', 'careers', 'legal', 'contact', 'other'],
  },

  // The SPEC's trigger table, one row each, in the order they are checked.
  triggers: {
    'blog-views': { ...t, target: 'education', types: ['pageview'], categories: ['blog'], qualifying: true, count: 3, per: 'event', windowDays: 14 * DAY },
    'report-download': { ...t, target: 'education', types: ['download'], categories: ['report'], above: { attention: 1.2 } },
    'webinar-attended': { ...t, target: 'education', types: ['media'], categories: ['webinar'], above: { completion: 0.75 } },
    'guide-completed': { ...t, target: 'solution', types: ['pageview', 'download'], categories: ['guide'], above: { completion: 0.6 } },
    'roi-calculator': { ...t, target: 'solution', types: ['tool'], categories: ['roi-calculator'] },
    'solution-webinar': { ...t, target: 'solution', types: ['media'], categories: ['product-webinar'], above: { completion: 0.5 } },
    'pricing-in-session': { ...t, target: 'solution', types: ['pageview'], categories: ['pricing', 'features'], qualifying: true, count: 2, per: 'same-session' },
    'demo-request': { ...t, target: 'evaluation', types: ['form'], forms: ['demo', 'trial'], highEngagement: true },
    'proof-download': { ...t, target: 'evaluation', types: ['download'], categories: ['case-study', 'comparison'] },
    'stakeholders': { ...t, target: 'evaluation', from: 'solution', types: ['pageview', 'download', 'form', 'media', 'tool'], count: 3, per: 'visitor', windowDays: 30 * DAY, highEngagement: true },
    'pricing-revisit': { ...t, target: 'evaluation', from: 'solution', types: ['pageview'], categories: ['pricing'], qualifying: true, count: 2, per: 'session', windowDays: 30 * DAY, highEngagement: true },
    'proposal': { ...t, target: 'ready', floor: 9, types: ['proposal'], highEngagement: true },
    'onboarding-docs': { ...t, target: 'ready', from: 'evaluation', types: ['pageview'], categories: ['onboarding', 'implementation'], qualifying: true, highEngagement: true },
    'references-security': { ...t, target: 'ready', types: ['reference_request', 'security_review', 'form'], forms: ['reference', 'security'], highEngagement: true },
    'security-pages': { ...t, target: 'ready', from: 'evaluation', types: ['pageview'], categories: ['security', 'procurement'], qualifying: true, highEngagement: true },
  },

  points: {
    base: {
      pageview: 0.3, download: 0.6, form: 0, media: 0.5, tool: 0.8, sales_meeting: 1, proposal: 0.5,
      unsubscribe: 0, competitor_visit: 0, reference_request: 1, security_review: 1,
    },
    form: { demo: 1.5, trial: 1.5, contact: 0.8, subscribe: 0.4, download: 0.5, reference: 1, security: 1, unsubscribe: 0 },
    // Category weight: later-journey content says more about intent; careers visitors are not buyers.
    category: {
      blog: 1, glossary: 1, explainer: 1, report: 1, newsletter: 1, webinar: 1,
      guide: 1.25, 'product-webinar': 1.25, 'roi-calculator': 1.25, benchmark: 1.25, 'success-story': 1.25, features: 1.25, product: 1.25,
      pricing: 1.5, 'case-study': 1.5, comparison: 1.5, docs: 1.5, integration: 1.5, demo: 1.5, trial: 1.5,
      security: 1.75, procurement: 1.75, onboarding: 1.75, implementation: 1.75, references: 1.75, proposal: 1.75,
      home: 0.25, about: 0.25, careers: 0, legal: 0.25, contact: 0.5, other: 0.25,
    },
    exact: { sales_meeting: 1 },
    depthScaled: ['pageview', 'download', 'media'],
    // depth = base + perAttention × min(attention, attentionCap) + perCompletion × completion
    // (terms only for figures measured; `unmeasured` when neither is).
    depth: { base: 0.5, perAttention: 0.5, attentionCap: 2, perCompletion: 0.5, unmeasured: 1, engagedMsPerAttention: 60_000 },
  },

  velocity: {
    maxMultiplier: 1.6,
    sessions: { pct: 0.2, count: 2, windowDays: 7 * DAY },
    longerSessions: { pct: 0.15, windowDays: 30 * DAY },
    problemToSolution: { pct: 0.25, windowDays: 7 * DAY },
  },

  decay: { points: 1, periodDays: 7 * DAY },
  negatives: {
    unsubscribe: { delta: -1, doubleDecayDays: 28 * DAY, types: ['unsubscribe', 'form'], forms: ['unsubscribe'] },
    competitor_visit: { delta: -0.5, doubleDecayDays: 28 * DAY, types: ['competitor_visit'], forms: null },
  },

  salesAttention: { windowDays: 30 * DAY },
  evidence: { clients: 2, windowDays: 30 * DAY, margin: 0.01 },

  recommended: {
    target: ['blog', 'explainer', 'glossary', 'report', 'webinar', 'newsletter'],
    education: ['guide', 'roi-calculator', 'benchmark', 'success-story', 'product-webinar'],
    solution: ['comparison', 'case-study', 'docs', 'integration', 'demo'],
    evaluation: ['roi-calculator', 'references', 'security', 'procurement', 'implementation', 'onboarding'],
    ready: ['onboarding', 'implementation', 'references', 'security'],
  },

  urlPatterns: [
    { pattern: '/', category: 'home' },
    { pattern: '/blog*', category: 'blog' }, { pattern: '/articles/*', category: 'blog' },
    { pattern: '/insights/*', category: 'blog' }, { pattern: '/news/*', category: 'blog' },
    { pattern: '/glossary*', category: 'glossary' },
    { pattern: '/explainers/*', category: 'explainer' }, { pattern: '/learn/*', category: 'explainer' },
    { pattern: '/reports/*', category: 'report' }, { pattern: '/research/*', category: 'report' },
    { pattern: '/newsletter*', category: 'newsletter' },
    { pattern: '/webinars/product/*', category: 'product-webinar' }, { pattern: '/webinars*', category: 'webinar' },
    { pattern: '/guides*', category: 'guide' }, { pattern: '/playbooks*', category: 'guide' },
    { pattern: '/ebooks/*', category: 'guide' }, { pattern: '/whitepapers/*', category: 'guide' },
    { pattern: '/roi*', category: 'roi-calculator' }, { pattern: '/calculator*', category: 'roi-calculator' },
    { pattern: '/benchmarks*', category: 'benchmark' },
    { pattern: '/customers/*', category: 'success-story' }, { pattern: '/success-stories*', category: 'success-story' },
    { pattern: '/features*', category: 'features' }, { pattern: '/product/features*', category: 'features' },
    { pattern: '/product*', category: 'product' }, { pattern: '/platform*', category: 'product' },
    { pattern: '/pricing*', category: 'pricing' }, { pattern: '/plans*', category: 'pricing' },
    { pattern: '/case-studies*', category: 'case-study' }, { pattern: '/case-study/*', category: 'case-study' },
    { pattern: '/compare*', category: 'comparison' }, { pattern: '/vs/*', category: 'comparison' },
    { pattern: '/alternatives*', category: 'comparison' },
    { pattern: '/docs*', category: 'docs' }, { pattern: '/documentation*', category: 'docs' },
    { pattern: '/integrations*', category: 'integration' },
    { pattern: '/demo*', category: 'demo' }, { pattern: '/book-a-demo*', category: 'demo' },
    { pattern: '/trial*', category: 'trial' }, { pattern: '/free-trial*', category: 'trial' }, { pattern: '/signup*', category: 'trial' },
    { pattern: '/security*', category: 'security' }, { pattern: '/trust*', category: 'security' },
    { pattern: '/soc2*', category: 'security' }, { pattern: '/compliance*', category: 'security' },
    { pattern: '/procurement*', category: 'procurement' }, { pattern: '/vendor*', category: 'procurement' },
    { pattern: '/onboarding*', category: 'onboarding' }, { pattern: '/implementation*', category: 'implementation' },
    { pattern: '/references*', category: 'references' },
    { pattern: '/about*', category: 'about' }, { pattern: '/company*', category: 'about' },
    { pattern: '/careers*', category: 'careers' }, { pattern: '/jobs*', category: 'careers' },
    { pattern: '/legal*', category: 'legal' }, { pattern: '/privacy*', category: 'legal' }, { pattern: '/terms*', category: 'legal' },
    { pattern: '/contact*', category: 'contact' },
  ],
} as const satisfies Rules;
