// Reverse-DNS names: which PTRs name a company, which are ISP/hosting infrastructure; reversed query names.
import { describe, expect, it } from 'vitest';
import { INFRASTRUCTURE_PTR_DOMAINS } from '../../../worker/identity/ptr-domains';
import { companyFromPtr, reverseName } from '../../../worker/identity/reverse-dns';

describe('PTR names', () => {
  it('a company gateway names its registrable domain', () => {
    expect(companyFromPtr('gw-1.acme-widgets.com.', '203.0.113.9')).toEqual({ domain: 'acme-widgets.com' });
    expect(companyFromPtr('vpn.eu.Initech.co.uk', '203.0.113.9')).toEqual({ domain: 'initech.co.uk' });
    expect(companyFromPtr('mail-relay-3.bigbank.de.', '2001:db8::1')).toEqual({ domain: 'bigbank.de' });
  });

  it('ISP, mobile, cloud and CDN names from the list name nothing', () => {
    const cases: [string, string][] = [
      ['pool-71-1-2-3.nycmny.fios.verizon.net.', '71.1.2.3'],
      ['c-73-12-4-1.hsd1.ma.comcast.net.', '73.12.4.1'],
      ['ec2-54-2-3-4.compute-1.amazonaws.com.', '54.2.3.4'],
      ['4.3.2.34.bc.googleusercontent.com.', '34.2.3.4'],
      ['cpc123-lond1-2-0-cust77.6-1.cable.virginm.net.', '86.1.2.3'],
      ['p5b0c1d2e.dip0.t-ipconnect.de.', '91.12.29.46'],
      ['static.88-99-1-2.clients.your-server.de.', '88.99.1.2'],
      ['a23-45-67-89.deploy.static.akamaitechnologies.com.', '23.45.67.89'],
      ['syn-076-187-002-003.res.spectrum.com.', '76.187.2.3'],
      ['cpe-76-187-2-3.tx.res.rr.com.', '76.187.2.3'],
    ];
    for (const [ptr, ip] of cases) expect(companyFromPtr(ptr, ip), ptr).toBeNull();
    for (const d of ['verizon.net', 'comcast.net', 'amazonaws.com', 'googleusercontent.com', 'cloudapp.net', 'bigpond.net.au']) expect(INFRASTRUCTURE_PTR_DOMAINS.has(d), d).toBe(true);
  });

  it('an unlisted ISP that spells the address or says dynamic/pool/dsl names nothing', () => {
    expect(companyFromPtr('98-7-8-1.dynamic.smallisp.example', '98.7.8.1')).toBeNull();
    expect(companyFromPtr('host1-8-7-98.regional-isp.com', '98.7.8.1')).toBeNull();
    expect(companyFromPtr('dsl-customer.regional-isp.com', '98.7.8.1')).toBeNull();
    expect(companyFromPtr('ip62079c01.regional-isp.com', '98.7.156.1')).toBeNull(); // 98.7.156.1 in hex
  });

  it('every listed domain is a registrable domain (no host parts that could never match)', () => {
    for (const d of INFRASTRUCTURE_PTR_DOMAINS) expect(companyFromPtr(`x.${d}`, '203.0.113.9'), d).toBeNull();
  });

  it('free mail, bare suffixes and junk name nothing', () => {
    for (const ptr of ['mail.gmail.com.', 'co.uk.', '', '.', 'localhost.', 'x'.repeat(300)]) expect(companyFromPtr(ptr, '203.0.113.9'), ptr).toBeNull();
  });
});

describe('reverse query names', () => {
  it('IPv4, IPv4-mapped IPv6 and IPv6', () => {
    expect(reverseName('71.1.2.3')).toBe('3.2.1.71.in-addr.arpa');
    expect(reverseName('::ffff:71.1.2.3')).toBe('3.2.1.71.in-addr.arpa');
    expect(reverseName('2001:db8::1')).toBe('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
    expect(reverseName('not an ip')).toBeNull();
  });
});
