// The dashboard's sign-in cookie: "<siteId>.<expiry>" HMAC-signed with a key derived from the site's secret hash.
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { AppEnv, Site } from '../env';
import { rowToSite } from '../http/auth';

export const COOKIE = 'waymark_dash';
export const SESSION_SECONDS = 8 * 3600;
const OPTIONS = { httpOnly: true, secure: true, sameSite: 'Strict', path: '/dashboard' } as const;

// Rotating the site's secret key changes its hash, which signs out every open dashboard.
const signingKey = (secretHash: string) => `waymark-dashboard:${secretHash}`;

export async function signIn(c: Context<AppEnv>, siteId: string, secretHash: string, now = Date.now()): Promise<void> {
  const expires = now + SESSION_SECONDS * 1000;
  await setSignedCookie(c, COOKIE, `${siteId}.${expires}`, signingKey(secretHash), { ...OPTIONS, maxAge: SESSION_SECONDS });
}

export function signOut(c: Context<AppEnv>): void {
  deleteCookie(c, COOKIE, OPTIONS);
}

/** The signed-in site, or null when the cookie is missing, forged, expired or its site is gone. */
export async function sessionSite(c: Context<AppEnv>, now = Date.now()): Promise<Site | null> {
  const raw = getCookie(c, COOKIE);
  const siteId = raw?.match(/^([^.]+)\.\d+\./)?.[1];
  if (!siteId) return null;
  const row = await c.env.DB.prepare('SELECT * FROM sites WHERE id = ?').bind(siteId).first<Record<string, string>>();
  if (!row) return null;
  const value = await getSignedCookie(c, signingKey(row.secret_hash), COOKIE);
  if (typeof value !== 'string') return null;
  const [id, expires] = value.split('.');
  if (id !== siteId || !(Number(expires) > now)) return null;
  return rowToSite(row);
}
