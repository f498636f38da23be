// Tables of migrations/0001_init.sql, with the indexes later migrations add to them (noted by number).
import { isNotNull, isNull, sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  publicKey: text('public_key').notNull().unique(),
  secretHash: text('secret_hash').notNull().unique(),
  origins: text('origins').notNull().default('[]'),
  rules: text('rules').notNull().default('{}'),
  createdAt: integer('created_at').notNull(),
  // 0006: key rotation and dashboard sessions.
  sessionVersion: integer('session_version').notNull().default(0),
  prevPublicKey: text('prev_public_key'),
  prevPublicKeyUntil: integer('prev_public_key_until'),
}, (t) => [uniqueIndex('sites_by_prev_public_key').on(t.prevPublicKey).where(isNotNull(t.prevPublicKey))]);

export const companies = sqliteTable('companies', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  domain: text('domain').notNull(),
  name: text('name'),
  score: real('score').notNull().default(0),
  stage: text('stage').notNull().default('target'),
  salesAttention: integer('sales_attention').notNull().default(0),
  stageSince: integer('stage_since').notNull(),
  lastEngagedAt: integer('last_engaged_at'),
  stakeholders: integer('stakeholders').notNull().default(0),
  state: text('state').notNull(),
  version: integer('version').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.siteId, t.domain] }),
  index('stats_companies_idle').on(t.siteId, t.stage, t.lastEngagedAt), // 0003
  index('stats_companies_attention').on(t.siteId, t.salesAttention, t.score), // 0003
]);

export const visitors = sqliteTable('visitors', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  id: text('id').notNull(),
  companyDomain: text('company_domain'),
  confidence: integer('confidence').notNull().default(0),
  source: text('source'),
  firstSeen: integer('first_seen').notNull(),
  lastSeen: integer('last_seen').notNull(),
  browserSeen: integer('browser_seen'), // 0007
  linkedAt: integer('linked_at'), // 0007
}, (t) => [
  primaryKey({ columns: [t.siteId, t.id] }),
  index('visitors_by_company').on(t.siteId, t.companyDomain),
  index('visitors_by_last_seen').on(t.siteId, t.lastSeen, t.firstSeen, t.source, t.companyDomain), // 0008
]);

export const events = sqliteTable('events', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  id: text('id').notNull(),
  ts: integer('ts').notNull(),
  type: text('type').notNull(),
  companyDomain: text('company_domain'),
  visitorId: text('visitor_id'),
  sessionId: text('session_id'),
  category: text('category'),
  form: text('form'),
  url: text('url'),
  engagedMs: integer('engaged_ms'),
  scrollDepth: real('scroll_depth'),
  completion: real('completion'),
  attention: real('attention'),
  sessionMs: integer('session_ms'),
  automated: integer('automated').notNull().default(0),
  receivedAt: integer('received_at').notNull(),
  source: text('source'), // 0007
  client: text('client'), // 0012
}, (t) => [
  primaryKey({ columns: [t.siteId, t.id] }),
  index('events_by_company').on(t.siteId, t.companyDomain, t.ts),
  index('events_unresolved_by_visitor').on(t.siteId, t.visitorId, t.ts).where(isNull(t.companyDomain)),
  index('events_by_visitor').on(t.siteId, t.visitorId).where(isNotNull(t.visitorId)), // 0002
]);

export const ledger = sqliteTable('ledger', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  companyDomain: text('company_domain').notNull(),
  ts: integer('ts').notNull(),
  delta: real('delta').notNull(),
  scoreAfter: real('score_after').notNull(),
  reason: text('reason').notNull(),
  eventId: text('event_id'),
}, (t) => [
  index('ledger_by_company').on(t.siteId, t.companyDomain, t.ts),
  index('ledger_prunable').on(t.ts).where(sql`${t.reason} <> 'summary'`), // 0004
]);

export const transitions = sqliteTable('transitions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  companyDomain: text('company_domain').notNull(),
  fromStage: text('from_stage').notNull(),
  toStage: text('to_stage').notNull(),
  at: integer('at').notNull(),
  score: real('score').notNull(),
  reason: text('reason').notNull(),
}, (t) => [index('transitions_by_site').on(t.siteId, t.at), index('transitions_by_company').on(t.siteId, t.companyDomain, t.at)]);

/** Always empty: see migrations/0001_init.sql (optimistic-concurrency guard). */
export const ingestGuard = sqliteTable('ingest_guard', { v: integer('v').notNull() });
