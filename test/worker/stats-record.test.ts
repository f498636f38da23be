// Every /v1/stats figure on a constructed history whose right answer is known, fed through statsStatements.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanyChange, IngestEvent } from '../../worker/ingest/types';
import type { StageId, Transition } from '../../worker/scoring/types';
import { statsStatements } from '../../worker/stats/record';
import { getStats, type Stats } from '../../worker/stats/query';
import { api, createSite, type TestSite } from './helpers';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);
const at = (d: number) => T0 + d * DAY + 10 * 3_600_000;
const view = (d: number, category: string): IngestEvent => ({ id: crypto.randomUUID(), type: 'pageview', ts: at(d), category: category as never, engagedMs: 30_000 });
const move = (from: StageId, to: StageId, d: number): Transition => ({ from, to, at: at(d), score: 0, reason: 'test' });
const standing = (stage: StageId) => ({ score: 0, stage, salesAttention: false });

let site: TestSite;
function change(domain: string, events: IngestEvent[], transitions: Transition[] = []): CompanyChange {
  const before = transitions[0]?.from ?? 'target';
  const after = transitions.at(-1)?.to ?? before;
  return { siteId: site.id, domain, name: null, before: standing(before), after: standing(after), transitions, events, at: Date.now() };
}
async function apply(...changes: CompanyChange[]) {
  const statements = statsStatements(env.DB, changes);
  if (statements.length) await env.DB.batch(statements);
}

let s: Stats;
beforeAll(async () => {
  site = await createSite();
  // The history (day: what happens), applied in time order as the ingest would:
  await apply(change('a.com', [view(0, 'blog')]), change('b.com', [view(0, 'blog')]), change('d.com', [view(0, 'home')]));
  await apply(change('c.com', [view(1, 'blog')]));
  await apply(change('a.com', [view(2, 'blog')], [move('target', 'education', 2)]));
  await apply(change('c.com', [view(3, 'blog')]));
  await apply(change('b.com', [view(4, 'blog')], [move('target', 'education', 4)]));
  await apply(change('d.com', [view(9, 'case-study')]));
  await apply(change('d.com', [{ id: 'd-demo', type: 'form', form: 'demo', ts: at(10) }], [move('target', 'evaluation', 10)]));
  // One batch with two promotions of the same company (days 12 and 20).
  await apply(change('a.com', [view(12, 'guide'), view(20, 'pricing')], [move('education', 'solution', 12), move('solution', 'evaluation', 20)]));
  // The scheduled decay pass: no events, a regression.
  await apply(change('b.com', [], [move('education', 'target', 30)]));
  const company = (domain: string, stage: string, score: number, attention: number, lastDay: number) =>
    env.DB.prepare(`INSERT INTO companies (site_id, domain, name, score, stage, sales_attention, stage_since, last_engaged_at, state, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)`).bind(site.id, domain, domain.toUpperCase(), score, stage, attention, at(lastDay), at(lastDay), at(0), at(lastDay));
  await env.DB.batch([company('a.com', 'evaluation', 6.2, 0, 20), company('b.com', 'target', 1, 0, 4), company('c.com', 'target', 0.8, 0, 3), company('d.com', 'evaluation', 6.8, 1, 38)]);
  s = await getStats(env.DB, site.id, { from: T0, to: T0 + 40 * DAY, now: T0 + 40 * DAY });
});

describe('stats on a known history', () => {
  it('counts companies per stored stage now, and those idle past one decay period', () => {
    expect(s.now.counts).toEqual({ target: 2, education: 0, solution: 0, evaluation: 2, ready: 0 });
    expect(s.now.total).toBe(4);
    expect(s.now.idle).toEqual({ target: 0, education: 0, solution: 0, evaluation: 1, ready: 0 });
  });

  it('counts forward and backward transitions per pair', () => {
    expect(s.transitions.forward).toBe(5);
    expect(s.transitions.backward).toBe(1);
    expect(s.transitions.pairs).toEqual([
      { from: 'target', to: 'education', n: 2, direction: 'forward' },
      { from: 'target', to: 'evaluation', n: 1, direction: 'forward' },
      { from: 'education', to: 'target', n: 1, direction: 'backward' },
      { from: 'education', to: 'solution', n: 1, direction: 'forward' },
      { from: 'solution', to: 'evaluation', n: 1, direction: 'forward' },
    ]);
  });

  it('converts per stage: a jump counts as passing every stage below', () => {
    expect(s.conversion.map((c) => [c.stage, c.entered, c.advanced, c.rate])).toEqual([
      ['target', 4, 3, 0.75], ['education', 3, 2, 0.667], ['solution', 2, 2, 1], ['evaluation', 2, 0, 0],
    ]);
  });

  it('follows the companies first seen in the range through the stages (funnel)', () => {
    expect(s.funnel).toEqual({ cohort: 4, reached: { target: 4, education: 3, solution: 2, evaluation: 2, ready: 0 } });
  });

  it('gives median and 75th percentile of finished stays (nearest rank)', () => {
    const t = Object.fromEntries(s.timeInStage.map((d) => [d.stage, d]));
    expect(t.target).toMatchObject({ stays: 3, medianDays: 4, p75Days: 10 }); // 2, 4, 10 days
    expect(t.education).toMatchObject({ stays: 2, medianDays: 10, p75Days: 26 }); // 10, 26 days
    expect(t.solution).toMatchObject({ stays: 1, medianDays: 8, p75Days: 8, medianHours: 192 });
    expect(t.ready).toMatchObject({ stays: 0, medianDays: null });
  });

  it('reports drop-off as regressions and idle companies per stage', () => {
    const e = s.dropOff.find((d) => d.stage === 'education')!;
    expect(e).toEqual({ stage: 'education', entered: 2, regressed: 1, idle: 0, rate: 0.5 });
    expect(s.dropOff.find((d) => d.stage === 'evaluation')).toMatchObject({ entered: 2, regressed: 0, idle: 1 });
  });

  it('credits content viewed within 7 days before each promotion, once per promotion', () => {
    const c = Object.fromEntries(s.content.categories.map((x) => [x.category, x]));
    expect(s.content.promotions).toBe(5);
    expect(c.blog).toEqual({ category: 'blog', views: 6, preceded: 2, share: 0.4 });
    expect(c.guide).toMatchObject({ views: 1, preceded: 1, share: 0.2 });
    expect(c.pricing).toMatchObject({ views: 1, preceded: 1 });
    expect(c['case-study']).toMatchObject({ views: 1, preceded: 1 });
    expect(c.home).toMatchObject({ views: 1, preceded: 0, share: 0 });
  });

  it('lists the companies flagged for sales attention', () => {
    expect(s.salesAttention.total).toBe(1);
    expect(s.salesAttention.companies).toMatchObject([{ domain: 'd.com', name: 'D.COM', stage: 'evaluation', score: 6.8, idle: false }]);
  });

  it('draws a daily series of stage counts that ends at the stored counts', () => {
    const day = (d: number) => s.series.find((x) => x.day === new Date(at(d)).toISOString().slice(0, 10))!;
    expect(day(0)).toMatchObject({ target: 3, education: 0 });
    expect(day(1)).toMatchObject({ target: 4 });
    expect(day(4)).toMatchObject({ target: 2, education: 2 });
    expect(day(10)).toMatchObject({ target: 1, education: 2, evaluation: 1 });
    expect(day(20)).toMatchObject({ target: 1, education: 1, solution: 0, evaluation: 2 });
    expect(s.series.at(-1)).toMatchObject(s.now.counts);
    expect(s.series).toHaveLength(41);
  });

  it('names a weakest link (longest dwell while conversions are under the sample size)', () => {
    expect(s.weakestLink).toMatchObject({ kind: 'dwell', stage: 'education' });
    expect(s.weakestLink!.sentence).toContain('Companies wait longest in Education: a median of 10 days');
  });

  it('limits the range: a window after the history sees no transitions but the same stage counts', async () => {
    const later = await getStats(env.DB, site.id, { from: T0 + 31 * DAY, to: T0 + 40 * DAY, now: T0 + 40 * DAY });
    expect(later.transitions.forward + later.transitions.backward).toBe(0);
    expect(later.series[0]).toMatchObject({ target: 2, evaluation: 2 });
  });
});

describe('statsStatements', () => {
  it('keeps a 1000-event batch to a few statements of 2 bound parameters', () => {
    const changes = Array.from({ length: 200 }, (_, i) => change(`c${i}.com`, Array.from({ length: 5 }, (_, k) => view(k, 'blog')), [move('target', 'education', 4)]));
    const statements = statsStatements(env.DB, changes);
    expect(statements.length).toBeLessThanOrEqual(9);
  });

  it('writes nothing for nothing', () => {
    expect(statsStatements(env.DB, [])).toEqual([]);
  });
});

describe('GET /v1/stats', () => {
  it('answers the site secret with the figures and refuses other keys', async () => {
    const res = await api(site.secretKey, `/v1/stats?from=${T0}&to=${new Date(T0 + 40 * DAY).toISOString()}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Stats;
    expect(body.transitions.forward).toBe(5);
    expect(body.conversion[0]).toMatchObject({ entered: 4, advanced: 3 });
    expect((await api(site.publicKey, '/v1/stats')).status).toBe(401);
    expect((await api(null, '/v1/stats')).status).toBe(401);
    const other = await createSite();
    const theirs = (await (await api(other.secretKey, `/v1/stats?from=${T0}&to=${T0 + 40 * DAY}`)).json()) as Stats;
    expect(theirs.now.total).toBe(0);
    expect(theirs.transitions.forward).toBe(0);
  });

  it('rejects a malformed or reversed range with a 400', async () => {
    for (const q of ['from=yesterday', 'from=2026-02-01&to=2026-01-01', 'from=2020-01-01&to=2026-01-01', 'to=-5']) {
      const res = await api(site.secretKey, `/v1/stats?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
