// Stats built by the real ingest: POST /v1/events with backfilled timestamps, then GET /v1/stats.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepDecay } from '../../worker/cron/decay';
import type { Stats } from '../../worker/stats/query';
import { api, createSite, event, postEvents, type TestSite } from './helpers';

const DAY = 86_400_000;
const T0 = Math.floor((Date.now() - 28 * DAY) / DAY) * DAY + 10 * 3_600_000; // 10:00 UTC, about 28 days ago
const at = (d: number) => T0 + d * DAY;
const blog = (domain: string, d: number) => event({ ts: at(d), company: { domain }, visitor: `${domain}-v`, session: `${domain}-${d}` });

let site: TestSite;
let s: Stats;
let beforeSweep: Stats;
const history = [
  // a.com: asks for a demo on day 0 (gate → Evaluation), sends a proposal on day 5 (→ Ready), then goes quiet:
  // decay of 1.0 a week takes it back to Evaluation on day 19.
  event({ id: 'a-demo', ts: at(0), type: 'form', form: 'demo', category: undefined, company: { domain: 'a.com', name: 'A Corp' } }),
  event({ id: 'a-proposal', ts: at(5), type: 'proposal', category: undefined, company: { domain: 'a.com' } }),
  // b.com: three qualifying blog views in three days (gate → Education on day 2), decays to Target on day 9.
  blog('b.com', 0), blog('b.com', 1), blog('b.com', 2),
  // c.com: one blog view, stays a Target.
  blog('c.com', 1),
];
const stats = async (q = `from=${at(-1)}`) => (await (await api(site.secretKey, `/v1/stats?${q}`)).json()) as Stats;

beforeAll(async () => {
  site = await createSite();
  const res = await postEvents(site, history);
  expect(res.status).toBe(200);
  beforeSweep = await stats();
  // The scheduled pass writes the decay due since the batch's latest event (day 5) through statsStatements.
  await sweepDecay(env, Date.now(), { pageSize: 100, maxPages: 100 });
  s = await stats();
});

describe('right after the batch (decay written up to its latest event, day 5)', () => {
  it('counts the promotions and the stored stages, which the series ends at', () => {
    expect(beforeSweep.transitions).toMatchObject({ forward: 3, backward: 0 });
    expect(beforeSweep.now.counts).toEqual({ target: 1, education: 1, solution: 0, evaluation: 0, ready: 1 });
    expect(beforeSweep.now.idle).toMatchObject({ education: 1, ready: 1 }); // lazily decaying
    expect(beforeSweep.series.at(-1)).toMatchObject(beforeSweep.now.counts);
  });
});

describe('after the scheduled decay pass', () => {
  it('records each move at the time of the event or decay period that caused it', () => {
    expect(s.transitions.pairs).toEqual([
      { from: 'target', to: 'education', n: 1, direction: 'forward' },
      { from: 'target', to: 'evaluation', n: 1, direction: 'forward' },
      { from: 'education', to: 'target', n: 1, direction: 'backward' },
      { from: 'evaluation', to: 'ready', n: 1, direction: 'forward' },
      { from: 'ready', to: 'evaluation', n: 1, direction: 'backward' },
    ]);
    const day = (d: number) => s.series.find((x) => x.day === new Date(at(d)).toISOString().slice(0, 10))!;
    expect(day(0)).toMatchObject({ target: 1, evaluation: 1 });
    expect(day(1)).toMatchObject({ target: 2, evaluation: 1 });
    expect(day(2)).toMatchObject({ target: 1, education: 1, evaluation: 1 });
    expect(day(5)).toMatchObject({ target: 1, education: 1, evaluation: 0, ready: 1 });
    expect(day(9)).toMatchObject({ target: 2, education: 0, ready: 1 });
    expect(day(19)).toMatchObject({ target: 2, evaluation: 1, ready: 0 });
  });

  it('counts stages now from the companies, and the idle ones', () => {
    expect(s.now.counts).toEqual({ target: 2, education: 0, solution: 0, evaluation: 1, ready: 0 });
    expect(s.now.idle).toEqual({ target: 0, education: 0, solution: 0, evaluation: 1, ready: 0 });
    expect(s.series.at(-1)).toMatchObject(s.now.counts);
  });

  it('computes conversion, time in stage, drop-off and content influence', () => {
    expect(s.conversion.map((c) => [c.entered, c.advanced])).toEqual([[3, 2], [2, 1], [1, 1], [1, 1]]);
    expect(s.funnel).toEqual({ cohort: 3, reached: { target: 3, education: 2, solution: 1, evaluation: 1, ready: 1 } });
    const t = Object.fromEntries(s.timeInStage.map((x) => [x.stage, x]));
    expect(t.target).toMatchObject({ stays: 2, medianHours: 0, p75Hours: 48 }); // a: 0 h, b: 2 days
    expect(t.education).toMatchObject({ stays: 1, medianDays: 7 });
    expect(t.evaluation).toMatchObject({ stays: 1, medianDays: 5, p75Days: 5 }); // the stay since day 19 is not finished
    expect(t.ready).toMatchObject({ stays: 1, medianDays: 14 });
    expect(s.dropOff.find((d) => d.stage === 'education')).toMatchObject({ entered: 1, regressed: 1, rate: 1 });
    expect(s.dropOff.find((d) => d.stage === 'ready')).toMatchObject({ entered: 1, regressed: 1 });
    expect(s.weakestLink).toMatchObject({ kind: 'dwell', stage: 'education' }); // too few companies to compare conversion
    expect(s.content.promotions).toBe(3);
    expect(s.content.categories).toEqual([{ category: 'blog', views: 4, preceded: 1, share: 0.333 }]);
  });

  it('lists the company that needs sales attention', () => {
    // Evaluation with a demo request in the last 30 days.
    expect(s.salesAttention.companies.map((c) => [c.domain, c.name, c.stage, c.idle])).toEqual([['a.com', 'A Corp', 'evaluation', true]]);
  });

  it('counts the same events sent twice once', async () => {
    const again = await postEvents(site, history);
    expect(((await again.json()) as { duplicates: number }).duplicates).toBe(history.length);
    expect(await stats()).toEqual({ ...s, now: { ...s.now, at: expect.any(String) }, range: { ...s.range, to: expect.any(String) } });
  });
});
