import { env } from 'cloudflare:test';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../worker/db/schema';

describe('drizzle schema mirrors the migrations', () => {
  it.each(Object.values(schema).map((t) => [getTableConfig(t as SQLiteTable).name, t as SQLiteTable]))('%s: same columns, types and NOT NULL', async (name, table) => {
    const { results } = await env.DB.prepare(`SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)`).bind(name).all<{ name: string; type: string; nn: number; pk: number }>();
    const cfg = getTableConfig(table);
    const fromSql = results.map((c) => [c.name, c.type.toLowerCase(), c.nn === 1 || c.pk > 0 && c.type === 'INTEGER']).sort();
    const fromDrizzle = cfg.columns.map((c) => [c.name, c.getSQLType().toLowerCase(), c.notNull || (c.primary && c.getSQLType() === 'integer')]).sort();
    expect(fromDrizzle).toEqual(fromSql);
  });
});
