// The snippet in real Chromium against the local Worker: what it sends (captured requests) and what the Worker stored.
import { expect, describe, it, onTestFinished as after } from 'vitest';
import { createSite } from '../../scripts/lib/local-worker';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './browser';
import { ADMIN_TOKEN } from './global-setup';
import { DESKTOP_UA, NOT_AUTOMATED, crmKnows, demo, events, latest, leave, pollCompany, read, site as siteOf, stored, useBrowser, workerUrl as urlOf } from './support/snippet';

const workerUrl = urlOf();
const site = siteOf();
const { ref, open } = useBrowser();
const allRequests = ref.requests;

describe('the snippet in Chromium', () => {
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
    await page.clock.runFor(2000); // the tick (every 2 s) notices the new path
    await expect.poll(() => events(beacons).filter((e) => e.t === 'pv' && !e.r).length).toBe(2);
    const second = events(beacons).filter((e) => e.t === 'pv' && !e.r)[1];
    expect(second).toMatchObject({ u: '/demo/tour/integrations', c: 'integration' });
    expect(second.i).not.toBe(first.i);
    expect(latest(beacons, first.i).m).toBeGreaterThanOrEqual(2000);
    // popstate (Back) is a page view too.
    await page.goBack();
    await page.clock.runFor(2000);
    await expect.poll(() => events(beacons).filter((e) => e.t === 'pv' && !e.r).at(-1)?.u).toBe('/demo/tour');
    expect(errors).toEqual([]);
  });

  it('a demo form with a work email sends the form event and the domain, never the address', async () => {
    const { page, beacons, requests, errors } = await open({ init: [NOT_AUTOMATED], context: { userAgent: DESKTOP_UA } });
    await page.goto(demo('/demo/demo-request'));
    await expect.poll(() => beacons.length).toBe(1);
    await page.fill('input[name=name]', 'Jane Doe');
    await crmKnows('acme-rockets.com'); // a form email attaches to a company the site knows (identity/claims.ts)
    await page.fill('input[type=email]', 'jane.doe@acme-rockets.com');
    await Promise.all([page.waitForURL('**/demo/thanks**'), page.click('button[type=submit]')]);
    await expect.poll(() => events(beacons).find((e) => e.t === 'fm')).toMatchObject({ f: 'demo', c: 'demo', u: '/demo/demo-request' });
    const withForm = beacons.find((b) => b.e.some((e) => e.t === 'fm'))!;
    expect(withForm.id).toBe('acme-rockets.com');
    expect(withForm.a).toBeUndefined(); // no automation signal
    for (const r of requests) {
      if (r.url().startsWith(workerUrl) && r.url().includes('/v1/')) {
        expect(r.url() + (r.postData() ?? '')).not.toMatch(/jane|%40|@acme/i);
      }
    }
    expect(errors).toEqual([]);

    // The Worker resolved the company from the domain and scored the demo request.
    const company = await pollCompany('acme-rockets.com', (c) => c.stage !== 'target'); // it exists (at target) before the form
    expect(company.stage).toBe('evaluation');
    expect(JSON.stringify(company)).not.toContain('jane');
    // And the page then shows it: waymark.stage() answers for this visitor.
    const answer = await page.evaluate(() => window.waymark!.stage());
    expect(answer).toMatchObject({ stage: 'evaluation', company: { domain: 'acme-rockets.com' } });
  });

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
    expect(allRequests.length).toBeGreaterThan(10);
    expect(allRequests.filter((r) => r.method === 'OPTIONS')).toEqual([]);
  });

  it('GET /w.js?media is the build with media tracking, with its own ETag', async () => {
    const [plain, media] = await Promise.all([fetch(`${workerUrl}/w.js`), fetch(`${workerUrl}/w.js?media`)]);
    expect(await media.text()).toContain('video,audio');
    expect(await plain.text()).not.toContain('video,audio');
    expect(media.headers.get('etag')).not.toBe(plain.headers.get('etag'));
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
});
