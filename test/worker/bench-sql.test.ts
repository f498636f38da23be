// /__bench (only under BENCH=1): GET /__bench/sql, read-only D1 rows for the browser tests; POST /__bench/body.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it } from 'vitest';
import worker from '../../worker/index';

async function sql(q: string, bench = '1') {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://w.test/__bench/sql?q=${encodeURIComponent(q)}`), { ...env, BENCH: bench } as any, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

it('answers 404 like any unknown path unless the Worker runs with BENCH=1', async () => {
  expect((await SELF.fetch('http://w.test/__bench/sql?q=SELECT%201')).status).toBe(404);
  expect((await sql('SELECT 1 AS one', '0')).status).toBe(404);
});

it('returns the rows of one SELECT under BENCH=1', async () => {
  const res = await sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events';");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ rows: [{ name: 'events' }] });
});

it('rejects anything but one SELECT with a 400 and changes nothing', async () => {
  const before = await env.DB.prepare('SELECT count(*) AS n FROM sites').first<{ n: number }>();
  for (const q of ['', 'DELETE FROM sites', '  insert into sites (id) values (1)', 'SELECT 1; DELETE FROM sites', 'select 1;drop table sites;', 'WITH x AS (SELECT 1) DELETE FROM sites', 'PRAGMA table_info(sites)', 'UPDATE sites SET name = 1']) {
    const res = await sql(q);
    expect(res.status, q).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
  }
  expect(await env.DB.prepare('SELECT count(*) AS n FROM sites').first<{ n: number }>()).toEqual(before);
});

it('POST /__bench/body (the collect bench\'s transport floor) reads the body and answers 202, only under BENCH=1', async () => {
  expect((await SELF.fetch('http://w.test/__bench/body', { method: 'POST', body: 'x' })).status).toBe(404);
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request('http://w.test/__bench/body', { method: 'POST', body: '{"k":"pk"}' }), { ...env, BENCH: '1' } as any, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(202);
  expect(await res.json()).toEqual({ bytes: 10 });
});
