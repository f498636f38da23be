// Tables of migrations/0003_stats.sql; all are WITHOUT ROWID there, which drizzle cannot declare (SQL only).
import { isNotNull } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sites } from './schema-init';

export const statsStageDaily = sqliteTable('stats_stage_daily', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  day: integer('day').notNull(),
  stage: text('stage').notNull(),
  delta: integer('delta').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.siteId, t.day, t.stage] })]);

export const statsTransitionsDaily = sqliteTable('stats_transitions_daily', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  day: integer('day').notNull(),
  fromStage: text('from_stage').notNull(),
  toStage: text('to_stage').notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.siteId, t.day, t.fromStage, t.toStage] })]);

export const statsDwellDaily = sqliteTable('stats_dwell_daily', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  day: integer('day').notNull(),
  stage: text('stage').notNull(),
  hours: integer('hours').notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.siteId, t.day, t.stage, t.hours] })]);

export const statsReach = sqliteTable('stats_reach', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  domain: text('domain').notNull(),
  r0: integer('r0').notNull(),
  r1: integer('r1'),
  r2: integer('r2'),
  r3: integer('r3'),
  r4: integer('r4'),
  curStage: text('cur_stage').notNull(),
  curSince: integer('cur_since').notNull(),
}, (t) => [
  primaryKey({ columns: [t.siteId, t.domain] }),
  index('stats_reach_r0').on(t.siteId, t.r0, t.r1, t.r2, t.r3, t.r4),
  index('stats_reach_r1').on(t.siteId, t.r1, t.r2).where(isNotNull(t.r1)),
  index('stats_reach_r2').on(t.siteId, t.r2, t.r3).where(isNotNull(t.r2)),
  index('stats_reach_r3').on(t.siteId, t.r3, t.r4).where(isNotNull(t.r3)),
]);

export const statsContentDaily = sqliteTable('stats_content_daily', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  day: integer('day').notNull(),
  category: text('category').notNull(),
  views: integer('views').notNull().default(0),
  preceded: integer('preceded').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.siteId, t.day, t.category] })]);

export const statsRecentContent = sqliteTable('stats_recent_content', {
  siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
  domain: text('domain').notNull(),
  category: text('category').notNull(),
  lastAt: integer('last_at').notNull(),
}, (t) => [primaryKey({ columns: [t.siteId, t.domain, t.category] })]);
