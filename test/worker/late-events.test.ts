// Late events through /v1/events: a late session pays the bonus an earlier-stored event missed, once, on that event's ledger row.
import { describe, expect, it } from 'vitest';
import { storedToEvent } from '../../worker/ingest/plan';
import type { StoredEvent } from '../../worker/ingest/store';
import { applyEvents, defaultRules, newCompanyState, standingAt, type Rules } from '../../worker/scoring';
import { createSite, event, postEvents, rows } from './helpers';

const HOUR = 3_600_000;

describe('late events', () => {
  it('a late session pays the later event its bonus once; the same late event again is a duplicate', async () => {
    const site = await createSite();
    const now = Date.now();
    const domain = 'late-bonus.com';
    const early = event({ ts: now - HOUR, session: 'b', category: 'docs', company: { domain } });
    const late = event({ ts: now - 3 * HOUR, session: 'a', category: 'docs', company: { domain } });
    expect((await postEvents(site, [early])).status).toBe(200);
    for (const [i, body] of [{ accepted: 1, duplicates: 0 }, { accepted: 0, duplicates: 1 }].entries()) {
      const res = await postEvents(site, [late]);
      expect(await res.json(), `post ${i + 1}`).toEqual(body);
    }
    const [row] = await rows<{ reason: string; ts: number }>('SELECT reason, ts FROM ledger WHERE site_id = ? AND event_id = ?', site.id, early.id);
    expect(row).toEqual({ reason: 'points:pageview/docs + bonus:sessions', ts: early.ts });

    const stored = await rows<StoredEvent>('SELECT * FROM events WHERE site_id = ?', site.id);
    const rules = defaultRules as unknown as Rules;
    const replay = applyEvents(newCompanyState(), stored.map(storedToEvent), rules);
    const [c] = await rows<{ state: string; score: number }>('SELECT state, score FROM companies WHERE site_id = ? AND domain = ?', site.id, domain);
    expect(standingAt(JSON.parse(c!.state), now, rules)).toEqual(standingAt(replay.state, now, rules));
    const [sum] = await rows<{ s: number }>('SELECT SUM(delta) AS s FROM ledger WHERE site_id = ? AND company_domain = ?', site.id, domain);
    expect(sum!.s).toBeCloseTo(c!.score, 6);
  });
});
