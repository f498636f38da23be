// What the public routes reveal: /v1/stage answers only the caller's own standing, never the CRM's, never a score.
import { SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, BASE, browse, createSite, event, postEvents, rows, type TestSite } from './helpers';

const stage = async (site: TestSite, visitor: string) => {
  const res = await SELF.fetch(`${BASE}/v1/stage?site=${site.publicKey}&visitor=${encodeURIComponent(visitor)}`); // no Origin: an attacker's curl
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};

let site: TestSite;
beforeEach(async () => {
  site = await createSite();
  // The site's CRM puts Acme at Ready to Buy (8.5+, sales attention) and names visitor 1001 as Hooli's.
  const crm = await postEvents(site, [
    event({ type: 'proposal', category: undefined, company: { domain: 'acme.com', name: 'Acme Corp' } }),
    event({ type: 'sales_meeting', category: undefined, visitor: '1001', company: { domain: 'hooli.com', name: 'Hooli' } }),
  ]);
  expect(crm.status).toBe(200);
  expect((await api(site.secretKey, '/v1/companies/acme.com').then((r) => r.json()) as any).stage).toBe('ready');
});

describe('GET /v1/stage reveals only the caller\'s own standing', () => {
  it("a beacon claiming acme.com (identify) then a probe: not Acme's Ready, no score, no sales attention, no CRM name", async () => {
    await browse(site.id, 'attacker-visitor-1', { identified: 'acme.com' });
    const body = await stage(site, 'attacker-visitor-1');
    expect(body).toEqual({ stage: 'target', company: { domain: 'acme.com', name: null }, recommended: expect.any(Array) });
    expect(body).not.toHaveProperty('score');
    expect(body).not.toHaveProperty('salesAttention');
  });

  it('a claimed visitor gets the stage its own events earned (a demo request: Evaluation), never Ready, never the CRM\'s', async () => {
    const now = Date.now() - 1000;
    await browse(site.id, 'jane-visitor', { identified: 'acme.com', events: [{ id: 'demo-1', type: 'form', form: 'demo', ts: now, visitor: 'jane-visitor' }] });
    expect(await stage(site, 'jane-visitor')).toMatchObject({ stage: 'evaluation', company: { domain: 'acme.com', name: null } });
    // A new company claimed by one visitor: the same, from its own events only.
    await browse(site.id, 'sec-visitor', { identified: 'initech.com', events: [{ id: 'sec-1', type: 'form', form: 'security', ts: now, visitor: 'sec-visitor' }] });
    expect((await stage(site, 'sec-visitor')).stage).not.toBe('ready');
  });

  it('visitor ids from the secret-key API are not readable: ?visitor=1001 does not reveal hooli.com, even after a beacon as 1001', async () => {
    expect(await stage(site, '1001')).toEqual({ stage: 'target', company: null, recommended: expect.any(Array) });
    await browse(site.id, '1001');
    const after = await stage(site, '1001');
    expect(after.company).toBeNull();
    expect(JSON.stringify(after)).not.toContain('hooli');
  });

  it("a visitor the browser used before the site's backend linked it gets its company's stage and name", async () => {
    await browse(site.id, 'real-visitor-9');
    await postEvents(site, [event({ type: 'sales_meeting', category: undefined, visitor: 'real-visitor-9', company: { domain: 'acme.com' } })]);
    expect(await stage(site, 'real-visitor-9')).toEqual({ stage: 'ready', company: { domain: 'acme.com', name: 'Acme Corp' }, recommended: expect.any(Array) });
  });

  it("a visitor resolved by network facts (the site's IP ranges) gets its company's stage", async () => {
    await api(site.secretKey, '/v1/ip-ranges', { body: { cidr: '203.0.113.0/24', domain: 'acme.com' } });
    await browse(site.id, 'office-visitor', { ip: '203.0.113.40' });
    expect(await stage(site, 'office-visitor')).toMatchObject({ stage: 'ready', company: { domain: 'acme.com', name: 'Acme Corp' } });
  });

  it('a probe creates nothing: no visitor, company, stakeholder or event, whatever it names', async () => {
    const count = async () => JSON.stringify(await rows(`SELECT (SELECT count(*) FROM visitors) v, (SELECT count(*) FROM companies) c,
      (SELECT count(*) FROM events) e, (SELECT group_concat(stakeholders) FROM companies WHERE site_id = ?1) s, (SELECT sum(version) FROM companies) ver`, site.id));
    const before = await count();
    for (const v of ['1001', 'nobody', 'acme.com', '', 'attacker-visitor-2']) await stage(site, v);
    expect(await count()).toBe(before);
  });
});
