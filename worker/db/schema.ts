// Generated from migrations/ by `npm run db:schema`; do not edit. Tables, keys and indexes as SQLite reports them
// (foreign keys are left to the SQL). test/worker/db-schema.test.ts fails when this is stale.
import { sql } from 'drizzle-orm';
import { index, primaryKey, sqliteTable, unique, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const companies = /* @__PURE__ */ sqliteTable('companies', (t) => ({
  siteId: t.text('site_id').notNull(),
  domain: t.text('domain').notNull(),
  name: t.text('name'),
  score: t.real('score').notNull().default(0),
  stage: t.text('stage').notNull().default('target'),
  salesAttention: t.integer('sales_attention').notNull().default(0),
  stageSince: t.integer('stage_since').notNull(),
  lastEngagedAt: t.integer('last_engaged_at'),
  stakeholders: t.integer('stakeholders').notNull().default(0),
  state: t.text('state').notNull(),
  version: t.integer('version').notNull().default(0),
  createdAt: t.integer('created_at').notNull(),
  updatedAt: t.integer('updated_at').notNull(),
}), (t) => [
  index('companies_by_standing').on(t.siteId, t.stage, t.salesAttention, t.score, t.lastEngagedAt),
  primaryKey({ columns: [t.siteId, t.domain] }),
]);

export const deadLetters = /* @__PURE__ */ sqliteTable('dead_letters', (t) => ({
  id: t.text('id').primaryKey(),
  siteId: t.text('site_id').notNull(),
  queue: t.text('queue').notNull(),
  visitorId: t.text('visitor_id'),
  body: t.text('body').notNull(),
  error: t.text('error').notNull(),
  attempts: t.integer('attempts').notNull(),
  createdAt: t.integer('created_at').notNull(),
}), (t) => [
  index('dead_letters_by_site').on(t.siteId, t.createdAt),
]);

export const enrichmentCache = /* @__PURE__ */ sqliteTable('enrichment_cache', (t) => ({
  key: t.text('key').primaryKey(),
  domain: t.text('domain'),
  name: t.text('name'),
  expiresAt: t.integer('expires_at').notNull(),
}), (t) => [
  index('enrichment_cache_by_expiry').on(t.expiresAt),
]);

export const events = /* @__PURE__ */ sqliteTable('events', (t) => ({
  siteId: t.text('site_id').notNull(),
  id: t.text('id').notNull(),
  ts: t.integer('ts').notNull(),
  type: t.text('type').notNull(),
  companyDomain: t.text('company_domain'),
  visitorId: t.text('visitor_id'),
  sessionId: t.text('session_id'),
  category: t.text('category'),
  form: t.text('form'),
  url: t.text('url'),
  engagedMs: t.integer('engaged_ms'),
  scrollDepth: t.real('scroll_depth'),
  completion: t.real('completion'),
  attention: t.real('attention'),
  sessionMs: t.integer('session_ms'),
  automated: t.integer('automated').notNull().default(0),
  receivedAt: t.integer('received_at').notNull(),
  source: t.text('source'),
  client: t.text('client'),
}), (t) => [
  index('events_by_visitor').on(t.siteId, t.visitorId).where(sql`visitor_id IS NOT NULL`),
  primaryKey({ columns: [t.siteId, t.id] }),
]);

export const ingestGuard = /* @__PURE__ */ sqliteTable('ingest_guard', (t) => ({
  v: t.integer('v').notNull(),
}));

export const ipRanges = /* @__PURE__ */ sqliteTable('ip_ranges', (t) => ({
  siteId: t.text('site_id').notNull(),
  startHex: t.text('start_hex').notNull(),
  endHex: t.text('end_hex').notNull(),
  prefix: t.integer('prefix').notNull(),
  domain: t.text('domain').notNull(),
  name: t.text('name'),
  createdAt: t.integer('created_at').notNull(),
}), (t) => [
  index('ip_ranges_by_domain').on(t.siteId, t.domain),
  primaryKey({ columns: [t.siteId, t.startHex, t.prefix] }),
]);

export const ledger = /* @__PURE__ */ sqliteTable('ledger', (t) => ({
  siteId: t.text('site_id').notNull(),
  companyDomain: t.text('company_domain').notNull(),
  ts: t.integer('ts').notNull(),
  entryKey: t.text('entry_key').notNull(),
  delta: t.real('delta').notNull(),
  scoreAfter: t.real('score_after').notNull(),
  reason: t.text('reason').notNull(),
  eventId: t.text('event_id'),
}), (t) => [
  primaryKey({ columns: [t.siteId, t.companyDomain, t.ts, t.entryKey] }),
]);

export const opsState = /* @__PURE__ */ sqliteTable('ops_state', (t) => ({
  key: t.text('key').primaryKey(),
  value: t.text('value').notNull(),
  updatedAt: t.integer('updated_at').notNull(),
}));

export const orgDomains = /* @__PURE__ */ sqliteTable('org_domains', (t) => ({
  siteId: t.text('site_id').notNull(),
  orgKey: t.text('org_key').notNull(),
  domain: t.text('domain'),
  seen: t.integer('seen').notNull().default(1),
  updatedAt: t.integer('updated_at').notNull(),
}), (t) => [
  index('org_domains_by_domain').on(t.siteId, t.domain),
  primaryKey({ columns: [t.siteId, t.orgKey] }),
]);

export const personalizeHosts = /* @__PURE__ */ sqliteTable('personalize_hosts', (t) => ({
  host: t.text('host').primaryKey(),
  siteId: t.text('site_id').notNull(),
}), (t) => [
  index('personalize_hosts_by_site').on(t.siteId),
]);

export const personalizeSites = /* @__PURE__ */ sqliteTable('personalize_sites', (t) => ({
  siteId: t.text('site_id').primaryKey(),
  origin: t.text('origin').notNull(),
  injectTag: t.integer('inject_tag').notNull().default(1),
  budgetMs: t.integer('budget_ms'),
  apiOrigin: t.text('api_origin').notNull(),
  updatedAt: t.integer('updated_at').notNull(),
}));

export const sites = /* @__PURE__ */ sqliteTable('sites', (t) => ({
  id: t.text('id').primaryKey(),
  name: t.text('name').notNull(),
  publicKey: t.text('public_key').notNull().unique(),
  secretHash: t.text('secret_hash').notNull().unique(),
  origins: t.text('origins').notNull().default('[]'),
  rules: t.text('rules').notNull().default('{}'),
  createdAt: t.integer('created_at').notNull(),
  sessionVersion: t.integer('session_version').notNull().default(0),
  prevPublicKey: t.text('prev_public_key'),
  prevPublicKeyUntil: t.integer('prev_public_key_until'),
}), (t) => [
  uniqueIndex('sites_by_prev_public_key').on(t.prevPublicKey).where(sql`prev_public_key IS NOT NULL`),
]);

export const statsContentDaily = /* @__PURE__ */ sqliteTable('stats_content_daily', (t) => ({
  siteId: t.text('site_id').notNull(),
  day: t.integer('day').notNull(),
  category: t.text('category').notNull(),
  views: t.integer('views').notNull().default(0),
  preceded: t.integer('preceded').notNull().default(0),
}), (t) => [
  primaryKey({ columns: [t.siteId, t.day, t.category] }),
]);

export const statsDwellDaily = /* @__PURE__ */ sqliteTable('stats_dwell_daily', (t) => ({
  siteId: t.text('site_id').notNull(),
  day: t.integer('day').notNull(),
  stage: t.text('stage').notNull(),
  hours: t.integer('hours').notNull(),
  n: t.integer('n').notNull().default(0),
}), (t) => [
  primaryKey({ columns: [t.siteId, t.day, t.stage, t.hours] }),
]);

export const statsReach = /* @__PURE__ */ sqliteTable('stats_reach', (t) => ({
  siteId: t.text('site_id').notNull(),
  domain: t.text('domain').notNull(),
  r0: t.integer('r0').notNull(),
  r1: t.integer('r1'),
  r2: t.integer('r2'),
  r3: t.integer('r3'),
  r4: t.integer('r4'),
  curStage: t.text('cur_stage').notNull(),
  curSince: t.integer('cur_since').notNull(),
}), (t) => [
  index('stats_reach_r0').on(t.siteId, t.r0, t.r1, t.r2, t.r3, t.r4),
  primaryKey({ columns: [t.siteId, t.domain] }),
]);

export const statsRecentContent = /* @__PURE__ */ sqliteTable('stats_recent_content', (t) => ({
  siteId: t.text('site_id').notNull(),
  domain: t.text('domain').notNull(),
  category: t.text('category').notNull(),
  lastAt: t.integer('last_at').notNull(),
}), (t) => [
  primaryKey({ columns: [t.siteId, t.domain, t.category] }),
]);

export const statsStageDaily = /* @__PURE__ */ sqliteTable('stats_stage_daily', (t) => ({
  siteId: t.text('site_id').notNull(),
  day: t.integer('day').notNull(),
  stage: t.text('stage').notNull(),
  delta: t.integer('delta').notNull().default(0),
}), (t) => [
  primaryKey({ columns: [t.siteId, t.day, t.stage] }),
]);

export const statsTransitionsDaily = /* @__PURE__ */ sqliteTable('stats_transitions_daily', (t) => ({
  siteId: t.text('site_id').notNull(),
  day: t.integer('day').notNull(),
  fromStage: t.text('from_stage').notNull(),
  toStage: t.text('to_stage').notNull(),
  n: t.integer('n').notNull().default(0),
}), (t) => [
  primaryKey({ columns: [t.siteId, t.day, t.fromStage, t.toStage] }),
]);

export const transitions = /* @__PURE__ */ sqliteTable('transitions', (t) => ({
  id: t.integer('id').primaryKey({ autoIncrement: true }),
  siteId: t.text('site_id').notNull(),
  companyDomain: t.text('company_domain').notNull(),
  fromStage: t.text('from_stage').notNull(),
  toStage: t.text('to_stage').notNull(),
  at: t.integer('at').notNull(),
  score: t.real('score').notNull(),
  reason: t.text('reason').notNull(),
}), (t) => [
  index('transitions_by_company').on(t.siteId, t.companyDomain, t.at),
]);

export const visitorSalts = /* @__PURE__ */ sqliteTable('visitor_salts', (t) => ({
  day: t.integer('day').primaryKey(),
  salt: t.text('salt').notNull(),
  createdAt: t.integer('created_at').notNull(),
}));

export const visitors = /* @__PURE__ */ sqliteTable('visitors', (t) => ({
  siteId: t.text('site_id').notNull(),
  id: t.text('id').notNull(),
  companyDomain: t.text('company_domain'),
  confidence: t.integer('confidence').notNull().default(0),
  source: t.text('source'),
  firstSeen: t.integer('first_seen').notNull(),
  lastSeen: t.integer('last_seen').notNull(),
  browserSeen: t.integer('browser_seen'),
  linkedAt: t.integer('linked_at'),
}), (t) => [
  index('visitors_by_company').on(t.siteId, t.companyDomain),
  index('visitors_by_last_seen').on(t.siteId, t.lastSeen, t.firstSeen, t.source, t.companyDomain),
  primaryKey({ columns: [t.siteId, t.id] }),
]);

export const webhookDeliveries = /* @__PURE__ */ sqliteTable('webhook_deliveries', (t) => ({
  id: t.text('id').primaryKey(),
  siteId: t.text('site_id').notNull(),
  dedupeKey: t.text('dedupe_key').notNull(),
  type: t.text('type').notNull(),
  companyDomain: t.text('company_domain').notNull(),
  payload: t.text('payload').notNull(),
  status: t.text('status').notNull().default('pending'),
  attempts: t.integer('attempts').notNull().default(0),
  nextAttempt: t.integer('next_attempt'),
  lastStatus: t.integer('last_status'),
  lastError: t.text('last_error'),
  createdAt: t.integer('created_at').notNull(),
  updatedAt: t.integer('updated_at').notNull(),
}), (t) => [
  index('webhook_deliveries_by_site').on(t.siteId, t.createdAt),
  index('webhook_deliveries_by_status').on(t.status, t.nextAttempt),
  unique().on(t.siteId, t.dedupeKey),
]);

export const webhooks = /* @__PURE__ */ sqliteTable('webhooks', (t) => ({
  siteId: t.text('site_id').primaryKey(),
  url: t.text('url').notNull(),
  events: t.text('events').notNull(),
  secret: t.text('secret').notNull(),
  createdAt: t.integer('created_at').notNull(),
  updatedAt: t.integer('updated_at').notNull(),
}));
