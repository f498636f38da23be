// Tables of migrations/0004_ops.sql (its ledger_prunable index is declared on ledger in schema-init.ts).
import { index, integer, primaryKey, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { sites } from './schema-init';

// A `TEXT PRIMARY KEY` without NOT NULL lets SQLite store NULL in it, so each such column below is nullable
// and its key declared table-level (a column's .primaryKey() would claim NOT NULL).

export const webhooks = sqliteTable('webhooks', {
  siteId: text('site_id').references(() => sites.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  events: text('events').notNull(),
  secret: text('secret').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.siteId] })]);

export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: text('id'),
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  dedupeKey: text('dedupe_key').notNull(),
  type: text('type').notNull(),
  companyDomain: text('company_domain').notNull(),
  payload: text('payload').notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttempt: integer('next_attempt'),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.id] }),
  unique().on(t.siteId, t.dedupeKey),
  index('webhook_deliveries_by_site').on(t.siteId, t.createdAt),
  index('webhook_deliveries_by_status').on(t.status, t.nextAttempt),
]);

export const opsState = sqliteTable('ops_state', {
  key: text('key'),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.key] })]);
