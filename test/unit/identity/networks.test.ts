import { describe, expect, it } from 'vitest';
import { isBot } from '../../../worker/identity/bots';
import { companyDomain, registrableDomain } from '../../../worker/identity/domain';
import { networkKind, orgKey } from '../../../worker/identity/networks';

const chrome = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

describe('network kinds', () => {
  it('knows the large clouds, ISPs, carriers and VPNs by ASN', () => {
    expect(networkKind(16509, 'AMAZON-02')).toBe('hosting');
    expect(networkKind(8075, 'Microsoft Corporation')).toBe('hosting');
    expect(networkKind(7922, 'Comcast Cable Communications, LLC')).toBe('isp');
    expect(networkKind(21928, 'T-Mobile USA, Inc.')).toBe('mobile');
    expect(networkKind(9009, 'M247 Europe SRL')).toBe('vpn');
  });
  it('catches the long tail by organisation name', () => {
    expect(networkKind(64512, 'Kabel Nordwest eG')).toBe('isp');
    expect(networkKind(64512, 'Example Hosting Ltd')).toBe('hosting');
    expect(networkKind(64512, 'Fast VPN Services')).toBe('vpn');
    expect(networkKind(64512, 'Acme Wireless Mobile')).toBe('mobile');
    expect(networkKind(64512, 'Foo Datacenter GmbH')).toBe('hosting');
  });
  it("takes an otherwise unknown organisation as the company's own network", () => {
    expect(networkKind(64512, 'Acme Corporation')).toBe('company');
    expect(networkKind(64512, 'Palo Alto Networks, Inc.')).toBe('company');
    expect(networkKind(undefined, undefined)).toBe('unknown');
    expect(networkKind(64512, '  ')).toBe('unknown');
  });
  it('gives spellings of one organisation one key', () => {
    expect(orgKey('ACME-CORP')).toBe('acme');
    expect(orgKey('Acme Corporation')).toBe('acme');
    expect(orgKey('Acme, Inc.')).toBe('acme');
    expect(orgKey('Société Générale S.A.')).toBe('societe generale');
    expect(orgKey('Inc.')).toBe('');
  });
});

describe('bots', () => {
  it('flags bot user agents, automation and missing Accept-Language', () => {
    expect(isBot({ userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)', acceptLanguage: 'en' })).toBe(true);
    expect(isBot({ userAgent: 'HeadlessChrome/120', acceptLanguage: 'en' })).toBe(true);
    expect(isBot({ userAgent: chrome, acceptLanguage: 'en', automated: true })).toBe(true);
    expect(isBot({ userAgent: chrome })).toBe(true);
    expect(isBot({ userAgent: '', acceptLanguage: 'en' })).toBe(true);
  });
  it('lets a real browser and a server-side call through', () => {
    expect(isBot({ userAgent: chrome, acceptLanguage: 'en-GB,en;q=0.9' })).toBe(false);
    expect(isBot({ visitorId: 'v1', identifiedDomain: 'acme.com' })).toBe(false);
  });
});

describe('company domains', () => {
  it('reduces subdomains and emails to the registrable domain', () => {
    expect(registrableDomain('mail.acme.co.uk')).toBe('acme.co.uk');
    expect(companyDomain('jane@mail.acme.co.uk')).toBe('acme.co.uk');
  });
  it('never makes free-mail or disposable domains companies', () => {
    for (const d of ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'proton.me', 'mailinator.com', 'x@googlemail.com']) expect(companyDomain(d), d).toBeNull();
  });
});
