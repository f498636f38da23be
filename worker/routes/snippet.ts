// GET /w.js: the snippet, built by scripts/build-snippet.ts, cached by browsers and the edge, revalidated by ETag.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { SNIPPET, SNIPPET_ETAG } from '../generated/snippet';

export const snippet = new Hono<AppEnv>();

const HEADERS = {
  'content-type': 'text/javascript; charset=utf-8',
  // An hour fresh, a day served stale while revalidating: a new release reaches every site within the hour.
  'cache-control': 'public, max-age=3600, stale-while-revalidate=86400',
  etag: SNIPPET_ETAG,
  'x-content-type-options': 'nosniff',
};

snippet.get('/', (c) => {
  const match = c.req.header('if-none-match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === SNIPPET_ETAG);
  return match ? c.body(null, 304, HEADERS) : c.body(SNIPPET, 200, HEADERS);
});
