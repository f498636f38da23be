// The beacon consumer with an enrichment provider that cannot answer: the batch is stored and acked, within the timeout.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, expect, it, vi } from 'vitest';
import type { BeaconMessage } from '../../worker/env';
import { ENRICH_TIMEOUT_MS, resetEnrichmentBreaker } from '../../worker/identity/enrich';
import { consumeBeacons } from '../../worker/queue/beacons';
import { createSite, rows } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  resetEnrichmentBreaker();
});

it('a provider that never answers neither fails nor holds the beacon batch past one timeout', async () => {
  const site = await createSite();
  resetEnrichmentBreaker();
  const slow = { ...env, ENRICH_URL: 'https://enrich.test/lookup' };
  let calls = 0;
  // The provider accepts the connection and never answers (and ignores the abort signal).
  vi.stubGlobal('fetch', () => (calls++, new Promise<Response>(() => {})));
  const now = Date.now();
  const messages = [0, 1, 2].map((k) => ({
    id: `m${k}`,
    timestamp: new Date(now),
    attempts: 1,
    body: {
      siteId: site.id,
      receivedAt: now,
      events: [{ id: `enr-${k}`, type: 'pageview', ts: now, category: 'blog', engagedMs: 20_000, visitor: `v-enr-${k}` }],
      ctx: { ip: `100.64.20.${k}`, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0.0.0', acceptLanguage: 'en', visitorId: `v-enr-${k}` },
    } satisfies BeaconMessage,
  }));
  const batch = createMessageBatch<BeaconMessage>('waymark-beacons', messages);
  const ctx = createExecutionContext();
  const t0 = Date.now();
  await consumeBeacons(batch, slow);
  const elapsed = Date.now() - t0;
  const result = await getQueueResult(batch, ctx);
  expect(result.explicitAcks.sort()).toEqual(['m0', 'm1', 'm2']);
  expect(result.retryMessages).toEqual([]);
  // Three new visitors resolved concurrently: one timeout in all.
  expect(calls).toBeGreaterThan(0);
  expect(elapsed).toBeLessThan(ENRICH_TIMEOUT_MS + 3_000);
  expect(await rows('SELECT id, company_domain FROM events WHERE site_id = ? ORDER BY id', site.id)).toEqual([
    { id: 'enr-0', company_domain: null },
    { id: 'enr-1', company_domain: null },
    { id: 'enr-2', company_domain: null },
  ]);
  // The provider now rests: the next batch does not wait for it at all.
  const before = calls;
  const next = createMessageBatch<BeaconMessage>('waymark-beacons', messages.map((m, k) => ({
    ...m,
    id: `n${k}`,
    body: { ...m.body, events: [{ ...m.body.events[0]!, id: `enr-n${k}`, visitor: `v-enr-n${k}` }], ctx: { ...m.body.ctx, ip: `100.64.21.${k}`, visitorId: `v-enr-n${k}` } },
  })));
  const t1 = Date.now();
  await consumeBeacons(next, slow);
  expect(calls).toBe(before);
  expect(Date.now() - t1).toBeLessThan(ENRICH_TIMEOUT_MS);
  expect((await getQueueResult(next, createExecutionContext())).explicitAcks).toHaveLength(3);
  console.log(`consumer with a hanging provider: ${elapsed} ms for 3 new visitors (timeout ${ENRICH_TIMEOUT_MS} ms)`);
}, 20_000);
