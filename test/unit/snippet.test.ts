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

  it('serves form and media tracking only in the ?forms and ?media builds, and drops SPA code when its flag is off', async () => {
    const served = await buildSnippet();
    const forms = await buildSnippet({ forms: true });
    const media = await buildSnippet({ media: true });
    const core = await buildSnippet({ spa: false });
    expect(served).not.toContain('video,audio');
    expect(media).toContain('video,audio');
    expect(served).not.toContain('"submit"');
    expect(forms).toContain('"submit"');
    expect(served).toContain('location.pathname!=');
    expect(core).not.toContain('location.pathname!=');
    expect(sizes(forms).gzip).toBeLessThan(sizes(served).gzip + 100);
    expect(sizes(media).gzip).toBeLessThan(sizes(served).gzip + 200);
  });

  it('asks V8 to compile every function with the script (the magic comment on the first line)', async () => {
    expect((await buildSnippet()).split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
  });

  it('never reads or writes cookies and sends only text/plain keepalive beacons', async () => {
    const code = await buildSnippet();
    expect(code).not.toMatch(/cookie/i);
    expect(code).not.toMatch(/content-type|headers/i); // a custom header would need a CORS preflight
    expect(code).toContain('keepalive:!0');
  });
});

describe('wire format as the snippet uses it', () => {
  const beacon = (e: object[]) => wireBeacon().parse({ k: 'pk_test', e });

  it('takes an update without a type as the update of a page view, and refuses a new event without one', () => {
    const d = decodeBeacon(beacon([{ i: 'a', r: 1, m: 30_000, w: 2300, d: 0.5, p: 0.4 }]), 1);
    expect(d.events[0]).toMatchObject({ id: 'a', type: 'pageview', update: true, engagedMs: 30_000, completion: 0.4, scrollDepth: 0.5 });
    expect(d.events[0].attention).toBeCloseTo(0.05, 3); // 30 s of a 10-minute read (2,300 words at 230 a minute)
    expect(wireBeacon().safeParse({ k: 'pk_test', e: [{ i: 'a', m: 1 }] }).success).toBe(false);
  });

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
