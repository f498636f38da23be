// The dashboard's sign-in: a signed, HttpOnly, Secure, SameSite=Strict cookie that only the site's secret opens.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, createSite, type TestSite } from './helpers';

let site: TestSite;
beforeAll(async () => { site = await createSite({ name: 'Dash & Co' }); });

const signIn = (key: string) => SELF.fetch(`${BASE}/dashboard/sign-in`, {
  method: 'POST', redirect: 'manual', body: new URLSearchParams({ key }),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const dash = (cookie?: string) => SELF.fetch(`${BASE}/dashboard`, { headers: cookie ? { cookie } : {} });

describe('dashboard sign-in', () => {
  it('shows the sign-in form without a session', async () => {
    const res = await dash();
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('action="/dashboard/sign-in"');
    expect(html).not.toContain('Stage funnel');
  });

  it('signs in with the secret key into a locked-down cookie and renders the charts', async () => {
    const res = await signIn(site.secretKey);
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=28800/);
    expect(setCookie).not.toContain(site.secretKey);
    const page = await dash(setCookie.split(';')[0]);
    const html = await page.text();
    expect(html).toContain('Stage funnel');
    expect(html).toContain('Dash &amp; Co');
    expect(html).toContain('<svg');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('rejects a wrong key, the public key, and a forged or other-site cookie', async () => {
    expect((await signIn('sk_wrong')).status).toBe(401);
    expect((await signIn(site.publicKey)).status).toBe(401);
    const good = (await signIn(site.secretKey)).headers.get('set-cookie')!.split(';')[0];
    const forged = good.replace(/\.(\d+)\./, (_, e) => `.${Number(e) + 1}.`);
    expect(await (await dash(forged)).text()).not.toContain('Stage funnel');
    const other = await createSite();
    const theirs = (await signIn(other.secretKey)).headers.get('set-cookie')!.split(';')[0];
    const swapped = theirs.replace(/=([^.]+)\./, `=${site.id}.`);
    expect(await (await dash(swapped)).text()).not.toContain('Stage funnel');
  });

  it('signs out by clearing the cookie', async () => {
    const res = await SELF.fetch(`${BASE}/dashboard/sign-out`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/waymark_dash=;.*Max-Age=0/);
  });
});
