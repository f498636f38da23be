// JSON errors: { error: { code, message, fields? } } with a fitting status; never a 500 for input.
import type { Context } from 'hono';
import { ApiError } from '../lib/errors';

export * from '../lib/errors';

export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof ApiError) {
    const body = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
    return c.json(body, err.status, err.headers);
  }
  if (isMissingSchema(err)) {
    return c.json({ error: { code: 'schema_missing', message: SCHEMA_MESSAGE } }, 503, { 'retry-after': '5' });
  }
  console.error('unhandled', err);
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}

/** The D1 database has not had (all) migrations/*.sql applied: a setup step, not a server bug. */
const SCHEMA_MESSAGE =
  'the database has no Waymark schema yet: run `npx wrangler d1 migrations apply waymark --local` ' +
  '(or `--remote` for the deployed database), then retry';

function isMissingSchema(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/no such (table|column)/i.test(e.message)) return true;
  }
  return false;
}
