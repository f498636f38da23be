// JSON errors per SPEC: { error: { code, message, fields? } } with a fitting status; never a 500 for input.
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
  console.error('unhandled', err);
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}

/** Turns zod issues into field-level errors (`events.3.type: Invalid option`). */
export function zodFields(issues: { path: PropertyKey[]; message: string }[]) {
  return issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
