// npm run bench: starts the Worker locally and measures every hot route side by side, plus engine, snippet and stats figures.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLocalMigrations, createSite, startLocalWorker } from './lib/local-worker';
import { load, type LoadResult } from './lib/load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ADMIN = 'bench-admin';
const run = Date.now().toString(36);

const persistTo = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
applyLocalMigrations(persistTo);
const worker = await startLocalWorker({ persistTo, vars: { ADMIN_TOKEN: ADMIN, BENCH: '1' } });
const url = worker.url;
const site = await createSite(url, ADMIN, 'Bench', [url]);
const auth = { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' };

try {
  // A company with history and a visitor resolved to it, so lookups answer something real.
  const domains = Array.from({ length: 20 }, (_, i) => `bench-${i}.example.com`);
  const seed = await fetch(`${url}/v1/events`, {
    method: 'POST', headers: auth,
    body: JSON.stringify({ events: domains.flatMap((d, i) => Array.from({ length: 10 }, (_, j) => ({
      id: `seed-${i}-${j}`, type: 'pageview', category: 'blog', engagedMs: 30_000, attention: 1, completion: 0.9,
      company: { domain: d }, visitor: `bench-visitor-${i}`, session: `s-${i}`, ts: Date.now() - (10 - j) * 3_600_000,
    }))) }),
  });
  if (!seed.ok) throw new Error(`seeding failed: ${seed.status} ${await seed.text()}`);

  const opts = { seconds: SECONDS, concurrency: CONCURRENCY };
  const routes: [string, LoadResult][] = [];
  const measure = async (name: string, make: (i: number) => Request) => {
    await load(make, { seconds: 1, concurrency: CONCURRENCY }); // warm-up
    routes.push([name, await load(make, opts)]);
  };
  await measure('GET /health', () => new Request(`${url}/health`));
  await measure('POST /v1/collect', (i) => new Request(`${url}/v1/collect`, {
    method: 'POST', headers: { 'content-type': 'text/plain', origin: url, 'cf-connecting-ip': `10.9.${(i >> 8) & 255}.${i & 255}` },
    body: JSON.stringify({ k: site.publicKey, s: `bs-${i % 50}`, sm: 60_000, e: [{ i: `${run}-b-${i}`, t: 'pv', u: '/blog/post', m: 12_000, w: 900, d: 0.8, p: 0.7 }] }),
  }));
  await measure('POST /v1/events (1 event)', (i) => new Request(`${url}/v1/events`, {
    method: 'POST', headers: auth,
    body: JSON.stringify({ events: [{ id: `${run}-e-${i}`, type: 'pageview', category: 'pricing', engagedMs: 20_000, company: { domain: domains[i % 20] }, visitor: `bench-visitor-${i % 20}`, session: `s-${i % 20}` }] }),
  }));
  await measure('GET /v1/stage', (i) => new Request(`${url}/v1/stage?site=${site.publicKey}&visitor=bench-visitor-${i % 20}`, { headers: { origin: url } }));
  await measure('GET /v1/companies/:domain', (i) => new Request(`${url}/v1/companies/${domains[i % 20]}`, { headers: auth }));

  const base = routes[0][1].rps;
  const targets: Record<string, number> = { 'POST /v1/collect': 0.8, 'POST /v1/events (1 event)': 0.5, 'GET /v1/stage': 0.7, 'GET /v1/companies/:domain': 0.7 };
  const rows = routes.map(([name, r]) => ({
    route: name, rps: Math.round(r.rps), p50: +r.p50.toFixed(2), p99: +r.p99.toFixed(2), ratio: +(r.rps / base).toFixed(2),
    target: targets[name] ?? null, roundTrips: r.roundTrips, dbMs: r.dbMs, errors: r.errors, statuses: r.statuses,
  }));

  const extras: Record<string, unknown> = {};
  for (const [key, mod, fn] of [['engine', './bench-engine', 'benchEngine'], ['snippet', './size', 'snippetSize'], ['stats', './bench-stats', 'benchStats']] as const) {
    try {
      const m = await import(mod);
      if (typeof m[fn] === 'function') extras[key] = await m[fn]();
    } catch (err) {
      extras[key] = { unavailable: String(err).slice(0, 200) };
    }
  }

  console.log(`\nWaymark bench — ${new Date().toISOString()} — ${SECONDS}s per route, ${CONCURRENCY} in flight, loopback, wrangler dev (local D1)\n`);
  console.log('| route | req/s | p50 ms | p99 ms | × /health | target | D1 round trips | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.route} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ratio} | ${r.target ? `≥ ${r.target}` : '—'} | ${r.roundTrips ?? '—'} | ${r.errors} |`);
  for (const [k, v] of Object.entries(extras)) console.log(`\n${k}: ${JSON.stringify(v)}`);
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/latest.json', JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, concurrency: CONCURRENCY, routes: rows, ...extras }, null, 2));
  console.log('\nwritten to bench/latest.json');
} finally {
  await worker.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
