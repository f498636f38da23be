// Failure isolation in the beacon consumer: a poison message cannot hold back its neighbours, and is dead-lettered once.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { BeaconMessage } from '../../worker/env';
import { consumeBeacons, POISON_AFTER } from '../../worker/queue/beacons';
import { createSite, rows, type TestSite } from './helpers';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36';

function message(site: TestSite, visitor: string, ids: string[], extra: Partial<BeaconMessage> = {}): BeaconMessage {
  const now = Date.now() - 1000;
  return {
    siteId: site.id, receivedAt: now,
    ctx: { visitorId: visitor, userAgent: UA, acceptLanguage: 'en', identifiedDomain: 'neighbours.io', ip: '198.51.100.7' },
    events: ids.map((id) => ({ id, type: 'pageview', ts: now, category: 'blog', engagedMs: 30_000, visitor })),
    ...extra,
  };
}

async function consume(bodies: BeaconMessage[], attempts = 1, queue = 'waymark-beacons') {
  const batch = createMessageBatch<BeaconMessage>(queue, bodies.map((body, i) => ({ id: `q${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts, body })));
  const ctx = createExecutionContext();
  await consumeBeacons(batch, env, queue.endsWith('dlq') ? 3600 : 60);
  const result = await getQueueResult(batch, ctx);
  const idOf = (i: number) => batch.messages[i].id;
  return { ...result, idOf };
}

/** The poison: an event id with a lone surrogate (stored altered, so its second copy hit the primary key). */
const surrogate = (site: TestSite) => message(site, 'v-poison', ['ok-before-\ud800']);
/** A poison of another kind: a message the consumer cannot even read (no events array). */
const unreadable = (site: TestSite) => ({ ...message(site, 'v-broken', []), events: null as unknown as BeaconMessage['events'] });

describe('beacon queue failure isolation', () => {
  it('one poison message among 20 beacons: the 20 are stored and acked, the poison is dead-lettered, nothing retried', async () => {
    const site = await createSite();
    const normal = Array.from({ length: 20 }, (_, i) => message(site, `v-n${i}`, [`n${i}`]));
    const r = await consume([...normal.slice(0, 7), unreadable(site), ...normal.slice(7, 15), surrogate(site), ...normal.slice(15)]);
    expect(r.retryMessages).toEqual([]);
    expect(r.explicitAcks).toHaveLength(22);
    expect(await rows<{ n: number }>('SELECT count(*) AS n FROM events WHERE site_id = ?', site.id)).toEqual([{ n: 20 }]);
    const dead = await rows<any>('SELECT id, queue, visitor_id, body, error, attempts FROM dead_letters WHERE site_id = ? ORDER BY visitor_id', site.id);
    expect(dead.map((d) => [d.id, d.visitor_id])).toEqual([[r.idOf(7), 'v-broken'], [r.idOf(16), 'v-poison']]);
    expect(dead[1].error).toMatch(/well-formed/);
    // Recorded intact (JSON escapes the surrogate) and without the raw IP.
    expect(JSON.parse(dead[1].body).events[0].id).toBe('ok-before-\ud800');
    expect(dead.map((d) => d.body).join()).not.toContain('198.51.100.7');
  });

  it('a message failing alone is retried while it may be an outage, and dead-lettered once it keeps failing while D1 answers', async () => {
    const site = await createSite();
    const first = await consume([unreadable(site)], 1);
    expect(first.retryMessages).toHaveLength(1);
    expect(await rows('SELECT id FROM dead_letters WHERE site_id = ?', site.id)).toEqual([]);
    const later = await consume([unreadable(site)], POISON_AFTER, 'waymark-beacons-dlq');
    expect(later.retryMessages).toEqual([]);
    expect(later.explicitAcks).toEqual([later.idOf(0)]);
    expect(await rows('SELECT id FROM dead_letters WHERE site_id = ?', site.id)).toEqual([{ id: later.idOf(0) }]);
  });

  it('soak: a stream of batches with poison and redelivered messages stores every other accepted beacon exactly once', async () => {
    const site = await createSite();
    const sent = new Set<string>();
    let poisoned = 0;
    for (let b = 0; b < 10; b++) {
      const bodies: BeaconMessage[] = [];
      for (let i = 0; i < 15; i++) {
        const ids = [`s${b}-${i}-a`, `s${b}-${i}-b`];
        ids.forEach((id) => sent.add(id));
        bodies.push(message(site, `v-s${(b * 15 + i) % 37}`, ids));
      }
      // A redelivery of an earlier batch's message (queues deliver at least once), and a poison at a random place.
      if (b > 0) bodies.push(message(site, 'v-s1', [`s${b - 1}-3-a`, `s${b - 1}-3-b`]));
      bodies.splice(Math.floor(Math.random() * bodies.length), 0, b % 2 ? surrogate(site) : unreadable(site));
      poisoned++;
      const r = await consume(bodies);
      expect(r.retryMessages).toEqual([]);
      expect(r.explicitAcks).toHaveLength(bodies.length);
    }
    const stored = await rows<{ id: string }>('SELECT id FROM events WHERE site_id = ?', site.id);
    expect(stored.map((s) => s.id).sort()).toEqual([...sent].sort());
    // Scored once each: one points row per event in the company's ledger.
    const twice = await rows(`SELECT event_id, count(*) AS n FROM ledger WHERE site_id = ? AND reason LIKE 'points:%' GROUP BY event_id HAVING n > 1`, site.id);
    expect(twice).toEqual([]);
    expect(await rows<{ n: number }>('SELECT count(*) AS n FROM dead_letters WHERE site_id = ?', site.id)).toEqual([{ n: poisoned }]);
  }, 60_000);
});
