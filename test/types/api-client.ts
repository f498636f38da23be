// The typed client example of docs/api.md, verbatim below the import: `npm run typecheck` compiles it against the generated types.
import type { components, paths } from '../../docs/waymark-api';

/** The JSON body `method path` answers with `status`, as /openapi.json declares it. */
type Answer<P extends keyof paths, M extends 'get' | 'put' | 'post' | 'delete', S extends number = 200> =
  paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer T } } } } ? T : never;
type ApiError = components['schemas']['Error'];

/** Every company flagged for sales, following nextCursor page by page. */
export async function salesAttention(base: string, secretKey: string) {
  const companies: Answer<'/v1/companies', 'get'>['companies'] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ salesAttention: 'true', limit: '100', ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${base}/v1/companies?${query}`, { headers: { authorization: `Bearer ${secretKey}` } });
    if (!res.ok) throw new Error(((await res.json()) as ApiError).error.message);
    const page = (await res.json()) as Answer<'/v1/companies', 'get'>;
    companies.push(...page.companies);
    cursor = page.nextCursor;
  } while (cursor);
  return companies.map((c) => `${c.domain}: ${c.stage} (${c.score}) since ${c.stageSince ?? 'never'}`);
}

/** Server-side events; `Answer<…, 200>` is `{ accepted, duplicates }`. */
export async function sendMeeting(base: string, secretKey: string, domain: string) {
  type Body = paths['/v1/events']['post']['requestBody']['content']['application/json'];
  const body: Body = { events: [{ id: `crm-${domain}-1`, type: 'sales_meeting', company: { domain } }] };
  const res = await fetch(`${base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Answer<'/v1/events', 'post'> | ApiError;
}
