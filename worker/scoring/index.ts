// The scoring module's public API: rules, the pure engine, stages and content categories.
export type { CompanyState, Rules, ScoringEvent, LedgerRow, Transition, EngineResult, Standing, StageId, Category, TriggerRule } from './types';
export { defaultRules } from './rules';
export { resolveRules } from './overrides';
export { newCompanyState, stakeholdersAt } from './state';
export { applyEvents, materialiseDecay, standingAt, scoreOf, lastPositiveAt, lastEventAt } from './engine';
export { stageOf } from './stage';
export { categoryForPath, recommendedFor } from './categories';
