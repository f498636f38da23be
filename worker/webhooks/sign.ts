// Waymark-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">; signing and (for receivers and tests) verifying.
import { toHex } from '../lib/bytes';
const enc = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(message));
  return toHex(mac);
}

/** The header value for `body` signed at `t` (unix seconds). */
export async function signatureHeader(secret: string, body: string, t: number): Promise<string> {
  return `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
}

export type Verdict = { ok: true; t: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/**
 * Checks a header against the raw body: the timestamp must be within `toleranceSec` of `nowSec`
 * (replays of old deliveries are refused) and one v1 signature must match, compared in constant time.
 */
export async function verifySignature(secret: string, header: string | null, body: string, nowSec: number, toleranceSec = 300): Promise<Verdict> {
  const parts = (header ?? '').split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const sigs = parts.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')).map(([, v]) => v);
  if (!Number.isInteger(t) || sigs.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSec - t) > toleranceSec) return { ok: false, reason: 'stale' };
  const expected = enc.encode(await hmacHex(secret, `${t}.${body}`));
  const ok = sigs.some((s) => crypto.subtle.timingSafeEqual(enc.encode(s), expected));
  return ok ? { ok: true, t } : { ok: false, reason: 'mismatch' };
}
