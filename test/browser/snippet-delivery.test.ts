// How the tag is delivered and how it talks to the Worker: cross-origin with no preflight, a tag included twice, /w.js caching and its builds.
import { expect, describe, it, onTestFinished as after } from 'vitest';
import { createSite } from '../../scripts/lib/local-worker';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './browser';
import { ADMIN_TOKEN } from './global-setup';
import { site as siteOf, useBrowser, workerUrl as urlOf } from './support/snippet';

const workerUrl = urlOf();
const site = siteOf();
const { ref, open } = useBrowser();

describe('the snippet in Chromium: delivery', () => {
  it.each([
    ['keepalive fetch', []],
    // Disabled by a privacy setting or an old browser: sendBeacon is not needed.
    ['keepalive fetch when sendBeacon is missing', ['delete Navigator.prototype.sendBeacon']],
  ])('on a customer site of another origin (%s): beacons and stage() work with no preflight and no console error', async (_, init) => {
    const origin = 'https://www.customer.example';
    const other = await createSite(workerUrl, ADMIN_TOKEN, 'Cross-origin customer', [origin]);
    // In production the customer's site and the Worker are both public; here the Worker is on loopback, which
    // Chromium's local-network-access rules would shield from a public page. This browser lets it through.
    const own = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--ignore-certificate-errors',
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights'] });
    after(() => own.close());
    const { context, page, beacons, requests, errors } = await open({ browser: own, init });
    await context.route(`${origin}/customer/**`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head>
      <meta name="waymark:category" content="pricing"><link rel="icon" href="data:,">
      <script defer src="${workerUrl}/w.js" data-site="${other.publicKey}"></script></head>
      <body><main><h1>Pricing</h1><p>Plans for every team.</p></main></body></html>` }));
    await page.goto(`${origin}/customer/pricing`);
    await expect.poll(() => beacons.length).toBe(1);
    expect(beacons[0]).toMatchObject({ k: other.publicKey, e: [{ t: 'pv', c: 'pricing', u: '/customer/pricing' }] });
    expect(await page.evaluate(() => window.waymark!.stage())).toMatchObject({ stage: 'target', company: null });
    const beacon = requests.find((r) => r.url() === `${workerUrl}/v1/collect`)!;
    expect((await beacon.response())?.status()).toBe(202);
    expect(beacon.resourceType()).toBe('fetch'); // keepalive fetch
    // A fetch in cors mode must be allowed to read the answer, or Chromium logs a CORS error.
    expect((await beacon.response())?.headers()['access-control-allow-origin']).toBe(origin);
    expect(beacon.headers()['content-type']).toMatch(/^text\/plain/);
    expect(requests.filter((r) => r.method() === 'OPTIONS')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a tag included twice runs once', async () => {
    const { context, page, beacons, errors } = await open();
    const tag = `<script defer src="${workerUrl}/w.js" data-site="${site.publicKey}"></script>`;
    await context.route(`${workerUrl}/twice/**`, (route) => route.fulfill({ contentType: 'text/html',
      body: `<!doctype html><html><head><link rel="icon" href="data:,">${tag}${tag}</head><body><p>Hello</p></body></html>` }));
    await page.goto(`${workerUrl}/twice/page`);
    await expect.poll(() => beacons.length).toBe(1);
    await page.waitForTimeout(300);
    expect(beacons.length).toBe(1);
    expect(errors).toEqual([]);
  });

  it('no request needed a CORS preflight; beacons are text/plain', async () => {
    expect(ref.requests.length).toBeGreaterThan(10);
    expect(ref.requests.filter((r) => r.method === 'OPTIONS')).toEqual([]);
  });

  it('GET /w.js is cacheable JavaScript with an ETag, and answers 304 to it', async () => {
    const res = await fetch(`${workerUrl}/w.js`);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = res.headers.get('etag')!;
    expect((await res.text()).length).toBeGreaterThan(1000);
    const again = await fetch(`${workerUrl}/w.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('GET /w.js?media, ?forms and ?forms&media are the builds with media, form or both trackings, each its own ETag', async () => {
    const builds = ['', '?media', '?forms', '?forms&media', '?media&forms'];
    const res = await Promise.all(builds.map((q) => fetch(`${workerUrl}/w.js${q}`)));
    const [plain, media, forms, both, reversed] = await Promise.all(res.map(async (r) => ({ code: await r.text(), etag: r.headers.get('etag') })));
    expect([plain, media, forms, both].map((b) => [b.code.includes('video,audio'), b.code.includes('"submit"')])).toEqual([
      [false, false], [true, false], [false, true], [true, true],
    ]);
    expect(new Set([plain, media, forms, both].map((b) => b.etag)).size).toBe(4);
    expect(reversed.etag).toBe(both.etag);
  });
});
