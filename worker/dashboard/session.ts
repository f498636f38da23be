// The dashboard's sign-in cookie: "<siteId>.<sessionVersion>.<expiry>" HMAC-signed with a key derived from the site's
// secret hash. The version is sites.session_version in D1: sign-out and secret rotation bump it, so every cookie
// issued before (even one saved and replayed) stops working at once, in every isolate (the row is read per request).
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { AppEnv, Site } from '../env';
import { bumpSessionVersion, rowToSite, sessionVersion, siteRow } from '../db/sites';

export const COOKIE = 'waymark_dash';
export const SESSION_SECONDS = 8 * 3600;
const OPTIONS = { httpOnly: true, secure: true, sameSite: 'Strict', path: '/dashboard' } as const;

// Rotating the site's secret key changes its hash, which signs out every open dashboard.
const signingKey = (secretHash: string) => `waymark-dashboard:${secretHash}`;

export async function signIn(c: Context<AppEnv>, siteId: string, secretHash: string, now = Date.now()): Promise<void> {
  const version = await sessionVersion(c.env.DB, siteId);
  const expires = now + SESSION_SECONDS * 1000;
  await setSignedCookie(c, COOKIE, `${siteId}.${version}.${expires}`, signingKey(secretHash), { ...OPTIONS, maxAge: SESSION_SECONDS });
}

/** Ends this site's dashboard sessions everywhere (the version moves on) and clears this browser's cookie. */
export async function signOut(c: Context<AppEnv>): Promise<void> {
  const site = await sessionSite(c);
  if (site) await bumpSessionVersion(c.env.DB, site.id);
  deleteCookie(c, COOKIE, OPTIONS);
}

/** The signed-in site, or null when the cookie is missing, forged, expired, of an ended session or its site is gone. */
export async function sessionSite(c: Context<AppEnv>, now = Date.now()): Promise<Site | null> {
  const raw = getCookie(c, COOKIE);
  const siteId = raw?.match(/^([^.]+)\.\d+\.\d+\./)?.[1];
  if (!siteId) return null;
  const row = await siteRow(c.env.DB, 'id', siteId);
  if (!row) return null;
  const value = await getSignedCookie(c, signingKey(row.secretHash), COOKIE);
  if (typeof value !== 'string') return null;
  const [id, version, expires] = value.split('.');
  if (id !== siteId || Number(version) !== row.sessionVersion || !(Number(expires) > now)) return null;
  return rowToSite(row);
}
