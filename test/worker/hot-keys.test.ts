// Hot keys: concurrent writers for one company queue in the site's ingest gate instead of racing and retrying.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { siteById } from '../../worker/site-cache';
import { gatedIngest } from '../../worker/ingest/gate';
import { company, createSite, dbTrips, event, postEvents } from './helpers';

describe('hot keys', () => {
  it('8 concurrent /v1/events writers on one company each make one attempt: 3 D1 round trips, none retried', async () => {
    const site = await createSite();
    const t0 = Date.now() - 60_000;
    const res = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      postEvents(site, [event({ id: `hot-${i}`, ts: t0 + i, category: 'pricing', visitor: 'office-nat', session: 's1' })])));
    expect(res.map((r) => r.status)).toEqual(Array(8).fill(200));
    // read + write + the webhook subscription read: the same trips as a lone writer, so no conflict was retried.
    for (const r of res) expect(dbTrips(r)).toBeLessThanOrEqual(3);
    expect((await company(site, 'acme.com')).ledger.filter((l: { eventId: string }) => l.eventId?.startsWith('hot-')).length).toBeGreaterThan(0);
  });

  it('the gate reports attempts = 1 for every one of 20 concurrent calls on one company', async () => {
    const created = await createSite();
    const site = (await siteById(env.DB, created.id))!;
    const t0 = Date.now() - 60_000;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      gatedIngest(env, site, [{ id: `g-${i}`, type: 'pageview', ts: t0 + i, category: 'blog', engagedMs: 30_000, company: { domain: 'hot.com' } }])));
    expect(results.map((r) => r.attempts)).toEqual(Array(20).fill(1));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(20);
  });
});
