// The API's error value: a status, a stable code, a message and optional field-level problems and headers.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldError = { path: string; message: string };

export interface ApiErrorOptions {
  /** Field-level problems (`events.3.type: Invalid option`), at most 20 shown. */
  fields?: FieldError[];
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly fields?: FieldError[];
  readonly headers?: Record<string, string>;
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

export const badRequest = (message: string, fields?: FieldError[]) => new ApiError(400, 'bad_request', message, { fields });
export const notFound = (message = 'not found') => new ApiError(404, 'not_found', message);
export const unauthorized = (message = 'missing or invalid key') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const tooLarge = (message: string) => new ApiError(413, 'too_large', message);

/** Turns zod issues into field-level errors (`events.3.type: Invalid option`). */
export function zodFields(issues: { path: PropertyKey[]; message: string }[]) {
  return issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
