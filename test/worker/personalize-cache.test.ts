// The edge cache of stage answers: a hit costs 0 D1 round trips, the ingest purges what it makes stale, and no
// answer older than STAGE_CACHE_TTL_S is ever served (the staleness bound).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { BASE, browse, createSite, dbTrips, event, postEvents, type TestSite } from './helpers';

async function stage(site: TestSite, visitor: string, patch: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}/v1/stage?site=${site.publicKey}&visitor=${visitor}`), { ...env, ...patch } as any, ctx);
  await waitOnExecutionContext(ctx); // the cache write runs in waitUntil
  return { body: (await res.json()) as any, trips: dbTrips(res) };
}

const blog = (domain: string, visitor: string) => event({ company: { domain }, visitor });
const demo = (domain: string, visitor: string) => event({ type: 'form', form: 'demo', category: undefined, company: { domain }, visitor });

describe('stage answers cached at the edge', () => {
  it('the second lookup of a visitor is a hit: same answer, 0 D1 round trips', async () => {
    const site = await createSite();
    await postEvents(site, [blog('acme.com', 'v-hit')]);
    const first = await stage(site, 'v-hit');
    expect(first.trips).toBe(1);
    const second = await stage(site, 'v-hit');
    expect(second.trips).toBe(0);
    expect(second.body).toEqual(first.body);
  });

  it("an ingest that moves a company's stage purges its visitors' answers at once; a visitor's own events purge its answer", async () => {
    const site = await createSite();
    // Browsers used these ids before the site's backend linked them (else the public may not read them: public-stage.ts).
    for (const v of ['v-a', 'v-new']) await browse(site.id, v);
    await postEvents(site, [blog('acme.com', 'v-a')]);
    expect((await stage(site, 'v-a')).body.stage).toBe('target');
    expect((await stage(site, 'v-a')).trips).toBe(0);
    // Another visitor of Acme requests a demo: Acme moves to Evaluation, and v-a's cached answer is stale.
    expect((await postEvents(site, [demo('acme.com', 'v-b')])).status).toBe(200);
    const after = await stage(site, 'v-a');
    expect(after.body).toMatchObject({ stage: 'evaluation', company: { domain: 'acme.com' } });
    expect(after.trips).toBe(1);
    // A visitor cached as unknown, then linked to a company by its own event.
    expect((await stage(site, 'v-new')).body.company).toBeNull();
    await postEvents(site, [blog('acme.com', 'v-new')]);
    expect((await stage(site, 'v-new')).body.company).toMatchObject({ domain: 'acme.com' });
  });

  it('staleness bound: a change the cache did not hear of shows within STAGE_CACHE_TTL_S, never later', async () => {
    const site = await createSite();
    await browse(site.id, 'v-s');
    await postEvents(site, [blog('acme.com', 'v-s'), demo('evalco.com', 'v-e')]);
    const ttl = { STAGE_CACHE_TTL_S: '2' };
    const cachedAt = Date.now();
    expect((await stage(site, 'v-s', ttl)).body).toMatchObject({ stage: 'target', company: { domain: 'acme.com' } });
    // A change committed where this cache is not purged (another data centre), simulated straight in D1.
    await env.DB.prepare(`UPDATE visitors SET company_domain = 'evalco.com' WHERE site_id = ? AND id = 'v-s'`).bind(site.id).run();
    const stale = await stage(site, 'v-s', ttl);
    if (Date.now() - cachedAt < 1500) {
      expect(stale.trips).toBe(0);
      expect(stale.body.company.domain).toBe('acme.com'); // within the bound the old answer may still be served
    }
    await new Promise((r) => setTimeout(r, Math.max(0, cachedAt + 2100 - Date.now())));
    const fresh = await stage(site, 'v-s', ttl);
    expect(fresh.body).toMatchObject({ stage: 'evaluation', company: { domain: 'evalco.com' } });
    expect(fresh.trips).toBe(1);
  });

  it('STAGE_CACHE_TTL_S=0 turns the cache off', async () => {
    const site = await createSite();
    await postEvents(site, [blog('acme.com', 'v-off')]);
    await stage(site, 'v-off', { STAGE_CACHE_TTL_S: '0' });
    expect((await stage(site, 'v-off', { STAGE_CACHE_TTL_S: '0' })).trips).toBe(1);
  });
});
