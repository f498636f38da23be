import { describe, expect, it } from 'vitest';
import { companyDomain, registrableDomain } from '../../worker/identity/domain';

describe('company domains', () => {
  it('reduces subdomains to the registrable domain', () => {
    expect(registrableDomain('mail.acme.co.uk')).toBe('acme.co.uk');
    expect(registrableDomain('https://WWW.Acme.com/pricing')).toBe('acme.com');
  });
  it('rejects what is not a public domain', () => {
    for (const bad of ['', 'localhost', 'acme', 'a b.com', 'x@y.com', 'co.uk']) expect(registrableDomain(bad)).toBeNull();
  });
  it('takes the domain of a work email and refuses free and disposable mail', () => {
    expect(companyDomain('jane@eu.acme.com')).toBe('acme.com');
    expect(companyDomain('jane@gmail.com')).toBeNull();
    expect(companyDomain('someone@mailinator.com')).toBeNull();
    expect(companyDomain('acme.io')).toBe('acme.io');
  });
});
