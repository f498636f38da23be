// Security properties docs/security.md states, checked against the real Worker.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { ADMIN, api, BASE, company, createSite, postEvents, rows } from './helpers';

async function withEnv(req: Request, patch: Record<string, unknown>) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req, { ...env, ...patch } as any, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
const newSite = (token: string) =>
  new Request(`${BASE}/v1/sites`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"name":"x","origins":[]}' });
const siteCount = async () => (await rows<{ n: number }>('SELECT COUNT(*) AS n FROM sites'))[0]!.n;

describe('security', () => {
  it('ADMIN_TOKEN unset: the admin API refuses with 503 whatever token is sent, and creates nothing', async () => {
    const before = await siteCount();
    for (const token of [ADMIN, '', 'undefined', 'null']) {
      const res = await withEnv(newSite(token), { ADMIN_TOKEN: undefined });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'admin_disabled' } });
    }
    const empty = await withEnv(newSite(''), { ADMIN_TOKEN: '' });
    expect(empty.status).toBe(503);
    expect(await siteCount()).toBe(before);
  });

  it('a wrong admin token is 403, a missing one 401; neither creates a site', async () => {
    const before = await siteCount();
    expect((await withEnv(newSite(ADMIN + 'x'), {})).status).toBe(403);
    expect((await withEnv(new Request(`${BASE}/v1/sites`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' }), {})).status).toBe(401);
    expect(await siteCount()).toBe(before);
  });

  it('keys: shown once, stored only as SHA-256; the public key is not a secret; one site never reads another', async () => {
    const [a, b] = [await createSite(), await createSite()];
    const [row] = await rows<Record<string, string>>('SELECT * FROM sites WHERE id = ?', a.id);
    expect(JSON.stringify(row)).not.toContain(a.secretKey);
    expect(row!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await api(a.publicKey, '/v1/companies')).status).toBe(401);
    expect((await postEvents(a, [{ id: 'sec-1', type: 'pageview', category: 'blog', company: { domain: 'secretco.com' } }])).status).toBe(200);
    expect((await company(a, 'secretco.com')).domain).toBe('secretco.com');
    expect((await api(b.secretKey, '/v1/companies/secretco.com')).status).toBe(404);
    expect(((await (await api(b.secretKey, '/v1/companies')).json()) as any).companies).toEqual([]);
  });
});
