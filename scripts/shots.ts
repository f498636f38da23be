// npm run shots: screenshots of every dashboard page (and the demo), desktop and phone, into docs/shots/ (and docs/dashboard.png).
// A fresh local Worker and D1, six months of simulated journeys, some anonymous and identified browser visitors.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { generateJourneys, sendEvents } from './lib/journeys';
import { applyLocalMigrations, createSite, startLocalWorker } from './lib/local-worker';

const ADMIN_TOKEN = 'shots-admin';
const OUT = 'docs/shots';
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

const persistTo = mkdtempSync(join(tmpdir(), 'waymark-shots-'));
applyLocalMigrations(persistTo);
const worker = await startLocalWorker({ persistTo, vars: { ADMIN_TOKEN, DOH_URL: '' } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const url = worker.url;
  const site = await createSite(url, ADMIN_TOKEN, 'Northwind Ledger', [url]);
  const empty = await createSite(url, ADMIN_TOKEN, 'A new site', [url]);
  const now = Date.now();
  const { events } = generateJourneys({ companies: 60, seed: 3, days: 180, now });
  await sendEvents(url, site.secretKey, events);
  // Browser visitors: most stay anonymous, some submit a work email (the coverage card counts both).
  const domains = [...new Set(events.map((e) => (e.company as { domain: string }).domain))];
  for (let i = 0; i < 120; i++) {
    const body = { k: site.publicKey, v: `shot-visitor-${i}`, ...(i % 4 === 0 ? { id: `alex${i}@${domains[i % domains.length]}` } : {}), e: [{ i: `shot-${i}`, t: 'pv', c: 'blog' }] };
    await fetch(`${url}/v1/collect`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: url, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', 'accept-language': 'en' }, body: JSON.stringify(body) });
  }
  await new Promise((r) => setTimeout(r, 3000)); // the beacon queue drains

  mkdirSync(OUT, { recursive: true });
  const signIn = async (page: Page, key: string) => {
    await page.goto(`${url}/dashboard`);
    await page.fill('#key', key);
    await Promise.all([page.waitForURL(/\/dashboard$/), page.click('button[type=submit]')]);
  };
  const first = (await (await fetch(`${url}/v1/companies?sort=score&limit=1`, { headers: { authorization: `Bearer ${site.secretKey}` } })).json()) as { companies: { domain: string }[] };
  const pages: [string, string, string?][] = [
    ['sign-in', '/dashboard'],
    ['overview', '/dashboard?days=180', site.secretKey],
    ['companies', '/dashboard/companies', site.secretKey],
    ['companies-filtered', '/dashboard/companies?stage=evaluation&sort=score', site.secretKey],
    ['company', `/dashboard/companies/${first.companies[0]!.domain}`, site.secretKey],
    ['empty', '/dashboard', empty.secretKey],
    ['demo', `/demo?site=${site.publicKey}`],
  ];
  for (const [view, size] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
    let signedAs = '';
    for (const [name, path, key] of pages) {
      const page = await context.newPage();
      if (key && key !== signedAs) await context.clearCookies(), await signIn(page, key), (signedAs = key);
      if (!key && signedAs) await context.clearCookies(), (signedAs = '');
      await page.goto(`${url}${path}`);
      await page.waitForLoadState('networkidle');
      const file = `${OUT}/${name}-${view}.png`;
      await page.screenshot({ path: file, fullPage: true });
      if (name === 'overview' && view === 'desktop') await page.screenshot({ path: 'docs/dashboard.png', fullPage: true });
      console.log(`${file} (${await page.evaluate(() => document.compatMode)})`);
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  await worker.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
