import { describe, expect, it } from 'vitest';
import { formatRange, ipToHex, parseCidr } from '../../../worker/identity/cidr';

describe('CIDR ranges as 128-bit hex', () => {
  it('maps IPv4 into ::ffff:0:0/96 so both families share one ordering', () => {
    const r = parseCidr('203.0.113.0/24');
    expect(r).toEqual({ ok: true, cidr: '203.0.113.0/24', range: { start: '00000000000000000000ffffcb007100', end: '00000000000000000000ffffcb0071ff', prefix: 120 } });
    expect(ipToHex('203.0.113.7')).toBe('00000000000000000000ffffcb007107');
    expect(ipToHex('::ffff:203.0.113.7')).toBe(ipToHex('203.0.113.7'));
  });
  it('parses IPv6 ranges and prints them canonically', () => {
    const r = parseCidr('2001:DB8:0:0::/32');
    expect(r.ok && r.cidr).toBe('2001:db8::/32');
    expect(r.ok && r.range.end).toBe('20010db8ffffffffffffffffffffffff');
    expect(ipToHex('2001:db8::1')).toBe('20010db8000000000000000000000001');
  });
  it('takes a single address as a host range', () => {
    const r = parseCidr('198.51.100.9');
    expect(r.ok && [r.cidr, r.range.prefix]).toEqual(['198.51.100.9/32', 128]);
  });
  it('refuses host bits, bad lengths and non-addresses with a message that helps', () => {
    expect(parseCidr('10.1.0.0/8')).toEqual({ ok: false, message: 'host bits are set; did you mean 10.0.0.0/8?' });
    expect(parseCidr('10.0.0.0/33')).toEqual({ ok: false, message: 'prefix length must be at most 32' });
    for (const bad of ['', 'x', '10.0.0/8', '010.0.0.1', '10.0.0.0/8/1', '10.0.0.0/-1', '2001:db8::/129', '1.2.3.4/abc'])
      expect(parseCidr(bad).ok, bad).toBe(false);
    expect(ipToHex('not-an-ip')).toBeNull();
    expect(ipToHex('')).toBeNull();
  });
  it('round-trips through formatRange', () => {
    for (const cidr of ['0.0.0.0/8', '192.168.0.0/16', '2001:db8:abcd::/48', '::/16', '10.1.2.3/32']) {
      const r = parseCidr(cidr);
      expect(r.ok && formatRange(r.range.start, r.range.prefix)).toBe(cidr);
    }
  });
  it('orders hex bounds the same way as the addresses', () => {
    const a = ipToHex('9.255.255.255')!, b = ipToHex('10.0.0.0')!, c = ipToHex('2001:db8::')!;
    expect(a < b && b < c).toBe(true);
  });
});

describe('containing starts', () => {
  it('lists the network address of every prefix from /128 to the widest accepted, without repeats', async () => {
    const { containingStarts, WIDEST_PREFIX } = await import('../../../worker/identity/cidr');
    const starts = containingStarts(ipToHex('203.0.113.7')!);
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts).toContain(parseCidr('203.0.113.0/24').ok && (parseCidr('203.0.113.0/24') as any).range.start);
    expect(starts).toContain((parseCidr('203.0.0.0/8') as any).range.start);
    expect(starts).toContain(ipToHex('203.0.113.7'));
    const v6 = containingStarts(ipToHex('2001:db8:abcd::1')!);
    expect(v6).toContain((parseCidr('2001:db8::/32') as any).range.start);
    expect(v6.length).toBeLessThanOrEqual(128 - WIDEST_PREFIX.v6 + 1);
  });
});
