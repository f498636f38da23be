// /v1/ip-ranges: secret-key auth, validation errors that name the field, IPv4/IPv6, upsert, pages, deletion.
import { beforeEach, describe, expect, it } from 'vitest';
import { api, createSite, type TestSite } from './helpers';

let site: TestSite;
beforeEach(async () => {
  site = await createSite();
});

const post = (body: unknown, key = site.secretKey) => api(key, '/v1/ip-ranges', { body });
const fields = async (res: Response) => ((await res.json()) as any).error.fields.map((f: any) => f.path);

describe('/v1/ip-ranges', () => {
  it('needs the secret key: none, the public key and an unknown key are 401', async () => {
    expect((await post({ cidr: '203.0.113.0/24', domain: 'acme.com' }, null as any)).status).toBe(401);
    const pub = await post({ cidr: '203.0.113.0/24', domain: 'acme.com' }, site.publicKey);
    expect(pub.status).toBe(401);
    expect(((await pub.json()) as any).error.message).toMatch(/public key/);
    expect((await post({ cidr: '203.0.113.0/24', domain: 'acme.com' }, 'sk_nope')).status).toBe(401);
    expect((await api(null, '/v1/ip-ranges')).status).toBe(401);
    expect((await api(null, '/v1/ip-ranges?cidr=203.0.113.0/24', { method: 'DELETE' })).status).toBe(401);
  });

  it('adds IPv4 and IPv6 ranges and lists them canonically', async () => {
    const a = await post({ cidr: '203.0.113.0/24', domain: 'https://www.Acme.com', name: 'Acme' });
    expect(a.status).toBe(201);
    expect(await a.json()).toEqual({ cidr: '203.0.113.0/24', domain: 'acme.com', name: 'Acme' });
    const b = await post({ ranges: [{ cidr: '2001:DB8:ABCD::/48', domain: 'acme.com' }, { cidr: '198.51.100.7', domain: 'globex.com' }] });
    expect(b.status).toBe(201);
    expect(((await b.json()) as any).ranges.map((r: any) => r.cidr)).toEqual(['2001:db8:abcd::/48', '198.51.100.7/32']);
    const list = (await (await api(site.secretKey, '/v1/ip-ranges')).json()) as any;
    expect(list.ranges.map((r: any) => [r.cidr, r.domain])).toEqual([
      ['198.51.100.7/32', 'globex.com'],
      ['203.0.113.0/24', 'acme.com'],
      ['2001:db8:abcd::/48', 'acme.com'],
    ]);
    expect(list.nextCursor).toBeNull();
    const acme = (await (await api(site.secretKey, '/v1/ip-ranges?domain=acme.com')).json()) as any;
    expect(acme.ranges.map((r: any) => r.cidr)).toEqual(['203.0.113.0/24', '2001:db8:abcd::/48']);
  });

  it('a bad CIDR is a 400 naming the field, and nothing of the request is stored', async () => {
    const res = await post({ cidr: '203.0.113.5/24', domain: 'acme.com' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error.fields).toEqual([{ path: 'cidr', message: 'host bits are set; did you mean 203.0.113.0/24?' }]);
    expect(await fields(await post({ cidr: 'banana', domain: 'acme.com' }))).toEqual(['cidr']);
    expect(await fields(await post({ cidr: '10.0.0.0/4', domain: 'acme.com' }))).toEqual(['cidr']);
    expect(await fields(await post({ cidr: '2001::/8', domain: 'acme.com' }))).toEqual(['cidr']);
    expect(await fields(await post({ cidr: '10.0.0.0/8', domain: 'gmail.com' }))).toEqual(['domain']);
    expect(await fields(await post({ cidr: 12, domain: 'acme.com' }))).toEqual(['cidr']);
    expect(await fields(await post({ ranges: [{ cidr: '10.0.0.0/8', domain: 'acme.com' }, { cidr: '10.0.0.1/8', domain: 'acme.com' }] }))).toEqual(['ranges.1.cidr']);
    expect(((await (await api(site.secretKey, '/v1/ip-ranges')).json()) as any).ranges).toEqual([]);
    expect((await api(site.secretKey, '/v1/ip-ranges', { body: '{nope' })).status).toBe(400);
  });

  it('replaces the company of a range posted again', async () => {
    await post({ cidr: '203.0.113.0/24', domain: 'acme.com' });
    await post({ cidr: '203.0.113.0/24', domain: 'globex.com' });
    const list = (await (await api(site.secretKey, '/v1/ip-ranges')).json()) as any;
    expect(list.ranges.map((r: any) => r.domain)).toEqual(['globex.com']);
  });

  it('pages with a cursor', async () => {
    await post({ ranges: Array.from({ length: 5 }, (_, i) => ({ cidr: `10.0.${i}.0/24`, domain: 'acme.com' })) });
    const first = (await (await api(site.secretKey, '/v1/ip-ranges?limit=3')).json()) as any;
    expect(first.ranges).toHaveLength(3);
    const second = (await (await api(site.secretKey, `/v1/ip-ranges?limit=3&cursor=${first.nextCursor}`)).json()) as any;
    expect(second.ranges.map((r: any) => r.cidr)).toEqual(['10.0.3.0/24', '10.0.4.0/24']);
    expect(second.nextCursor).toBeNull();
    expect((await api(site.secretKey, '/v1/ip-ranges?cursor=zzz')).status).toBe(400);
  });

  it("deletes by CIDR or by domain, 404 when there is none, and never another site's", async () => {
    await post({ ranges: [{ cidr: '203.0.113.0/24', domain: 'acme.com' }, { cidr: '2001:db8::/32', domain: 'acme.com' }, { cidr: '198.51.100.0/24', domain: 'globex.com' }] });
    const other = await createSite();
    expect((await api(other.secretKey, '/v1/ip-ranges?cidr=203.0.113.0/24', { method: 'DELETE' })).status).toBe(404);
    const one = await api(site.secretKey, `/v1/ip-ranges?cidr=${encodeURIComponent('203.0.113.0/24')}`, { method: 'DELETE' });
    expect(await one.json()).toEqual({ deleted: 1 });
    const all = await api(site.secretKey, '/v1/ip-ranges?domain=acme.com', { method: 'DELETE' });
    expect(await all.json()).toEqual({ deleted: 1 });
    expect((await api(site.secretKey, '/v1/ip-ranges?domain=acme.com', { method: 'DELETE' })).status).toBe(404);
    expect(await fields(await api(site.secretKey, '/v1/ip-ranges?cidr=nope', { method: 'DELETE' }))).toEqual(['cidr']);
    expect((await api(site.secretKey, '/v1/ip-ranges', { method: 'DELETE' })).status).toBe(400);
  });
});
