// npm run bench:stats — times the /v1/stats query at 100,000 companies on a fresh local D1 (wrangler's platform proxy), aggregates seeded by SQL.
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { measureStats } from '../worker/stats/bench';
import { seedStatsBench } from '../worker/db/stats-seed';

/** Statements of a migration file (none of ours has a `;` inside a statement). */
const statements = (sql: string) => sql.replace(/^\s*--.*$/gm, '').split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean);

export async function benchStats(companies = 100_000) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-stats-'));
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: { path: dir } });
  try {
    const db = proxy.env.DB;
    for (const file of readdirSync('migrations').filter((f) => f.endsWith('.sql')).sort())
      await db.batch(statements(readFileSync(`migrations/${file}`, 'utf8')).map((s) => db.prepare(s)));
    const site = await seedStatsBench(db, { companies });
    return { companies, ...(await measureStats(db, site)) };
  } finally {
    await proxy.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchStats(Number(process.argv[2] ?? 100_000));
  console.log(`stats query at ${r.companies.toLocaleString('en')} companies: best ${r.bestMs} ms, median ${r.medianMs} ms over ${r.runs} runs`);
}
