// Well-formed text only: a lone UTF-16 surrogate anywhere in any route's input is a 400 naming the field, never a 500.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, api, BASE, createSite, event, rows } from './helpers';

const LONE = '\ud800';
/** JSON text carrying a lone surrogate as an escape (what an attacker's curl sends; JSON.stringify escapes it so). */
const json = (v: unknown) => JSON.stringify(v);

async function expect400(res: Response, path: string) {
  expect(res.status, await res.clone().text()).toBe(400);
  const body = (await res.json()) as { error: { code: string; fields: { path: string }[] } };
  expect(body.error.code).toBe('bad_request');
  expect(body.error.fields.map((f) => f.path)).toContain(path);
}

describe('well-formed text only', () => {
  it('/v1/events: an event id with a lone surrogate is a 400 naming events.0.id (it was a 500), and nothing is stored', async () => {
    const site = await createSite();
    const res = await api(site.secretKey, '/v1/events', { body: json({ events: [event({ id: `x${LONE}` })] }) });
    await expect400(res, 'events.0.id');
    for (const [field, value] of [['visitor', `v${LONE}`], ['session', LONE], ['url', `/a${LONE}`]] as const)
      await expect400(await api(site.secretKey, '/v1/events', { body: json({ events: [event({ [field]: value })] }) }), `events.0.${field}`);
    await expect400(await api(site.secretKey, '/v1/events', { body: json({ events: [event({ company: { domain: 'acme.com', name: `A${LONE}` } })] }) }), 'events.0.company.name');
    expect(await rows('SELECT id FROM events WHERE site_id = ?', site.id)).toEqual([]);
  });

  it('a beacon with a bad event id is refused alone: the same site\'s next beacon is accepted', async () => {
    const site = await createSite();
    const beacon = (body: string) => SELF.fetch(`${BASE}/v1/collect`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: site.origins[0] }, body });
    await expect400(await beacon(json({ k: site.publicKey, v: 'visitor-wf-1', e: [{ i: 'fine', t: 'pv' }, { i: `p${LONE}`, t: 'pv' }] })), 'e.1.i');
    await expect400(await beacon(json({ k: site.publicKey, v: `visitor-${LONE}x`, e: [{ i: 'fine', t: 'pv' }] })), 'v');
    await expect400(await beacon(json({ k: site.publicKey, id: `acme${LONE}.com`, e: [{ i: 'fine', t: 'pv' }] })), 'id');
    expect((await beacon(json({ k: site.publicKey, v: 'visitor-wf-1', e: [{ i: 'fine', t: 'pv' }] }))).status).toBe(202);
  });

  it('every JSON body: sites, rules, webhooks, ip ranges (values and keys)', async () => {
    const site = await createSite();
    const admin = (body: string) => api(ADMIN, '/v1/sites', { body });
    await expect400(await admin(json({ name: `n${LONE}`, origins: ['https://a.test'] })), 'name');
    await expect400(await admin(json({ name: 'n', origins: [`https://a${LONE}.test`] })), 'origins.0');
    await expect400(await api(site.secretKey, '/v1/rules', { method: 'PUT', body: json({ urlPatterns: [{ pattern: `/x${LONE}`, category: 'blog' }] }) }), 'urlPatterns.0.pattern');
    await expect400(await api(site.secretKey, '/v1/rules', { method: 'PUT', body: json({ triggers: { [`t${LONE}`]: {} } }) }), `triggers.t${LONE}`);
    await expect400(await api(site.secretKey, '/v1/webhooks', { method: 'PUT', body: json({ url: `https://h.test/${LONE}` }) }), 'url');
    await expect400(await api(site.secretKey, '/v1/ip-ranges', { body: json({ cidr: '203.0.113.0/24', domain: 'acme.com', name: `A${LONE}` }) }), 'name');
  });

  it('query strings: nothing undecodable or ill-formed reaches a handler as a 500', async () => {
    const site = await createSite();
    for (const q of ['visitor=%ED%A0%80', 'visitor=%F0%9F', 'visitor=%uD800', `visitor=${encodeURIComponent('ok')}&%ED%A0%80=1`]) {
      const res = await SELF.fetch(`${BASE}/v1/stage?site=${site.publicKey}&${q}`);
      expect(res.status, q).toBeLessThan(500);
    }
    expect((await api(site.secretKey, '/v1/companies?stage=%ED%A0%80')).status).toBeLessThan(500);
  });
});
