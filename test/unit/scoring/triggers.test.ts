// Every row of the SPEC trigger table fires at its threshold and not below it.
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRules, scoreOf, type EngineResult, type CompanyState } from '../../../worker/scoring';
import { DAY, HOUR, T0, ev, run, stateAt, view } from './helpers';

const covered = new Set<string>();
function expectFires(r: EngineResult<CompanyState>, id: string, floor: number) {
  covered.add(id);
  expect(r.state.fired[id]).toBeDefined();
  expect(r.ledger.some((row) => row.reason === `gate:${id}` && row.scoreAfter === floor) || scoreOf(r.state) >= floor).toBe(true);
  expect(scoreOf(r.state)).toBeGreaterThanOrEqual(floor);
}
/** Anonymous reads every 6 days up to `days` so the company does not decay below the `from` stage. */
const keepAlive = (days: number) =>
  Array.from({ length: Math.floor(days / 6) }, (_, i) => view('integration', T0 + (i + 1) * 6 * DAY - HOUR));
const expectQuiet = (r: EngineResult<CompanyState>, id: string) => expect(r.state.fired[id]).toBeUndefined();

describe('education gates', () => {
  it('blog-views: 3 qualifying blog views within 14 days lift to 2.0; 2 do not', () => {
    const views = [0, 5, 13].map((d) => view('blog', T0 + d * DAY));
    expectQuiet(run(views.slice(0, 2)), 'blog-views');
    const r = run(views);
    expectFires(r, 'blog-views', 2);
    expect(r.ledger.find((row) => row.reason === 'gate:blog-views')).toMatchObject({ scoreAfter: 2, eventId: views[2].id });
  });
  it('blog-views: 3 blog views spread over 20 days do not fire', () => {
    expectQuiet(run([0, 10, 20].map((d) => view('blog', T0 + d * DAY))), 'blog-views');
  });
  it('blog-views: bounces under 10 s do not count; exactly 10 s does', () => {
    expectQuiet(run([0, 1, 2].map((d) => view('blog', T0 + d * DAY, { engagedMs: 9_999 }))), 'blog-views');
    expectFires(run([0, 1, 2].map((d) => view('blog', T0 + d * DAY, { engagedMs: 10_000 }))), 'blog-views', 2);
  });
  it('report-download: attention 1.3 fires, 1.1 does not', () => {
    expectFires(run([ev('download', T0, { category: 'report', attention: 1.3 })]), 'report-download', 2);
    expectQuiet(run([ev('download', T0, { category: 'report', attention: 1.1 })]), 'report-download');
  });
  it('webinar-attended: completion 0.8 fires, 0.7 does not', () => {
    expectFires(run([ev('media', T0, { category: 'webinar', completion: 0.8 })]), 'webinar-attended', 2);
    expectQuiet(run([ev('media', T0, { category: 'webinar', completion: 0.7 })]), 'webinar-attended');
  });
});

describe('solution gates', () => {
  it('guide-completed: a guide view or download with completion 0.7 fires, 0.5 does not', () => {
    expectFires(run([view('guide', T0, { completion: 0.7 })]), 'guide-completed', 4);
    expectFires(run([ev('download', T0, { category: 'guide', completion: 0.7 })]), 'guide-completed', 4);
    expectQuiet(run([view('guide', T0, { completion: 0.5 })]), 'guide-completed');
  });

  it('guide-completed needs a qualifying view: completion 0.9 in a 5 s view does not fire', () => {
    expectQuiet(run([view('guide', T0, { completion: 0.9, engagedMs: 5_000 })]), 'guide-completed');
    expectFires(run([view('guide', T0, { completion: 0.9, engagedMs: 10_000 })]), 'guide-completed', 4);
  });
  it('roi-calculator: the ROI tool fires, another tool does not', () => {
    expectFires(run([ev('tool', T0, { category: 'roi-calculator' })]), 'roi-calculator', 4);
    expectQuiet(run([ev('tool', T0, { category: 'benchmark' })]), 'roi-calculator');
  });
  it('solution-webinar: product webinar completion 0.6 fires, 0.4 does not', () => {
    expectFires(run([ev('media', T0, { category: 'product-webinar', completion: 0.6 })]), 'solution-webinar', 4);
    expectQuiet(run([ev('media', T0, { category: 'product-webinar', completion: 0.4 })]), 'solution-webinar');
  });
  it('pricing-in-session: pricing + features in one session fire; one view, or two sessions, do not', () => {
    expectFires(run([view('pricing', T0, { session: 's1' }), view('features', T0 + 60_000, { session: 's1' })]), 'pricing-in-session', 4);
    expectQuiet(run([view('pricing', T0, { session: 's1' })]), 'pricing-in-session');
    expectQuiet(run([view('pricing', T0, { session: 's1' }), view('pricing', T0 + 2 * HOUR, { session: 's2' })]), 'pricing-in-session');
    expectQuiet(run([view('pricing', T0, { session: 's1' }), view('pricing', T0 + 1, { session: 's1', engagedMs: 3_000 })]), 'pricing-in-session');
  });
});

describe('evaluation gates', () => {
  it('demo-request: a demo or trial form fires, a contact form does not', () => {
    expectFires(run([ev('form', T0, { form: 'demo' })]), 'demo-request', 6);
    expectFires(run([ev('form', T0, { form: 'trial' })]), 'demo-request', 6);
    expectQuiet(run([ev('form', T0, { form: 'contact' })]), 'demo-request');
  });
  it('proof-download: a case study or comparison download fires, a report does not reach evaluation', () => {
    expectFires(run([ev('download', T0, { category: 'case-study' })]), 'proof-download', 6);
    expectFires(run([ev('download', T0, { category: 'comparison' })]), 'proof-download', 6);
    expectQuiet(run([ev('download', T0, { category: 'report' })]), 'proof-download');
  });
  it('stakeholders: 3 visitors within 30 days fire from solution; 2 do not; not below solution; not over 40 days', () => {
    const visits = (days: number[]) => days.map((d, i) => view('docs', T0 + d * DAY, { visitor: `v${i}` }));
    expectFires(run([...visits([0, 15, 29]), ...keepAlive(30)], stateAt(4.5)), 'stakeholders', 6);
    expectQuiet(run([...visits([0, 15]), ...keepAlive(30)], stateAt(4.5)), 'stakeholders');
    expectQuiet(run(visits([0, 1, 2]), stateAt(2.2)), 'stakeholders');
    expectQuiet(run([...visits([0, 20, 40]), ...keepAlive(40)], stateAt(4.5)), 'stakeholders');
  });
  it('pricing-revisit: pricing in 2 sessions within 30 days fires from solution; 1 session or below solution does not', () => {
    const two = [view('pricing', T0, { session: 'a' }), view('pricing', T0 + 29 * DAY, { session: 'b' })];
    expectFires(run([...two, ...keepAlive(29)], stateAt(4.5)), 'pricing-revisit', 6);
    expectQuiet(run([two[0], ...keepAlive(29)], stateAt(4.5)), 'pricing-revisit');
    expectQuiet(run([two[0], view('pricing', T0 + 1 * DAY, { session: 'b' })], stateAt(2.5)), 'pricing-revisit');
    expectQuiet(run([two[0], view('pricing', T0 + 31 * DAY, { session: 'b' }), ...keepAlive(31)], stateAt(4.5)), 'pricing-revisit');
  });
});

describe('ready gates', () => {
  it('proposal: the score becomes at least 9.0', () => {
    const r = run([ev('proposal', T0)]);
    expectFires(r, 'proposal', 9);
    expect(r.ledger[0]).toMatchObject({ reason: 'gate:proposal', scoreAfter: 9 });
  });
  it('onboarding-docs: onboarding or implementation views fire from evaluation, not from solution', () => {
    expectFires(run([view('onboarding', T0)], stateAt(6.2)), 'onboarding-docs', 8);
    expectFires(run([view('implementation', T0)], stateAt(6.2)), 'onboarding-docs', 8);
    expectQuiet(run([view('onboarding', T0)], stateAt(5.9)), 'onboarding-docs');
  });
  it('references-security: reference and security requests fire (event or form); a contact form does not', () => {
    expectFires(run([ev('reference_request', T0)]), 'references-security', 8);
    expectFires(run([ev('security_review', T0)]), 'references-security', 8);
    expectFires(run([ev('form', T0, { form: 'security' })]), 'references-security', 8);
    expectQuiet(run([ev('form', T0, { form: 'contact' })]), 'references-security');
  });
  it('security-pages: security or procurement views fire from evaluation; not from solution; not a bounce', () => {
    expectFires(run([view('security', T0)], stateAt(6)), 'security-pages', 8);
    expectFires(run([view('procurement', T0)], stateAt(6)), 'security-pages', 8);
    expectQuiet(run([view('security', T0)], stateAt(5)), 'security-pages');
    expectQuiet(run([view('security', T0, { engagedMs: 4_000 })], stateAt(6)), 'security-pages');
  });
});

afterAll(() => {
  expect([...covered].sort()).toEqual(Object.keys(defaultRules.triggers).sort());
});
