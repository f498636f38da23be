// The API's one pagination convention: `?cursor=` in, `nextCursor` out (null on the last page), base64url of JSON.
import * as z from 'zod';
import { base64url, fromBase64url } from './bytes';

/** The opaque cursor for a page that ends at `position` (any JSON value the route orders by). */
export const encodeCursor = (position: unknown): string => base64url(JSON.stringify(position));

/** A `?cursor=` field decoding to a position that `isPosition` accepts; anything else is a 400 naming `cursor`. */
export function cursorField<T>(isPosition: (v: unknown) => v is T) {
  return z.string().max(400).transform((s, ctx): T => {
    try {
      const v: unknown = JSON.parse(fromBase64url(s));
      if (isPosition(v)) return v;
    } catch {}
    ctx.addIssue({ code: 'custom', message: 'invalid cursor; use the nextCursor of the previous page' });
    return z.NEVER;
  });
}
