import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { runScheduledPass } from '../../worker/cron';
import { STAGES } from '../../worker/scoring/types';
import { api, company, createSite, event, postEvents, rows, type TestSite } from './helpers';
import { stubReceiver, until } from './support/webhooks-receiver';

const DAY = 86_400_000;
let restore: (() => void) | null = null;
afterEach(() => (restore?.(), (restore = null)));

async function evaluationCompany(site: TestSite, domain: string) {
  const res = await postEvents(site, [event({ type: 'form', form: 'demo', category: undefined, company: { domain } })]);
  expect(res.status).toBe(200);
  const c = await rows<any>('SELECT stage, sales_attention FROM companies WHERE site_id = ? AND domain = ?', site.id, domain);
  expect(c[0]).toEqual({ stage: 'evaluation', sales_attention: 1 });
}

describe('the scheduled pass', () => {
  it('records the regression of a company idle for three weeks, notifies once, and a second run does nothing', async () => {
    const site = await createSite();
    await evaluationCompany(site, 'idle.com');
    const put = await api(site.secretKey, '/v1/webhooks', { method: 'PUT', body: { url: 'https://cron.hooks.test/in' } });
    expect(put.status).toBe(200);
    const r = stubReceiver('cron.hooks.test');
    restore = r.restore;

    const later = Date.now() + 21 * DAY;
    const first = await runScheduledPass(env, later);
    expect(first.errors).toEqual([]);
    expect(first.decay!.changed).toBeGreaterThanOrEqual(1);

    const [row] = await rows<any>('SELECT stage, score, sales_attention FROM companies WHERE site_id = ? AND domain = ?', site.id, 'idle.com');
    expect(STAGES.indexOf(row.stage)).toBeLessThan(STAGES.indexOf('evaluation'));
    expect(row.sales_attention).toBe(0);
    const decays = await rows<any>("SELECT delta FROM ledger WHERE site_id = ? AND company_domain = ? AND reason LIKE 'decay%'", site.id, 'idle.com');
    expect(decays.map((d) => d.delta)).toEqual([-1, -1, -1]); // three idle weeks cost exactly 3.0
    const moved = await rows<any>('SELECT from_stage, to_stage, reason FROM transitions WHERE site_id = ? AND company_domain = ? AND reason LIKE ?', site.id, 'idle.com', 'decay%');
    expect(moved.length).toBeGreaterThanOrEqual(1);
    expect(moved[0].from_stage).toBe('evaluation');
    const [{ total }] = await rows<any>('SELECT sum(delta) AS total FROM ledger WHERE site_id = ? AND company_domain = ?', site.id, 'idle.com');
    expect(total).toBeCloseTo(row.score, 6);

    await until(() => r.received.length >= 1);
    const body = JSON.parse(r.received[0].body);
    expect(body).toMatchObject({ type: 'stage_changed', company: { domain: 'idle.com' }, from: 'evaluation', to: row.stage, salesAttention: false });

    // Second run, through the exported scheduled handler: nothing left to do.
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ scheduledTime: later, cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const again = await runScheduledPass(env, later);
    expect(again.decay!.changed).toBe(0);
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.received).toHaveLength(1);
    expect(await rows('SELECT id FROM webhook_deliveries WHERE site_id = ?', site.id)).toHaveLength(1);
    expect(await rows("SELECT entry_key FROM ledger WHERE site_id = ? AND reason LIKE 'decay%'", site.id)).toHaveLength(3);
    // The API agrees with what was written.
    expect((await company(site, 'idle.com')).stage).toBe(row.stage);
  });

  it('works in bounded pages and resumes where the last run stopped', async () => {
    const site = await createSite();
    for (const d of ['p1.com', 'p2.com', 'p3.com', 'p4.com', 'p5.com']) await evaluationCompany(site, d);
    const later = Date.now() + 21 * DAY;
    let wrapped = false;
    for (let run = 0; run < 50 && !wrapped; run++) {
      const s = await runScheduledPass(env, later, { pageSize: 2, maxPages: 1 });
      expect(s.decay!.checked).toBeLessThanOrEqual(2);
      wrapped = s.decay!.wrapped;
    }
    const stages = await rows<any>('SELECT stage FROM companies WHERE site_id = ?', site.id);
    expect(stages).toHaveLength(5);
    for (const { stage } of stages) expect(stage).not.toBe('evaluation');
  });
});
