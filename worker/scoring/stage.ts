// Stages from scores (both models) and the sales-attention flag.
import { DAY_MS } from './time';
import type { CompanyState, Rules, StageId } from './types';

const BANDED = ['education', 'solution', 'evaluation', 'ready'] as const;

/** The five-stage band of a score, whatever the model. */
export function bandOf(score: number, rules: Rules): StageId {
  let stage: StageId = 'target';
  for (const s of BANDED) if (score >= rules.bands[s]) stage = s;
  return stage;
}

/** The stage a site sees: four-stage folds `ready` into `evaluation`. */
export function stageOf(score: number, rules: Rules): StageId {
  const band = bandOf(score, rules);
  return rules.model === 'four-stage' && band === 'ready' ? 'evaluation' : band;
}

/** Lowest score of a stage. */
export function floorOf(stage: StageId, rules: Rules): number {
  return stage === 'target' ? 0 : rules.bands[stage];
}

/**
 * Ready-band scores always need sales; an evaluation-band score does when a high-engagement
 * trigger fired within `salesAttention.windowDays` of `now`. Same in both models.
 */
export function salesAttentionAt(score: number, fired: CompanyState['fired'], now: number, rules: Rules): boolean {
  const band = bandOf(score, rules);
  if (band === 'ready') return true;
  if (band !== 'evaluation') return false;
  const since = now - rules.salesAttention.windowDays * DAY_MS;
  for (const [id, at] of Object.entries(fired)) {
    if (rules.triggers[id]?.highEngagement && at >= since && at <= now) return true;
  }
  return false;
}
