import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, BASE, createSite, event, postEvents } from './helpers';

describe('hostile input never gets a 5xx', () => {
  it('odd paths and queries', async () => {
    const site = await createSite();
    for (const path of [
      '/v1/companies/%E0%A4%A', `/v1/companies/${'a'.repeat(300)}.com`, '/v1/companies/%00', '/v1/companies/..%2F..%2Fetc',
      '/v1/companies?limit=1e400', '/v1/companies?cursor=' + 'A'.repeat(500), '/v1/companies?stage=ready&stage=target',
    ]) {
      const res = await api(site.secretKey, path);
      expect(res.status, path).toBeLessThan(500);
    }
    for (const q of ['?site=%E0%A4%A', `?site=${site.publicKey}&visitor=%00`, `?site=${site.publicKey}&visitor=${'🙂'.repeat(40)}`, '?site=' + 'p'.repeat(5000)])
      expect((await SELF.fetch(`${BASE}/v1/stage${q}`)).status, q).toBeLessThan(500);
  });

  it('odd event bodies', async () => {
    const site = await createSite();
    const deep = JSON.parse('['.repeat(500) + ']'.repeat(500));
    for (const events of [
      [null], [1], ['x'], [deep], [event({ ts: 1e20 })], [event({ engagedMs: 1e300 })], [event({ company: { domain: 123 } })],
      [event({ company: 'acme.com' })], [event({ id: '' })], [event({ attention: -1 })], [event({ ts: -5 })], [event({ ts: '2026-13-45T00:00:00Z' })],
    ]) {
      const res = await postEvents(site, events as unknown[]);
      expect(res.status, JSON.stringify(events).slice(0, 80)).toBe(400);
    }
    expect((await postEvents(site, [event({ id: 'ünïcødé-🙂', url: '/ü?x=<script>' })])).status).toBe(200);
    expect((await api(site.secretKey, '/v1/events', { body: { events: deep } })).status).toBe(400);
  });
});
