// Tables of migrations/0004_ops.sql (its ledger_prunable index is declared on ledger in schema-init.ts),
// as rebuilt by 0005_not_null_keys.sql.
import { index, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { sites } from './schema-init';

export const webhooks = sqliteTable('webhooks', {
  siteId: text('site_id').primaryKey().references(() => sites.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  events: text('events').notNull(),
  secret: text('secret').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: text('id').primaryKey(),
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
  unique().on(t.siteId, t.dedupeKey),
  index('webhook_deliveries_by_site').on(t.siteId, t.createdAt),
  index('webhook_deliveries_by_status').on(t.status, t.nextAttempt),
]);

export const opsState = sqliteTable('ops_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
