// Calls the Worker and checks each answer against GET /openapi.json: declared status, media type, JSON body by its schema.
import { Validator, type Schema } from '@cfworker/json-schema';
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../../worker/index';
import { BASE } from '../helpers';

interface Response_ { description: string; content?: Record<string, { schema: Schema & { $ref?: string } }> }
interface Doc { paths: Record<string, Record<string, { responses: Record<string, Response_> }>>; components: { schemas: Record<string, Schema> } }

let doc: Doc | undefined;
const validators = new Map<object, Validator>();
/** Every `method template` answered, and every `method template status`. */
export const exercised = { operations: new Set<string>(), statuses: new Set<string>() };

export async function contractDocument(): Promise<Doc> {
  return (doc ??= (await (await call('GET', '/openapi.json')).json()) as Doc);
}

/** The document's path template for a concrete path: literal segments beat `{param}` ones. */
export function templateOf(d: Doc, path: string): string | undefined {
  const parts = path.split('/');
  const fits = Object.keys(d.paths).filter((t) => {
    const ts = t.split('/');
    return ts.length === parts.length && ts.every((s, i) => s === parts[i] || (/^\{\w+\}$/.test(s) && parts[i] !== ''));
  });
  return fits.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

export interface Init { key?: string | null; body?: unknown; headers?: Record<string, string>; env?: Record<string, unknown> }

/** One request to the Worker (BENCH=1, so /__bench answers), without checking it. */
export async function call(method: string, path: string, init: Init = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...init.headers };
  let body: BodyInit | undefined;
  if (init.body instanceof URLSearchParams) body = init.body;
  else if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, { method, headers, body, redirect: 'manual' }), { ...env, BENCH: '1', ...init.env } as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** What is wrong with `res` as the document's answer to `method path` (empty: it is the contract); reads the body. */
export async function mismatches(method: string, path: string, res: Response): Promise<{ problems: string[]; body: unknown }> {
  const d = await contractDocument();
  const at = `${method} ${path} → ${res.status}`;
  const type = res.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  const text = /^(text|application)\//.test(type) ? await res.text() : new TextDecoder().decode(await res.arrayBuffer());
  const template = templateOf(d, new URL(path, BASE).pathname);
  const op = template ? d.paths[template]?.[method.toLowerCase()] : undefined;
  if (!template || !op) return { problems: [`${at}: no such operation in the document`], body: text };
  exercised.operations.add(`${method} ${template}`);
  exercised.statuses.add(`${method} ${template} ${res.status}`);
  const declared = op.responses[res.status] ?? (res.status >= 500 ? op.responses.default : undefined);
  if (!declared) return { problems: [`${at}: status not declared (declared: ${Object.keys(op.responses).join(', ')})`], body: text };
  if (!declared.content) return { problems: text ? [`${at}: declared without content, answered ${type} ${text.slice(0, 80)}`] : [], body: text };
  const media = declared.content[type];
  if (!media) return { problems: [`${at}: answered ${type || 'no content-type'}, declared ${Object.keys(declared.content).join(', ')}`], body: text };
  if (type !== 'application/json') return { problems: [], body: text };
  const body: unknown = JSON.parse(text);
  const schema = media.schema.$ref ? d.components.schemas[media.schema.$ref.split('/').pop()!]! : media.schema;
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = new Validator(schema, '2020-12', false)));
  const r = v.validate(body);
  return { problems: r.valid ? [] : r.errors.filter((e) => e.error).slice(-6).map((e) => `${at}: ${e.instanceLocation}: ${e.error}`), body };
}

/** Calls, expects `status`, checks the answer against the document; returns the parsed JSON body (or the text). */
export async function hit<T = any>(method: string, path: string, status: number, init: Init = {}): Promise<T> {
  const res = await call(method, path, init);
  const { problems, body } = await mismatches(method, path, res);
  if (res.status !== status) problems.unshift(`${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  if (problems.length) throw new Error(problems.join('\n'));
  return body as T;
}
