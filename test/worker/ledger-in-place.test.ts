// One ledger row per event: an engagement update raises the event's row in place (issue 17), and the rows still add up to the score.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../worker/ingest/core';
import type { IngestEvent } from '../../worker/ingest/types';
import { REASON_JOIN } from '../../worker/ingest/ledger-merge';
import { siteById } from '../../worker/site-cache';
import { company, createSite, rows } from './helpers';

const view = (id: string, ts: number, fields: Partial<IngestEvent> = {}): IngestEvent => ({
  id, type: 'pageview', ts, category: 'pricing', engagedMs: 20_000, visitor: 'v1', session: 's1', sessionMs: 5000, company: { domain: 'acme.com' }, ...fields,
});

describe('ledger rows raised in place', () => {
  it('an engagement update in a later write adds to the event row: one row per event, deltas add up to the score, reasons once each', async () => {
    const created = await createSite();
    const site = (await siteById(env.DB, created.id))!;
    const t0 = Date.now() - 600_000;
    await ingest(env, site, [view('a', t0), view('b', t0 + 1000, { category: 'blog' })]);
    const before = await rows<{ n: number; a: number }>("SELECT count(*) AS n, sum(delta) FILTER (WHERE event_id = 'a') AS a FROM ledger WHERE site_id = ?", site.id);
    await ingest(env, site, [view('a', t0, { engagedMs: 90_000, completion: 0.9, update: true })]);
    await ingest(env, site, [view('a', t0, { engagedMs: 300_000, completion: 1, attention: 1, update: true })]);
    const ledger = await rows<{ event_id: string; delta: number; reason: string; entry_key: string }>(
      'SELECT event_id, delta, reason, entry_key FROM ledger WHERE site_id = ? ORDER BY ts, entry_key', site.id);
    expect(ledger.length).toBe(before[0].n);
    expect(ledger.map((r) => r.event_id)).toEqual(['a', 'b']);
    expect(ledger[0].delta).toBeGreaterThan(before[0].a);
    for (const r of ledger) expect(new Set(r.reason.split(REASON_JOIN)).size).toBe(r.reason.split(REASON_JOIN).length);
    const c = await company(created, 'acme.com');
    expect(ledger.reduce((s, r) => s + r.delta, 0)).toBeCloseTo(c.score, 6);
    expect(c.ledger.filter((l: { eventId: string }) => l.eventId === 'a')).toHaveLength(1);
  });
});
