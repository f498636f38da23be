// Reading a demo blog post in Chromium: engaged time, scroll depth, completion and words, and the beacons that carry them.
import { expect, describe, it } from 'vitest';
import { demo, leave, read, site as siteOf, stored, useBrowser } from './support/snippet';

const site = siteOf();
const { open } = useBrowser();

describe('the snippet in Chromium: reading a page', () => {
  it('an article read for 15 s and scrolled to the end: ≈15 s engaged, depth 1, its words, in two beacons', async () => {
    const { page, beacons, errors } = await open({ clock: true });
    await page.goto(demo('/demo/blog/three-day-close'));
    await expect.poll(() => beacons.length).toBe(1);
    const pv = beacons[0].e[0];
    expect(pv).toMatchObject({ t: 'pv', c: 'blog', u: '/demo/blog/three-day-close' });
    expect(pv.r).toBeUndefined();

    await read(page, 15);
    expect(beacons.length).toBe(1); // nothing between the page view and the leave beacon on a short read
    // The leave beacon (visibilitychange on unload) carries the figures; D1 shows what it said.
    await leave(page);
    const row = await stored(pv.i, (r) => r.engaged_ms >= 14_000);
    expect(row.engaged_ms).toBeLessThanOrEqual(16_000);
    expect(row.scroll_depth).toBeGreaterThanOrEqual(0.95);
    // 15 s is not enough to read the post: completion needs dwell time for the words (docs/snippet.md).
    expect(row.completion).toBeLessThan(0.5);
    expect(row.attention).toBeGreaterThan(0); // the words came with the engaged time
    expect(new Set(beacons.map((b) => b.s)).size).toBe(1);
    expect(beacons.every((b) => b.k === site.publicKey && b.a === true)).toBe(true); // navigator.webdriver under playwright
    expect(errors).toEqual([]);
    expect(row).toMatchObject({ automated: 1, company_domain: null }); // automated: kept, never scored
  });

  // The snippet reads the scroll position from a ScrollTimeline (no forced style or layout); without one, scrollY.
  it('the same read gives the same figures with scroll timelines and without them (Firefox, older Safari)', async () => {
    const figures = [];
    for (const init of [[], ['delete window.ScrollTimeline;']]) {
      const { page, beacons, errors } = await open({ clock: true, init });
      await page.goto(demo('/demo/blog/three-day-close'));
      await expect.poll(() => beacons.length).toBe(1);
      expect(await page.evaluate(() => 'ScrollTimeline' in window)).toBe(init.length === 0);
      await read(page, 8, 0.6, 4000); // to 60% of the page in 32 s
      await leave(page);
      figures.push(await stored(beacons[0].e[0].i, (r) => r.engaged_ms > 0));
      expect(errors).toEqual([]);
    }
    const [timeline, scrollY] = figures;
    expect(timeline.scroll_depth).toBeGreaterThan(0.6);
    expect(timeline.scroll_depth).toBeLessThan(0.9);
    expect(timeline.completion).toBeGreaterThan(0);
    expect(scrollY.scroll_depth).toBeCloseTo(timeline.scroll_depth, 1); // within 0.05: the timeline's percentage, back in px
    expect(scrollY.completion).toBeCloseTo(timeline.completion, 1);
    expect(scrollY.engaged_ms).toBe(timeline.engaged_ms);
  });

  it('a skim arrives with low completion', async () => {
    const { page, beacons, errors } = await open({ clock: true });
    await page.goto(demo('/demo/blog/three-day-close'));
    await expect.poll(() => beacons.length).toBe(1);
    const id = beacons[0].e[0].i;
    // A skim: top to bottom in 3 s. Slices get credit only for the time they were in view, not for flying past.
    const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    for (let step = 1; step <= 6; step++) {
      await page.evaluate((y) => window.scrollTo(0, y), Math.round((height * step) / 6));
      await page.clock.runFor(500);
    }
    expect(errors).toEqual([]);
    await leave(page); // the leave beacon (pagehide) carries the figures
    const row = await stored(id, (r) => r.engaged_ms > 0);
    expect(row.completion).toBeLessThan(0.5);
    expect(row.scroll_depth).toBeGreaterThanOrEqual(0.95); // scroll depth alone would have called it read
    expect(row.engaged_ms).toBeLessThanOrEqual(4000);
  });

  it('hiding the tab sends one engagement beacon, and only when something changed', async () => {
    const { page, beacons, errors } = await open({ clock: true });
    await page.goto(demo('/demo/pricing'));
    await expect.poll(() => beacons.length).toBe(1);
    await page.mouse.move(50, 50);
    await page.clock.runFor(4000);
    const hide = () => page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await hide();
    await expect.poll(() => beacons.length).toBe(2);
    // Only the view's figures: its type, category and path went with the page view.
    expect(beacons[1].e).toEqual([{ i: beacons[0].e[0].i, r: 1, m: 4000, d: expect.any(Number), p: expect.any(Number), w: expect.any(Number) }]);
    await hide(); // nothing new: nothing sent
    await page.waitForTimeout(300);
    expect(beacons.length).toBe(2);
    expect(errors).toEqual([]);
  });
});
