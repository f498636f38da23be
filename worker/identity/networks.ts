// Which networks are a company's own: AS numbers and AS-organisation name patterns of ISPs, mobile carriers, hosting/cloud and VPNs, as data.
// No maintained npm package lists network types by ASN (checked: only IP→ASN/geo databases), so this is a curated list:
// the largest networks by ASN (exact, cheap), then name patterns that catch the long tail of telcos and hosters.
// A network that matches nothing here and has an organisation name is taken as the organisation's own network.

export type NetworkKind = 'isp' | 'mobile' | 'hosting' | 'vpn' | 'company' | 'unknown';

/** Well-known ASNs by kind. Hosting includes clouds and CDNs: their traffic is servers and relays, not employees. */
export const KNOWN_ASNS = {
  hosting: [
    16509, 14618, 8987, // Amazon / AWS
    15169, 396982, 19527, 36492, // Google, Google Cloud
    8075, 8068, 8069, // Microsoft / Azure (employees and Azure share it: never a company signal)
    13335, 209242, // Cloudflare, Cloudflare WARP
    14061, 16276, 24940, 63949, 20940, 16625, 20473, 31898, 45102, 37963, 132203, 54113, 12876, 51167, 36352,
    46606, 26496, 8560, 40676, 396356, 60068, 62567, 202425, 55286, 19318, 53667, 30633, 7203, 35916, 8100,
  ],
  vpn: [9009, 212238, 136787, 39351, 209103, 147049, 60729],
  isp: [
    7922, 20115, 7018, 701, 22773, 209, 3356, 174, 3320, 3215, 2856, 5089, 3209, 12322, 5410, 3352, 1136, 6830,
    4134, 4837, 17676, 4713, 2516, 7545, 1221, 812, 577, 6327, 28573, 55836, 9121, 12389, 8151, 6739, 1273, 3269,
    5607, 6805, 8881, 13285, 3301, 2119, 5432, 3303, 12874, 6128, 11427, 10796, 11426, 20001, 33363, 5650,
  ],
  mobile: [21928, 22394, 6167, 20057, 12430, 25135, 35228, 12576, 9808, 24560, 45609, 132199, 3651, 16135, 29247],
} as const satisfies Record<Exclude<NetworkKind, 'company' | 'unknown'>, readonly number[]>;

/** Organisation-name patterns, checked in this order. Deliberately not "networks" or "systems": many companies use them. */
export const ORG_PATTERNS = [
  ['vpn', /\b(vpn|proxy|proxies|tor exit|anonymi[sz]|privacy network|mullvad|nordvpn|expressvpn|surfshark|proton ?(ag|vpn))\b/i],
  ['mobile', /\b(mobile|mobility|wireless|cellular|cellco|lte|5g|t-mobile|vodafone|telefonica moviles)\b/i],
  ['hosting', /\b(hosting|host|hoster|cloud|data ?cent(er|re)s?|datacenter|dedicated|server[s]?|vps|colo(cation)?|cdn|amazon|aws|google|microsoft|azure|digitalocean|linode|akamai|hetzner|ovh|vultr|oracle|alibaba|tencent|fastly|scaleway|contabo|leaseweb|m247|datacamp|choopa)\b/i],
  ['isp', /\b(telecom|telekom|telecommunications?|telco|communications|broadband|cable|fib(er|re)|dsl|kabel|internet( service)?|isp|ftth|comcast|charter|verizon|at&t|cox|spectrum|orange|sky|virgin media|bt|kpn|swisscom|telstra|rogers|bell|shaw|jio|airtel|telmex|telenor|telia|liberty global|ziggo|free sas|bouygues|sfr|rostelecom|chinanet|unicom|ntt|kddi|softbank)\b/i],
] as const satisfies readonly (readonly [Exclude<NetworkKind, 'company' | 'unknown'>, RegExp])[];

const byAsn = new Map<number, NetworkKind>();
for (const [kind, asns] of Object.entries(KNOWN_ASNS)) for (const asn of asns) byAsn.set(asn, kind as NetworkKind);

/** Classifies a visitor's network from request.cf.asn / asOrganization. */
export function networkKind(asn: number | undefined, org: string | undefined): NetworkKind {
  const known = asn !== undefined ? byAsn.get(asn) : undefined;
  if (known) return known;
  const name = org?.trim();
  if (!name) return 'unknown';
  for (const [kind, pattern] of ORG_PATTERNS) if (pattern.test(name)) return kind;
  return 'company';
}

/** Legal forms and noise stripped so "ACME-CORP", "Acme Corporation" and "Acme, Inc." share one key. */
const LEGAL_FORMS = /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|sarl|bv|nv|oy|ab|as|aps|spa|srl|kk|pty|pte|group|holdings?)\b/g;

/** A comparable key for an organisation name; empty when nothing distinctive is left. */
export function orgKey(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\./g, '') // "S.A." → "sa"
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
