// Through the personalizing edge in real Chromium: the call to action is chosen before the page leaves the Worker,
// so it is right in the first paint (no swap after load: no layout shift from it), with or without JavaScript.
import { describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createSite } from '../../scripts/lib/local-worker';
import { ADMIN_TOKEN } from './global-setup';
import { launchBrowser, watchErrors } from './browser';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** A site whose pages on `<name>.localhost` come from the Worker's own /demo; with `evaluation`, this machine is a company in Evaluation. */
async function edgeSite(name: string, evaluation: boolean) {
  const url = inject('workerUrl');
  const port = new URL(url).port;
  const host = `${name}-${crypto.randomUUID().slice(0, 6)}.localhost`;
  const site = await createSite(url, ADMIN_TOKEN, `Edge ${name}`, [url, `http://${host}:${port}`]);
  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  };
  // A generous budget: this test is about first paint, not about a loaded CI machine's D1 latency.
  await call('PUT', '/v1/personalize', { origin: url, hosts: [host], budgetMs: 1000 });
  if (evaluation) {
    for (const cidr of ['127.0.0.1/32', '::1/128']) await call('POST', '/v1/ip-ranges', { cidr, domain: 'evalco.com', name: 'Evalco' });
    await call('POST', '/v1/events', { events: [{ id: `demo-${host}`, type: 'form', form: 'demo', company: { domain: 'evalco.com', name: 'Evalco' } }] });
  }
  return { page: `http://${host}:${port}/demo?site=${site.publicKey}` };
}

// Layout shifts and the call to action seen when the document was parsed, recorded from the very start of the page.
const OBSERVE = `(() => {
  window.__shifts = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push({ value: e.value, cta: e.sources.some((s) => s.node && s.node.closest && s.node.closest('.hero')) }); })
    .observe({ type: 'layout-shift', buffered: true });
  const visible = () => [...document.querySelectorAll('[data-cta]')].filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('data-cta'));
  document.addEventListener('DOMContentLoaded', () => { window.__firstCta = visible(); window.__ctaNode = document.querySelector('[data-cta]'); });
  window.__visible = visible;
})()`;

async function visit(browser: Browser, page: string, javaScript = true) {
  const ctx = await browser.newContext({ userAgent: UA, locale: 'en-GB', javaScriptEnabled: javaScript });
  const tab = await ctx.newPage();
  const errors = watchErrors(tab);
  await tab.addInitScript(OBSERVE);
  const res = await tab.goto(page, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  const html = await res!.text();
  return { ctx, tab, errors, html };
}

describe('personalized at the edge, in Chromium', () => {
  it('a visitor of a company in Evaluation gets the Evaluation call to action in the first paint, with no layout shift from it', async () => {
    const { page } = await edgeSite('eval', true);
    const browser = await launchBrowser();
    try {
      const { ctx, tab, errors, html } = await visit(browser, page);
      expect(html).toContain('data-waymark-stage="evaluation"');
      expect(html).toContain('data-cta="evaluation"');
      expect(html).not.toContain('data-cta="default"');
      expect(await tab.evaluate(() => (window as any).__firstCta)).toEqual(['evaluation']);
      // The snippet's own answer arrives after load and agrees; nothing is swapped.
      await tab.waitForFunction(() => document.querySelector('[data-wm="stage"]')?.textContent !== '…', null, { timeout: 15_000 });
      expect(await tab.locator('[data-wm="stage"]').textContent()).toBe('evaluation');
      await tab.waitForTimeout(500);
      expect(await tab.evaluate(() => (window as any).__visible())).toEqual(['evaluation']);
      expect(await tab.evaluate(() => (window as any).__ctaNode === document.querySelector('[data-cta]'))).toBe(true);
      const shifts: { value: number; cta: boolean }[] = await tab.evaluate(() => (window as any).__shifts);
      expect(shifts.filter((s) => s.cta).reduce((a, s) => a + s.value, 0)).toBe(0);
      expect(errors).toEqual([]);
      await ctx.close();
      // No JavaScript needed.
      const plain = await visit(browser, page, false);
      expect(await plain.tab.locator('[data-cta]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cta')))).toEqual(['evaluation']);
      await plain.ctx.close();
    } finally {
      await browser.close();
    }
  });

  it('an unknown visitor gets the default call to action', async () => {
    const { page } = await edgeSite('anon', false);
    const browser = await launchBrowser();
    try {
      const { ctx, tab, errors, html } = await visit(browser, page);
      expect(html).toContain('data-waymark-stage="unknown"');
      expect(await tab.evaluate(() => (window as any).__firstCta)).toEqual(['default']);
      await tab.waitForFunction(() => document.querySelector('[data-wm="stage"]')?.textContent !== '…', null, { timeout: 15_000 });
      expect(await tab.evaluate(() => (window as any).__visible())).toEqual(['default']);
      const shifts: { value: number; cta: boolean }[] = await tab.evaluate(() => (window as any).__shifts);
      expect(shifts.filter((s) => s.cta).reduce((a, s) => a + s.value, 0)).toBe(0);
      expect(errors).toEqual([]);
      await ctx.close();
    } finally {
      await browser.close();
    }
  });
});
