import { describe, expect, it } from 'vitest';
import { ADMIN, api, createSite, rows } from './helpers';

describe('POST /v1/sites', () => {
  it('creates a site and shows pk_/sk_ keys once, storing only the secret hash', async () => {
    const site = await createSite({ origins: ['https://Www.Example.com/'] });
    expect(site.publicKey).toMatch(/^pk_/);
    expect(site.secretKey).toMatch(/^sk_/);
    const [row] = await rows<any>('SELECT * FROM sites WHERE id = ?', site.id);
    expect(JSON.stringify(row)).not.toContain(site.secretKey);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(row.origins)).toEqual(['https://www.example.com']);
  });

  it('needs the admin token', async () => {
    expect((await api(null, '/v1/sites', { body: { name: 'x' } })).status).toBe(401);
    expect((await api('wrong', '/v1/sites', { body: { name: 'x' } })).status).toBe(403);
    const site = await createSite();
    expect((await api(site.secretKey, '/v1/sites', { body: { name: 'x' } })).status).toBe(403);
  });

  it('rejects bad input with field errors', async () => {
    const res = await api(ADMIN, '/v1/sites', { body: { name: '', origins: ['ftp://x', 'https://a.com/path'] } });
    expect(res.status).toBe(400);
    const body: any = await res.json();
    expect(body.error.fields.map((f: any) => f.path)).toEqual(expect.arrayContaining(['name', 'origins.0', 'origins.1']));
    expect((await api(ADMIN, '/v1/sites', { body: '{nope' })).status).toBe(400);
    expect((await api(ADMIN, '/v1/sites', { body: 'x'.repeat(20_000) })).status).toBe(413);
  });
});
