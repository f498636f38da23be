// Dashboard CSRF and sessions: a page on another site cannot sign a browser in or out; sign-out ends saved cookies.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, createSite } from './helpers';

const CROSS_SITE = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
const SAME_ORIGIN = { origin: BASE, 'sec-fetch-site': 'same-origin' };

const post = (path: string, headers: Record<string, string>, body?: URLSearchParams) => SELF.fetch(`${BASE}/dashboard/${path}`, {
  method: 'POST', redirect: 'manual', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
});
const signIn = (key: string, headers: Record<string, string> = SAME_ORIGIN) => post('sign-in', headers, new URLSearchParams({ key }));
const signedIn = async (cookie: string) => (await (await SELF.fetch(`${BASE}/dashboard`, { headers: { cookie } })).text()).includes('Stage funnel');
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0];

describe('dashboard forms refuse cross-site posts', () => {
  it('a page on another site cannot sign the browser in to the attacker\'s site (login CSRF)', async () => {
    const attacker = await createSite();
    for (const headers of <Record<string, string>[]>[CROSS_SITE, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }]) {
      const res = await signIn(attacker.secretKey, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(((await res.json()) as any).error.code).toBe('forbidden');
    }
  });

  it('a page on another site cannot sign the browser out', async () => {
    const site = await createSite();
    const cookie = cookieOf(await signIn(site.secretKey));
    const res = await post('sign-out', { ...CROSS_SITE, cookie });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await signedIn(cookie)).toBe(true);
  });

  it('the dashboard\'s own forms still work (Sec-Fetch-Site same-origin, or a matching Origin, or neither header: no browser)', async () => {
    const site = await createSite();
    for (const headers of <Record<string, string>[]>[SAME_ORIGIN, { 'sec-fetch-site': 'same-origin', origin: 'null' }, { origin: BASE }, {}]) {
      const res = await signIn(site.secretKey, headers);
      expect(res.status, JSON.stringify(headers)).toBe(303);
      expect(await signedIn(cookieOf(res))).toBe(true);
    }
  });

  it('sends Referrer-Policy same-origin, so the browser\'s sign-in post carries its real Origin (not "null")', async () => {
    expect((await SELF.fetch(`${BASE}/dashboard`)).headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('sessions end server-side', () => {
  it('a cookie saved before sign-out no longer works after it (it used to for 8 hours)', async () => {
    const site = await createSite();
    const saved = cookieOf(await signIn(site.secretKey));
    expect(await signedIn(saved)).toBe(true);
    const out = await post('sign-out', { ...SAME_ORIGIN, cookie: saved });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/waymark_dash=;.*Max-Age=0/);
    expect(await signedIn(saved)).toBe(false);
    // Signing in again opens a new session.
    expect(await signedIn(cookieOf(await signIn(site.secretKey)))).toBe(true);
  });

  it('signing out of one site leaves other sites\' sessions alone', async () => {
    const [a, b] = [await createSite(), await createSite()];
    const ca = cookieOf(await signIn(a.secretKey));
    const cb = cookieOf(await signIn(b.secretKey));
    await post('sign-out', { ...SAME_ORIGIN, cookie: ca });
    expect(await signedIn(ca)).toBe(false);
    expect(await signedIn(cb)).toBe(true);
  });
});
