import { describe, expect, it } from 'vitest';
import { api, createSite } from './helpers';

describe('GET/PUT /v1/rules', () => {
  it('returns empty overrides and the effective defaults', async () => {
    const site = await createSite();
    const body: any = await (await api(site.secretKey, '/v1/rules')).json();
    expect(body.overrides).toEqual({});
    expect(body.effective.model).toBe('five-stage');
  });

  it('stores valid overrides and applies them', async () => {
    const site = await createSite();
    const res = await api(site.secretKey, '/v1/rules', { method: 'PUT', body: { model: 'four-stage' } });
    expect(res.status).toBe(200);
    const body: any = await (await api(site.secretKey, '/v1/rules')).json();
    expect(body.overrides).toEqual({ model: 'four-stage' });
    expect(body.effective.model).toBe('four-stage');
  });

  it('rejects invalid overrides with field-level errors and changes nothing', async () => {
    const site = await createSite();
    const res = await api(site.secretKey, '/v1/rules', { method: 'PUT', body: { model: 'nine-stage' } });
    expect(res.status).toBe(400);
    const body: any = await res.json();
    expect(body.error.fields[0].path).toContain('model');
    expect((await api(site.secretKey, '/v1/rules', { method: 'PUT', body: '[1]' })).status).toBe(400);
    expect((await api(site.secretKey, '/v1/rules', { method: 'PUT', body: '{oops' })).status).toBe(400);
    expect(((await (await api(site.secretKey, '/v1/rules')).json()) as any).overrides).toEqual({});
  });

  it('needs the secret key', async () => {
    const site = await createSite();
    expect((await api(null, '/v1/rules')).status).toBe(401);
    expect((await api(site.publicKey, '/v1/rules')).status).toBe(401);
    expect((await api('sk_wrong', '/v1/rules', { method: 'PUT', body: {} })).status).toBe(401);
  });
});
