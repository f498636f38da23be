// Media in Chromium: /w.js?media measures the share of a recording actually played.
import { expect, describe, it } from 'vitest';
import { demo, events, useBrowser } from './support/snippet';

const { open } = useBrowser();

describe('the snippet in Chromium: media', () => {
  it('media completion is the share actually played, not how far it was skipped', async () => {
    const { page, beacons, errors } = await open();
    await page.goto(demo('/demo/webinar'));
    await expect.poll(() => beacons.length).toBe(1);
    await page.click('h1'); // a user gesture, so that play() is allowed
    await page.evaluate(() => { const a = document.querySelector('audio')!; a.playbackRate = 4; return a.play(); });
    await page.waitForFunction(() => document.querySelector('audio')!.currentTime > 3, null, { timeout: 10_000 });
    await page.evaluate(() => { const a = document.querySelector('audio')!; a.currentTime = a.duration - 0.5; });
    await page.waitForFunction(() => document.querySelector('audio')!.ended, null, { timeout: 10_000 });
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => events(beacons).find((e) => e.t === 'md')).toBeDefined();
    const media = events(beacons).find((e) => e.t === 'md')!;
    expect(media).toMatchObject({ i: expect.stringMatching(/^\w{8,}$/), c: 'product-webinar', u: '/demo/webinar' });
    expect(media.i).not.toBe(beacons[0].e[0].i);
    expect(media.r).toBe(1); // always an update: the Worker stores an update of an id it has not seen as new
    expect(media.p).toBeGreaterThan(0.15); // about 3 s and the last 0.5 s of 12 s…
    expect(media.p).toBeLessThan(0.5); // …though it played to the end
    expect(errors).toEqual([]);
  });
});
