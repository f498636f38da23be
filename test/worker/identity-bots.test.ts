// Bots through the public beacon route: a bot user agent, the automation flag or no Accept-Language never make a company.
import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { BASE, createSite, rows } from './helpers';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

it('bot beacons are kept apart: no company, no score, no visitor company', async () => {
  const site = await createSite();
  const cases: [string, Record<string, string>, Record<string, unknown>][] = [
    ['googlebot', { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'accept-language': 'en' }, {}],
    ['headless', { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/130.0.0.0 Safari/537.36', 'accept-language': 'en' }, {}],
    ['webdriver', { 'user-agent': chrome, 'accept-language': 'en' }, { a: 1 }],
    ['no-language', { 'user-agent': chrome }, {}],
    // Page-speed and screenshot services that run JavaScript with a browser UA (isbot misses these).
    ...['GTmetrix', 'YLT', 'Miniature.io/1.0', 'TSM-turingos', 'DebugBear'].map((t): [string, Record<string, string>, Record<string, unknown>] =>
      [t, { 'user-agent': `${chrome} ${t}`, 'accept-language': 'en' }, {}]),
  ];
  for (const [name, headers, extra] of cases) {
    const res = await SELF.fetch(`${BASE}/v1/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: site.origins[0]!, 'cf-connecting-ip': '100.64.7.7', ...headers },
      body: JSON.stringify({ k: site.publicKey, s: name, id: 'acme.com', e: [{ i: `bot-${name}`, t: 'fm', f: 'demo' }], ...extra }),
    });
    expect(res.status, name).toBe(202);
  }
  let stored: { id: string; company_domain: string | null; automated: number }[] = [];
  for (let i = 0; i < 100 && stored.length < cases.length; i++) {
    stored = await rows('SELECT id, company_domain, automated FROM events WHERE site_id = ? ORDER BY id', site.id);
    if (stored.length < cases.length) await new Promise((r) => setTimeout(r, 200));
  }
  expect(stored).toHaveLength(cases.length);
  expect(stored.every((e) => e.automated === 1)).toBe(true);
  // Kept (flagged automated, so the site can see bot traffic), but none belongs to a company or scores.
  expect(stored.every((e) => e.company_domain === null)).toBe(true);
  expect(await rows('SELECT domain FROM companies WHERE site_id = ?', site.id)).toEqual([]);
  expect(await rows('SELECT id FROM visitors WHERE site_id = ? AND company_domain IS NOT NULL', site.id)).toEqual([]);
}, 30_000);
