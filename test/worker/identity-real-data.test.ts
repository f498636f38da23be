// Domains as real pages send them (IDN, full width, platform tenants, reserved names, free mail) end in one company or none,
// through /v1/collect (identify() and form emails, via the real queue) and /v1/events.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, BASE, createSite, event, postEvents, rows, type TestSite } from './helpers';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36', 'accept-language': 'en' };

/** A beacon as the snippet sends it after identify() or a form email: `id` is the domain (or what the page passed). */
function identified(site: TestSite, visitor: string, id: string) {
  return SELF.fetch(`${BASE}/v1/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: site.origins[0], ...BROWSER },
    body: JSON.stringify({ k: site.publicKey, v: visitor, id, e: [{ i: crypto.randomUUID(), t: 'pv', c: 'pricing', m: 60_000 }] }),
  });
}

/** Waits until the queue stored every one of the site's `n` beacons, then lists the domains named: companies, and the
 *  companies visitors claimed (a claim names the visitor's company without creating one: identity/claims.ts). */
async function companiesAfter(site: TestSite, n: number): Promise<string[]> {
  const until = Date.now() + 15_000;
  while ((await rows('SELECT id FROM events WHERE site_id = ?', site.id)).length < n) {
    if (Date.now() > until) throw new Error('queue did not store the beacons');
    await new Promise((r) => setTimeout(r, 100));
  }
  const visitors = await rows<{ n: number }>('SELECT count(*) AS n FROM visitors WHERE site_id = ?', site.id);
  expect(visitors[0].n).toBeGreaterThan(0);
  return (await rows<{ domain: string }>(`SELECT domain FROM companies WHERE site_id = ?1
    UNION SELECT company_domain FROM visitors WHERE site_id = ?1 AND company_domain IS NOT NULL ORDER BY 1`, site.id)).map((r) => r.domain);
}

describe('IDN: one company for every spelling of a name', () => {
  it('identify() in Unicode, a form email in punycode and /v1/events in upper case are one company', async () => {
    const site = await createSite();
    expect((await identified(site, 'visitor-unicode', 'jane@bücher-gmbh.de')).status).toBe(202);
    expect((await identified(site, 'visitor-punycode', 'xn--bcher-gmbh-9db.de')).status).toBe(202);
    expect(await companiesAfter(site, 2)).toEqual(['xn--bcher-gmbh-9db.de']);
    const res = await postEvents(site, [event({ company: { domain: 'BÜCHER-GMBH.DE' } })]);
    expect(res.status).toBe(200);
    expect(await companiesAfter(site, 3)).toEqual(['xn--bcher-gmbh-9db.de']);
    const byUnicode = await api(site.secretKey, `/v1/companies/${encodeURIComponent('bücher-gmbh.de')}`);
    expect(byUnicode.status).toBe(200);
    expect(((await byUnicode.json()) as any).domain).toBe('xn--bcher-gmbh-9db.de');
  });

  it('folds full-width letters: ＡＣＭＥ-ＷＩＤＧＥＴＳ.ｃｏｍ is acme-widgets.com', async () => {
    const site = await createSite();
    await identified(site, 'visitor-wide', 'ｊａｎｅ＠ＡＣＭＥ-ＷＩＤＧＥＴＳ．ｃｏｍ');
    expect((await postEvents(site, [event({ company: { domain: 'ＡＣＭＥ-ＷＩＤＧＥＴＳ.ｃｏｍ' } })])).status).toBe(200);
    expect(await companiesAfter(site, 2)).toEqual(['acme-widgets.com']);
  });
});

describe('hosting platforms and Microsoft 365 tenants', () => {
  it('keeps tenants apart and maps onmicrosoft.com to the tenant', async () => {
    const site = await createSite();
    await identified(site, 'visitor-gh-1', 'acme-widgets.github.io');
    await identified(site, 'visitor-gh-2', 'globex-corp.github.io');
    await identified(site, 'visitor-m365', 'jane@acme-widgets.onmicrosoft.com');
    await identified(site, 'visitor-heroku', 'https://acme-widgets.herokuapp.com/login');
    expect(await companiesAfter(site, 4)).toEqual(['acme-widgets.github.io', 'acme-widgets.herokuapp.com', 'acme-widgets.onmicrosoft.com', 'globex-corp.github.io']);
  });

  it('never makes the platform a company: /v1/events answers 400 and applies nothing', async () => {
    const site = await createSite();
    for (const domain of ['github.io', 'onmicrosoft.com', 'vercel.app']) {
      const res = await postEvents(site, [event({ company: { domain: 'acme.com' } }), event({ company: { domain } })]);
      expect(res.status, domain).toBe(400);
      expect(((await res.json()) as any).error.fields[0].path).toBe('events.1.company.domain');
    }
    expect(await rows('SELECT * FROM events WHERE site_id = ?', site.id)).toEqual([]);
  });
});

describe('reserved and special-use names', () => {
  it('never become companies, from a beacon or from /v1/events', async () => {
    const site = await createSite();
    const names = ['acme.local', 'jane@acme.internal', 'acme.test', 'shop.example', 'x.invalid', 'abc.onion', 'acme.alt', 'example.com', 'nas.home.arpa'];
    for (const [i, name] of names.entries()) expect((await identified(site, `visitor-reserved-${i}`, name)).status).toBe(202);
    expect(await companiesAfter(site, names.length)).toEqual([]);
    for (const domain of names) expect((await postEvents(site, [event({ company: { domain } })])).status, domain).toBe(400);
  });
});

describe('free mail and disposable domains', () => {
  it('country variants of the big providers and the listed domains (assets/mail-domains.bin) give no company', async () => {
    const site = await createSite();
    const mails = ['jane@yahoo.nl', 'jane@hotmail.se', 'jane@gmx.co.uk', 'jane@aol.fr', 'jane@yandex.ua', 'jane@posteo.de', 'jane@mailinator.com', 'jane@sharklasers.com', 'jane@0-mailer.dynv6.net'];
    for (const [i, m] of mails.entries()) await identified(site, `visitor-free-${i}`, m);
    expect(await companiesAfter(site, mails.length)).toEqual([]);
  });

  it('/v1/events refuses free mail by rule with a clear 400 and applies nothing; the long-tail lists are the owner\'s call', async () => {
    const site = await createSite();
    const res = await postEvents(site, [event({ company: { domain: 'acme.com' } }), event({ company: { domain: 'yahoo.pl' } })]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.fields[0].path).toBe('events.1.company.domain');
    expect(await rows('SELECT * FROM events WHERE site_id = ?', site.id)).toEqual([]);
    // c4.com is in a used free-mail list, yet a real company: the site owner's server-side word stands.
    expect((await postEvents(site, [event({ company: { domain: 'c4.com' } })])).status).toBe(200);
  });
});
