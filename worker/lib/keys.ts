// Key generation and checking: random keys, SHA-256 at rest, constant-time comparison.
import { base64url, toHex } from './bytes';
const enc = new TextEncoder();

export function randomKey(prefix: 'pk' | 'sk' | 'whsec' | 'site'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `${prefix}_${base64url(bytes)}`;
}

export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', enc.encode(value));
  return toHex(digest);
}

/** Constant-time string equality (length leaks only that they differ). */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = enc.encode(a);
  const y = enc.encode(b);
  if (x.length !== y.length) return false;
  return crypto.subtle.timingSafeEqual(x, y);
}
