// Reads a JSON request body under a byte limit: 413 when larger, 415 for other content types, 400 when malformed.
import type { Context } from 'hono';
import { ApiError, badRequest, tooLarge } from './errors';
import { illFormedPath } from './well-formed';

export const KiB = 1024;
export const MiB = 1024 * KiB;

async function readStream(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(`body is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (all.set(c, at), (at += c.byteLength));
  return all;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

async function readLimited(req: Request, limit: number): Promise<string> {
  const length = req.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > limit) throw tooLarge(`body is larger than ${limit} bytes`);
  if (!req.body) return '';
  // HTTP framing ends a body at its declared length, so it is read in one go (a beacon's reader loop cost ~40 µs of
  // event-loop turns); without one (chunked) the loop stops at the limit. Checked again after reading either way.
  const all = Number.isFinite(declared) ? new Uint8Array(await req.arrayBuffer()) : await readStream(req.body, limit);
  if (all.byteLength > limit) throw tooLarge(`body is larger than ${limit} bytes`);
  try {
    return utf8.decode(all);
  } catch {
    throw badRequest('body is not valid UTF-8');
  }
}

/** JSON body of at most `limit` bytes; `types` lists the accepted media types ('' accepts a body sent without one). */
export async function readJson(c: Context, limit: number, types: string[] = ['application/json']): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!types.includes(type)) throw new ApiError(415, 'unsupported_media_type', `content-type must be ${types.filter(Boolean).join(' or ')}`);
  const text = await readLimited(c.req.raw, limit);
  if (!text.trim()) throw badRequest('body is empty; expected JSON');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('body is not valid JSON');
  }
  // JSON escapes (`"\ud800"`) can still carry a lone surrogate: refused here for every JSON route.
  const bad = illFormedPath(body);
  if (bad !== null) throw badRequest(`${bad} is not well-formed Unicode (a lone surrogate)`, [{ path: bad, message: 'not well-formed Unicode' }]);
  return body;
}
