import { describe, expect, it } from 'vitest';
import { applyEvents, newCompanyState, resolveRules, standingAt } from '../../worker/scoring';
import { company, createSite, dbTrips, event, postEvents, rows } from './helpers';

describe('POST /v1/events', () => {
  it('stores and scores events before answering', async () => {
    const site = await createSite();
    const t = Date.now() - 60_000;
    const res = await postEvents(site, [event({ id: '1', ts: t }), event({ id: '2', ts: t + 1 }), event({ id: '3', ts: t + 2, type: 'form', form: 'demo', category: undefined })]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0 });
    const acme = await company(site, 'acme.com');
    expect(acme.stage).toBe('evaluation');
    expect(acme.ledger.length).toBeGreaterThan(0);
  });

  it('counts the same id twice once: duplicates, score unchanged', async () => {
    const site = await createSite();
    const evs = [event({ id: 'a' }), event({ id: 'b' })];
    expect(await (await postEvents(site, evs)).json()).toEqual({ accepted: 2, duplicates: 0 });
    const before = await company(site, 'acme.com');
    expect(await (await postEvents(site, [...evs, event({ id: 'a' })])).json()).toEqual({ accepted: 0, duplicates: 3 });
    const after = await company(site, 'acme.com');
    expect(after.score).toBe(before.score);
    expect(after.ledger).toEqual(before.ledger);
    expect(await rows('SELECT id FROM events WHERE site_id = ?', site.id)).toHaveLength(2);
  });

  it('loses no update under 50 concurrent requests for one company', async () => {
    const [a, b] = [await createSite(), await createSite()];
    const t0 = Date.now() - 60_000;
    const batch = (i: number) => [event({ id: `e${i}`, ts: t0, category: 'home', engagedMs: undefined, session: 's1', visitor: 'v1' })];
    await postEvents(a, [event({ id: 'warm', type: 'sales_meeting', category: undefined, ts: t0 - 1 })]);
    await postEvents(b, [event({ id: 'warm', type: 'sales_meeting', category: undefined, ts: t0 - 1 })]);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => postEvents(a, batch(i))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    for (let i = 0; i < 50; i++) expect((await postEvents(b, batch(i))).status).toBe(200);
    const [ca, cb] = [await company(a, 'acme.com'), await company(b, 'acme.com')];
    expect(ca.score).toBeLessThan(10);
    expect(ca.score).toBe(cb.score);
    expect(ca.ledger.length).toBe(cb.ledger.length);
    expect(await rows('SELECT count(*) AS n FROM events WHERE site_id = ?', a.id)).toEqual([{ n: 51 }]);
  }, 60_000);

  it('counts one id racing in two requests once', async () => {
    const site = await createSite();
    const ev = event({ id: 'race' });
    const res = await Promise.all([postEvents(site, [ev]), postEvents(site, [ev])]);
    const bodies: any[] = await Promise.all(res.map((r) => r.json()));
    expect(bodies.map((b) => b.accepted).sort()).toEqual([0, 1]);
    const acme = await company(site, 'acme.com');
    const rules = resolveRules({});
    if (!rules.ok) throw new Error('rules');
    const once = applyEvents(newCompanyState(), [{ ...ev, ts: Date.parse(acme.ledger[0].at) } as any], rules.rules);
    expect(acme.score).toBeCloseTo(standingAt(once.state, Date.now(), rules.rules).score, 6);
  });

  it('uses at most 2 D1 round trips per ingest batch (warm key, no stage change to notify)', async () => {
    const site = await createSite();
    const light = (i: number) => event({ category: 'home', engagedMs: undefined, company: { domain: `c${i % 40}.com` } });
    const res = await postEvents(site, Array.from({ length: 300 }, (_, i) => light(i)));
    expect(res.status).toBe(200);
    expect(dbTrips(res)).toBeLessThanOrEqual(2);
  });
});
