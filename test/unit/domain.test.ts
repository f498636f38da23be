import { describe, expect, it } from 'vitest';
import { companyCandidate, companyDomain, displayDomain, normalizeHost, registrableDomain } from '../../worker/identity/domain';

describe('company domains', () => {
  it('reduces subdomains to the registrable domain', () => {
    expect(registrableDomain('mail.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('https://WWW.Acme.com/pricing')).toBe('acme.com');
    expect(registrableDomain('acme.com.')).toBe('acme.com');
  });
  it('rejects what is not a public domain', () => {
    for (const bad of ['', 'localhost', 'acme', 'a b.com', 'x@y.com', 'co.uk', '192.0.2.1', '[::1]', 'acme.unknowntld'])
      expect(registrableDomain(bad), bad).toBeNull();
  });
  it('takes the domain of a work email and refuses free mail by rule', () => {
    expect(companyDomain('jane@eu.acme.com')).toBe('acme.com');
    expect(companyDomain('jane@gmail.com')).toBeNull();
    expect(companyDomain('acme.io')).toBe('acme.io');
  });
});

describe('one form for every domain (IDN, case, full width)', () => {
  it('maps Unicode and punycode spellings of a name to the same ASCII form', () => {
    expect(companyDomain('bücher-gmbh.de')).toBe('xn--bcher-gmbh-9db.de');
    expect(companyDomain('jane@xn--bcher-gmbh-9db.de')).toBe('xn--bcher-gmbh-9db.de');
    expect(companyDomain('BÜCHER-GMBH.DE')).toBe('xn--bcher-gmbh-9db.de');
    expect(companyDomain('jane@Bücher-GmbH.de')).toBe('xn--bcher-gmbh-9db.de');
  });
  it('folds full-width letters and dots', () => {
    expect(companyDomain('ＡＣＭＥ-ＷＩＤＧＥＴＳ.ｃｏｍ')).toBe('acme-widgets.com');
    expect(companyDomain('ｊａｎｅ＠ａｃｍｅ－ｗｉｄｇｅｔｓ．ｃｏｍ')).toBe('acme-widgets.com');
    expect(normalizeHost('acme。com')).toBe('acme.com');
  });
  it('shows people the Unicode form', () => {
    expect(displayDomain('xn--bcher-gmbh-9db.de')).toBe('bücher-gmbh.de');
    expect(displayDomain('acme.com')).toBe('acme.com');
  });
});

describe('private suffixes: platform tenants', () => {
  it('makes each tenant of a hosting platform its own company', () => {
    const tenants = ['acme-widgets.github.io', 'acme.herokuapp.com', 'acme.vercel.app', 'acme.netlify.app', 'acme.pages.dev',
      'acme.workers.dev', 'acme.blogspot.com', 'acme.azurewebsites.net', 'acme.myshopify.com', 'acme.appspot.com', 'acme.s3.amazonaws.com'];
    for (const t of tenants) expect(companyDomain(`www.${t}`), t).toBe(t);
    expect(companyDomain('acme-widgets.github.io')).not.toBe(companyDomain('globex-corp.github.io'));
  });
  it('never makes the platform itself a company', () => {
    for (const p of ['github.io', 'herokuapp.com', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev', 'blogspot.com', 'onmicrosoft.com', 's3.amazonaws.com'])
      expect(companyDomain(p), p).toBeNull();
  });
  it('maps a Microsoft 365 default domain to its tenant', () => {
    expect(companyDomain('jane@acme-widgets.onmicrosoft.com')).toBe('acme-widgets.onmicrosoft.com');
    expect(companyDomain('jane@acme-widgets.mail.onmicrosoft.com')).toBe('acme-widgets.onmicrosoft.com');
  });
  it('refuses dynamic-DNS and free-subdomain hosts (home connections, throwaway mail)', () => {
    for (const d of ['jane@0-mailer.dynv6.net', 'nas.duckdns.org', 'x.ddns.net', 'me.no-ip.org']) expect(companyDomain(d), d).toBeNull();
  });
});

describe('reserved and special-use names (RFC 6761/6762, .internal, .onion, .alt)', () => {
  it('refuses them', () => {
    for (const d of ['acme.local', 'acme.localhost', 'acme.test', 'acme.example', 'acme.invalid', 'acme.internal', 'x.onion', 'acme.alt',
      'example.com', 'www.example.org', 'jane@example.net', 'router.home.arpa', 'acme.corp', 'nas.lan'])
      expect(companyDomain(d), d).toBeNull();
  });
});

describe('free mail by rule: the big providers in every country', () => {
  it('refuses yahoo.*, hotmail.*, live.*, outlook.*, gmx.*, aol.*, yandex.*, mail.* under any public suffix', () => {
    for (const d of ['yahoo.nl', 'yahoo.pl', 'yahoo.co.jp', 'hotmail.se', 'live.se', 'outlook.nl', 'gmx.us', 'gmx.co.uk', 'aol.de', 'aol.fr',
      'yandex.ua', 'mail.ru', 'msn.cn', 'tuta.io', 'tutanota.de', 'posteo.de', 'fastmail.com', 'mailfence.com', 'zohomail.com'])
      expect(companyDomain(`jane@${d}`), d).toBeNull();
  });
  it('lists the names to check against the D1 lists, from the host down to the registrable domain', () => {
    expect(companyCandidate('jane@eu.mail.acme.co.uk')).toEqual({ domain: 'acme.co.uk', hosts: ['eu.mail.acme.co.uk', 'mail.acme.co.uk', 'acme.co.uk'] });
  });
});
