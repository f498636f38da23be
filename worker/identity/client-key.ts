// Who sent a browser beacon, for counting distinct clients (scoring/evidence.ts), without storing an address.
import { sha256Hex } from '../lib/keys';
import { ipToHex } from './cidr';
import type { Resolution } from './resolve';

/** Resolutions made from the request's network itself: a forger cannot choose them. */
const NETWORK_SOURCES: ReadonlySet<Resolution['source']> = new Set(['ip-range', 'as-org', 'enrichment']);

/** The network an address belongs to, as one client sees it: IPv4 /24, IPv6 /48 (hex digits of the mapped form). */
function networkPrefix(ip: string): string | null {
  const h = ipToHex(ip);
  if (!h) return null;
  return h.startsWith('00000000000000000000ffff') ? h.slice(0, 30) : h.slice(0, 12);
}

/**
 * The client key of a beacon: when the network named the company, each visitor on it is its own client (the company's
 * colleagues share its network); otherwise (a claimed company) the sender's network, so rotating visitor ids on one
 * network stays one client. A short salted hash: never the address. Undefined when the network is unknown.
 */
export async function clientKey(siteId: string, visitor: string | undefined, ip: string | undefined, source: Resolution['source'] | null): Promise<string | undefined> {
  if (source && NETWORK_SOURCES.has(source) && visitor) return `v:${visitor}`;
  const prefix = ip ? networkPrefix(ip) : null;
  return prefix ? `n:${(await sha256Hex(`waymark-client|${siteId}|${prefix}`)).slice(0, 16)}` : undefined;
}
