// Which URLs may receive webhooks: public https hosts only, checked when the URL is saved and again before every send.
//
// A webhook makes the Worker send requests where the site owner says, so a target must not be a way into anyone's
// private network or a cloud metadata service. The URL is parsed as fetch() will parse it (WHATWG), which turns every
// IPv4 notation (`127.1`, `0x7f.1`, `2130706433`, `0177.0.0.1`) into dotted decimal and IPv6 into `[…]` compressed
// form, so a literal address is judged by what it is, not how it is written. Names that cannot be public (no dot,
// localhost, .internal, .local, …) are refused; what a public name resolves to is up to DNS, and Cloudflare's
// fetch() does not connect to private addresses (docs/security.md "Webhook targets").
import ipaddr from 'ipaddr.js';

export type TargetCheck = { ok: true } | { ok: false; reason: string };

/** Names reserved for private networks or this machine (RFC 6761, 6762, 8375, ICANN's .internal). */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'intranet', 'lan', 'home', 'corp', 'private', 'home.arpa', 'localdomain', 'onion', 'invalid'];
/** Cloud metadata endpoints, named for the error message (their ranges are refused anyway). */
const METADATA = new Set(['169.254.169.254', '[fd00:ec2::254]', '100.100.100.200', '192.0.0.192']);
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `ALLOW_LOCAL_WEBHOOKS=1` (npm start, local tests): http(s)://localhost, 127.0.0.1 and [::1] are allowed too. */
export const allowLocalWebhooks = (env: { ALLOW_LOCAL_WEBHOOKS?: string }) => env.ALLOW_LOCAL_WEBHOOKS === '1';

/** The range name of a literal address that is not public unicast, or null when it is public (or not an address). */
function nonPublicRange(hostname: string): string | null {
  const text = hostname.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(text)) return null;
  let addr = ipaddr.parse(text);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  return range === 'unicast' ? null : range;
}

const isLiteral = (hostname: string) => hostname.startsWith('[') || ipaddr.IPv4.isValidFourPartDecimal(hostname);

export function checkWebhookTarget(raw: string, allowLocal = false): TargetCheck {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (u.username || u.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (allowLocal && (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_NAMES.has(host)) return { ok: true };
  if (u.protocol !== 'https:') return { ok: false, reason: 'expected an https:// URL' };
  if (METADATA.has(host)) return { ok: false, reason: 'cloud metadata addresses are not allowed' };
  if (isLiteral(host)) {
    const range = nonPublicRange(host);
    return range ? { ok: false, reason: `${host} is not a public address (${range})` } : { ok: true };
  }
  // A name the URL parser did not read as an address but that still looks numeric is refused rather than guessed at.
  if (/^[0-9.]+$|^0x/i.test(host)) return { ok: false, reason: 'IP addresses in unusual notation are not allowed' };
  if (!host.includes('.')) return { ok: false, reason: 'expected a public host name (with a dot)' };
  if (PRIVATE_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return { ok: false, reason: `${host} is a private or local name` };
  return { ok: true };
}
