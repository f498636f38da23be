// Tables of migrations/0002_identity.sql (its events_by_visitor index is declared on events in schema-init.ts);
// enrichment_cache as rebuilt by 0005_not_null_keys.sql.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sites } from './schema-init';

export const ipRanges = sqliteTable('ip_ranges', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  startHex: text('start_hex').notNull(),
  endHex: text('end_hex').notNull(),
  prefix: integer('prefix').notNull(),
  domain: text('domain').notNull(),
  name: text('name'),
  createdAt: integer('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.siteId, t.startHex, t.prefix] }), index('ip_ranges_by_domain').on(t.siteId, t.domain)]);

export const orgDomains = sqliteTable('org_domains', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  orgKey: text('org_key').notNull(),
  domain: text('domain'),
  seen: integer('seen').notNull().default(1),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.siteId, t.orgKey] }), index('org_domains_by_domain').on(t.siteId, t.domain)]);

export const visitorSalts = sqliteTable('visitor_salts', {
  day: integer('day').primaryKey(),
  salt: text('salt').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const enrichmentCache = sqliteTable('enrichment_cache', {
  key: text('key').primaryKey(),
  domain: text('domain'),
  name: text('name'),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('enrichment_cache_by_expiry').on(t.expiresAt)]);
