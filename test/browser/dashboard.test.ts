// The dashboard in real Chromium: sign-in, charts drawn as SVG, no console errors, wrong key refused, phone width.
// Writes no file: the screenshots in docs/ come from `npm run shots`.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { generateJourneys, sendEvents } from '../../scripts/lib/journeys';
import { launchBrowser, watchErrors } from './browser';

const url = inject('workerUrl');
const site = inject('site');
let browser: Browser;

beforeAll(async () => {
  // A lively history: 60 companies over six months through POST /v1/events (what `npm run simulate` sends).
  const { events } = generateJourneys({ companies: 60, seed: 3, days: 180, now: Date.now() });
  await sendEvents(url, site.secretKey, events);
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('signs in with the secret key and draws every chart without console errors', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const errors = watchErrors(page);
  await page.goto(`${url}/dashboard?days=180`);
  await page.fill('#key', site.secretKey);
  await Promise.all([page.waitForURL(/\/dashboard$/), page.click('button[type=submit]')]);
  await page.goto(`${url}/dashboard?days=180`);
  await page.waitForSelector('text=Stage funnel');
  expect(await page.locator('svg.chart polygon').count()).toBeGreaterThanOrEqual(4); // stages over time
  expect(await page.locator('[aria-label="Stage funnel"] svg rect').count()).toBe(5);
  expect(await page.locator('[aria-label="Time in stage"] svg rect').count()).toBeGreaterThanOrEqual(4);
  expect(await page.locator('[aria-label="Content influence"] svg rect').count()).toBeGreaterThanOrEqual(5);
  expect(await page.textContent('#weakest-link')).toMatch(/weakest link|wait longest/);
  expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
  // The ledger rows that explain a sales-attention company.
  await page.locator('details summary').first().click();
  expect(await page.locator('details[open] .ledger li').count()).toBeGreaterThan(0);
  await page.locator('details summary').first().click();
  expect(errors).toEqual([]);

  // Readable on a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.evaluate(() => window.scrollTo(0, 0));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);

  // Signing out ends the session.
  await Promise.all([page.waitForURL(/\/dashboard$/), page.click('text=Sign out')]);
  expect(await page.locator('#key').count()).toBe(1);
});

it('rejects a wrong key and the public key', async () => {
  const page = await browser.newPage();
  for (const key of ['sk_not-a-real-key', site.publicKey]) {
    await page.goto(`${url}/dashboard`);
    await page.fill('#key', key);
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/dashboard/sign-in')), page.click('button[type=submit]')]);
    expect(res.status()).toBe(401);
    expect(await page.textContent('[role=alert]')).toContain('does not open a dashboard');
    expect(await page.locator('text=Stage funnel').count()).toBe(0);
  }
});
