// Tables of migrations/0009_personalize.sql: a site's personalizing origin and its hostnames.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sites } from './schema-init';

export const personalizeSites = sqliteTable('personalize_sites', {
  siteId: text('site_id').primaryKey().notNull().references(() => sites.id, { onDelete: 'cascade' }),
  origin: text('origin').notNull(),
  injectTag: integer('inject_tag').notNull().default(1),
  budgetMs: integer('budget_ms'),
  apiOrigin: text('api_origin').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const personalizeHosts = sqliteTable('personalize_hosts', {
  host: text('host').primaryKey().notNull(),
  siteId: text('site_id').notNull().references(() => personalizeSites.siteId, { onDelete: 'cascade' }),
}, (t) => [index('personalize_hosts_by_site').on(t.siteId)]);
