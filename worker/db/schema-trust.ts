// Tables of migrations/0007_trust.sql (its new columns are declared on events and visitors in schema-init.ts).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sites } from './schema-init';

export const deadLetters = sqliteTable('dead_letters', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  queue: text('queue').notNull(),
  visitorId: text('visitor_id'),
  body: text('body').notNull(),
  error: text('error').notNull(),
  attempts: integer('attempts').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('dead_letters_by_site').on(t.siteId, t.createdAt)]);
