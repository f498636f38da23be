// The generated API types and the typed client example: both follow the current /openapi.json (nothing is written here).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from '../../scripts/docs-api';

describe('the API types for clients', () => {
  it('docs/waymark-api.d.ts is what `npm run docs:api` generates from the current document', { timeout: 30_000 }, async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8') === (await apiTypes()), 'stale: run npm run docs:api').toBe(true);
  });

  it('the typed client in docs/api.md is test/types/api-client.ts, which npm run typecheck compiles', () => {
    const code = readFileSync(new URL('../types/api-client.ts', import.meta.url), 'utf8').split('\n').slice(2).join('\n').trim();
    expect(readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8')).toContain(code);
  });
});
