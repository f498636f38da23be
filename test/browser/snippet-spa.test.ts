// Page views in Chromium beyond a plain load: SPA paths, a prerendered page, the back/forward cache.
import { expect, describe, it } from 'vitest';
import { demo, events, latest, useBrowser } from './support/snippet';

const { open } = useBrowser();

describe('the snippet in Chromium: page views in a single-page app, a prerender, back/forward', () => {
  it('an SPA navigation (pushState) is a new page view, and the old one gets its final figures', async () => {
    const { page, beacons, errors } = await open({ clock: true });
    await page.goto(demo('/demo/tour'));
    await expect.poll(() => beacons.length).toBe(1);
    const first = beacons[0].e[0];
    expect(first).toMatchObject({ t: 'pv', c: 'features', u: '/demo/tour' });
    await page.mouse.move(100, 100);
    await page.clock.runFor(2000);
    await page.click('[data-tab=integrations]');
    expect(new URL(page.url()).pathname).toBe('/demo/tour/integrations');
    await page.clock.runFor(10_000); // the sampler (every 10 s) notices the new path
    await expect.poll(() => events(beacons).filter((e) => e.t === 'pv' && !e.r).length).toBe(2);
    const second = events(beacons).filter((e) => e.t === 'pv' && !e.r)[1];
    expect(second).toMatchObject({ u: '/demo/tour/integrations', c: 'integration' });
    expect(second.i).not.toBe(first.i);
    expect(latest(beacons, first.i).m).toBeGreaterThanOrEqual(2000);
    // popstate (Back) is a page view too.
    await page.goBack();
    await page.clock.runFor(10_000);
    await expect.poll(() => events(beacons).filter((e) => e.t === 'pv' && !e.r).at(-1)?.u).toBe('/demo/tour');
    expect(errors).toEqual([]);
  });

  it('a prerendered page counts only once shown', async () => {
    const init = `Object.defineProperty(Document.prototype, 'prerendering', { configurable: true, get: () => !window.__shown });`;
    const { page, beacons, errors } = await open({ init: [init] });
    await page.goto(demo('/demo/pricing'));
    await page.waitForTimeout(300);
    expect(beacons).toEqual([]);
    await page.evaluate(() => { (window as any).__shown = true; document.dispatchEvent(new Event('prerenderingchange')); });
    await expect.poll(() => beacons.length).toBe(1);
    expect(errors).toEqual([]);
  });

  it('going back to a page (restored from the back/forward cache, or loaded again) counts it at most once more', async () => {
    const { page, beacons, errors } = await open();
    await page.goto(demo('/demo/pricing'));
    await expect.poll(() => beacons.length).toBe(1);
    await page.mouse.move(10, 10);
    await page.goto(demo('/demo/blog'));
    await expect.poll(() => events(beacons).filter((e) => e.t === 'pv').length).toBe(2);
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/demo/pricing');
    await page.waitForTimeout(300);
    expect(events(beacons).filter((e) => e.t === 'pv' && e.u === '/demo/pricing').length).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
  });
});
