// Shared fixtures of the snippet's browser specs: a Chromium per spec file, contexts that record every beacon, a reader.
import type { Browser, BrowserContextOptions, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { WireBeacon, WireEvent } from '../../../worker/ingest/wire-format';
import { d1Rows } from './d1';
import { launchBrowser, watchErrors } from '../browser';

export type { WireBeacon as Beacon, WireEvent };

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
// A desktop Chrome user agent, so that the Worker's bot filter judges the visit by the snippet's own flag only.
export const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
export const NOT_AUTOMATED = "Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false })";
/** A real visitor's Chromium: no automation flag (navigator.webdriver false), as scoring tests need. */
export const REAL_VISITOR_ARGS = ['--disable-blink-features=AutomationControlled'];

export const workerUrl = () => inject('workerUrl');
export const site = () => inject('site');
export const demo = (path: string) => `${workerUrl()}${path}?site=${site().publicKey}`;

/** One Chromium for the spec file (launched before its tests, closed after). */
export function useBrowser(args: string[] = []) {
  const ref: { browser?: Browser; requests: { method: string; url: string }[] } = { requests: [] };
  beforeAll(async () => { ref.browser = await launchBrowser(args); });
  afterAll(async () => { await ref.browser?.close(); });
  /** A fresh browser context that records every request and every beacon body. */
  const open = async (opts: { init?: string[]; clock?: boolean; context?: BrowserContextOptions; browser?: Browser } = {}) => {
    const context = await (opts.browser ?? ref.browser!).newContext({ viewport: { width: 1280, height: 720 }, ...opts.context });
    for (const script of opts.init ?? []) await context.addInitScript(script);
    const beacons: WireBeacon[] = [];
    const requests: Request[] = [];
    context.on('request', (r) => {
      requests.push(r);
      ref.requests.push({ method: r.method(), url: r.url() });
      if (r.url() === `${workerUrl()}/v1/collect`) beacons.push(JSON.parse(r.postData() ?? '{}'));
    });
    if (opts.clock) {
      // Time only moves when the test says so: a 15 s read takes no real 15 s, and the snippet's own timers measure it.
      await context.clock.install({ time: T0 });
      await context.clock.pauseAt(T0 + 1000);
    }
    const page = await context.newPage();
    const errors = watchErrors(page);
    return { context, page, beacons, requests, errors };
  };
  return { ref, open };
}

export const events = (beacons: WireBeacon[]) => beacons.flatMap((b) => b.e);
/** The latest figures sent for event `id` (updates carry what changed: merged in order). */
export const latest = (beacons: WireBeacon[], id: string) =>
  events(beacons).filter((e) => e.i === id).reduce((a, e) => ({ ...a, ...e }), {} as WireEvent);

/** Reads: scroll a step and move the mouse every `step` ms, `steps` times, ending `to` of the way down. */
export async function read(page: Page, steps: number, to = 1, step = 1000) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  for (let s = 1; s <= steps; s++) {
    await page.evaluate((y) => window.scrollTo(0, y), Math.round((height * to * s) / steps));
    await page.mouse.move(200 + (s % 50), 300);
    await page.clock.runFor(step);
  }
}

/** Leaves for real. Playwright does not report requests sent while a page unloads, so what the leave beacon
 *  carried is read back from D1 (`stored`). First a frame, as a reader's browser renders between their last scroll
 *  and their leaving: the snippet reads the scroll position of the last frame (a ScrollTimeline's), and the test's
 *  scrolls come faster than any hand's (the clock is fake, rendering is not). */
export async function leave(page: Page) {
  await page.waitForTimeout(100);
  await page.goto('about:blank');
}

export interface StoredEvent { engaged_ms: number; completion: number; scroll_depth: number; attention: number | null; automated: number; company_domain: string | null }
/** The figures the Worker stored for an event, once the queue consumer has run. */
export async function stored(id: string, until: (row: StoredEvent) => boolean) {
  let row: StoredEvent | undefined;
  await expect.poll(async () => {
    row = (await d1Rows<StoredEvent>(`SELECT engaged_ms, completion, scroll_depth, attention, automated, company_domain FROM events WHERE id = '${id}'`))[0];
    return row && until(row);
  }, { timeout: 30_000, interval: 250 }).toBe(true);
  return row!;
}

export async function pollCompany(domain: string, until: (c: Record<string, any>) => boolean = (c) => !!c.stage): Promise<Record<string, any>> {
  let body: Record<string, any> | undefined;
  await expect.poll(async () => {
    const res = await fetch(`${workerUrl()}/v1/companies/${domain}`, { headers: { authorization: `Bearer ${site().secretKey}` } });
    body = res.ok ? await res.json() : undefined;
    return !!body && until(body);
  }, { timeout: 30_000, interval: 500 }).toBe(true);
  return body!;
}

/** The site's server names the company (one neutral view through POST /v1/events): a browser claim attaches only then. */
export async function crmKnows(domain: string) {
  const events = [{ id: `crm-${domain}`, type: 'pageview', category: 'home', engagedMs: 0, company: { domain } }];
  const res = await fetch(`${workerUrl()}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${site().secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  expect(res.status).toBe(200);
}
