// The weakest link: the lowest conversion with enough companies, else the longest dwell, said in a sentence.
import { describe, expect, it } from 'vitest';
import type { Dwell, StageStep } from '../../worker/stats/query';
import { weakestLink } from '../../worker/stats/weakest';

const step = (stage: any, next: any, entered: number, advanced: number): StageStep => ({ stage, next, entered, advanced, rate: entered ? advanced / entered : null });
const dwell = (stage: any, medianDays: number | null, p75Days: number | null = medianDays): Dwell =>
  ({ stage, stays: medianDays === null ? 0 : 6, medianDays, p75Days, medianHours: medianDays && medianDays * 24, p75Hours: p75Days && p75Days * 24 });
const times = [dwell('target', 20), dwell('education', 9), dwell('solution', 30, 45), dwell('evaluation', 12), dwell('ready', 60)];

describe('weakestLink', () => {
  it('names the step with the lowest conversion, its dwell and the content that helps', () => {
    const w = weakestLink([step('target', 'education', 100, 60), step('education', 'solution', 60, 15), step('solution', 'evaluation', 15, 9), step('evaluation', 'ready', 9, 4)], times)!;
    expect(w).toMatchObject({ stage: 'education', next: 'solution', kind: 'conversion', rate: 0.25, entered: 60, medianDays: 9 });
    expect(w.sentence).toBe('Education → Solution is the weakest link: only 25% of the 60 companies that reached Education went on to Solution, ' +
      'after a median of 9 days there. Content that moves companies on: guide, roi-calculator, benchmark, success-story.');
  });

  it('ignores steps with fewer than 5 companies', () => {
    const w = weakestLink([step('target', 'education', 100, 60), step('education', 'solution', 60, 30), step('solution', 'evaluation', 4, 0), step('evaluation', 'ready', 0, 0)], times)!;
    expect(w.stage).toBe('education');
  });

  it('falls back to the longest dwell (never the final stage) when no step has enough companies', () => {
    const w = weakestLink([step('target', 'education', 3, 1), step('education', 'solution', 1, 0), step('solution', 'evaluation', 0, 0), step('evaluation', 'ready', 0, 0)], times)!;
    expect(w).toMatchObject({ stage: 'solution', kind: 'dwell', medianDays: 30 });
    expect(w.sentence).toContain('Companies wait longest in Solution: a median of 30 days (a quarter stay 45 days or more)');
  });

  it('says tiny samples as what they are: no median of one stay, no quarter of three, no "0 hours"', () => {
    const steps = [step('target', 'education', 1, 1), step('education', 'solution', 1, 0), step('solution', 'evaluation', 0, 0), step('evaluation', 'ready', 0, 0)];
    const one = weakestLink(steps, [{ stage: 'education', stays: 1, medianDays: 0, p75Days: 0, medianHours: 0, p75Hours: 0 }])!;
    expect(one.sentence).toMatch(/^Companies wait longest in Education: the one finished stay so far lasted under an hour\./);
    const three = weakestLink(steps, [{ stage: 'education', stays: 3, medianDays: 0.1, p75Days: 2, medianHours: 2.4, p75Hours: 48 }])!;
    expect(three.sentence).toMatch(/^Companies wait longest in Education: a median of 2 hours before they move on \(3 finished stays so far\)\./);
    expect(one.sentence + three.sentence).not.toMatch(/0 hours|quarter/);
  });

  it('is null without any journey', () => {
    expect(weakestLink([step('target', 'education', 0, 0)], [dwell('target', null)])).toBeNull();
  });
});
