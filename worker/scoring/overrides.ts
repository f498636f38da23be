// A site's rule overrides: validated (zod) with errors naming the field, then merged over the defaults.
import * as z from 'zod';
import { defaultRules, triggerDefaults } from './rules';
import { MAX_PATTERN_LENGTH, MAX_PATTERNS } from './glob';
import { CATEGORIES, EVENT_TYPES, FORM_KINDS, STAGES, type Rules, type TriggerRule } from './types';

export type RulesResult = { ok: true; rules: Rules } | { ok: false; errors: { path: string; message: string }[] };

const num = (min: number, max = Infinity, what = `a number from ${min}${max < Infinity ? ` to ${max}` : ''}`) =>
  z.number({ error: `expected ${what}` }).min(min, { error: `expected ${what}` }).max(max, { error: `expected ${what}` });
const list = <T extends z.ZodType>(item: T) => z.array(item, { error: 'expected a list' });
const obj = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, { error: 'expected an object' }).partial();
const partialRecord = <K extends z.ZodEnum, V extends z.ZodType>(key: K, value: V) =>
  z.partialRecord(key, value, { error: 'expected an object' });

// Built on first use, not at module load: zod schema construction is most of a cold start's CPU (npm run bundle).
let schema: ReturnType<typeof buildSchema> | undefined;
const overridesSchema = () => (schema ??= buildSchema());

function buildSchema() {
  const posInt = z.number({ error: 'expected a positive integer' }).int({ error: 'expected a positive integer' })
    .positive({ error: 'expected a positive integer' });
  const days = z.number({ error: 'expected a positive number of days' }).positive({ error: 'expected a positive number of days' });
  const share = num(0, 1, 'a share from 0 to 1');
  const stage = z.enum(STAGES, { error: `expected a stage: ${STAGES.join(', ')}` });
  const category = z.enum(CATEGORIES, { error: 'expected a content category (see docs/api.md "Events")' });

  const trigger = obj({
    enabled: z.boolean({ error: 'expected true or false' }),
    target: stage,
    from: stage.nullable(),
    floor: num(0, 10).nullable(),
    types: list(z.enum(EVENT_TYPES, { error: `expected an event type: ${EVENT_TYPES.join(', ')}` })).min(1, { error: 'expected at least one event type' }),
    categories: list(category).nullable(),
    forms: list(z.enum(FORM_KINDS, { error: `expected a form kind: ${FORM_KINDS.join(', ')}` })).nullable(),
    qualifying: z.boolean({ error: 'expected true or false' }),
    above: obj({ attention: num(0), completion: share }),
    count: posInt.nullable(),
    per: z.enum(['event', 'session', 'visitor', 'same-session'], { error: 'expected event, session, visitor or same-session' }),
    windowDays: days.nullable(),
    highEngagement: z.boolean({ error: 'expected true or false' }),
  });

  return obj({
    model: z.enum(['five-stage', 'four-stage'], { error: 'expected "five-stage" or "four-stage"' }),
    bands: obj({ education: num(0, 10), solution: num(0, 10), evaluation: num(0, 10), ready: num(0, 10) }),
    qualifyingViewMs: z.number({ error: 'expected a whole number of ms ≥ 0' }).int({ error: 'expected a whole number of ms ≥ 0' }).min(0, { error: 'expected a whole number of ms ≥ 0' }),
    phases: obj({ education: list(category), solution: list(category), evaluation: list(category), ready: list(category), neutral: list(category) }),
    triggers: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { error: 'expected a trigger id (a-z, 0-9, -)' }), trigger, { error: 'expected an object' }),
    points: obj({
      base: partialRecord(z.enum(EVENT_TYPES), num(0, 10)),
      form: partialRecord(z.enum(FORM_KINDS), num(0, 10)),
      category: partialRecord(category, num(0, 10)),
      exact: partialRecord(z.enum(EVENT_TYPES), num(0, 10)),
      depthScaled: list(z.enum(EVENT_TYPES)),
      depth: obj({ base: num(0, 10), perAttention: num(0, 10), attentionCap: num(0, 100), perCompletion: num(0, 10), unmeasured: num(0, 10), engagedMsPerAttention: num(1) }),
    }),
    velocity: obj({
      maxMultiplier: num(1, 10),
      sessions: obj({ pct: num(0, 10), count: posInt, windowDays: days }),
      longerSessions: obj({ pct: num(0, 10), windowDays: days }),
      problemToSolution: obj({ pct: num(0, 10), windowDays: days }),
    }),
    decay: obj({ points: num(0.1, 10), periodDays: days }),
    negatives: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/), obj({
      delta: num(-10, 0), doubleDecayDays: num(0, 365),
      types: list(z.enum(EVENT_TYPES)), forms: list(z.enum(FORM_KINDS)).nullable(),
    }), { error: 'expected an object' }),
    salesAttention: obj({ windowDays: days }),
    recommended: partialRecord(stage, list(category)),
    urlPatterns: list(z.strictObject({
      pattern: z.string({ error: 'expected a path pattern' }).min(1, { error: 'expected a path pattern' }).max(MAX_PATTERN_LENGTH, { error: `expected at most ${MAX_PATTERN_LENGTH} characters` }),
      category,
    }, { error: 'expected { pattern, category }' })).max(MAX_PATTERNS, { error: `expected at most ${MAX_PATTERNS} patterns` }),
  });
}

type Issue = { path: string; message: string };
const cache = new Map<string, RulesResult>();

/** Validates a site's overrides and merges them over the defaults ({} or null → the defaults). */
export function resolveRules(overrides: unknown): RulesResult {
  if (overrides === null || overrides === undefined) return { ok: true, rules: defaultRules };
  const key = JSON.stringify(overrides);
  const cached = cache.get(key);
  if (cached) return cached;
  const result = resolve(overrides);
  if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

function resolve(overrides: unknown): RulesResult {
  const parsed = overridesSchema().safeParse(overrides);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(toIssues) };
  const o = parsed.data as Record<string, unknown> & { urlPatterns?: Rules['urlPatterns']; triggers?: Record<string, Partial<TriggerRule>> };
  const errors: Issue[] = [];
  const triggers: Record<string, TriggerRule> = { ...defaultRules.triggers };
  for (const [id, t] of Object.entries(o.triggers ?? {})) {
    const base = triggers[id] ?? (t.target && t.types ? triggerDefaults : null);
    if (!base) errors.push({ path: `triggers.${id}`, message: 'unknown trigger: a new trigger needs at least target and types' });
    else triggers[id] = { ...base, ...t, above: { ...base.above, ...t.above } } as TriggerRule;
  }
  const rules = merge(defaultRules, { ...o, triggers: undefined, urlPatterns: undefined }) as Rules;
  rules.triggers = triggers;
  rules.urlPatterns = [...(o.urlPatterns ?? []), ...defaultRules.urlPatterns];
  errors.push(...consistency(rules));
  return errors.length ? { ok: false, errors } : { ok: true, rules };
}

function consistency(r: Rules): Issue[] {
  const errors: Issue[] = [];
  const b = r.bands;
  if (!(b.education > 0 && b.education < b.solution && b.solution < b.evaluation && b.evaluation < b.ready && b.ready <= 10)) {
    errors.push({ path: 'bands', message: 'expected 0 < education < solution < evaluation < ready ≤ 10' });
  }
  for (const [name, n] of Object.entries(r.negatives)) {
    if (typeof n.delta !== 'number' || !Array.isArray(n.types)) {
      errors.push({ path: `negatives.${name}`, message: 'unknown negative signal: a new one needs at least delta and types' });
    } else {
      n.doubleDecayDays ??= 0;
      n.forms ??= null;
    }
  }
  for (const [id, t] of Object.entries(r.triggers)) {
    if (t.count !== null && t.per !== 'same-session' && t.windowDays === null) {
      errors.push({ path: `triggers.${id}.windowDays`, message: 'expected a window for a counting trigger' });
    }
  }
  return errors;
}

function toIssues(issue: z.core.$ZodIssue): Issue[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ path: path ? `${path}.${k}` : k, message: 'unknown field' }));
  }
  if (issue.code === 'invalid_key') return [{ path, message: 'expected a name of a-z, 0-9 and - (at most 48 characters)' }];
  return [{ path, message: issue.message }];
}

/** Deep merge of plain objects; arrays and scalars replace; undefined keeps the default. */
function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return structuredClone(base);
  if (!isPlain(base) || !isPlain(over)) return over;
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(over)])) out[k] = merge(base[k], over[k]);
  return out;
}
const isPlain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
