// Privacy in a real browser session: beacons from Chromium to the local Worker, then no IP or email in any D1 cell.
import { expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/lib/local-worker';
import { d1Rows } from './support/d1';
import { ADMIN_TOKEN } from './global-setup';
import { launchBrowser, watchErrors } from './browser';

const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/;
const IPV6 = /(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?![0-9a-f:])|(?<![0-9a-f:])::1(?![0-9a-f:])/i;
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/i;

it('after a browser session with a work email, no D1 table holds an IP address or an email address', async () => {
  const url = inject('workerUrl');
  // Its own site, so the shared one other browser tests read stays as they expect.
  const site = await createSite(url, ADMIN_TOKEN, 'Privacy test', [url]);
  // The site's server knows the company, so the form email's claim attaches to it (a claim alone creates none).
  const crm = { id: 'priv-crm', type: 'pageview', category: 'home', engagedMs: 0, company: { domain: 'privacy-test.co.uk' } };
  const named = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ events: [crm] }) });
  expect(named.status).toBe(200);
  const browser = await launchBrowser();
  try {
    // Headless Chromium says "HeadlessChrome", which the bot filter rightly drops: present as a desktop Chrome.
    const page = await browser.newPage({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', locale: 'en-GB' });
    const errors = watchErrors(page);
    await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
    await page.goto(`${url}/health`);
    // The snippet's wire format, sent the way the snippet sends it (a keepalive fetch of a text/plain body, no
    // preflight), and answered before the browser closes (a request still in flight then may be dropped).
    const sent = await page.evaluate(
      ({ url, pk }) => {
        const send = (body: unknown) => fetch(`${url}/v1/collect`, { method: 'POST', body: JSON.stringify(body), keepalive: true }).then((r) => r.status);
        return Promise.all([
          send({ k: pk, s: 'priv-1', sm: 1000, e: [{ i: 'priv-pv', t: 'pv', u: '/blog/privacy', c: 'blog', m: 30000, p: 0.9, w: 500 }] }),
          send({ k: pk, s: 'priv-1', sm: 9000, id: 'jane.doe@mail.privacy-test.co.uk', e: [{ i: 'priv-fm', t: 'fm', f: 'demo', u: '/demo' }] }),
        ]);
      },
      { url, pk: site.publicKey },
    );
    expect(sent).toEqual([202, 202]);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }

  // The beacons go through the local queue: wait until both events are stored.
  let stored = 0;
  for (let i = 0; i < 20 && stored < 2; i++) {
    stored = (await d1Rows<{ n: number }>(`SELECT count(*) AS n FROM events WHERE id IN ('priv-pv', 'priv-fm')`))[0]?.n ?? 0;
    if (stored < 2) await new Promise((r) => setTimeout(r, 1000));
  }
  expect(stored).toBe(2);
  expect(await d1Rows(`SELECT company_domain FROM events WHERE id = 'priv-pv'`)).toEqual([{ company_domain: 'privacy-test.co.uk' }]);

  // Every cell of every table: one SELECT * per table through the Worker (one JSON row per table overflows D1's
  // value size once the other browser tests have written events).
  const names = await d1Rows<{ t: string }>(
    `SELECT name AS t FROM sqlite_master
     WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'`,
  );
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const tables = await Promise.all(names.map(async ({ t }) => [t, await d1Rows(`SELECT * FROM ${q(t)}`)] as const));
  expect(tables.length).toBeGreaterThan(8);
  expect(tables.reduce((n, [, r]) => n + r.length, 0)).toBeGreaterThan(5);
  // The owner's configuration, here http://127.0.0.1:<port>, is not a visitor's: the site's origins and the origin the
  // personalizing edge fetches from (another browser spec registers it on the same Worker).
  const OWNER = new Set(['sites.origins', 'personalize_sites.origin', 'personalize_sites.api_origin']);
  const leaks = tables.flatMap(([t, rs]) =>
    rs.flatMap((row) =>
      Object.entries(row)
        .filter(([c]) => !OWNER.has(`${t}.${c}`))
        .filter(([, v]) => typeof v === 'string' && (IPV4.test(v) || IPV6.test(v) || EMAIL.test(v)))
        .map(([c, v]) => `${t}.${c}: ${String(v).slice(0, 200)}`),
    ),
  );
  expect(leaks).toEqual([]);
});
