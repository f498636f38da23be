// npm run bench:snippet: Waymark's w.js beside the peers' real trackers (from npm) on one ~2,000-word article, in
// Chromium, the same scripted read for each; prints bytes, requests, bytes sent, main-thread CPU, long tasks, figures.
// BENCH_RUNS (default 5) and BENCH_READ_S (default 30) shorten a quick run, BENCH_TRACKERS=waymark,plausible picks
// trackers by name; BENCH_VARIANTS=dir adds each dir/*.ts (an edited copy of snippet/w.ts) as one more tracker, to
// compare changes in one interleaved run; BENCH_DEBUG=1 prints JS time by trace event, BENCH_PROFILE=1 by function
// (the sampling profiler in the trace: its own overhead inflates every CPU figure).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { articlePage, paragraphs, wordCount } from './lib/article';
import { freePort } from './lib/local-worker';
import { profileByFunction, scriptCost, markTs, TRACE_CATEGORIES } from './lib/trace';
import { buildSnippet } from './build-snippet';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROFILE = !!process.env.BENCH_PROFILE;
const READ_S = Number(process.env.BENCH_READ_S ?? 30);
const PICK = process.env.BENCH_TRACKERS?.toLowerCase().split(',');
const ARTICLE = paragraphs('mpl', 2050); // the Mozilla Public License 2.0 as lightningcss ships it
const version = (pkg: string) => JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version as string;

interface Hit { path: string; bytes: number; body: string }
interface Tracker { name: string; script: string; code: string; tag: string; collect: RegExp; reported: (hits: Hit[]) => string }

async function trackers(): Promise<Tracker[]> {
  const plausible = await build({ stdin: { contents: `import { init } from '@plausible-analytics/tracker';
    init({ domain: 'bench.example', endpoint: '/api/event', captureOnLocalhost: true });`, resolveDir: process.cwd() },
  bundle: true, minify: true, format: 'iife', write: false });
  const json = (h: Hit) => { try { return JSON.parse(h.body); } catch { return {}; } };
  const all: Tracker[] = [
    { name: 'Waymark (w.js)', script: '/w.js', code: await buildSnippet(), tag: '<script defer src="/w.js" data-site="pk_bench"></script>',
      collect: /^\/v1\/collect/, reported: (hits) => {
        const figs = hits.flatMap((h) => json(h).e ?? []).filter((e: { t?: string }) => !e.t || e.t === 'pv').reduce((a: object, e: object) => ({ ...a, ...e }), {});
        return `engaged ${(figs.m ?? 0) / 1000} s, scroll ${figs.d ?? '?'}, completion ${figs.p ?? '?'}`;
      } },
    { name: `Plausible ${version('@plausible-analytics/tracker')}`, script: '/plausible.js', code: plausible.outputFiles[0].text,
      tag: '<script defer src="/plausible.js"></script>', collect: /^\/api\/event/, reported: (hits) => {
        const eng = hits.map(json).filter((e) => e.n === 'engagement');
        return `engaged ${eng.reduce((s, e) => s + (e.e ?? 0), 0) / 1000} s, scroll ${Math.max(0, ...eng.map((e) => e.sd ?? 0)) / 100}, completion —`;
      } },
    { name: `Counterscale ${version('@counterscale/tracker')}`, script: '/tracker.js', code: readFileSync('node_modules/@counterscale/tracker/dist/loader/tracker.js', 'utf8'),
      tag: '<script id="counterscale-script" data-site-id="bench" data-report-localhost src="/tracker.js" defer></script>',
      collect: /^\/(collect|cache)/, reported: () => 'page view only' },
  ];
  const dir = process.env.BENCH_VARIANTS;
  for (const f of dir ? readdirSync(dir).filter((x) => x.endsWith('.ts')).sort() : [])
    all.push({ ...all[0], name: `Waymark ${f}`, script: `/w-${f.slice(0, -3)}.js`, code: await buildSnippet({}, `${dir}/${f}`),
      tag: all[0].tag.replace('/w.js', `/w-${f.slice(0, -3)}.js`) });
  return all.filter((t) => !PICK || PICK.some((p) => t.name.toLowerCase().includes(p)));
}

async function serve(list: Tracker[], hits: Hit[]) {
  const port = await freePort();
  const body = (req: IncomingMessage) => new Promise<string>((r) => { let s = ''; req.on('data', (c) => (s += c)); req.on('end', () => r(s)); });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const t = list.find((x) => x.script === url.pathname);
    if (t) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(t.code);
    const page = list.find((x) => url.pathname === `/article/${list.indexOf(x)}`);
    if (page) return res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('A guide to the Mozilla Public License', ARTICLE, page.tag));
    const text = await body(req);
    hits.push({ path: url.pathname + url.search, bytes: Buffer.byteLength(text) + (url.search.length > 1 ? url.search.length - 1 : 0), body: text });
    res.writeHead(url.pathname === '/cache' ? 200 : 202, { 'content-type': 'application/json' }).end(url.pathname === '/cache' ? '{"ht":1}' : '{}');
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** One page view: load, 1 s, the scripted read (mouse moves ~16/s, a wheel step a second to the bottom), leave. */
async function run(browser: Browser, base: string, t: Tracker, index: number, hits: Hit[]) {
  hits.length = 0;
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await browser.startTracing(page, { categories: PROFILE ? [...TRACE_CATEGORIES, 'disabled-by-default-v8.cpu_profiler'] : TRACE_CATEGORIES });
  await page.goto(`${base}/article/${index}`, { waitUntil: 'load' });
  await page.waitForTimeout(1000);
  await page.evaluate(() => console.timeStamp('bench-read'));
  const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  const started = Date.now();
  for (let i = 0; Date.now() - started < READ_S * 1000; i++) {
    await page.mouse.move(300 + (i % 40) * 5, 200 + (i % 25) * 8);
    if (i % 16 === 15) await page.mouse.wheel(0, height / READ_S);
    await page.waitForTimeout(60);
  }
  await page.goto('about:blank');
  await page.waitForTimeout(1000);
  const trace = (await browser.stopTracing()).toString();
  await page.close();
  const mine = hits.filter((h) => t.collect.test(h.path));
  return { ...scriptCost(trace, t.script, markTs(trace, 'bench-read')), byFunction: PROFILE ? profileByFunction(trace, t.script) : {}, requests: mine.length, sent: mine.reduce((s, h) => s + h.bytes, 0), reported: t.reported(mine) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const list = await trackers();
const hits: Hit[] = [];
const server = await serve(list, hits);
// As a real visitor: no automation flag (Plausible, for one, ignores navigator.webdriver browsers).
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-blink-features=AutomationControlled'] });
const results = list.map(() => [] as Awaited<ReturnType<typeof run>>[]);
try {
  for (let r = 0; r < RUNS; r++) for (const [i, t] of list.entries()) results[i].push(await run(browser, server.base, t, i, hits)); // interleaved rounds
} finally {
  await browser.close();
  server.close();
}
console.log(`${wordCount(ARTICLE)}-word article, ${READ_S} s scripted read, ${RUNS} runs each, medians (Chromium ${browser.version()})\n`);
console.log('| tracker | gzip B | requests | bytes sent / page view | main-thread CPU ms (load) | long tasks | reported |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [i, t] of list.entries()) {
  const rs = results[i];
  const m = (k: 'cpuMs' | 'loadMs' | 'requests' | 'sent' | 'longTasks') => median(rs.map((x) => x[k]));
  if (process.env.BENCH_DEBUG) {
    const ms = (e: string) => Number(e.split(':')[1]);
    console.error(t.name, rs.map((x) => [x.calls, x.byName, x.list.join(' ')]));
    console.error(`${t.name}: median ms after load ${median(rs.map((x) => x.cpuMs - x.loadMs)).toFixed(2)}, leave ${median(rs.map((x) => ms(x.list.at(-1)!))).toFixed(2)}`);
  }
  if (PROFILE) {
    const fns: Record<string, number> = {};
    for (const x of rs) for (const [f, ms] of Object.entries(x.byFunction)) fns[f] = (fns[f] ?? 0) + ms / rs.length;
    console.error(`${t.name}: ms per page view by function\n${Object.entries(fns).sort((a, b) => b[1] - a[1]).slice(0, 15).map(([f, ms]) => `  ${ms.toFixed(2).padStart(6)}  ${f}`).join('\n')}`);
  }
  console.log(`| ${t.name} | ${gzipSync(t.code, { level: 9 }).length} | ${m('requests')} | ${m('sent')} | ${m('cpuMs').toFixed(1)} (${m('loadMs').toFixed(1)}) | ${m('longTasks')} | ${rs.at(-1)!.reported} |`);
}
const figures = results.map((rs) => ({ cpu: median(rs.map((x) => x.cpuMs)), after: median(rs.map((x) => x.cpuMs - x.loadMs)), sent: median(rs.map((x) => x.sent)) }));
const at = (name: string) => figures[list.findIndex((t) => t.name.startsWith(name))];
const [w, p] = [at('Waymark'), at('Plausible')];
// After load: the read and the leave beacon (median of each run's CPU minus its load), less noisy than the load itself.
if (w && p)
  console.log(`\nWaymark vs Plausible: CPU ${(w.cpu / p.cpu).toFixed(2)}×, after load ${w.after.toFixed(1)} vs ${p.after.toFixed(1)} ms (${(w.after / p.after).toFixed(2)}×), bytes sent ${(w.sent / p.sent).toFixed(2)}× (targets ≤ 1, ≤ 1, ≤ 1.5)`);
