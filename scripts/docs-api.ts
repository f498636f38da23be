// npm run docs:api: docs/waymark-api.d.ts, the TypeScript types of every route generated from GET /openapi.json (openapi-typescript).
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

export const API_TYPES_FILE = new URL('../docs/waymark-api.d.ts', import.meta.url);
const HEADER = '// The Waymark API as TypeScript types, generated from GET /openapi.json by `npm run docs:api`: do not edit.\n' +
  '// Use with fetch (docs/api.md, typed client) or openapi-fetch: `createClient<paths>({ baseUrl })`.\n\n';

// Worker code, type-checked with the Worker (tsconfig.json): a specifier tsc does not follow keeps Workers types out of here.
const DOCUMENT: string = '../worker/openapi/document.ts';

/** The file's contents for the current document. */
export async function apiTypes(): Promise<string> {
  const doc = JSON.parse(JSON.stringify((await import(DOCUMENT)).openApiDocument()));
  return HEADER + astToString(await openapiTS(doc, { silent: true }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const next = await apiTypes();
  const changed = next !== readFileSync(API_TYPES_FILE, { encoding: 'utf8', flag: 'a+' });
  if (changed) writeFileSync(API_TYPES_FILE, next);
  console.log(`${API_TYPES_FILE.pathname.split('/').slice(-2).join('/')}: ${changed ? 'written' : 'unchanged'} (${next.split('\n').length} lines)`);
}
