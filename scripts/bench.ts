// npm run bench: starts the Worker locally (or uses BENCH_URL) and measures every hot route side by side, plus engine, snippet and stats figures.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLocalMigrations, createSite, startLocalWorker } from './lib/local-worker';
import { load, type LoadResult } from './lib/load';
import { configWithoutBeaconConsumer, consumerMeter } from './lib/bench-collect';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// The collect pair alternates /health and /v1/collect on its own Worker: more, shorter-spaced rounds than the rest.
const COLLECT_ROUNDS = Number(process.env.BENCH_COLLECT_ROUNDS ?? 7);
// The collect Workers' rows: [its /health, the beacon's POST read and answered, /v1/collect].
const BROKER = ['GET /health (Worker without beacon consumer)', 'POST /__bench/body (beacon read, answered)', 'POST /v1/collect'] as const;
const STUB = ['GET /health (Worker with a queue stub)', 'POST /__bench/body (Worker with a queue stub)', 'POST /v1/collect (send to a queue stub)'] as const;
let round = 0;
let seq = 0;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
// BENCH_URL + ADMIN_TOKEN: a deployed Worker instead (creates a site "Bench" there; its rate limit applies).
const REMOTE = process.env.BENCH_URL?.replace(/\/$/, '');
const ADMIN = REMOTE ? process.env.ADMIN_TOKEN ?? '' : 'bench-admin';
const OUT = REMOTE ? 'bench/remote.json' : 'bench/latest.json';
const run = Date.now().toString(36);

const persistTo = REMOTE ? null : mkdtempSync(join(tmpdir(), 'waymark-bench-'));
if (persistTo) applyLocalMigrations(persistTo);
const consumer = consumerMeter();
const vars = { ADMIN_TOKEN: ADMIN, BENCH: '1', PERSONALIZE_LOCAL_HTTP: '1' };
const worker = persistTo ? await startLocalWorker({ persistTo, vars, onLog: consumer.onLog }) : { url: REMOTE!, stop: async () => {} };
let apart: Awaited<ReturnType<typeof startLocalWorker>> | undefined;
let apartDir: string | undefined;
const url = worker.url;
const site = await createSite(url, ADMIN, 'Bench', [url]);
const auth = { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' };

try {
  // A company with history and a visitor resolved to it, so lookups answer something real.
  const domains = Array.from({ length: 20 }, (_, i) => `bench-co-${i}.com`);
  const seed = await fetch(`${url}/v1/events`, {
    method: 'POST', headers: auth,
    body: JSON.stringify({ events: domains.flatMap((d, i) => Array.from({ length: 10 }, (_, j) => ({
      id: `seed-${i}-${j}`, type: 'pageview', category: 'blog', engagedMs: 30_000, attention: 1, completion: 0.9,
      company: { domain: d }, visitor: `bench-visitor-${i}`, session: `s-${i}`, ts: Date.now() - (10 - j) * 3_600_000,
    }))) }),
  });
  if (!seed.ok) throw new Error(`seeding failed: ${seed.status} ${await seed.text()}`);

  // Personalizing edge (local runs): pages of http://localhost:<port> come from this Worker's own /demo at 127.0.0.1,
  // and this bench's address range is bench-co-0.com, so the rewrite has a real stage to apply.
  const edgeUrl = REMOTE ? null : url.replace('127.0.0.1', 'localhost');
  if (edgeUrl) {
    const put = await fetch(`${url}/v1/personalize`, { method: 'PUT', headers: auth, body: JSON.stringify({ origin: url, hosts: ['localhost'], injectTag: false }) });
    const range = await fetch(`${url}/v1/ip-ranges`, { method: 'POST', headers: auth, body: JSON.stringify({ cidr: '10.7.0.0/16', domain: domains[0] }) });
    if (!put.ok || !range.ok) throw new Error(`personalize setup failed: ${put.status} ${range.status}`);
  }
  // A few returning visitors: the steady state of a page view is a cache hit (the miss is the /v1/stage (miss) row).
  const page = (i: number) => ({ accept: 'text/html', 'accept-language': 'en', 'user-agent': `Mozilla/5.0 Chrome/130.0 bench-${i % 4}`, 'cf-connecting-ip': `10.7.0.${i % 4}` });

  const beacon = (base: string, key: string) => (i: number) => new Request(`${base}/v1/collect`, {
    method: 'POST', headers: { 'content-type': 'text/plain', origin: base, 'cf-connecting-ip': `10.9.${(i >> 8) & 255}.${i & 255}` },
    body: JSON.stringify({ k: key, s: `bs-${i % 50}`, sm: 60_000, e: [{ i: `${run}-b-${i}`, t: 'pv', u: '/blog/post', m: 12_000, w: 900, d: 0.8, p: 0.7 }] }),
  });
  interface Case { name: string; make: (i: number) => Request; target?: number; floor?: string; vs?: string; max?: number; ref?: string }
  const floor = (trips: number) => `D1 floor: ${trips} × SELECT 1`;
  const cases: Case[] = [
    { name: 'GET /health', make: () => new Request(`${url}/health`) },
    // What any route pays for its D1 round trips on local D1 (a SQLite Durable Object on the same cores).
    { name: floor(1), make: () => new Request(`${url}/__bench/d1?trips=1`) },
    { name: floor(2), make: () => new Request(`${url}/__bench/d1?trips=2`) },
    // Live traffic spreads over many companies; the hot row shows 8 writers racing for one company (retried on conflict).
    { name: 'POST /v1/events (1 event)', target: 0.5, floor: floor(2), make: (i) => new Request(`${url}/v1/events`, {
      method: 'POST', headers: auth,
      body: JSON.stringify({ events: [{ id: `${run}-e-${i}`, type: 'pageview', category: 'blog', engagedMs: 20_000, company: { domain: `live-co-${i % 2000}.com` }, visitor: `live-visitor-${i % 2000}`, session: `ls-${i % 2000}` }] }),
    }) },
    { name: 'POST /v1/events (1 hot company)', floor: floor(2), make: (i) => new Request(`${url}/v1/events`, {
      method: 'POST', headers: auth,
      body: JSON.stringify({ events: [{ id: `${run}-h-${i}`, type: 'pageview', category: 'pricing', engagedMs: 20_000, company: { domain: domains[0] }, visitor: 'bench-visitor-0', session: 's-0' }] }),
    }) },
    // Public routes are rate limited per site and client (600/min): each request comes from its own address, as real visitors do.
    // 20 visitors asked again and again: answers come from the edge cache (worker/stage-cache.ts), no D1.
    { name: 'GET /v1/stage (cache hit)', target: 0.9, make: (i) => new Request(`${url}/v1/stage?site=${site.publicKey}&visitor=bench-visitor-${i % 20}`, {
      headers: { origin: url, 'cf-connecting-ip': `10.8.${(i >> 8) & 255}.${i & 255}` },
    }) },
    // A visitor never seen before: the D1 lookup (its row, then its address's network facts).
    { name: 'GET /v1/stage (miss)', target: 0.7, floor: floor(1), make: (i) => new Request(`${url}/v1/stage?site=${site.publicKey}&visitor=miss-${run}-${i}`, {
      headers: { origin: url, 'cf-connecting-ip': `10.8.${(i >> 8) & 255}.${i & 255}` },
    }) },
    ...(edgeUrl ? [
      { name: 'GET /demo (origin page)', make: () => new Request(`${url}/demo?site=${site.publicKey}`, { headers: { accept: 'text/html' } }) },
      { name: 'GET /demo via plain proxy', make: () => new Request(`${url}/__bench/proxy?path=${encodeURIComponent(`/demo?site=${site.publicKey}`)}`, { headers: { accept: 'text/html' } }) },
      { name: 'GET /demo via personalizing edge', vs: 'GET /demo via plain proxy', max: 1.2, make: (i: number) => new Request(`${edgeUrl}/demo?site=${site.publicKey}`, { headers: page(i) }) },
    ] : []),
    { name: 'GET /v1/companies/:domain', target: 0.7, floor: floor(1), make: (i) => new Request(`${url}/v1/companies/${domains[i % 20]}`, { headers: auth }) },
    // Last in a round: the beacons it queues are consumed in the background (same cores) and would slow what follows.
    { name: 'POST /v1/collect (consumer alongside)', make: beacon(url, site.publicKey) },
  ];

  // BENCH_ONLY=<regex>: only the matching routes (and /health, the reference), no engine/snippet/stats extras.
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
  if (only) cases.splice(0, cases.length, ...cases.filter((k) => k.name === 'GET /health' || only.test(k.name) || cases.some((b) => (b.vs === k.name || b.floor === k.name) && only.test(b.name))));
  // The floor route exists only under BENCH=1 (always locally; a deployed Worker normally has none).
  const floors = (await fetch(`${url}/__bench/d1?trips=0`).then((r) => r.ok, () => false));
  if (!floors) cases.splice(0, cases.length, ...cases.filter((k) => !k.name.startsWith('D1 floor')).map((k) => ({ ...k, floor: undefined })));

  // Rounds interleave the cases so a busy machine slows them alike; each ratio compares figures of the same round.
  const results: Record<string, LoadResult[]> = {};
  const measure = async (list: Case[], rounds: number, pause: number) => {
    for (round = 0; round < rounds; round++) {
      if (round > 0 && pause) await new Promise((r) => setTimeout(r, pause));
      for (const k of list) {
        const make = () => k.make(seq++); // one sequence for the whole run: no event id is ever sent twice
        await load(make, { seconds: 0.5, concurrency: CONCURRENCY }); // warm-up
        (results[k.name] ??= []).push(await load(make, { seconds: SECONDS, concurrency: CONCURRENCY }));
      }
    }
  };
  await measure(cases, ROUNDS, 5_000); // the pause lets the beacon queue drain
  // The issue-17 collect figure: the route on a second local Worker whose beacons have no consumer on these cores
  // (on Cloudflare the consumer runs in its own invocations), paired round by round with that Worker's /health.
  if (persistTo && cases.some((k) => k.name.startsWith('POST /v1/collect'))) {
    const dir = (apartDir = mkdtempSync(join(tmpdir(), 'waymark-bench-collect-')));
    applyLocalMigrations(dir);
    // Its own dev registry: wrangler's shared one would let the local broker forward the beacons to any other
    // `wrangler dev` on this machine that consumes a queue of that name (this bench's main Worker, or someone else's).
    const registry = join(dir, 'registry');
    // Each Worker: its /health, the same POST and body to a route that only reads it (what a body costs wrangler
    // dev's transport and the load generator here), and /v1/collect, paired round by round.
    const trio = async (label: string, queueStub: boolean, names: readonly [string, string, string]) => {
      await apart?.stop();
      apart = await startLocalWorker({ persistTo: dir, vars, config: configWithoutBeaconConsumer(dir, { queueStub }), env: { WRANGLER_REGISTRY_PATH: registry } });
      const at = apart.url;
      const key = (await createSite(at, ADMIN, `Bench ${label}`, [at])).publicKey; // each start has its own port: its own origin
      const [health, body, route] = names;
      const list: Case[] = [
        { name: health, ref: health, make: () => new Request(`${at}/health`) },
        { name: body, ref: health, make: (i) => new Request(`${at}/__bench/body`, beacon(at, key)(i)) },
        { name: route, target: 0.9, ref: health, make: beacon(at, key) },
      ];
      await measure(list, COLLECT_ROUNDS, 0);
      cases.push(...list);
    };
    await trio('broker', false, BROKER);
    // The route's own work: BEACONS bound to a stub service (scripts/lib/queue-stub.ts) instead of the local broker,
    // which runs on these cores under wrangler dev (on Cloudflare, off the Worker's).
    await trio('stub', true, STUB);
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const ratio = (name: string, to: string) => +med(results[name].map((r, i) => r.rps / results[to][i].rps)).toFixed(2);
  const rows = cases.map((k) => {
    const rs = results[k.name];
    return {
      route: k.name, rps: Math.round(med(rs.map((r) => r.rps))), p50: +med(rs.map((r) => r.p50)).toFixed(1), p99: +med(rs.map((r) => r.p99)).toFixed(1),
      ratio: ratio(k.name, k.ref ?? 'GET /health'), target: k.target ?? null, vsFloor: k.floor ? ratio(k.name, k.floor) : null,
      roundTrips: rs[0].roundTrips, dbMs: rs[0].dbMs, errors: rs.reduce((n, r) => n + r.errors, 0),
      // Overhead against a baseline of the same round: its req/s over ours (1.0 = free; target ≤ max).
      overhead: k.vs && results[k.vs] ? +med(rs.map((r, i) => results[k.vs!][i].rps / r.rps)).toFixed(2) : null, overheadMax: k.max ?? null, vs: k.vs ?? null,
    };
  });

  const extras: Record<string, unknown> = {};
  for (const [key, mod, fn] of only ? [] : [['engine', './bench-engine', 'benchEngine'], ['snippet', './size', 'snippetSize'], ['stats', './bench-stats', 'benchStats'], ['bundle', './bundle', 'workerBundle'], ['d1RowsPerPageView', './bench-d1-rows', 'benchD1Rows']] as const) {
    try {
      const m = await import(mod);
      if (typeof m[fn] === 'function') extras[key] = await m[fn]();
    } catch (err) {
      extras[key] = { unavailable: String(err).slice(0, 200) };
    }
  }

  console.log(`\nWaymark bench — ${new Date().toISOString()} — ${ROUNDS} rounds × ${SECONDS} s per route, ${CONCURRENCY} in flight, ${REMOTE ?? 'loopback, wrangler dev (local D1)'}; medians\n`);
  console.log('| route | req/s | p50 ms | p99 ms | × /health | target | × its D1 floor | D1 round trips | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const dash = (v: unknown, f = (x: unknown) => String(x)) => (v === null || v === undefined ? '—' : f(v));
  for (const r of rows) console.log(`| ${r.route} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ratio} | ${dash(r.target, (t) => `≥ ${t}`)} | ${dash(r.vsFloor)} | ${dash(r.roundTrips)} | ${r.errors} |`);
  for (const r of rows.filter((x) => x.overhead !== null)) console.log(`\n${r.route}: ${r.overhead}× the time of ${r.vs} (target ≤ ${r.overheadMax}×), ${dash(r.roundTrips)} D1 round trips per page`);
  const b = extras.bundle as { gzipKiB?: number; budgetGzipKiB?: number; startupMs?: number; startupMedianMs?: number; budgetStartupMs?: number } | undefined;
  if (b?.gzipKiB !== undefined) {
    const ok = (v: number, max: number) => (v <= max ? '✓' : '✗');
    console.log(`\nWorker: ${b.gzipKiB} KiB gzip (target ≤ ${b.budgetGzipKiB} KiB) ${ok(b.gzipKiB, b.budgetGzipKiB!)}; startup ${b.startupMs} ms CPU, best of runs (median ${b.startupMedianMs}; target ≤ ${b.budgetStartupMs} ms) ${ok(b.startupMs!, b.budgetStartupMs!)}`);
  }
  for (const [k, v] of Object.entries(extras)) console.log(`\n${k}: ${JSON.stringify(v)}`);
  // Issue 17's figures side by side; each ratio compares figures of the same round (median over rounds).
  const hot = 'POST /v1/events (1 hot company)';
  const spread = 'POST /v1/events (1 event)';
  const hotP99 = results[hot] && results[spread] ? +med(results[hot].map((r, i) => r.p99 / results[spread][i].p99)).toFixed(2) : null;
  // A ratio of answers that were errors (e.g. a refused origin) measures nothing: no figure then.
  const cleanRatio = (name: string, to: string) => (results[name] && !results[name].some((r) => r.errors) ? ratio(name, to) : null);
  const collectRatio = cleanRatio(BROKER[2], BROKER[0]);
  const ownRatio = cleanRatio(STUB[2], STUB[0]);
  const overBody = cleanRatio(STUB[2], STUB[1]);
  const brokerOverBody = cleanRatio(BROKER[2], BROKER[1]);
  const bodyRatio = cleanRatio(STUB[1], STUB[0]);
  const beacons = consumer.summary();
  console.log(`\nbeacon consumer (main Worker, during the rounds above): ${beacons.acked}/${beacons.beacons} beacons acked in ${beacons.batches} batches, ${beacons.beaconsPerSecond ?? '—'} beacons scored per second of batch time`);
  const d1 = extras.d1RowsPerPageView as { read?: number; written?: number } | undefined;
  const atLeast = (v: number | null, min: number) => (v === null ? null : v >= min);
  const targets = [
    { figure: 'D1 rows written per page view (pageview + engagement beacon)', value: d1?.written ?? null, target: '≤ 6', met: d1?.written !== undefined ? d1.written <= 6 : null },
    { figure: 'D1 rows read per page view', value: d1?.read ?? null, target: '—', met: null },
    { figure: 'hot-company p99 ÷ spread p99 (8 writers on 1 company vs 8 on many)', value: hotP99, target: '≤ 3', met: hotP99 === null ? null : hotP99 <= 3 },
    { figure: '/v1/collect req/s ÷ /health req/s (send to the local queue broker)', value: collectRatio, target: '≥ 0.9', met: atLeast(collectRatio, 0.9) },
    { figure: '/v1/collect req/s ÷ /health req/s (send to a stub: the route\'s own work)', value: ownRatio, target: '≥ 0.9', met: atLeast(ownRatio, 0.9) },
    { figure: 'the beacon\'s POST read and answered ÷ /health (the local transport\'s cost of a body)', value: bodyRatio, target: '—', met: null },
    { figure: '/v1/collect req/s ÷ the beacon\'s POST read and answered (send to the local queue broker)', value: brokerOverBody, target: '—', met: null },
    { figure: '/v1/collect req/s ÷ the beacon\'s POST read and answered (send to a stub)', value: overBody, target: '≥ 0.9', met: atLeast(overBody, 0.9) },
  ];
  console.log('\n| figure (issue 17) | value | target | met |\n| --- | ---: | ---: | :---: |');
  for (const t of targets) console.log(`| ${t.figure} | ${dash(t.value)} | ${t.target} | ${t.met === null ? '—' : t.met ? 'yes' : 'no'} |`);
  mkdirSync('bench', { recursive: true });
  writeFileSync(OUT, JSON.stringify({ at: new Date().toISOString(), url: REMOTE ?? 'wrangler dev', rounds: ROUNDS, seconds: SECONDS, concurrency: CONCURRENCY, routes: rows, targets, beaconConsumer: beacons, ...extras }, null, 2));
  console.log(`\nwritten to ${OUT}`);
} finally {
  await worker.stop();
  await apart?.stop();
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  if (apartDir) rmSync(apartDir, { recursive: true, force: true });
}
