// npm run db:schema: applies migrations/*.sql to a throwaway local D1 and writes worker/db/schema.ts (drizzle) from what
// SQLite reports, so the migrations stay the one schema source. test/worker/db-schema.test.ts fails when the file is stale.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLocalMigrations, localSql } from './lib/local-worker';

interface Column { name: string; type: string; notnull: number; dflt: string | null; pk: number }
interface Index { name: string; cols: string[]; unique: number; origin: string; partial: number; sql: string | null }
export interface TableInfo { name: string; sql: string; columns: Column[]; indexes: Index[] }

const APP = (col: string) => `${col} NOT GLOB 'sqlite_*' AND ${col} NOT GLOB '_cf_*' AND ${col} <> 'd1_migrations'`;
const QUERY = `SELECT m.name, m.sql,
  (SELECT json_group_array(json_object('name', c.name, 'type', c.type, 'notnull', c."notnull", 'dflt', c.dflt_value, 'pk', c.pk))
     FROM pragma_table_info(m.name) c) AS columns,
  (SELECT json_group_array(json_object('name', l.name, 'unique', l."unique", 'origin', l.origin, 'partial', l.partial,
     'sql', (SELECT sql FROM sqlite_master WHERE name = l.name),
     'cols', (SELECT json_group_array(i.name) FROM pragma_index_info(l.name) i)))
     FROM pragma_index_list(m.name) l) AS indexes
  FROM sqlite_master m WHERE m.type = 'table' AND ${APP('m.name')} ORDER BY m.name`;

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function builder(type: string): string {
  const t = type.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'text';
  if (t === '' || t.includes('BLOB')) return 'blob';
  if (/REAL|FLOA|DOUB/.test(t)) return 'real';
  return 'numeric';
}

function defaultOf(dflt: string): string {
  if (/^-?\d+(\.\d+)?$/.test(dflt)) return `.default(${dflt})`;
  const quoted = /^'((?:[^']|'')*)'$/.exec(dflt);
  return quoted ? `.default(${str(quoted[1]!.replace(/''/g, "'"))})` : `.default(sql\`${dflt.replace(/[`\\$]/g, '\\$&')}\`)`;
}

function column(t: TableInfo, c: Column, pkCount: number): string {
  let out = `t.${builder(c.type)}(${str(c.name)})`;
  if (c.pk && pkCount === 1) out += /\bAUTOINCREMENT\b/i.test(t.sql) ? '.primaryKey({ autoIncrement: true })' : '.primaryKey()';
  else if (c.notnull) out += '.notNull()';
  if (c.dflt !== null) out += defaultOf(c.dflt);
  if (t.indexes.some((i) => i.origin === 'u' && i.cols.length === 1 && i.cols[0] === c.name)) out += '.unique()';
  return `  ${camel(c.name)}: ${out},`;
}

/** The WHERE of a partial index, as SQL text (drizzle keeps it verbatim). */
const whereOf = (sql: string) => /\bWHERE\b([\s\S]*)$/i.exec(sql)?.[1]?.trim();

function extras(t: TableInfo): string[] {
  const cols = (names: string[]) => names.map((n) => `t.${camel(n)}`).join(', ');
  const pk = t.columns.filter((c) => c.pk).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const out: string[] = [];
  if (pk.length > 1) out.push(`primaryKey({ columns: [${cols(pk)}] })`);
  for (const i of t.indexes) {
    if (i.origin === 'u' && i.cols.length > 1) out.push(`unique().on(${cols(i.cols)})`);
    if (i.origin !== 'c' || !i.sql) continue;
    const where = i.partial ? whereOf(i.sql) : undefined;
    out.push(`${i.unique ? 'uniqueIndex' : 'index'}(${str(i.name)}).on(${cols(i.cols)})${where ? `.where(sql\`${where.replace(/[`\\$]/g, '\\$&')}\`)` : ''}`);
  }
  return out.sort();
}

export function render(tables: TableInfo[]): string {
  const body = tables.map((t) => {
    const pkCount = t.columns.filter((c) => c.pk).length;
    const x = extras(t);
    const extra = x.length ? `, (t) => [\n  ${x.join(',\n  ')},\n]` : '';
    return `export const ${camel(t.name)} = /* @__PURE__ */ sqliteTable(${str(t.name)}, (t) => ({\n${t.columns.map((c) => column(t, c, pkCount)).join('\n')}\n})${extra});`;
  });
  const used = ['sqliteTable', 'index', 'uniqueIndex', 'primaryKey', 'unique'].filter((f) => f === 'sqliteTable' || body.some((b) => b.includes(`${f}(`)));
  return [
    '// Generated from migrations/ by `npm run db:schema`; do not edit. Tables, keys and indexes as SQLite reports them',
    '// (foreign keys are left to the SQL). test/worker/db-schema.test.ts fails when this is stale.',
    ...(body.some((b) => b.includes('sql`')) ? ["import { sql } from 'drizzle-orm';"] : []),
    `import { ${used.sort().join(', ')} } from 'drizzle-orm/sqlite-core';`,
    '',
    body.join('\n\n'),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-schema-'));
  try {
    applyLocalMigrations(dir);
    const rows = localSql<{ name: string; sql: string; columns: string; indexes: string }>(QUERY.replace(/\s+/g, ' '), dir);
    const tables = rows.map((r) => ({ name: r.name, sql: r.sql, columns: JSON.parse(r.columns), indexes: JSON.parse(r.indexes) }));
    writeFileSync('worker/db/schema.ts', render(tables));
    console.log(`worker/db/schema.ts: ${tables.length} tables from migrations/`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
