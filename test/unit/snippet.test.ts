// The snippet's build: the gzip budget, build-time flags that really drop code, and what the code never touches.
import { describe, expect, it } from 'vitest';
import { buildSnippet } from '../../scripts/build-snippet';
import { BUDGET_GZIP, sizes } from '../../scripts/size';
import { decodeBeacon, wireBeacon } from '../../worker/ingest/wire';

describe('snippet build', () => {
  it(`stays within ${BUDGET_GZIP} bytes gzipped`, async () => {
    const s = sizes(await buildSnippet());
    expect(s.gzip).toBeLessThanOrEqual(BUDGET_GZIP);
    expect(s.brotli).toBeLessThan(s.gzip);
  });

  it('drops media, forms and SPA code when their flags are off', async () => {
    const full = await buildSnippet();
    const core = await buildSnippet({ media: false, forms: false, spa: false });
    expect(full).toContain('video,audio');
    expect(full).toContain('"submit"');
    expect(core).not.toContain('video,audio');
    expect(core).not.toContain('"submit"');
    expect(core.length).toBeLessThan(full.length);
  });

  it('never reads or writes cookies and sends only text/plain beacons', async () => {
    const code = await buildSnippet();
    expect(code).not.toMatch(/cookie/i);
    expect(code).not.toMatch(/content-type|headers/i); // a custom header would need a CORS preflight
    expect(code).toContain('sendBeacon');
  });
});

describe('wire format as the snippet uses it', () => {
  const beacon = (e: object[]) => wireBeacon.parse({ k: 'pk_test', e });

  it("takes track()'s canonical type names as well as the short codes", () => {
    const d = decodeBeacon(beacon([{ i: 'a', t: 'tool', c: 'roi-calculator' }, { i: 'b', t: 'dl', c: 'report' }]), 1);
    expect(d.events.map((e) => e.type)).toEqual(['tool', 'download']);
  });

  it('drops an unknown category instead of rejecting the beacon (the URL rules decide)', () => {
    const d = decodeBeacon(beacon([{ i: 'a', t: 'pv', c: 'pricnig', u: '/pricing' }]), 1);
    expect(d.events[0].category).toBeUndefined();
  });

  it('gives a form its kind from data-waymark-form, else from a form-kind category, else contact', () => {
    const d = decodeBeacon(beacon([
      { i: 'a', t: 'fm', f: 'trial', c: 'pricing' },
      { i: 'b', t: 'fm', c: 'demo' },
      { i: 'c', t: 'fm', c: 'blog' },
      { i: 'd', t: 'fm', f: 'nonsense' },
    ]), 1);
    expect(d.events.map((e) => e.form)).toEqual(['trial', 'demo', 'contact', 'contact']);
  });

  it("gives an unnamed form the kind of the page it sits on (the site's URL patterns), else contact", () => {
    const categoryOf = (url: string) => ({ '/book-a-demo': 'demo', '/free-trial': 'trial', '/blog/x': 'blog' })[url];
    const d = decodeBeacon(beacon([
      { i: 'a', t: 'fm', u: '/book-a-demo' },
      { i: 'b', t: 'fm', u: '/free-trial' },
      { i: 'c', t: 'fm', u: '/blog/x' },
      { i: 'd', t: 'fm', f: 'subscribe', u: '/book-a-demo' },
    ]), 1, categoryOf);
    expect(d.events.map((e) => e.form)).toEqual(['demo', 'trial', 'contact', 'subscribe']);
  });
});
