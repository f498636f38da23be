// The page's window.waymark API in Chromium: stage() (also through the queue stub) and track().
import { expect, describe, it } from 'vitest';
import { demo, DESKTOP_UA, events, NOT_AUTOMATED, site as siteOf, useBrowser, workerUrl as urlOf } from './support/snippet';

const workerUrl = urlOf();
const site = siteOf();
const { open } = useBrowser();

describe('the snippet in Chromium: window.waymark', () => {
  it('waymark.stage() answers, also when called through the queue stub before the script loaded', async () => {
    const { page, requests, errors } = await open();
    await page.goto(demo('/demo'));
    const answer = await page.evaluate(() => window.waymark!.stage());
    expect(answer).toMatchObject({ stage: expect.any(String) });
    // The public key reveals no score nor sales attention (sales-internal).
    expect(answer).not.toHaveProperty('score');
    expect(answer).not.toHaveProperty('salesAttention');
    expect(Array.isArray((answer as { recommended: unknown }).recommended)).toBe(true);
    await expect.poll(() => page.textContent('[data-wm=stage]')).toBe((answer as { stage: string }).stage); // the stub's call
    expect(requests.some((r) => r.url().includes('/v1/stage?site='))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('track() sends its own event with canonical names; a typo in a category does not lose the beacon', async () => {
    const { page, beacons, errors } = await open({ init: [NOT_AUTOMATED], context: { userAgent: DESKTOP_UA } });
    await page.goto(demo('/demo'));
    await expect.poll(() => beacons.length).toBe(1);
    await page.evaluate(() => window.waymark!.track('tool', { category: 'roi-calculator' }));
    await expect.poll(() => events(beacons).find((e) => e.t === 'tool')).toMatchObject({ c: 'roi-calculator', u: '/demo' });
    const res = await fetch(`${workerUrl}/v1/collect`, { method: 'POST', headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ k: site.publicKey, e: [{ i: 'typo-1', t: 'pv', c: 'pricnig', u: '/pricing' }] }) });
    expect(res.status).toBe(202);
    expect(errors).toEqual([]);
  });
});
