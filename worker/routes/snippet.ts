// GET /w.js: the snippet, built by scripts/build-snippet.ts, cached by browsers and the edge, revalidated by ETag.
// /w.js?forms also tracks form submits, /w.js?media <video>/<audio> completion, /w.js?forms&media both (docs/snippet.md).
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { SNIPPETS } from '../generated/snippet';

export const snippet = new Hono<AppEnv>();

snippet.get('/', (c) => {
  const forms = c.req.query('forms') !== undefined;
  const media = c.req.query('media') !== undefined;
  const { code, etag } = SNIPPETS[forms && media ? 'forms+media' : forms ? 'forms' : media ? 'media' : 'default'];
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    // An hour fresh, a day served stale while revalidating: a new release reaches every site within the hour.
    'cache-control': 'public, max-age=3600, stale-while-revalidate=86400',
    etag,
    'x-content-type-options': 'nosniff',
  };
  const match = c.req.header('if-none-match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
  return match ? c.body(null, 304, headers) : c.body(code, 200, headers);
});
