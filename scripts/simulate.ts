// npm run simulate [-- --url http://localhost:8787 --key sk_… --companies 40 --seed 1 --days 180]
// Sends realistic buyer journeys through POST /v1/events so a new dashboard has life (default: npm start's demo site).
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateJourneys, sendEvents } from './lib/journeys';

const { values } = parseArgs({
  options: {
    // The host npm start prints (localhost, not 127.0.0.1: one cookie, one dashboard sign-in).
    url: { type: 'string', default: process.env.WAYMARK_URL ?? `http://localhost:${process.env.PORT ?? 8787}` },
    key: { type: 'string', default: process.env.WAYMARK_SECRET_KEY ?? demoSecretKey() },
    companies: { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
    days: { type: 'string', default: '180' },
  },
});
/** The demo site's secret key that npm start keeps on disk, if it ran here. */
function demoSecretKey(): string | undefined {
  const file = '.wrangler/demo-site.json';
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { secretKey?: string }).secretKey : undefined;
}
const companies = Number(values.companies);
const seed = Number(values.seed);
const days = Number(values.days);
if (!values.key?.startsWith('sk_')) {
  console.error('no secret key: run npm start first (it creates the demo site), or pass one:');
  console.error('  npm run simulate -- --url http://localhost:8787 --key sk_… [--companies 40] [--seed 1] [--days 180]');
  process.exit(2);
}
if (!(companies > 0 && companies <= 100_000) || !Number.isInteger(seed) || !(days >= 7 && days <= 730)) {
  console.error('--companies must be 1..100000, --seed an integer, --days 7..730');
  process.exit(2);
}
const url = values.url!.replace(/\/$/, '');
// Event ids depend only on the seed and the company, so a rerun counts nothing twice.
const now = Date.now();
const { events, kinds } = generateJourneys({ companies, seed, days, now });
const started = performance.now();
const sent = await sendEvents(url, values.key, events);
const secs = (performance.now() - started) / 1000;
console.log(`simulated ${companies} companies (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}) over ${days} days, seed ${seed}`);
console.log(`sent ${events.length} events in ${sent.batches} batches in ${secs.toFixed(1)} s: ${sent.accepted} accepted, ${sent.duplicates} duplicates`);
// Companies that went quiet decay lazily; wrangler dev runs the scheduled pass on request at /cdn-cgi/handler/scheduled.
const cron = await fetch(`${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`).catch(() => null);
if (cron?.ok) console.log('ran the scheduled pass: decay written for companies that went quiet');
// The same range as the dashboard link below, so the figures printed here are the figures shown there.
const range = [30, 90, 180, 365].find((d) => d >= days) ?? 365;
const res = await fetch(`${url}/v1/stats?from=${now - range * 86_400_000}&to=${now}`, { headers: { authorization: `Bearer ${values.key}` } });
if (res.ok) {
  const s = (await res.json()) as any;
  console.log(`stages now: ${Object.entries(s.now.counts).map(([k, n]) => `${k} ${n}`).join(', ')}; sales attention ${s.salesAttention.total}`);
  if (s.weakestLink) console.log(`weakest link (last ${range} days): ${s.weakestLink.sentence}`);
  console.log(`named visitors: ${s.coverage.resolved} of ${s.coverage.visitors}`);
}
console.log(`dashboard (the same ${range} days): ${url}/dashboard?days=${range}`);
