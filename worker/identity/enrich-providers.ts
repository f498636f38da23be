// Enrichment adapters: the generic endpoint and IPinfo, ipapi.is, ipregistry, each turned into { domain, name? } or nothing.
// Only a business (or school, government) network names a company: ISP, hosting, mobile, VPN/proxy/Tor answers never do.
import type { Env } from '../env';
import { companyDomain } from './domain';
import type { Answer } from './lookup-cache';

export const PROVIDERS = ['generic', 'ipinfo', 'ipapi.is', 'ipregistry'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export interface Provider {
  id: ProviderId;
  url: string;
  headers: Record<string, string>;
  parse(body: unknown): Answer | null;
}

type Json = Record<string, any> | null | undefined;
const NOT_A_COMPANY = new Set(['isp', 'hosting', 'mobile', 'carrier', 'cdn', 'vpn', 'proxy']);

function answer(domain: unknown, name: unknown): Answer | null {
  const d = typeof domain === 'string' ? companyDomain(domain) : null;
  if (!d) return null;
  const n = typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : undefined;
  return { domain: d, ...(n ? { name: n } : {}) };
}
/** The company object most providers return: { domain, name, type }. */
const company = (c: Json) => (c && typeof c.type === 'string' && !NOT_A_COMPANY.has(c.type.toLowerCase()) ? answer(c.domain, c.name) : null);

const parsers: Record<ProviderId, (b: Json) => Answer | null> = {
  // GET ENRICH_URL?ip=… → { domain, name? } (your own service or a proxy in front of any provider).
  generic: (b) => answer(b?.domain, b?.name),
  // https://ipinfo.io/developers: company (Business plan), asn.type; privacy flags (Privacy plan).
  ipinfo: (b) => {
    const p = b?.privacy;
    if (p && (p.vpn || p.proxy || p.tor || p.relay || p.hosting)) return null;
    return company(b?.company) ?? (b?.asn?.type === 'business' ? answer(b.asn.domain, b.asn.name) : null);
  },
  // https://ipapi.is/developers.html: is_* flags, company { name, domain, type }, asn { org, domain, type }.
  'ipapi.is': (b) => {
    if (!b || b.is_vpn || b.is_proxy || b.is_tor || b.is_datacenter || b.is_mobile || b.is_bogon) return null;
    return company(b.company) ?? (b.asn?.type === 'business' ? answer(b.asn.domain, b.asn.org) : null);
  },
  // https://ipregistry.co/docs: security { is_vpn, is_proxy, is_tor, is_cloud_provider, … }, company, connection.
  ipregistry: (b) => {
    const s = b?.security;
    if (!b || (s && (s.is_vpn || s.is_proxy || s.is_tor || s.is_relay || s.is_cloud_provider || s.is_anonymous || s.is_bogon))) return null;
    return company(b.company) ?? (b.connection?.type === 'business' ? answer(b.connection.domain, b.connection.organization) : null);
  },
};

/** The provider the environment chooses: ENRICH_PROVIDER + ENRICH_KEY, or ENRICH_URL alone for the generic one. */
export function enrichProvider(env: Pick<Env, 'ENRICH_PROVIDER' | 'ENRICH_KEY' | 'ENRICH_URL'>, ip: string): Provider | null {
  const id = (env.ENRICH_PROVIDER?.trim().toLowerCase() || (env.ENRICH_URL ? 'generic' : '')) as ProviderId;
  const key = env.ENRICH_KEY?.trim() ?? '';
  const q = encodeURIComponent(ip);
  const json = { accept: 'application/json' };
  let url: URL;
  switch (id) {
    case 'generic':
      if (!env.ENRICH_URL) return null;
      url = new URL(env.ENRICH_URL);
      url.searchParams.set('ip', ip);
      return { id, url: url.toString(), headers: json, parse: parsers.generic };
    case 'ipinfo':
      if (!key) return null;
      return { id, url: `https://ipinfo.io/${q}/json`, headers: { ...json, authorization: `Bearer ${key}` }, parse: parsers.ipinfo };
    case 'ipapi.is': // works without a key on the free tier (1,000 lookups a day)
      return { id, url: `https://api.ipapi.is/?q=${q}${key ? `&key=${encodeURIComponent(key)}` : ''}`, headers: json, parse: parsers['ipapi.is'] };
    case 'ipregistry':
      if (!key) return null;
      return { id, url: `https://api.ipregistry.co/${q}?key=${encodeURIComponent(key)}`, headers: json, parse: parsers.ipregistry };
    default:
      return null;
  }
}
