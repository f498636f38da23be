// Every JSON answer body as a zod schema, built only when /openapi.json is served (never at module load: startup budget).
import * as z from 'zod';
import { SOURCES } from '../db/coverage';
import { CATEGORIES, EVIDENCE, STAGES } from '../scoring/types';
import { WEBHOOK_EVENTS } from '../webhooks/payload';

/** The answer schemas, named; `document.ts` turns them into JSON Schema. */
export function responseSchemas() {
  const time = () => z.iso.datetime().describe('ISO-8601 UTC');
  const int = () => z.number().int().min(0);
  const stage = z.enum(STAGES);
  const cursor = z.string().regex(/^[A-Za-z0-9_-]+$/).nullable().describe('opaque (base64url); pass as ?cursor= for the next page; null on the last page');
  const counts = z.record(z.string(), int());
  const company = z.object({
    domain: z.string(), name: z.string().nullable(), stage, score: z.number(), salesAttention: z.boolean(),
    stageSince: time().nullable(), lastEngagedAt: time().nullable(), stakeholders: int(),
  });
  const range = z.object({ cidr: z.string(), domain: z.string(), name: z.string().nullable() });
  const personalize = z.object({
    origin: z.url(), hosts: z.array(z.string()), injectTag: z.boolean(), budgetMs: z.number().int().nullable(),
    effectiveBudgetMs: z.number().int(), tagSrc: z.url(), updatedAt: time(),
  });
  const rules = z.object({
    overrides: z.record(z.string(), z.unknown()).describe('the site’s overrides, as stored'),
    effective: z.looseObject({ model: z.enum(['five-stage', 'four-stage']), bands: z.record(z.string(), z.number()), decay: z.object({ points: z.number(), periodDays: z.number() }) })
      .describe('the whole effective rulebook (worker/scoring/types.ts Rules)'),
  });
  const nullableRatio = z.number().min(0).nullable();
  return {
    Error: z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() }) }),
    Health: z.object({ ok: z.literal(true) }),
    OpenApi: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }),
    NewSite: z.object({ id: z.string(), name: z.string(), origins: z.array(z.string()), publicKey: z.string(), secretKey: z.string().describe('shown once') }),
    RotatedSecret: z.object({ id: z.string(), secretKey: z.string() }),
    RotatedPublic: z.object({ id: z.string(), publicKey: z.string(), previousPublicKey: z.string(), previousValidUntil: time(), graceDays: int() }),
    WebhookSet: z.object({ url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), secret: z.string().describe('shown once') }),
    Webhook: z.object({
      url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), createdAt: time(), updatedAt: time(), deliveries: counts.describe('deliveries by status'),
      recent: z.array(z.object({
        id: z.string(), type: z.string(), company: z.string().nullable(), status: z.string(), attempts: int(), nextAttempt: time().nullable(),
        lastStatus: z.number().int().nullable(), lastError: z.string().nullable(), createdAt: time(), updatedAt: time(),
      })),
    }),
    WebhookDeleted: z.object({ deleted: z.literal(true), cancelledDeliveries: int() }),
    WebhookTest: z.object({
      delivered: z.boolean(), status: z.enum(['1xx', '2xx', '3xx', '4xx', '5xx']).nullable(),
      payload: z.object({
        type: z.literal('test'), site: z.string(), company: z.object({ domain: z.string(), name: z.string().nullable() }), from: stage, to: stage,
        score: z.number(), salesAttention: z.boolean(), evidence: z.array(z.enum(EVIDENCE)), at: time(),
      }),
    }),
    Ingested: z.object({ accepted: int(), duplicates: int() }),
    Queued: z.object({ queued: int() }),
    Stage: z.object({ stage, recommended: z.array(z.enum(CATEGORIES)), company: z.object({ domain: z.string(), name: z.string().nullable() }).nullable() })
      .describe('never score or salesAttention (docs/api-public.md)'),
    Rules: rules,
    CompanyList: z.object({ companies: z.array(company), nextCursor: cursor }),
    Company: company.extend({
      ledger: z.array(z.object({ at: time(), delta: z.number(), scoreAfter: z.number(), reason: z.string(), eventId: z.string().nullable(), pending: z.literal(true).optional() })),
      ledgerTruncated: z.literal(true).optional(),
    }),
    CompanyErased: z.object({ domain: z.string(), deleted: counts.describe('rows by table'), total: int() }),
    VisitorErased: z.object({ visitor: z.string(), deleted: counts, ledgerUnlinked: int(), companiesScrubbed: int(), total: int() }),
    Stats: statsSchema(time, int, stage, counts, nullableRatio),
    Range: range,
    RangesAdded: z.union([range, z.object({ ranges: z.array(range) })]).describe('one range in, one out; { ranges } in, { ranges } out'),
    RangeList: z.object({ ranges: z.array(range.extend({ createdAt: time() })), nextCursor: cursor }),
    Deleted: z.object({ deleted: int() }),
    Personalize: personalize,
    BenchD1: z.object({ trips: int(), row: z.unknown() }),
    BenchBody: z.object({ bytes: int() }),
    BenchSql: z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
  };
}
export type ResponseSchemas = ReturnType<typeof responseSchemas>;

function statsSchema(time: () => z.ZodISODateTime, int: () => z.ZodNumber, stage: z.ZodEnum<{ [K in (typeof STAGES)[number]]: K }>, counts: z.ZodRecord<z.ZodString, z.ZodNumber>, ratio: z.ZodNullable<z.ZodNumber>) {
  const day = z.iso.date();
  return z.object({
    range: z.object({ from: time(), to: time() }),
    stages: z.array(stage),
    now: z.object({ at: time(), total: int(), counts, idle: counts }),
    transitions: z.object({ forward: int(), backward: int(), pairs: z.array(z.object({ from: stage, to: stage, n: int(), direction: z.enum(['forward', 'backward']) })) }),
    conversion: z.array(z.object({ stage, next: stage, entered: int(), advanced: int(), rate: ratio })),
    funnel: z.object({ cohort: int(), reached: counts }),
    timeInStage: z.array(z.object({ stage, stays: int(), medianHours: ratio, p75Hours: ratio, medianDays: ratio, p75Days: ratio })),
    dropOff: z.array(z.object({ stage, entered: int(), regressed: int(), idle: int(), rate: ratio })),
    weakestLink: z.object({
      stage, next: stage.nullable(), kind: z.enum(['conversion', 'dwell']), rate: ratio, entered: int(), medianDays: ratio, recommended: z.array(z.string()), sentence: z.string(),
    }).nullable(),
    content: z.object({ promotions: int(), categories: z.array(z.object({ category: z.string(), views: int(), preceded: int(), share: ratio })) }),
    salesAttention: z.object({
      total: int(),
      companies: z.array(z.object({ domain: z.string(), name: z.string().nullable(), stage, score: z.number(), stageSince: time(), lastEngagedAt: time().nullable(), idle: z.boolean() })),
    }),
    series: z.array(z.object({ day }).catchall(int()).describe('one row per day: the number of companies in each stage')),
    coverage: z.object({
      visitors: int(), resolved: int(), bySource: z.object(Object.fromEntries(SOURCES.map((s) => [s, int()])) as Record<(typeof SOURCES)[number], z.ZodNumber>),
      series: z.array(z.object({ from: day, visitors: int(), resolved: int() })), bucketDays: int(),
    }),
  });
}
