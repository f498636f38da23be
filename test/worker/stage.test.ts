import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, browse, createSite, dbTrips, event, postEvents } from './helpers';

const stage = (pk: string, query: string, headers: Record<string, string> = {}, method = 'GET') =>
  SELF.fetch(`${BASE}/v1/stage?site=${encodeURIComponent(pk)}${query}`, { method, headers });

describe('GET /v1/stage', () => {
  it("answers a linked visitor's company stage and recommended content in one D1 round trip, never score nor sales attention", async () => {
    const site = await createSite();
    await browse(site.id, 'vis-1'); // the browser used the id first; then the site's backend linked it
    await postEvents(site, [event({ visitor: 'vis-1', type: 'form', form: 'demo', category: undefined, company: { domain: 'acme.com', name: 'Acme' } })]);
    const res = await stage(site.publicKey, '&visitor=vis-1', { origin: site.origins[0] });
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body).toEqual({ stage: 'evaluation', company: { domain: 'acme.com', name: 'Acme' }, recommended: expect.any(Array) });
    expect(body.recommended.length).toBeGreaterThan(0);
    expect(res.headers.get('access-control-allow-origin')).toBe(site.origins[0]);
    expect(res.headers.get('vary')).toContain('Origin');
    expect(dbTrips(res)).toBe(1);
  });

  it('answers target and no company for an unknown visitor, or none given', async () => {
    const site = await createSite();
    const body: any = await (await stage(site.publicKey, '&visitor=nobody')).json();
    expect(body).toEqual({ stage: 'target', company: null, recommended: expect.any(Array) });
    expect(body.recommended).toContain('blog');
    expect((await stage(site.publicKey, '', { 'user-agent': 'x' })).status).toBe(200);
    // An empty visitor (the snippet before consent) means none: the server's anonymous id answers.
    expect(await (await stage(site.publicKey, '&visitor=')).json()).toMatchObject({ stage: 'target', company: null });
  });

  it('allows CORS for the site origins only, and answers the preflight', async () => {
    const site = await createSite();
    const pre = await stage(site.publicKey, '', { origin: site.origins[0], 'access-control-request-method': 'GET' }, 'OPTIONS');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(site.origins[0]);
    const evil = await stage(site.publicKey, '', { origin: 'https://evil.test' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await stage(site.publicKey, '', { origin: 'https://evil.test' }, 'OPTIONS')).status).toBe(403);
    // An error for the site's own page is readable by it (and still no CORS for anyone else).
    const bad = await stage(site.publicKey, `&visitor=${'x'.repeat(200)}`, { origin: site.origins[0] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(site.origins[0]);
  });

  it('needs a valid public key, never a secret', async () => {
    const site = await createSite();
    expect((await SELF.fetch(`${BASE}/v1/stage`)).status).toBe(400);
    expect((await stage('pk_unknown', '')).status).toBe(401);
    expect((await stage(site.secretKey, '')).status).toBe(401);
    expect((await stage(site.publicKey, `&visitor=${'x'.repeat(200)}`)).status).toBe(400);
  });

  it("never shows another site's company", async () => {
    const [a, b] = [await createSite(), await createSite()];
    await postEvents(a, [event({ visitor: 'shared-visitor', type: 'form', form: 'demo', category: undefined })]);
    const body: any = await (await stage(b.publicKey, '&visitor=shared-visitor')).json();
    expect(body.company).toBeNull();
  });
});
