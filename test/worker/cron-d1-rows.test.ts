// Measures D1 rows read/written (D1's billing units, from each statement's meta) by the real ingest core and the scheduled pass; docs/scaling.md quotes the figures.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { runScheduledPass } from '../../worker/cron';
import type { Env } from '../../worker/env';
import { ingest } from '../../worker/ingest/core';
import type { IngestEvent } from '../../worker/ingest/types';
import { siteById } from '../../worker/site-cache';
import { createSite } from './helpers';

const RAW = Symbol('raw');
interface Meter { read: number; written: number; trips: number; by?: Record<string, [number, number]> }

/** A D1Database that adds up rows_read / rows_written of every result it returns. */
function metered(db: D1Database, m: Meter): D1Database {
  const add = (r: D1Result | D1Result[], sqls: string[]) => {
    (Array.isArray(r) ? r : [r]).forEach((x, i) => {
      (m.read += x.meta.rows_read ?? 0), (m.written += x.meta.rows_written ?? 0);
      const k = (sqls[i] ?? '?').replace(/\s+/g, ' ').slice(0, 40);
      const b = ((m.by ??= {})[k] ??= [0, 0]);
      (b[0] += x.meta.rows_read ?? 0), (b[1] += x.meta.rows_written ?? 0);
    });
    return r;
  };
  const sqlOf = new WeakMap<object, string>();
  const wrap = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const w: D1PreparedStatement = new Proxy(s, {
      get(t, p) {
        if (p === RAW) return t;
        if (p === 'bind') return (...a: unknown[]) => wrap(t.bind(...a), sql);
        if (p === 'all' || p === 'run') return async () => (m.trips++, add(await (t as any)[p](), [sql]));
        if (p === 'first') return async (col?: string) => { m.trips++; const r = await t.all(); add(r, [sql]); const row = r.results[0] ?? null; return col && row ? (row as any)[col] : row; };
        const v = Reflect.get(t, p, t);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
    sqlOf.set(w, sql);
    return w;
  };
  return new Proxy(db, {
    get(t, p) {
      if (p === 'prepare') return (sql: string) => wrap(t.prepare(sql), sql);
      if (p === 'batch')
        return async (st: D1PreparedStatement[]) => (m.trips++, add(await t.batch(st.map((x) => (x as any)[RAW] ?? x)), st.map((x) => sqlOf.get(x) ?? '?')) as D1Result[]);
      const v = Reflect.get(t, p, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

const view = (i: number, t0: number, company: number): IngestEvent => ({
  id: `pv${i}`, type: 'pageview', ts: t0 + i * 1000, category: 'blog', engagedMs: 1000, visitor: `v${i % 7}`, session: `s${company}-${i % 3}`,
  sessionMs: 5000, company: { domain: `c${company}.com` },
});

describe('D1 rows per page view (docs/scaling.md)', () => {
  it('reports rows read and written for a queue batch of 100 beacons, their engagement updates, and a scheduled page', async () => {
    const site = (await siteById(env.DB, (await createSite()).id))!;
    const t0 = Date.now() - 3_600_000;
    const out: Record<string, Meter & { perEvent?: string }> = {};
    const measure = async (name: string, events: IngestEvent[]) => {
      const m: Meter = { read: 0, written: 0, trips: 0 };
      await ingest({ ...env, DB: metered(env.DB, m) } as Env, site, events);
      out[name] = { ...m, perEvent: `${(m.read / events.length).toFixed(1)} read, ${(m.written / events.length).toFixed(1)} written` };
    };
    // 100 page views from 20 companies (the consumer's max_batch_size), then the same views' leave beacons.
    const views = Array.from({ length: 100 }, (_, i) => view(i, t0, i % 20));
    await measure('batch100.pageviews.new-companies', views);
    await measure('batch100.engagement-updates', views.map((v) => ({ ...v, engagedMs: 45_000, completion: 0.9, update: true })));
    await measure('batch100.pageviews.known-companies', Array.from({ length: 100 }, (_, i) => view(1000 + i, t0 + 200_000, i % 20)));
    await measure('single.pageview', [view(5000, t0 + 400_000, 3)]);
    const m: Meter = { read: 0, written: 0, trips: 0 };
    await runScheduledPass({ ...env, DB: metered(env.DB, m) } as Env, Date.now() + 21 * 86_400_000);
    out['scheduled-pass.20-companies-decayed'] = m;
    const show = (x: Meter) => ({ ...x, by: Object.fromEntries(Object.entries(x.by ?? {}).map(([k, [r, w]]) => [k, `${r} read / ${w} written`])) });
    console.log('D1 rows', JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, show(v)])), null, 2));
    expect(out['batch100.pageviews.known-companies'].trips).toBeLessThanOrEqual(2);
  });
});
