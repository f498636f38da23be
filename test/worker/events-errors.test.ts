import { describe, expect, it } from 'vitest';
import { api, createSite, event, postEvents, rows } from './helpers';

const fieldsOf = async (res: Response) => ((await res.json()) as any).error.fields?.map((f: any) => f.path);

describe('POST /v1/events rejects bad input with a fitting 4xx and applies nothing', () => {
  it.each([
    ['unknown type', { type: 'purchase' }, 'events.1.type'],
    ['invalid domain', { company: { domain: 'not a domain' } }, 'events.1.company.domain'],
    ['bare public suffix', { company: { domain: 'co.uk' } }, 'events.1.company.domain'],
    ['completion above 1', { completion: 1.2 }, 'events.1.completion'],
    ['negative scroll depth', { scrollDepth: -0.1 }, 'events.1.scrollDepth'],
    ['fractional engagedMs', { engagedMs: 10.5 }, 'events.1.engagedMs'],
    ['negative engagedMs', { engagedMs: -1 }, 'events.1.engagedMs'],
    ['id longer than 128', { id: 'x'.repeat(129) }, 'events.1.id'],
    ['unknown category', { category: 'cats' }, 'events.1.category'],
    ['unknown form kind', { type: 'form', form: 'newsletter' }, 'events.1.form'],
    ['future ts', { ts: Date.now() + 86_400_000 }, 'events.1.ts'],
    ['unparsable ts', { ts: 'yesterday' }, 'events.1.ts'],
    ['unknown field', { colour: 'red' }, 'events.1'],
    ['neither company nor visitor', { company: undefined }, 'events.1.company'],
  ])('%s → 400 naming the field', async (_, fields, path) => {
    const site = await createSite();
    const res = await postEvents(site, [event(), event(fields)]);
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toContain(path);
    expect(await rows('SELECT * FROM events WHERE site_id = ?', site.id)).toEqual([]);
    expect(await rows('SELECT * FROM companies WHERE site_id = ?', site.id)).toEqual([]);
  });

  it('malformed JSON, wrong shape, wrong content type → 400/415', async () => {
    const site = await createSite();
    expect((await api(site.secretKey, '/v1/events', { body: '{"events": [' })).status).toBe(400);
    expect((await api(site.secretKey, '/v1/events', { body: { events: [] } })).status).toBe(400);
    expect((await api(site.secretKey, '/v1/events', { body: [event()] })).status).toBe(400);
    expect((await api(site.secretKey, '/v1/events', { body: 'null' })).status).toBe(400);
    expect((await api(site.secretKey, '/v1/events', { body: JSON.stringify({ events: [event()] }), headers: { 'content-type': 'text/csv' } })).status).toBe(415);
  });

  it('1001 events → 413; a body over 1 MiB → 413', async () => {
    const site = await createSite();
    const many = await postEvents(site, Array.from({ length: 1001 }, () => event()));
    expect(many.status).toBe(413);
    expect(((await many.json()) as any).error.code).toBe('too_many_events');
    const big = await postEvents(site, [event({ url: 'x'.repeat(2000) }), ...Array.from({ length: 600 }, () => event({ url: 'y'.repeat(2000) }))]);
    expect(big.status).toBe(413);
    expect(await rows('SELECT * FROM events WHERE site_id = ?', site.id)).toEqual([]);
  });

  it('1000 events are accepted', async () => {
    const site = await createSite();
    const res = await postEvents(site, Array.from({ length: 1000 }, (_, i) => event({ company: { domain: `co${i % 97}.com` } })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1000, duplicates: 0 });
  });

  it('wrong key, missing key, public key used as secret → 401', async () => {
    const site = await createSite();
    expect((await api(null, '/v1/events', { body: { events: [event()] } })).status).toBe(401);
    expect((await api('sk_nope', '/v1/events', { body: { events: [event()] } })).status).toBe(401);
    const pk = await api(site.publicKey, '/v1/events', { body: { events: [event()] } });
    expect(pk.status).toBe(401);
    expect(((await pk.json()) as any).error.message).toMatch(/public key/);
  });

  it('normalises domains and accepts ISO and epoch timestamps (backfill)', async () => {
    const site = await createSite();
    const res = await postEvents(site, [
      event({ id: 'iso', ts: '2026-01-05T10:00:00Z', company: { domain: 'https://Mail.Acme.co.uk/x' } }),
      event({ id: 'ms', ts: Date.UTC(2026, 0, 6), company: { domain: 'acme.co.uk' } }),
    ]);
    expect(res.status).toBe(200);
    expect(await rows('SELECT id, ts, company_domain FROM events WHERE site_id = ? ORDER BY id', site.id)).toEqual([
      { id: 'iso', ts: Date.UTC(2026, 0, 5, 10), company_domain: 'acme.co.uk' },
      { id: 'ms', ts: Date.UTC(2026, 0, 6), company_domain: 'acme.co.uk' },
    ]);
  });
});
