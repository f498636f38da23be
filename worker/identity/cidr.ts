// IP addresses and CIDR ranges as fixed-width 128-bit hex (IPv4 mapped into ::ffff:0:0/96), so one index answers longest prefix.
import ipaddr from 'ipaddr.js';
import { toHex } from '../lib/bytes';

/** A CIDR range in the 128-bit space: `start`/`end` are 32 lowercase hex digits, `prefix` is 0–128. */
export interface HexRange {
  start: string;
  end: string;
  prefix: number;
}

const V4_MAPPED = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function toBytes(addr: ipaddr.IPv4 | ipaddr.IPv6): number[] {
  return addr.kind() === 'ipv4' ? [...V4_MAPPED, ...addr.toByteArray()] : addr.toByteArray();
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return null;
}

/** `203.0.113.7`, `2001:db8::1` or `::ffff:203.0.113.7` → 32 hex digits; null when not an address. */
export function ipToHex(ip: string): string | null {
  const addr = parseAddress(ip.trim().replace(/^\[|\]$/g, ''));
  return addr ? toHex(toBytes(addr)) : null;
}

export type CidrResult = { ok: true; range: HexRange; cidr: string } | { ok: false; message: string };

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a single address; host bits must be zero so a typo is not silently widened. */
export function parseCidr(input: string): CidrResult {
  const text = input.trim();
  const [addrText, lenText, extra] = text.split('/');
  if (extra !== undefined) return { ok: false, message: 'expected address/prefix-length, e.g. 203.0.113.0/24' };
  const addr = parseAddress(addrText ?? '');
  if (!addr) return { ok: false, message: 'not an IPv4 or IPv6 address' };
  const bits = addr.kind() === 'ipv4' ? 32 : 128;
  if (lenText !== undefined && !/^\d{1,3}$/.test(lenText)) return { ok: false, message: 'prefix length must be an integer' };
  const len = lenText === undefined ? bits : Number(lenText);
  if (len > bits) return { ok: false, message: `prefix length must be at most ${bits}` };
  const bytes = toBytes(addr);
  const prefix = len + (128 - bits);
  const start = bytes.map((b, i) => b & maskByte(prefix, i));
  if (start.some((b, i) => b !== bytes[i])) {
    const network = formatRange(toHex(start), prefix);
    return { ok: false, message: `host bits are set; did you mean ${network}?` };
  }
  const end = start.map((b, i) => b | (~maskByte(prefix, i) & 0xff));
  const range = { start: toHex(start), end: toHex(end), prefix };
  return { ok: true, range, cidr: formatRange(range.start, prefix) };
}

function maskByte(prefix: number, i: number): number {
  const bits = Math.max(0, Math.min(8, prefix - i * 8));
  return (0xff << (8 - bits)) & 0xff;
}

/** Back to canonical CIDR text: IPv4-mapped ranges print as IPv4. */
export function formatRange(startHex: string, prefix: number): string {
  const bytes = startHex.match(/../g)!.map((h) => parseInt(h, 16));
  const isV4 = prefix >= 96 && V4_MAPPED.every((b, i) => bytes[i] === b);
  if (isV4) return `${bytes.slice(12).join('.')}/${prefix - 96}`;
  return `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`;
}

/** Ranges narrower than these are accepted (IPv4 /8 is 104 in the 128-bit space); see routes/ip-ranges.ts. */
export const WIDEST_PREFIX = { v4: 104, v6: 16 } as const;

/**
 * The network addresses every accepted range containing `ipHex` could start at: the address masked to each prefix
 * length from /128 down to the widest accepted. Looking these up by primary key makes longest-prefix matching a
 * bounded set of index probes, however many ranges a site has.
 */
export function containingStarts(ipHex: string): string[] {
  const ip = BigInt('0x' + ipHex);
  const all = (1n << 128n) - 1n;
  const starts = new Set<string>();
  for (let p = 128; p >= WIDEST_PREFIX.v6; p--) {
    const mask = all ^ ((1n << BigInt(128 - p)) - 1n);
    starts.add((ip & mask).toString(16).padStart(32, '0'));
  }
  return [...starts];
}
