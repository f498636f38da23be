// URL patterns from PUT /v1/rules cannot stall the Worker: the issue 11 ReDoS (a star-heavy pattern + a 2 KB path).
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, BASE, createSite, rows, type TestSite } from './helpers';
import { until } from './support/webhooks-receiver';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36', 'accept-language': 'en' };

const beacon = (site: TestSite, events: unknown[]) =>
  SELF.fetch(`${BASE}/v1/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: site.origins[0], ...BROWSER },
    body: JSON.stringify({ k: site.publicKey, v: 'visitor-redos-01', e: events }),
  });

describe('URL patterns against hostile paths', () => {
  // Before: the pattern became ^/.*/.*/.*/.*/pricing$ and this beacon got no answer in 90 s, nor did /health.
  it('PUT /v1/rules with /*/*/*/*/pricing, then a beacon with a 2 KB /x/x/… path: answered at once, categorised right', { timeout: 5000 }, async () => {
    const site = await createSite();
    const put = await api(site.secretKey, '/v1/rules', { method: 'PUT', body: { urlPatterns: [{ pattern: '/*/*/*/*/pricing', category: 'pricing' }] } });
    expect(put.status, await put.clone().text()).toBe(200);
    const long = '/x'.repeat(1020); // 2040 characters, under the 2048 cap on `u`
    const res = await beacon(site, [
      { i: 'redos-miss', t: 'pv', u: long },
      { i: 'redos-hit', t: 'pv', u: long.slice(0, 2000) + '/pricing' },
    ]);
    expect(res.status).toBe(202);
    expect((await SELF.fetch(`${BASE}/health`)).status).toBe(200);
    await until(async () => (await rows('SELECT id FROM events WHERE site_id = ?', site.id)).length === 2);
    const stored = await rows<{ id: string; category: string }>('SELECT id, category FROM events WHERE site_id = ? ORDER BY id', site.id);
    expect(stored).toEqual([{ id: 'redos-hit', category: 'pricing' }, { id: 'redos-miss', category: 'other' }]);
  });

  it('a path over the 2048-character cap is refused at ingest with a 400 naming the field', async () => {
    const site = await createSite();
    const res = await beacon(site, [{ i: 'too-long', t: 'pv', u: '/x'.repeat(1025) }]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.fields.map((f: any) => f.path)).toContain('e.0.u');
  });

  it('PUT /v1/rules refuses patterns over the caps (length 200, count 200) with a 400 naming the field, and changes nothing', async () => {
    const site = await createSite();
    const long = await api(site.secretKey, '/v1/rules', { method: 'PUT', body: { urlPatterns: [{ pattern: '/*'.repeat(101), category: 'pricing' }] } });
    expect(long.status).toBe(400);
    expect(((await long.json()) as any).error.fields.map((f: any) => f.path)).toEqual(['urlPatterns.0.pattern']);
    const many = await api(site.secretKey, '/v1/rules', { method: 'PUT', body: { urlPatterns: Array.from({ length: 201 }, (_, i) => ({ pattern: `/p${i}*`, category: 'pricing' })) } });
    expect(many.status).toBe(400);
    expect(((await many.json()) as any).error.fields.map((f: any) => f.path)).toEqual(['urlPatterns']);
    expect(((await (await api(site.secretKey, '/v1/rules')).json()) as any).overrides).toEqual({});
  });
});
