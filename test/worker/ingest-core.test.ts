import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../worker/ingest/core';
import { guard } from '../../worker/db/company-state';
import { siteById } from '../../worker/site-cache';
import type { IngestEvent } from '../../worker/ingest/types';
import { company, createSite, rows } from './helpers';

const view = (id: string, ts: number): IngestEvent => ({ id, type: 'pageview', ts, category: 'home', session: 's', visitor: 'v', company: { domain: 'acme.com' } });

describe('ingest core', () => {
  it('the version guard rolls the whole D1 batch back when an update matched no row', async () => {
    const site = await createSite();
    await ingest(env, (await siteById(env.DB, site.id))!, [view('seed', Date.now() - 5000)]);
    const db = env.DB;
    const stale = db.prepare('UPDATE companies SET score = 9 WHERE site_id = ? AND domain = ? AND version = 999').bind(site.id, 'acme.com');
    const insert = db.prepare("INSERT INTO events (site_id, id, ts, type, received_at) VALUES (?, 'ghost', 1, 'pageview', 1)").bind(site.id);
    await expect(db.batch([insert, stale, guard(db, 1)])).rejects.toThrow(/ingest_guard/);
    expect(await rows("SELECT id FROM events WHERE id = 'ghost'")).toEqual([]);
    const fresh = db.prepare('UPDATE companies SET name = name WHERE site_id = ? AND domain = ? AND version = 1').bind(site.id, 'acme.com');
    await expect(db.batch([fresh, guard(db, 1)])).resolves.toHaveLength(2);
  });

  it('concurrent writers retry on conflict and give the sequential result', async () => {
    const [a, b] = [await createSite(), await createSite()];
    const [siteA, siteB] = [(await siteById(env.DB, a.id))!, (await siteById(env.DB, b.id))!];
    const t0 = Date.now() - 60_000;
    await ingest(env, siteA, [view('seed', t0 - 1)]);
    await ingest(env, siteB, [view('seed', t0 - 1)]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ingest(env, siteA, [view(`e${i}`, t0)])));
    for (let i = 0; i < 20; i++) await ingest(env, siteB, [view(`e${i}`, t0)]);
    expect(Math.max(...results.map((r) => r.attempts))).toBeGreaterThan(1); // conflicts happened and were retried
    const [ca, cb] = [await company(a, 'acme.com'), await company(b, 'acme.com')];
    expect(ca.score).toBe(cb.score);
    expect(ca.ledger).toHaveLength(cb.ledger.length);
    expect(await rows('SELECT version FROM companies WHERE site_id = ?', a.id)).toEqual([{ version: 21 }]);
  });

  it('a duplicate in the same batch counts once; an engagement update in the same batch merges upward', async () => {
    const site = (await siteById(env.DB, (await createSite()).id))!;
    const r = await ingest(env, site, [view('x', Date.now() - 1000), view('x', Date.now() - 1000), { ...view('x', Date.now()), engagedMs: 20_000, update: true }]);
    expect(r).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await rows('SELECT engaged_ms FROM events WHERE site_id = ?', site.id)).toEqual([{ engaged_ms: 20_000 }]);
  });
});
