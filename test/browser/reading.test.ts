// Reading in Chromium as a real visitor: a skim of a long guide completes nothing, a careful read completes it and
// opens guide-completed, an untouched tab earns no engaged time, and a hidden tab runs nothing.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { articlePage, paragraphs, wordCount } from '../../scripts/lib/article';
import { DESKTOP_UA, REAL_VISITOR_ARGS, crmKnows, leave, pollCompany, read, site, stored, useBrowser, workerUrl } from './support/snippet';

const { open } = useBrowser(REAL_VISITOR_ARGS);
const TEXT = paragraphs('apache'); // the Apache License 2.0 as playwright-core ships it: 1,585 words nobody here wrote

/** Serves the text as /guides/<slug> on the Worker's origin, with the site's tag: the URL rules make it a guide. */
async function guide(context: BrowserContext, page: Page, slug: string) {
  const tag = `<script defer src="${workerUrl()}/w.js" data-site="${site().publicKey}"></script>`;
  await context.route(`${workerUrl()}/guides/${slug}`, (r) => r.fulfill({ contentType: 'text/html', body: articlePage('Apache License 2.0, explained', TEXT, tag) }));
  await page.goto(`${workerUrl()}/guides/${slug}`);
  const screens = await page.evaluate(() => document.documentElement.scrollHeight / innerHeight);
  expect(screens).toBeGreaterThanOrEqual(3);
  expect(screens).toBeLessThanOrEqual(8);
}

// Each test its own visitor: without consent the Worker's visitor id is a salted hash of address and user agent.
let visitors = 0;
const asVisitor = () => ({ clock: true, context: { userAgent: DESKTOP_UA.replace('140.0.0.0', `140.0.${++visitors}.0`) } });
// A ledger row may join several reasons of one event (' + ', worker/ingest/ledger-merge.ts).
const gates = (company: Record<string, any>) => (company.ledger as { reason: string }[]).flatMap((l) => l.reason.split(' + ')).filter((r) => r.startsWith('gate:'));

describe('reading a long guide', () => {
  it('a 5 s skim to the bottom: scroll depth 1, completion ≤ 0.3, no qualifying view and no guide-completed', async () => {
    const { context, page, beacons, errors } = await open(asVisitor());
    await guide(context, page, 'skim');
    await expect.poll(() => beacons.length).toBe(1);
    const id = beacons[0].e[0].i;
    expect(beacons[0].a).toBeUndefined(); // a real visitor's browser: no automation signal
    await crmKnows('skimming-widgets.com'); // a claim attaches to a company the site knows (identity/claims.ts)
    await page.evaluate(() => window.waymark!.identify('reader@skimming-widgets.com'));
    await read(page, 10, 1, 500); // top to bottom in 5 s, a step every 0.5 s
    await leave(page);
    const row = await stored(id, (r) => r.engaged_ms > 0 && r.company_domain === 'skimming-widgets.com');
    expect(row.scroll_depth).toBeGreaterThanOrEqual(0.95); // scroll depth alone would call it read
    expect(row.completion).toBeLessThanOrEqual(0.3);
    expect(row.engaged_ms).toBeLessThanOrEqual(6000);
    expect(row.engaged_ms).toBeLessThan(10_000); // not a qualifying view
    const company = await pollCompany('skimming-widgets.com');
    expect(gates(company)).toEqual([]);
    expect(company.stage).toBe('target');
    expect(errors).toEqual([]);
  });

  it('a careful read at 230 words a minute: completion ≥ 0.8, and guide-completed opens', async () => {
    const { context, page, beacons, errors } = await open(asVisitor());
    await guide(context, page, 'careful');
    await expect.poll(() => beacons.length).toBe(1);
    const id = beacons[0].e[0].i;
    await crmKnows('careful-readers.com'); // a claim attaches to a company the site knows (identity/claims.ts)
    await page.evaluate(() => window.waymark!.identify('reader@careful-readers.com'));
    const seconds = Math.round((wordCount(TEXT) / 230) * 60);
    await read(page, Math.round(seconds / 5), 1, 5000); // a screen's worth every minute or so, input every 5 s
    // A long read beacons every minute of engagement, each update carrying only the view's figures.
    expect(beacons.length).toBeGreaterThanOrEqual(1 + Math.floor(seconds / 60));
    expect(beacons.slice(1).every((b) => b.e.every((e) => e.i === id && e.r === 1 && !e.t && !e.u && !e.c))).toBe(true);
    await leave(page);
    // The minute beacons already carry completion ≥ 0.8: wait for the leave beacon's engaged time, not the last update's.
    const row = await stored(id, (r) => r.completion >= 0.8 && r.company_domain === 'careful-readers.com' && r.engaged_ms >= (seconds - 5) * 1000);
    expect(row.engaged_ms).toBeGreaterThanOrEqual((seconds - 5) * 1000);
    expect(row.attention).toBeGreaterThan(0.9); // engaged ÷ expected reading time at 230 words a minute
    const company = await pollCompany('careful-readers.com', (c) => gates(c).length > 0);
    expect(gates(company)).toContain('gate:guide-completed');
    expect(errors).toEqual([]);
  });

  it('an untouched tab for 60 s: engaged ≤ 2 s, no beacon until it is left, no qualifying view', async () => {
    const { context, page, beacons, errors } = await open(asVisitor());
    await guide(context, page, 'untouched');
    await expect.poll(() => beacons.length).toBe(1);
    const id = beacons[0].e[0].i;
    await page.clock.runFor(60_000);
    expect(beacons.length).toBe(1);
    await leave(page);
    const row = await stored(id, (r) => r.scroll_depth > 0);
    expect(row.engaged_ms).toBeLessThanOrEqual(2000);
    expect(row.completion).toBe(0);
    expect(errors).toEqual([]);
  });

  it('while the tab is hidden nothing runs: no engaged time, no beacon; shown again, it measures again', async () => {
    const { context, page, beacons, errors } = await open(asVisitor());
    await guide(context, page, 'hidden');
    await expect.poll(() => beacons.length).toBe(1);
    const setHidden = (hidden: boolean) => page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await read(page, 4);
    await setHidden(true);
    await expect.poll(() => beacons.length).toBe(2); // the leave beacon: 4 s engaged (2 ticks)
    await read(page, 10); // input reaches a hidden page (as a script could): the tick is stopped, nothing counts
    expect(beacons.length).toBe(2);
    await setHidden(false);
    await read(page, 2);
    await setHidden(true);
    await expect.poll(() => beacons.length).toBe(3);
    expect(beacons.map((b) => b.e[0].m)).toEqual([undefined, 4000, 6000]);
    expect(errors).toEqual([]);
  });
});

describe('automation signals', () => {
  it('a browser with no languages is flagged as automated even without navigator.webdriver', async () => {
    const noLanguages = "Object.defineProperty(Navigator.prototype, 'languages', { get: () => [] })";
    const { context, page, beacons, errors } = await open({ ...asVisitor(), init: [noLanguages] });
    await guide(context, page, 'bot');
    await expect.poll(() => beacons.length).toBe(1);
    expect(beacons[0].a).toBe(true);
    expect(errors).toEqual([]);
  });
});
