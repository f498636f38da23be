import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { runScheduledPass } from '../../worker/cron';
import { foldLedger, pruneEvents, retentionCutoff } from '../../worker/db/retention';
import { api, company, createSite, event, postEvents, rows } from './helpers';

const DAY = 86_400_000;

describe('retention', () => {
  it('defaults to 13 months and honours RETENTION_DAYS', () => {
    expect(retentionCutoff(env, 1000 * DAY)).toBe(1000 * DAY - 396 * DAY);
    expect(retentionCutoff({ ...env, RETENTION_DAYS: '30' }, 1000 * DAY)).toBe(970 * DAY);
    expect(retentionCutoff({ ...env, RETENTION_DAYS: 'nonsense' }, 1000 * DAY)).toBe(604 * DAY);
  });

  it('pruning raw events and folding the ledger keeps scores and stats unchanged', async () => {
    const site = await createSite();
    const t = Date.now() - 3 * 3_600_000;
    await postEvents(site, [
      event({ ts: t, session: 's1' }), event({ ts: t + 1000, session: 's1' }), event({ ts: t + 2000, session: 's2' }),
      event({ ts: t + 3000, type: 'form', form: 'demo', category: undefined }),
      event({ ts: t + 4000, company: { domain: 'other.io' }, category: 'pricing' }),
    ]);
    const range = `from=${new Date(t - DAY).toISOString()}&to=${new Date(t + DAY).toISOString()}`;
    const statsOf = async () => {
      const body: any = await (await api(site.secretKey, `/v1/stats?${range}`)).json();
      delete body.now.at; // the moment of the answer
      return body;
    };
    const before = { acme: await company(site, 'acme.com'), other: await company(site, 'other.io'), stats: await statsOf() };
    expect(before.acme.ledger.length).toBeGreaterThan(1);

    // Two days on with a one-day retention: every raw event and ledger row of today is past it (no decay is due yet).
    const s = await runScheduledPass({ ...env, RETENTION_DAYS: '1' }, Date.now() + 2 * DAY);
    expect(s.errors).toEqual([]);
    expect(s.eventsPruned).toBeGreaterThanOrEqual(5);
    expect(await rows('SELECT id FROM events WHERE site_id = ?', site.id)).toHaveLength(0);

    const after = { acme: await company(site, 'acme.com'), other: await company(site, 'other.io'), stats: await statsOf() };
    expect(after.acme.score).toBe(before.acme.score);
    expect(after.acme.stage).toBe(before.acme.stage);
    expect(after.other.score).toBe(before.other.score);
    expect(after.stats).toEqual(before.stats);
    const ledger = await rows<any>('SELECT delta, score_after, reason FROM ledger WHERE site_id = ? AND company_domain = ?', site.id, 'acme.com');
    expect(ledger).toHaveLength(1);
    expect(ledger[0].reason).toBe('summary');
    expect(ledger[0].delta).toBeCloseTo(before.acme.score, 6);
    expect(ledger[0].score_after).toBeCloseTo(before.acme.score, 6);

    // A second run finds nothing to fold or delete; new events keep adding up on top of the summary.
    const cutoff = Date.now() + DAY;
    expect(await foldLedger(env.DB, cutoff)).toEqual({ companies: 0, rows: 0 });
    expect(await pruneEvents(env.DB, cutoff)).toBe(0);
    await postEvents(site, [event({ type: 'sales_meeting', category: undefined })]);
    const next = await company(site, 'acme.com');
    const [{ total }] = await rows<any>('SELECT sum(delta) AS total FROM ledger WHERE site_id = ? AND company_domain = ?', site.id, 'acme.com');
    expect(total).toBeCloseTo(next.score, 6);
  });
});
