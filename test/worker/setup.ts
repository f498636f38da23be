// Each test file starts from an empty, fully migrated D1. Files share a runtime (isolate: false in vitest.config.ts, so
// the module graph and workerd start once per worker, not once per file): migrations apply once, then every table is emptied.
import { applyD1Migrations, env } from 'cloudflare:test';
import { loadSuffixes } from '../../worker/identity/domain';

// Tests call domain code directly, not only through the Worker's entry points, which load the suffix list themselves.
await loadSuffixes();

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const { results } = await env.DB.prepare(
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name <> 'd1_migrations' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
).all<{ name: string }>();
const sequences = await env.DB.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").first();
// Foreign keys are checked at commit, when every table is empty.
await env.DB.batch([
  env.DB.prepare('PRAGMA defer_foreign_keys = on'),
  ...results.map((t) => env.DB.prepare(`DELETE FROM "${t.name}"`)),
  ...(sequences ? [env.DB.prepare('DELETE FROM sqlite_sequence')] : []),
]);
