// Privacy in Chromium: Global Privacy Control and Do-Not-Track send nothing; consent keeps a first-party id, never a cookie.
import { expect, describe, it } from 'vitest';
import { demo, leave, read, useBrowser, workerUrl as urlOf } from './support/snippet';

const workerUrl = urlOf();
const { open } = useBrowser();

describe('the snippet in Chromium: privacy and consent', () => {
  for (const [name, init] of [
    ['Global Privacy Control', "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })"],
    ['Do-Not-Track', "Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })"],
  ] as const) {
    it(`${name} sends nothing at all, and stage() answers null`, async () => {
      const { page, requests, errors } = await open({ init: [init], clock: true });
      await page.goto(demo('/demo/blog/three-day-close'));
      await read(page, 3);
      expect(await page.evaluate(() => window.waymark!.stage())).toBeNull();
      await page.evaluate(() => { window.waymark!.identify('a@b.example'); window.waymark!.track('tool', { category: 'roi-calculator' }); });
      await leave(page);
      const worker = requests.map((r) => new URL(r.url())).filter((u) => u.origin === workerUrl).map((u) => u.pathname);
      expect(worker.filter((p) => p.startsWith('/v1/'))).toEqual([]);
      expect(await page.context().cookies()).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it('consent(true) keeps a first-party id in localStorage and sends it; no cookie ever', async () => {
    const { page, context, beacons, errors } = await open();
    await page.goto(demo('/demo/pricing'));
    await expect.poll(() => beacons.length).toBe(1);
    expect(beacons[0].v).toBeUndefined();
    await page.evaluate(() => window.waymark!.consent(true));
    const id = await page.evaluate(() => localStorage.getItem('waymark:v'));
    expect(id).toMatch(/^\w{8,}$/);
    await page.goto(demo('/demo/blog'));
    await expect.poll(() => beacons.length).toBeGreaterThanOrEqual(2);
    expect(beacons.at(-1)!.v).toBe(id);
    await page.evaluate(() => window.waymark!.consent(false));
    expect(await page.evaluate(() => localStorage.getItem('waymark:v'))).toBeNull();
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(errors).toEqual([]);
  });
});
