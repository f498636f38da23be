// Erasure paths are decoded once: a percent-encoded `%` or malformed escape is a 400 naming the field, never a 500.
import { describe, expect, it } from 'vitest';
import { api, createSite } from './helpers';

describe('DELETE /v1/companies/:domain with encoded characters', () => {
  it.each(['%25', '%25%25', 'acme.com%25', '%2525', '%E0%A4%A', '%'])('answers 400 for %s (decoded twice used to throw: 500)', async (raw) => {
    const site = await createSite();
    const res = await api(site.secretKey, `/v1/companies/${raw}`, { method: 'DELETE' });
    expect(res.status, await res.clone().text()).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe('bad_request');
    expect(body.error.fields?.[0]?.path).toBe('domain');
  });

  it('still erases a percent-encoded valid domain', async () => {
    const site = await createSite();
    const res = await api(site.secretKey, '/v1/companies/acme%2Ecom', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).domain).toBe('acme.com');
  });
});
