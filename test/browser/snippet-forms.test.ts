// Forms in Chromium: a demo request sends its kind and the email's domain (never the address), and the Worker scores it.
import { expect, describe, it } from 'vitest';
import { crmKnows, demo, DESKTOP_UA, events, NOT_AUTOMATED, pollCompany, useBrowser, workerUrl as urlOf } from './support/snippet';

const workerUrl = urlOf();
const { open } = useBrowser();

describe('the snippet in Chromium: forms', () => {
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
});
