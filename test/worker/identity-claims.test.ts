// Browser claims (identify(), a form email) are forgeable: alone they plant no company, no stakeholder, no webhook.
import { SELF } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, BASE, browse, createSite, event, postEvents, rows, type TestSite } from './helpers';
import { stubReceiver } from './support/webhooks-receiver';

let site: TestSite;
let restore: (() => void) | null = null;
beforeEach(async () => {
  site = await createSite();
  restore = stubReceiver('hooks.claims.example').restore;
  expect((await api(site.secretKey, '/v1/webhooks', { method: 'PUT', body: { url: 'https://hooks.claims.example/hook' } })).status).toBe(200);
});
afterEach(() => (restore?.(), (restore = null)));

const form = (visitor: string, id: string, kind: 'demo' | 'security' = 'demo') => [{ id, type: 'form' as const, form: kind, ts: Date.now() - 1000, visitor }];
const planted = async () => ({
  companies: await rows('SELECT domain, stakeholders FROM companies WHERE site_id = ? AND domain = ?', site.id, 'planted-co.com'),
  deliveries: await rows('SELECT id FROM webhook_deliveries WHERE site_id = ? AND company_domain = ?', site.id, 'planted-co.com'),
  attributed: await rows('SELECT id FROM events WHERE site_id = ? AND company_domain = ?', site.id, 'planted-co.com'),
});
const publicStage = async (visitor: string) => (await SELF.fetch(`${BASE}/v1/stage?site=${site.publicKey}&visitor=${visitor}`)).json();

describe('a claim from the browser alone', () => {
  it('forged claim beacons for planted-co.com (a demo form, three visitor ids): no company row, no stakeholder, no webhook', async () => {
    for (const v of ['forger-1', 'forger-2', 'forger-3']) await browse(site.id, v, { identified: 'planted-co.com', events: form(v, `fm-${v}`) });
    expect(await planted()).toEqual({ companies: [], deliveries: [], attributed: [] });
    // The events are kept (unresolved) and the visitor keeps its claim: it still sees the stage its own events earned.
    expect(await rows('SELECT id FROM events WHERE site_id = ? AND company_domain IS NULL', site.id)).toHaveLength(3);
    expect(await publicStage('forger-1')).toMatchObject({ stage: 'evaluation', company: { domain: 'planted-co.com', name: null } });
  });

  it('attaches once the site has named the company (a server event): the visitor becomes a stakeholder, one client stays below Ready', async () => {
    await browse(site.id, 'jane', { identified: 'planted-co.com', events: form('jane', 'fm-jane') });
    expect((await planted()).companies).toEqual([]);
    // The CRM named it 40 days ago: it exists, but no server event vouches within the evidence window (30 days).
    const crm = event({ ts: Date.now() - 40 * 86_400_000, category: 'home', company: { domain: 'planted-co.com', name: 'Planted' } });
    expect((await postEvents(site, [crm])).status).toBe(200);
    await browse(site.id, 'jane', { identified: 'planted-co.com', events: form('jane', 'fm-sec', 'security') });
    const after = await planted();
    expect(after.companies).toEqual([{ domain: 'planted-co.com', stakeholders: 1 }]);
    // The earlier demo form counts now (retroactively, once), and the stage move is announced.
    expect(after.attributed.map((r) => r.id)).toEqual(expect.arrayContaining(['fm-jane', 'fm-sec']));
    expect(after.deliveries.length).toBeGreaterThan(0);
    const c = (await (await api(site.secretKey, '/v1/companies/planted-co.com')).json()) as { stage: string };
    expect(c.stage).toBe('evaluation'); // demo + security forms from one client: not Ready (scoring/evidence.ts)
  });
});

describe('an unknown claim from a known network', () => {
  it("a visitor on the site's IP range for acme.com who claims planted-co.com counts for acme.com; planted-co.com stays unplanted", async () => {
    const r = await api(site.secretKey, '/v1/ip-ranges', { method: 'POST', body: { cidr: '203.0.113.0/24', domain: 'acme.com', name: 'Acme' } });
    expect(r.status).toBe(201);
    await browse(site.id, 'office-1', { ip: '203.0.113.7', identified: 'planted-co.com' });
    expect(await planted()).toEqual({ companies: [], deliveries: [], attributed: [] });
    expect(await rows('SELECT domain, stakeholders FROM companies WHERE site_id = ?', site.id)).toEqual([{ domain: 'acme.com', stakeholders: 1 }]);
    expect(await rows('SELECT company_domain FROM events WHERE site_id = ?', site.id)).toEqual([{ company_domain: 'acme.com' }]);
  });
});
