// Enrichment adapters against each provider's documented response shape (fixtures in test/fixtures/enrich/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrichProvider } from '../../../worker/identity/enrich-providers';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/enrich/${name}.json`, import.meta.url), 'utf8'));
const parse = (provider: string, body: unknown) => enrichProvider({ ENRICH_PROVIDER: provider, ENRICH_KEY: 'k' }, '203.0.113.9')!.parse(body);

describe('choosing a provider', () => {
  it('ENRICH_URL alone is the generic provider; a named one needs its key (ipapi.is works keyless)', () => {
    expect(enrichProvider({}, '1.2.3.4')).toBeNull();
    expect(enrichProvider({ ENRICH_URL: 'https://e.test/x?k=1' }, '1.2.3.4')).toMatchObject({ id: 'generic', url: 'https://e.test/x?k=1&ip=1.2.3.4' });
    expect(enrichProvider({ ENRICH_PROVIDER: 'ipinfo' }, '1.2.3.4')).toBeNull();
    expect(enrichProvider({ ENRICH_PROVIDER: 'ipinfo', ENRICH_KEY: 'tok' }, '1.2.3.4')).toMatchObject({ url: 'https://ipinfo.io/1.2.3.4/json', headers: { authorization: 'Bearer tok' } });
    expect(enrichProvider({ ENRICH_PROVIDER: 'ipapi.is' }, '1.2.3.4')).toMatchObject({ url: 'https://api.ipapi.is/?q=1.2.3.4' });
    expect(enrichProvider({ ENRICH_PROVIDER: 'IPregistry', ENRICH_KEY: 'a&b' }, '2001:db8::1')).toMatchObject({ url: 'https://api.ipregistry.co/2001%3Adb8%3A%3A1?key=a%26b' });
    expect(enrichProvider({ ENRICH_PROVIDER: 'clearbit', ENRICH_KEY: 'k' }, '1.2.3.4')).toBeNull();
  });
});

describe('reading answers', () => {
  it('IPinfo: the company of a business network; nothing for an ISP or the free plan (no company object)', () => {
    expect(parse('ipinfo', fixture('ipinfo-business'))).toEqual({ domain: 'initech.com', name: 'Initech Corporation' });
    expect(parse('ipinfo', fixture('ipinfo-isp'))).toBeNull();
    expect(parse('ipinfo', fixture('ipinfo-free'))).toBeNull();
    expect(parse('ipinfo', { ...fixture('ipinfo-business'), privacy: { vpn: true } })).toBeNull();
  });

  it('ipapi.is: the company of a business network; nothing from a datacenter', () => {
    expect(parse('ipapi.is', fixture('ipapi-is-business'))).toEqual({ domain: 'globex.com', name: 'Globex Corporation' });
    expect(parse('ipapi.is', fixture('ipapi-is-datacenter'))).toBeNull();
    expect(parse('ipapi.is', { ...fixture('ipapi-is-business'), is_vpn: true })).toBeNull();
  });

  it('ipregistry: the company of a business connection; nothing from a VPN or a mobile carrier', () => {
    expect(parse('ipregistry', fixture('ipregistry-business'))).toEqual({ domain: 'umbrella-corp.com', name: 'Umbrella Corporation' });
    expect(parse('ipregistry', fixture('ipregistry-vpn'))).toBeNull();
    expect(parse('ipregistry', fixture('ipregistry-isp-mobile'))).toBeNull();
  });

  it('generic: { domain, name? }, normalised; free mail and junk name nothing', () => {
    const generic = enrichProvider({ ENRICH_URL: 'https://e.test/' }, '1.2.3.4')!;
    expect(generic.parse({ domain: 'EU.Initech.co.uk', name: ' Initech ' })).toEqual({ domain: 'initech.co.uk', name: 'Initech' });
    for (const body of [{ domain: 'gmail.com' }, { domain: 42 }, null, 'text', []]) expect(generic.parse(body)).toBeNull();
  });
});
