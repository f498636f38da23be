// A database without the migrations applied answers a clear 503 naming the migration command, never a bare 500.
import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { errorResponse } from '../../worker/http/errors';

/** The Worker's own error mapping around a query of a table this D1 does not have (as before migrations). */
function appQuerying(sql: string) {
  const app = new Hono();
  app.onError((err, c) => errorResponse(c, err));
  app.get('/', async (c) => c.json(await env.DB.prepare(sql).all()));
  return app;
}

it('answers 503 schema_missing with the migration command when a table is missing', async () => {
  const res = await appQuerying('SELECT * FROM sites_not_migrated').request('/');
  expect(res.status).toBe(503);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('schema_missing');
  expect(body.error.message).toContain('npx wrangler d1 migrations apply waymark --local');
});

it('answers 503 when a column of a newer migration is missing', async () => {
  const res = await appQuerying('SELECT not_yet_migrated FROM sites').request('/');
  expect(res.status).toBe(503);
});

it('keeps other database errors a 500 that reveals nothing', async () => {
  const res = await appQuerying('SELEC 1').request('/');
  expect(res.status).toBe(500);
  expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
});
