// Retroactive attribution: a visitor's events from before their company was known count for it, exactly once.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, company, createSite, event, postEvents, rows } from './helpers';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const H = 3_600_000;

describe('retroactive attribution', () => {
  it('through /v1/events: earlier events of a visitor count once when the visitor is named with a company', async () => {
    const t0 = Date.now() - 6 * H;
    const early = [0, 1, 2].map((k) => ({ id: `e${k}`, type: 'pageview', category: 'blog', engagedMs: 60_000, ts: t0 + k * H, visitor: 'v-r' }));
    const naming = { id: 'e3', type: 'pageview', category: 'pricing', engagedMs: 60_000, ts: t0 + 4 * H, visitor: 'v-r', company: { domain: 'acme.com' } };
    const again = { id: 'e4', type: 'pageview', category: 'blog', engagedMs: 60_000, ts: t0 + 5 * H, visitor: 'v-r', company: { domain: 'acme.com' } };

    const site = await createSite();
    expect((await postEvents(site, early)).status).toBe(200);
    expect(await rows('SELECT domain FROM companies WHERE site_id = ?', site.id)).toEqual([]);
    expect((await postEvents(site, [naming])).status).toBe(200);
    expect((await postEvents(site, [again])).status).toBe(200);
    expect(await (await postEvents(site, early)).json()).toMatchObject({ accepted: 0, duplicates: 3 });

    // The same history with the company known from the start.
    const control = await createSite();
    await postEvents(control, [...early, naming, again].map((e) => ({ ...e, company: { domain: 'acme.com' } })));

    const [got, want] = [await company(site, 'acme.com'), await company(control, 'acme.com')];
    expect(got.score).toBeCloseTo(want.score, 6);
    expect(got.stage).toBe(want.stage);
    expect(got.stakeholders).toBe(want.stakeholders);
    const ledger = await rows<{ event_id: string; n: number }>('SELECT event_id, count(*) AS n FROM ledger WHERE site_id = ? GROUP BY event_id ORDER BY event_id', site.id);
    const controlLedger = await rows('SELECT event_id, count(*) AS n FROM ledger WHERE site_id = ? GROUP BY event_id ORDER BY event_id', control.id);
    expect(ledger).toEqual(controlLedger);
    expect(ledger.map((r) => r.event_id)).toEqual(expect.arrayContaining(['e0', 'e1', 'e2']));
    expect(await rows('SELECT id FROM events WHERE site_id = ? AND company_domain IS NULL', site.id)).toEqual([]);
  });

  it('through beacons: an anonymous visitor who later submits a work email brings their page views to the company once', async () => {
    const site = await createSite();
    const origin = site.origins[0]!;
    const send = (body: Record<string, unknown>) =>
      SELF.fetch(`${BASE}/v1/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin, 'cf-connecting-ip': '100.64.3.3', 'user-agent': chrome, 'accept-language': 'en' },
        body: JSON.stringify({ k: site.publicKey, s: 's1', ...body }),
      });
    const waitFor = async (n: number) => {
      for (let i = 0; i < 100; i++) {
        const [{ c }] = (await rows<{ c: number }>('SELECT count(*) AS c FROM events WHERE site_id = ?', site.id)) as [{ c: number }];
        if (c >= n) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('beacons not consumed in time');
    };
    for (const k of [0, 1, 2]) expect((await send({ e: [{ i: `pv${k}`, t: 'pv', c: 'blog', m: 60_000, p: 0.9, w: 600 }] })).status).toBe(202);
    await waitFor(3);
    expect(await rows('SELECT id FROM events WHERE site_id = ? AND company_domain IS NULL', site.id)).toHaveLength(3);
    // A claim attaches only to a company the site has named (identity/claims.ts): its CRM knows Acme.
    expect((await postEvents(site, [event({ id: 'crm-acme', category: 'home', engagedMs: 0 })])).status).toBe(200);

    expect((await send({ id: 'acme.com', e: [{ i: 'fm0', t: 'fm', f: 'demo' }] })).status).toBe(202);
    await waitFor(5);
    for (let i = 0; i < 50 && (await rows('SELECT id FROM events WHERE site_id = ? AND company_domain IS NULL', site.id)).length; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await rows('SELECT id FROM events WHERE site_id = ? AND company_domain IS NULL', site.id)).toEqual([]);
    const before = await rows<{ event_id: string; n: number }>('SELECT event_id, count(*) AS n FROM ledger WHERE site_id = ? GROUP BY event_id', site.id);
    expect(before.map((r) => r.event_id)).toEqual(expect.arrayContaining(['pv0', 'pv1', 'pv2']));

    // A second identification and a resent page view change nothing about the earlier events.
    expect((await send({ id: 'acme.com', e: [{ i: 'pv0', t: 'pv', c: 'blog', m: 60_000 }, { i: 'pv3', t: 'pv', c: 'pricing', m: 30_000 }] })).status).toBe(202);
    await waitFor(6);
    for (let i = 0; i < 50 && !(await rows('SELECT 1 FROM ledger WHERE site_id = ? AND event_id = ?', site.id, 'pv3')).length; i++) await new Promise((r) => setTimeout(r, 200));
    const after = await rows<{ event_id: string; n: number }>('SELECT event_id, count(*) AS n FROM ledger WHERE site_id = ? AND event_id IN (\'pv0\', \'pv1\', \'pv2\') GROUP BY event_id', site.id);
    expect(after).toEqual(before.filter((r) => ['pv0', 'pv1', 'pv2'].includes(r.event_id)));
  }, 30_000);

  it('through beacons: a page view and the identifying form in the same queue batch both count for the company', async () => {
    const site = await createSite();
    const send = (body: Record<string, unknown>) =>
      SELF.fetch(`${BASE}/v1/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: site.origins[0]!, 'cf-connecting-ip': '100.64.4.4', 'user-agent': chrome, 'accept-language': 'en' },
        body: JSON.stringify({ k: site.publicKey, s: 's2', ...body }),
      });
    expect((await postEvents(site, [event({ id: 'crm-acme', category: 'home', engagedMs: 0 })])).status).toBe(200); // the company exists
    // Back to back: the consumer receives both in one batch (max_batch_timeout 1 s).
    expect((await send({ e: [{ i: 'b-pv', t: 'pv', c: 'blog', m: 60_000 }] })).status).toBe(202);
    expect((await send({ id: 'acme.com', e: [{ i: 'b-fm', t: 'fm', f: 'demo' }] })).status).toBe(202);
    let got: Record<string, unknown>[] = [];
    for (let i = 0; i < 100 && got.length < 2; i++) {
      got = await rows("SELECT id, company_domain FROM events WHERE site_id = ? AND id LIKE 'b-%' ORDER BY id", site.id);
      if (got.length < 2) await new Promise((r) => setTimeout(r, 200));
    }
    expect(got).toEqual([{ id: 'b-fm', company_domain: 'acme.com' }, { id: 'b-pv', company_domain: 'acme.com' }]);
    const ledger = await rows<{ event_id: string; n: number }>('SELECT event_id, count(*) AS n FROM ledger WHERE site_id = ? AND event_id = ? GROUP BY event_id', site.id, 'b-pv');
    expect(ledger).toHaveLength(1);
  }, 30_000);
});
