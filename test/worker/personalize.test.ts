// PUT/GET/DELETE /v1/personalize: a site registers its origin and hostnames; validation, one site per host.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { api, BASE, createSite } from './helpers';

const uid = () => crypto.randomUUID().slice(0, 8);
const put = (key: string, body: unknown) => api(key, '/v1/personalize', { method: 'PUT', body });

async function withEnv(req: Request, patch: Record<string, unknown>) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req, { ...env, ...patch } as any, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('PUT /v1/personalize', () => {
  it('stores the origin and hosts (normalized) and GET reads them back with the tag it will inject', async () => {
    const site = await createSite();
    const host = `www.${uid()}.test`;
    const res = await put(site.secretKey, { origin: 'https://origin.acme.test/', hosts: [host.toUpperCase() + '.', host] });
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body).toMatchObject({ origin: 'https://origin.acme.test', hosts: [host], injectTag: true, budgetMs: null, effectiveBudgetMs: 50, tagSrc: `${BASE}/w.js` });
    const got: any = await (await api(site.secretKey, '/v1/personalize')).json();
    expect(got).toMatchObject({ origin: 'https://origin.acme.test', hosts: [host], injectTag: true });
    // PUT replaces: the old host is released.
    const other = `shop.${uid()}.test`;
    expect((await put(site.secretKey, { origin: 'https://origin.acme.test', hosts: [other], injectTag: false, budgetMs: 120 })).status).toBe(200);
    expect(await (await api(site.secretKey, '/v1/personalize')).json()).toMatchObject({ hosts: [other], injectTag: false, budgetMs: 120, effectiveBudgetMs: 120 });
    const second = await createSite();
    expect((await put(second.secretKey, { origin: 'https://o.test', hosts: [host] })).status).toBe(200);
  });

  it('refuses bad input with field errors and changes nothing', async () => {
    const site = await createSite();
    const cases: [unknown, string][] = [
      [{ origin: 'http://origin.acme.test', hosts: ['www.acme.test'] }, 'origin'],
      [{ origin: 'http://localhost:8080', hosts: ['www.acme.test'] }, 'origin'],
      [{ origin: 'https://origin.acme.test/path', hosts: ['www.acme.test'] }, 'origin'],
      [{ origin: 'https://u:p@origin.acme.test', hosts: ['www.acme.test'] }, 'origin'],
      [{ origin: 'not a url', hosts: ['www.acme.test'] }, 'origin'],
      [{ origin: 'https://origin.acme.test', hosts: [] }, 'hosts'],
      [{ origin: 'https://origin.acme.test', hosts: ['https://www.acme.test'] }, 'hosts.0'],
      [{ origin: 'https://origin.acme.test', hosts: ['www.acme.test:8443'] }, 'hosts.0'],
      [{ origin: 'https://origin.acme.test', hosts: ['www.acme.test/x'] }, 'hosts.0'],
      [{ origin: 'https://www.acme.test', hosts: ['www.acme.test'] }, 'origin'],
      [{ origin: 'https://origin.acme.test', hosts: ['www.acme.test'], budgetMs: 0 }, 'budgetMs'],
      [{ origin: 'https://origin.acme.test', hosts: ['www.acme.test'], injectTag: 'yes' }, 'injectTag'],
      [{ origin: 'https://origin.acme.test', hosts: ['www.acme.test'], extra: 1 }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await put(site.secretKey, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err: any = await res.json();
      expect(err.error.code).toBe('bad_request');
      expect(err.error.fields.map((f: any) => f.path), JSON.stringify(body)).toContain(path);
    }
    expect((await api(site.secretKey, '/v1/personalize')).status).toBe(404);
    expect((await api(site.secretKey, '/v1/personalize', { method: 'PUT', body: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });

  it('accepts an http origin on this machine only when PERSONALIZE_LOCAL_HTTP=1', async () => {
    const site = await createSite();
    const req = () => new Request(`${BASE}/v1/personalize`, {
      method: 'PUT', headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ origin: 'http://127.0.0.1:8787', hosts: [`demo-${uid()}.localhost`] }),
    });
    expect((await withEnv(req(), {})).status).toBe(400);
    expect((await withEnv(req(), { PERSONALIZE_LOCAL_HTTP: '1' })).status).toBe(200);
    const remote = new Request(`${BASE}/v1/personalize`, {
      method: 'PUT', headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ origin: 'http://origin.acme.test', hosts: [`x-${uid()}.test`] }),
    });
    expect((await withEnv(remote, { PERSONALIZE_LOCAL_HTTP: '1' })).status).toBe(400);
  });

  it('a host belongs to one site only: 409 naming it, and the other site keeps it', async () => {
    const [a, b] = [await createSite(), await createSite()];
    const host = `www.${uid()}.test`;
    expect((await put(a.secretKey, { origin: 'https://a.test', hosts: [host] })).status).toBe(200);
    const res = await put(b.secretKey, { origin: 'https://b.test', hosts: [`free.${uid()}.test`, host] });
    expect(res.status).toBe(409);
    const err: any = await res.json();
    expect(err.error).toMatchObject({ code: 'host_taken' });
    expect(err.error.message).toContain(host);
    expect((await api(b.secretKey, '/v1/personalize')).status).toBe(404);
    expect(await (await api(a.secretKey, '/v1/personalize')).json()).toMatchObject({ hosts: [host] });
  });

  it('DELETE removes it; secret key required', async () => {
    const site = await createSite();
    expect((await put(site.secretKey, { origin: 'https://a.test', hosts: [`d.${uid()}.test`] })).status).toBe(200);
    expect((await api(site.publicKey, '/v1/personalize')).status).toBe(401);
    expect((await api(null, '/v1/personalize', { method: 'PUT', body: { origin: 'https://a.test', hosts: ['x.test'] } })).status).toBe(401);
    expect((await api(site.secretKey, '/v1/personalize', { method: 'DELETE' })).status).toBe(204);
    expect((await api(site.secretKey, '/v1/personalize')).status).toBe(404);
    expect((await api(site.secretKey, '/v1/personalize', { method: 'DELETE' })).status).toBe(404);
  });
});
