import { env } from 'cloudflare:test';
import type { Column } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../worker/db/schema';
import { createSite } from './helpers';

const tables = Object.values(schema).map((t) => getTableConfig(t as SQLiteTable));
// The app's own objects: not SQLite's (sqlite_sequence, autoindexes), workerd's (_cf_METADATA) nor the migrations log.
const isApp = (name: string) => `${name} NOT GLOB 'sqlite_*' AND ${name} NOT GLOB '_cf_*' AND ${name} <> 'd1_migrations'`;
const names = (cols: unknown[]) => cols.map((c) => (c as Column).name);

describe('drizzle schema mirrors the migrations', () => {
  it.each(Object.values(schema).map((t) => [getTableConfig(t as SQLiteTable).name, t as SQLiteTable]))('%s: same columns, types and NOT NULL', async (name, table) => {
    const { results } = await env.DB.prepare(`SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)`).bind(name).all<{ name: string; type: string; nn: number; pk: number }>();
    const cfg = getTableConfig(table);
    const fromSql = results.map((c) => [c.name, c.type.toLowerCase(), c.nn === 1 || c.pk > 0 && c.type === 'INTEGER']).sort();
    const fromDrizzle = cfg.columns.map((c) => [c.name, c.getSQLType().toLowerCase(), c.notNull || (c.primary && c.getSQLType() === 'integer')]).sort();
    expect(fromDrizzle).toEqual(fromSql);
  });

  it.each(tables.map((cfg) => [cfg.name, cfg]))('%s: same primary key, columns in order', async (name, cfg) => {
    const { results } = await env.DB.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).bind(name).all<{ name: string }>();
    const fromDrizzle = cfg.primaryKeys.length ? names(cfg.primaryKeys[0].columns) : names(cfg.columns.filter((c) => c.primary));
    expect(fromDrizzle).toEqual(results.map((r) => r.name));
  });

  it('every table in D1 is declared in drizzle, and every drizzle table is in D1', async () => {
    const { results } = await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND ${isApp('name')}`).all<{ name: string }>();
    expect(tables.map((t) => t.name).sort()).toEqual(results.map((r) => r.name).sort());
  });

  it('every index in D1 is declared in drizzle on the same table and columns, equally unique and partial, and vice versa', async () => {
    const { results } = await env.DB.prepare(
      `SELECT m.name, m.tbl_name AS tbl, l."unique" AS uq, l.partial,
              (SELECT json_group_array(i.name) FROM pragma_index_info(m.name) i) AS cols
       FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name
       WHERE m.type = 'index' AND ${isApp('m.name')}`,
    ).all<{ name: string; tbl: string; uq: number; partial: number; cols: string }>();
    const fromSql = results.map((r) => [r.name, r.tbl, JSON.parse(r.cols), r.uq === 1, r.partial === 1]);
    const fromDrizzle = tables.flatMap((t) => t.indexes.map(({ config: i }) => [i.name, t.name, names(i.columns), i.unique, i.where !== undefined]));
    expect(fromDrizzle.sort()).toEqual(fromSql.sort());
  });

  it('every UNIQUE constraint in D1 is declared in drizzle, and vice versa', async () => {
    const { results } = await env.DB.prepare(
      `SELECT m.name AS tbl, (SELECT json_group_array(i.name) FROM pragma_index_info(l.name) i) AS cols
       FROM sqlite_master m JOIN pragma_index_list(m.name) l
       WHERE m.type = 'table' AND ${isApp('m.name')} AND l.origin = 'u'`,
    ).all<{ tbl: string; cols: string }>();
    const fromSql = results.map((r) => [r.tbl, JSON.parse(r.cols)]);
    const fromDrizzle = tables.flatMap((t) => [
      ...t.columns.filter((c) => c.isUnique).map((c) => [t.name, [c.name]]),
      ...t.uniqueConstraints.map((u) => [t.name, names(u.columns)]),
    ]);
    expect(fromDrizzle.sort()).toEqual(fromSql.sort());
  });
});

describe('primary keys refuse NULL', () => {
  it('no primary-key column in D1 is nullable (an INTEGER PRIMARY KEY is the rowid, never NULL)', async () => {
    const { results } = await env.DB.prepare(
      `SELECT m.name AS tbl, c.name AS col FROM sqlite_master m JOIN pragma_table_info(m.name) c
       WHERE m.type = 'table' AND ${isApp('m.name')} AND c.pk > 0 AND c."notnull" = 0
         AND NOT (c.type = 'INTEGER' AND (SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0) = 1)`,
    ).all<{ tbl: string; col: string }>();
    expect(results).toEqual([]);
  });

  // The text keys migration 0005 rebuilt: a row inserts with its key and fails on NOT NULL without one.
  const id = () => crypto.randomUUID();
  it.each<[string, string, (siteId: string) => Record<string, unknown>]>([
    ['enrichment_cache', 'key', () => ({ key: id(), domain: 'acme.com', expires_at: 1 })],
    ['webhooks', 'site_id', (siteId) => ({ site_id: siteId, url: 'https://h.test', events: '[]', secret: 's', created_at: 1, updated_at: 1 })],
    ['webhook_deliveries', 'id', (siteId) => ({
      id: `whd_${id()}`, site_id: siteId, dedupe_key: id(), type: 'stage_changed', company_domain: 'acme.com', payload: '{}', created_at: 1, updated_at: 1,
    })],
    ['ops_state', 'key', () => ({ key: id(), value: '{}', updated_at: 1 })],
  ])('%s.%s: a NULL key is refused', async (table, col, row) => {
    const insert = (r: Record<string, unknown>) => env.DB.prepare(
      `INSERT INTO ${table} (${Object.keys(r).join(', ')}) VALUES (${Object.keys(r).map(() => '?').join(', ')})`,
    ).bind(...Object.values(r)).run();
    const site = await createSite();
    await insert(row(site.id));
    await expect(insert({ ...row(site.id), [col]: null })).rejects.toThrow(`NOT NULL constraint failed: ${table}.${col}`);
    const { results } = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${col} IS NULL`).all<{ n: number }>();
    expect(results[0].n).toBe(0);
  });
});
