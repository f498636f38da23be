// Soak: concurrent browser beacons (through the real queue) and /v1/events batches for a few companies, for
// SOAK_SECONDS (default 20; `SOAK_SECONDS=60 npx vitest run --project worker test/worker/soak.test.ts` for the
// issue's minute), in-process only, at most MAX_REQUESTS requests. Afterwards:
//   - every accepted event is in D1 exactly once (no loss, no extra, no double), resends answered as duplicates;
//   - each company's stored standing equals a sequential replay of its stored events (sorted by time) through the
//     engine on a fresh state, compared at the same instant.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { storedToEvent } from '../../worker/ingest/plan';
import type { StoredEvent } from '../../worker/ingest/store';
import { applyEvents, defaultRules, newCompanyState, standingAt, type Rules } from '../../worker/scoring';
import { BASE, createSite, postEvents, rows } from './helpers';

const SECONDS = Number((env as { SOAK_SECONDS?: string }).SOAK_SECONDS) || 20;
const LANES = 6;
const MAX_REQUESTS = 20_000;
const COMPANIES = ['soak-alpha.com', 'soak-beta.io', 'soak-gamma.co.uk', 'soak-delta.de'];
const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36', 'accept-language': 'en' };
const TYPES = ['pageview', 'pageview', 'pageview', 'download', 'form', 'media', 'tool', 'sales_meeting', 'competitor_visit'] as const;
const CATS = ['blog', 'pricing', 'case-study', 'webinar', 'docs', 'comparison', 'security'] as const;
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

type Row = { key: string; delta: number };

/** On a mismatch: the ledger keys (event id, or reason) whose stored delta differs from the replay's. */
async function ledgerDiff(siteId: string, domain: string, replayed: { eventId: string | null; reason: string; delta: number }[]) {
  const stored = await rows<{ event_id: string | null; reason: string; delta: number }>('SELECT event_id, reason, delta FROM ledger WHERE site_id = ? AND company_domain = ?', siteId, domain);
  const sum = (xs: Row[]) => xs.reduce((m, x) => m.set(x.key, (m.get(x.key) ?? 0) + x.delta), new Map<string, number>());
  const a = sum(stored.map((r) => ({ key: r.event_id ?? `r:${r.reason}`, delta: r.delta })));
  const b = sum(replayed.map((r) => ({ key: r.eventId ?? `r:${r.reason}`, delta: r.delta })));
  const diff = [...new Set([...a.keys(), ...b.keys()])].filter((k) => Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0)) > 1e-6);
  // What stays order-dependent (the 0–10 clamp, gate floors, decay of late points): docs/scoring.md, late events.
  return `soak: ${domain} differs from its replay at ${JSON.stringify(diff.map((k) => [k, a.get(k) ?? null, b.get(k) ?? null]))}`;
}

describe('soak', () => {
  it(`${SECONDS} s of concurrent beacons and events: every accepted event stored once, scores equal a sequential replay`, async () => {
    const site = await createSite();
    const accepted = new Set<string>(); // ids whose request was accepted (202 beacon / 200 events)
    const stats = { beacons: 0, eventBatches: 0, resends: 0, duplicates: 0, other: {} as Record<number, number> };
    const sentBatches: unknown[][] = [];
    let requests = 0;
    let seq = 0;
    const deadline = Date.now() + SECONDS * 1000;

    async function beacon() {
      const domain = pick(COMPANIES);
      const e = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => ({
        i: `b-${seq++}-${crypto.randomUUID().slice(0, 8)}`, t: 'pv', c: pick(CATS), m: Math.floor(Math.random() * 90_000), w: 600, p: Math.random(),
      }));
      const res = await SELF.fetch(`${BASE}/v1/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: site.origins[0], 'cf-connecting-ip': `198.18.${seq & 255}.${(seq >> 8) & 255}`, ...BROWSER },
        body: JSON.stringify({ k: site.publicKey, v: `soak-visitor-${domain}-${seq % 5}`, s: `soak-s-${seq % 7}`, id: domain, e }),
      });
      await res.arrayBuffer();
      stats.beacons++;
      if (res.status === 202) for (const x of e) accepted.add(x.i);
      else stats.other[res.status] = (stats.other[res.status] ?? 0) + 1;
    }

    async function events() {
      // Sometimes resend an earlier batch: it must come back as duplicates and change nothing.
      if (sentBatches.length && Math.random() < 0.1) {
        const batch = pick(sentBatches);
        const res = await postEvents(site, batch);
        const body = (await res.json()) as { accepted: number; duplicates: number };
        stats.resends++;
        expect(res.status).toBe(200);
        expect(body.accepted).toBe(0);
        stats.duplicates += body.duplicates;
        return;
      }
      const batch = Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () => {
        const type = pick(TYPES);
        return {
          id: `e-${seq++}-${crypto.randomUUID().slice(0, 8)}`, type, ts: Date.now() - Math.floor(Math.random() * 600_000),
          company: { domain: pick(COMPANIES) }, visitor: `soak-api-${seq % 9}`, session: `soak-api-s-${seq % 4}`,
          ...(type === 'pageview' || type === 'download' || type === 'media' ? { category: pick(CATS), engagedMs: Math.floor(Math.random() * 120_000), completion: Math.random() } : {}),
          ...(type === 'form' ? { form: pick(['demo', 'trial', 'contact'] as const) } : {}),
        };
      });
      const res = await postEvents(site, batch);
      const text = await res.text();
      stats.eventBatches++;
      if (res.status !== 200) throw new Error(`/v1/events → ${res.status} ${text}`);
      expect(JSON.parse(text)).toEqual({ accepted: batch.length, duplicates: 0 });
      for (const e of batch) accepted.add(e.id);
      sentBatches.push(batch);
    }

    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (Date.now() < deadline && requests < MAX_REQUESTS) {
          requests++;
          await (Math.random() < 0.6 ? beacon() : events());
        }
      }),
    );
    const sendMs = Date.now() - t0;

    // Let the queue drain: every accepted id stored.
    const drainUntil = Date.now() + 60_000;
    let stored: StoredEvent[] = [];
    for (;;) {
      stored = await rows<StoredEvent>('SELECT id, ts, type, company_domain, visitor_id, session_id, category, form, engaged_ms, scroll_depth, completion, attention, session_ms, automated, source, client FROM events WHERE site_id = ?', site.id);
      if (stored.length >= accepted.size || Date.now() > drainUntil) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainMs = Date.now() - t0 - sendMs;
    console.log(`soak: ${SECONDS}s, ${requests} requests (${stats.beacons} beacons, ${stats.eventBatches} event batches, ${stats.resends} resends), ` +
      `${accepted.size} events accepted, ${stored.length} stored, ${(requests / (sendMs / 1000)).toFixed(0)} req/s, drained in ${drainMs} ms, other statuses ${JSON.stringify(stats.other)}`);

    // Exactly once: the stored ids are the accepted ids, no more, no fewer (the primary key forbids a double).
    const storedIds = stored.map((r) => r.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(stored.length).toBe(accepted.size);
    for (const id of storedIds) expect(accepted.has(id), id).toBe(true);
    expect(Object.keys(stats.other)).toEqual([]);
    expect(stored.every((r) => r.company_domain && COMPANIES.includes(r.company_domain))).toBe(true);

    // Scores: the stored state equals a sequential replay of the company's events.
    const rules = defaultRules as unknown as Rules;
    const at = Date.now();
    const companies = await rows<{ domain: string; state: string; score: number; stage: string }>('SELECT domain, state, score, stage FROM companies WHERE site_id = ?', site.id);
    expect(companies.map((c) => c.domain).sort()).toEqual([...COMPANIES].sort());
    for (const c of companies) {
      const evs = stored.filter((r) => r.company_domain === c.domain && !r.automated).map(storedToEvent).sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
      const replay = applyEvents(newCompanyState(), evs, rules);
      const want = standingAt(replay.state, at, rules);
      const got = standingAt(JSON.parse(c.state), at, rules);
      if (Math.abs(got.score - want.score) > 1e-9) console.log(await ledgerDiff(site.id, c.domain, replay.ledger));
      expect(got.score, c.domain).toBeCloseTo(want.score, 9);
      expect(got.stage, c.domain).toBe(want.stage);
      expect(got.salesAttention, c.domain).toBe(want.salesAttention);
      // The ledger adds up to the stored score.
      const [sum] = await rows<{ s: number }>('SELECT COALESCE(SUM(delta), 0) AS s FROM ledger WHERE site_id = ? AND company_domain = ?', site.id, c.domain);
      expect(sum!.s, c.domain).toBeCloseTo(c.score, 6);
    }
  }, (SECONDS + 120) * 1000);
});
