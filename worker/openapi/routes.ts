// GET /openapi.json (the contract) and GET /docs (its reference page); the document module loads on first request only.
import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const openapi = new Hono<AppEnv>();

// A dynamic import: zod builds the document's schemas when it is first asked for, not at Worker startup.
openapi.get('/openapi.json', async (c) => c.json((await import('./document')).openApiDocument()));

// Scalar's standalone renderer, pinned and checked by Subresource Integrity: a changed file on the CDN does not run on this
// origin (the dashboard's cookie lives here). To upgrade: `npm pack @scalar/api-reference@<v>`, hash dist/browser/standalone.js.
const SCALAR = {
  src: 'https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0/dist/browser/standalone.js',
  integrity: 'sha384-oH1C0RwqcwbVXkC+r8A+4qRoyEUQdtxAzOwumkxZtQBBcsy61FOoPt7B50OVJYYQ',
};
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Waymark API reference</title></head>
<body><script id="api-reference" data-url="/openapi.json"></script>
<script src="${SCALAR.src}" integrity="${SCALAR.integrity}" crossorigin="anonymous"></script></body></html>`;

openapi.get('/docs', (c) => {
  c.header('Cache-Control', 'public, max-age=3600');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  return c.html(PAGE);
});
