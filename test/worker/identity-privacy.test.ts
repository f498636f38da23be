// Privacy: after browser traffic with real IPs and a work email through the public routes, no D1 cell holds an IP or an email.
import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { api, BASE, createSite, postEvents, rows } from './helpers';

const IPS = ['203.0.113.77', '2001:db8:85a3::8a2e:370:7334', '198.51.100.23'];
const EMAIL = 'jane.doe@mail.acme.co.uk';
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/;
const IPV6 = /(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?![0-9a-f:])/i;
const EMAIL_RE = /[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/i;

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

function beacon(pk: string, origin: string, ip: string, body: Record<string, unknown>) {
  return SELF.fetch(`${BASE}/v1/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin, 'cf-connecting-ip': ip, 'user-agent': chrome, 'accept-language': 'en-GB,en;q=0.9' },
    body: JSON.stringify({ k: pk, ...body }),
  });
}

it('stores no IP address and no email address anywhere after browser traffic and identification', async () => {
  const site = await createSite();
  const origin = site.origins[0]!;
  expect((await api(site.secretKey, '/v1/ip-ranges', { body: { cidr: '198.51.100.0/24', domain: 'globex.com' } })).status).toBe(201);
  let sent = 0;
  for (const [i, ip] of IPS.entries()) {
    const s = `sess-${i}`;
    const e = [{ i: `pv-${i}`, t: 'pv', u: '/blog/how-to', c: 'blog', m: 40_000, d: 0.9, p: 0.8, w: 800 }];
    expect((await beacon(site.publicKey, origin, ip, { s, sm: 1000, e })).status).toBe(202);
    // A form with a work email: the snippet sends the email's domain; a careless integration sending the address is reduced too.
    const form = [{ i: `fm-${i}`, t: 'fm', f: 'demo', u: '/demo' }];
    expect((await beacon(site.publicKey, origin, ip, { s, sm: 5000, id: i === 0 ? EMAIL : 'acme.co.uk', e: form })).status).toBe(202);
    sent += 2;
  }
  await postEvents(site, [{ id: 'srv-1', type: 'sales_meeting', company: { domain: 'acme.co.uk' } }]);
  sent += 1;
  await SELF.fetch(`${BASE}/v1/stage?site=${site.publicKey}`, { headers: { origin, 'cf-connecting-ip': IPS[0]!, 'user-agent': chrome, 'accept-language': 'en' } });

  // Beacons go through the queue: wait until the consumer has stored them.
  const deadline = Date.now() + 20_000;
  let stored = 0;
  while (Date.now() < deadline) {
    stored = (await rows<{ n: number }>('SELECT count(*) AS n FROM events WHERE site_id = ?', site.id))[0]!.n;
    if (stored >= sent) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(stored).toBe(sent);
  expect((await rows('SELECT domain FROM companies WHERE site_id = ? ORDER BY domain', site.id)).map((r) => r.domain)).toContain('acme.co.uk');

  const tables = await rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'");
  expect(tables.length).toBeGreaterThan(8);
  const leaks: string[] = [];
  let cells = 0;
  for (const { name } of tables)
    for (const row of await rows(`SELECT * FROM "${name}"`))
      for (const [col, value] of Object.entries(row)) {
        cells++;
        const text = String(value);
        if (IPV4.test(text) || IPV6.test(text) || EMAIL_RE.test(text) || IPS.some((ip) => text.includes(ip))) leaks.push(`${name}.${col}: ${text.slice(0, 200)}`);
      }
  expect(cells).toBeGreaterThan(50);
  expect(leaks).toEqual([]);
}, 20_000);

it('the patterns it searches with do find IPs and emails', () => {
  for (const s of ['x 203.0.113.77 y', '"2001:db8:85a3::8a2e:370:7334"', 'fe80::1', '2001:0db8:0000:0000:0000:ff00:0042:8329']) expect(IPV4.test(s) || IPV6.test(s), s).toBe(true);
  expect(EMAIL_RE.test(`{"email":"${EMAIL}"}`)).toBe(true);
  for (const s of ['1795333044533', '"asOf":1795333044533,"v":1', '2026-11-22T07:38:00.000Z', 'a_0123abcd', '00000000000000000000ffffcb007100']) expect(IPV4.test(s) || IPV6.test(s) || EMAIL_RE.test(s), s).toBe(false);
});
