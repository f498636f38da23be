// The rulebook: overrides validated with field-level errors, the four-stage model, sales attention, categories.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  categoryForPath, defaultRules, recommendedFor, resolveRules, scoreOf, stageOf, standingAt, type Rules,
} from '../../../worker/scoring';
import { DAY, T0, ev, run, stateAt, view } from './helpers';

const rulesWith = (o: unknown): Rules => {
  const r = resolveRules(o);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.rules;
};
const errorsOf = (o: unknown) => {
  const r = resolveRules(o);
  return r.ok ? [] : r.errors;
};

describe('overrides', () => {
  it('{} and null give the defaults', () => {
    expect(rulesWith({})).toEqual(defaultRules);
    expect(rulesWith(null)).toEqual(defaultRules);
  });
  it('errors name the field', () => {
    expect(errorsOf({ triggers: { 'blog-views': { count: 0 } } })).toEqual([{ path: 'triggers.blog-views.count', message: 'expected a positive integer' }]);
    expect(errorsOf({ triggers: { 'blog-views': { count: 2.5 } } })[0].path).toBe('triggers.blog-views.count');
    expect(errorsOf({ model: 'six-stage' })).toEqual([{ path: 'model', message: 'expected "five-stage" or "four-stage"' }]);
    expect(errorsOf({ colour: 'red' })).toEqual([{ path: 'colour', message: 'unknown field' }]);
    expect(errorsOf({ points: { category: { blgo: 2 } } })[0].path).toMatch(/^points\.category/);
    expect(errorsOf({ urlPatterns: [{ pattern: '/x/*', category: 'nope' }] })[0].path).toBe('urlPatterns.0.category');
    expect(errorsOf({ decay: { points: -1 } })[0].path).toBe('decay.points');
    expect(errorsOf({ bands: { solution: 1 } })).toEqual([{ path: 'bands', message: 'expected 0 < education < solution < evaluation < ready ≤ 10' }]);
    expect(errorsOf({ triggers: { 'my-trigger': { count: 3 } } })[0].path).toBe('triggers.my-trigger');
    expect(errorsOf('nope')).toEqual([{ path: '', message: 'expected an object' }]);
    expect(errorsOf({ negatives: { spam: { delta: -1 } } })[0].path).toBe('negatives.spam');
    expect(errorsOf({ triggers: { 'Bad Id': {} } })[0]).toEqual({ path: 'triggers.Bad Id', message: 'expected a name of a-z, 0-9 and - (at most 48 characters)' });
  });
  it('reports every bad field at once', () => {
    const paths = errorsOf({ qualifyingViewMs: -5, velocity: { maxMultiplier: 0.5 }, triggers: { proposal: { floor: 11 } } }).map((e) => e.path);
    expect(paths.sort()).toEqual(['qualifyingViewMs', 'triggers.proposal.floor', 'velocity.maxMultiplier']);
  });
  it('a changed threshold changes when the trigger fires', () => {
    const rules = rulesWith({ triggers: { 'blog-views': { count: 4 } } });
    const views = [0, 1, 2, 3].map((d) => view('blog', T0 + d * DAY));
    expect(run(views.slice(0, 3), undefined, rules).state.fired['blog-views']).toBeUndefined();
    expect(run(views, undefined, rules).state.fired['blog-views']).toBe(T0 + 3 * DAY);
  });
  it('a site can add its own trigger and change the 10-second qualifying view', () => {
    const rules = rulesWith({ qualifyingViewMs: 20_000, triggers: { 'integration-docs': { target: 'solution', types: ['pageview'], categories: ['integration'] } } });
    expect(scoreOf(run([view('integration', T0)], undefined, rules).state)).toBeGreaterThanOrEqual(4);
    expect(run([0, 1, 2].map((d) => view('blog', T0 + d * DAY, { engagedMs: 15_000 })), undefined, rules).state.fired['blog-views']).toBeUndefined();
  });
  it("the site's URL patterns come before the defaults", () => {
    const rules = rulesWith({ urlPatterns: [{ pattern: '/blog/pricing-*', category: 'pricing' }, { pattern: '/resources/*', category: 'guide' }] });
    expect(categoryForPath('/blog/pricing-explained', rules)).toBe('pricing');
    expect(categoryForPath('/resources/playbook', rules)).toBe('guide');
    expect(categoryForPath('/blog/hello', rules)).toBe('blog');
  });
});

describe('stages and models', () => {
  it('the five bands of SPEC', () => {
    expect([0, 1.9999, 2, 3.9, 4, 5.9, 6, 7.9, 8, 10].map((s) => stageOf(s, defaultRules))).toEqual([
      'target', 'target', 'education', 'education', 'solution', 'solution', 'evaluation', 'evaluation', 'ready', 'ready',
    ]);
  });
  it('four-stage folds ready into evaluation and sales attention carries it', () => {
    const four = rulesWith({ model: 'four-stage' });
    expect(stageOf(9, four)).toBe('evaluation');
    expect(standingAt(stateAt(9), T0, four)).toEqual({ score: 9, stage: 'evaluation', salesAttention: true });
    const r = run([ev('proposal', T0)], undefined, four);
    expect(r.transitions).toEqual([expect.objectContaining({ from: 'target', to: 'evaluation' })]);
  });
  it.each(['five-stage', 'four-stage'] as const)('%s: evaluation needs a high-engagement trigger in the last 30 days for sales attention', (model) => {
    const rules = rulesWith({ model });
    const proof = run([ev('download', T0, { category: 'case-study' })], undefined, rules);
    expect(standingAt(proof.state, T0, rules)).toMatchObject({ stage: 'evaluation', salesAttention: false });
    const demo = run([ev('form', T0, { form: 'demo' })], undefined, rules);
    expect(standingAt(demo.state, T0 + DAY, rules)).toMatchObject({ stage: 'evaluation', salesAttention: true });
    const kept = run([1, 2, 3, 4, 5].map((w) => view('about', T0 + w * 6 * DAY, { completion: 0.1, attention: 0.1 })), demo.state, rules);
    expect(standingAt(kept.state, T0 + 31 * DAY, rules)).toMatchObject({ stage: 'evaluation', salesAttention: false });
  });
});

describe('content categories', () => {
  it('maps paths and URLs with sensible defaults, else other', () => {
    const c = (p: string) => categoryForPath(p, defaultRules);
    expect(c('/')).toBe('home');
    expect(c('/blog/why-x')).toBe('blog');
    expect(c('https://acme.com/Pricing/?plan=pro#faq')).toBe('pricing');
    expect(c('/de/pricing')).toBe('pricing');
    expect(c('/case-studies/acme')).toBe('case-study');
    expect(c('/vs/competitor')).toBe('comparison');
    expect(c('/security')).toBe('security');
    expect(c('/whatever/else')).toBe('other');
  });
  it('recommends the content that moves each stage forward', () => {
    expect(recommendedFor('target', defaultRules)).toContain('blog');
    expect(recommendedFor('education', defaultRules)).toContain('roi-calculator');
    expect(recommendedFor('solution', defaultRules)).toContain('case-study');
    expect(recommendedFor('evaluation', defaultRules)).toContain('security');
    expect(recommendedFor('ready', defaultRules).length).toBeGreaterThan(0);
  });
});

describe('docs/scoring.md', () => {
  const section = readFileSync(new URL('../../../docs/scoring.md', import.meta.url), 'utf8');
  it('explains every gate of the rulebook', () => {
    for (const id of Object.keys(defaultRules.triggers)) expect(section).toContain(`| \`${id}\` |`);
  });
  it("its overrides example is valid and does what it says", () => {
    const example = JSON.parse(section.slice(section.indexOf('```json', section.indexOf('## Changing the rules')) + 7).split('```')[0]);
    const rules = rulesWith(example);
    expect(rules.model).toBe('four-stage');
    expect(rules.triggers['blog-views'].count).toBe(4);
    expect(categoryForPath('/resources/x', rules)).toBe('guide');
  });
});
