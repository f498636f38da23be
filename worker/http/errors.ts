// JSON errors: { error: { code, message, fields? } } with a fitting status; never a 500 for input.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: ApiError['fields']) => new ApiError(400, 'bad_request', message, fields);
export const notFound = (message = 'not found') => new ApiError(404, 'not_found', message);
export const unauthorized = (message = 'missing or invalid key') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const tooLarge = (message: string) => new ApiError(413, 'too_large', message);

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

/** Turns zod issues into field-level errors (`events.3.type: Invalid option`). */
export function zodFields(issues: { path: PropertyKey[]; message: string }[]) {
  return issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
