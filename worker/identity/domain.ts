// Company domains: one ASCII form (UTS-46, lower case, full-width folded), the registrable domain with private suffixes
// (platform tenants are their own companies), reserved names refused, free-mail by rule. The long tail of free-mail and
// disposable domains is a static asset (worker/identity/mail-domains.ts), checked where a visitor's domain becomes a company.
import { domainToUnicode } from 'node:url';
import type * as Tldts from 'tldts';
import common from 'email-providers/common.json';
import { PERSONAL_HOST_SERVICES } from './personal-hosts';

/** RFC 6761/6762/9476 special-use and reserved names (never in the PSL as companies). */
const RESERVED_TLDS = new Set(['local', 'localhost', 'test', 'example', 'invalid', 'internal', 'onion', 'alt', 'arpa', 'home', 'lan', 'corp', 'intranet', 'private']);
const RESERVED_DOMAINS = new Set(['example.com', 'example.net', 'example.org']);
/**
 * Free-mail brands matched by rule on the label before any public suffix (yahoo.se, hotmail.co.uk, gmx.at, aol.fr,
 * yandex.kz, mail.ru, …), so country variants no list has yet are refused too.
 */
const FREE_MAIL_BRANDS = new Set([
  'yahoo', 'ymail', 'rocketmail', 'hotmail', 'live', 'outlook', 'msn', 'windowslive', 'passport', 'gmx', 'aol', 'aim',
  'yandex', 'mail', 'gmail', 'googlemail', 'protonmail', 'tutanota', 'tuta', 'tutamail', 'zohomail', 'mailfence', 'posteo',
  'fastmail', 'hushmail', 'rediffmail', 'icloud', 'qq', 'naver', 'hanmail', 'seznam', 'libero', 'rambler', 'mailbox', 'email',
]);
/** A Microsoft 365 tenant's default domain: `acme.onmicrosoft.com` (and its `acme.mail.onmicrosoft.com`) is the tenant. */
const M365 = 'onmicrosoft.com';

let commonMail: Set<string> | undefined;
let personalHosts: Set<string> | undefined;
const commonMailSet = () => (commonMail ??= new Set(common as string[]));
const personalHostSet = () => (personalHosts ??= new Set(PERSONAL_HOST_SERVICES.split(/\s+/).filter(Boolean)));

let tldts: typeof Tldts | undefined;
/**
 * tldts builds its public-suffix tables when it is imported (~20 ms of CPU, most of what was left of a cold start), so it
 * is imported on first need instead: every entry point (worker/index.ts fetch, queue, scheduled; the IngestGate) awaits
 * this before its work, except the few routes that never read a domain (/health, /w.js, /favicon.ico, /openapi.json).
 */
export async function loadSuffixes(): Promise<void> {
  tldts ??= await import('tldts');
}
function psl(): typeof Tldts {
  if (!tldts) throw new Error('public suffix list not loaded: await loadSuffixes() in the entry point');
  return tldts;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * One form for a host from any route: `ＡＣＭＥ．ｃｏｍ`, `Bücher-GmbH.de`, `https://WWW.Acme.com/x` →
 * `acme.com`, `xn--bcher-gmbh-9db.de`, `www.acme.com`. Null for what is not a DNS name (spaces, `@`, IP addresses).
 */
export function normalizeHost(input: string): string | null {
  const s = input.normalize('NFKC').trim();
  if (!s || s.length > 2048 || /[\s@\\]/.test(s)) return null;
  let host: string;
  try {
    host = new URL(SCHEME.test(s) ? s : `http://${s}`).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  if (!host || host.length > 253 || !host.includes('.') || host.startsWith('[') || /^[\d.]+$/.test(host)) return null;
  return host;
}

/** The company a host belongs to, or null: reserved names, unknown TLDs, platform domains, dynamic-DNS hosts. */
function registrableOf(host: string): string | null {
  const p = psl().parse(host, { allowPrivateDomains: true });
  if (p.isIp || !p.domain || !(p.isIcann || p.isPrivate)) return null;
  if (RESERVED_TLDS.has(host.slice(host.lastIndexOf('.') + 1))) return null;
  const icann = psl().getDomain(host) ?? p.domain;
  if (RESERVED_DOMAINS.has(icann)) return null;
  if (icann === M365) {
    const labels = host.slice(0, -M365.length - 1).split('.');
    if (labels.at(-1) === 'mail') labels.pop();
    return labels.length && labels.at(-1) ? `${labels.at(-1)}.${M365}` : null;
  }
  if (host !== icann && personalHostSet().has(icann)) return null;
  return p.domain;
}

/** `https://Mail.Acme.co.uk/x` or `mail.acme.co.uk` → `acme.co.uk`; `acme.github.io` stays; null when not a company's. */
export function registrableDomain(input: string): string | null {
  const host = normalizeHost(input);
  return host ? registrableOf(host) : null;
}

/** Free-mail by rule (brand label + any public suffix) or by the common providers shipped in the bundle. */
export function isFreeMailByRule(domain: string): boolean {
  const p = psl().parse(domain);
  return (!!p.domainWithoutSuffix && FREE_MAIL_BRANDS.has(p.domainWithoutSuffix)) || commonMailSet().has(domain) || (!!p.domain && commonMailSet().has(p.domain));
}

export interface CompanyCandidate {
  domain: string;
  /** The names the mail lists are checked for: the host and each parent down to the registrable domain (≤ 5). */
  hosts: string[];
}

/** The company an email address or domain names, before the D1 mail-list check; null when a rule refuses it. */
export function companyCandidate(emailOrDomain: string): CompanyCandidate | null {
  const s = emailOrDomain.normalize('NFKC'); // a full-width ＠ too
  const host = normalizeHost(s.slice(s.lastIndexOf('@') + 1));
  const domain = host && registrableOf(host);
  if (!host || !domain || isFreeMailByRule(domain) || isFreeMailByRule(host)) return null;
  const hosts = [host];
  while (hosts.length < 5 && hosts.at(-1)!.length > domain.length) hosts.push(hosts.at(-1)!.slice(hosts.at(-1)!.indexOf('.') + 1));
  if (!hosts.includes(domain)) hosts.push(domain);
  return { domain, hosts };
}

/** A company domain by rule alone (no D1): see companyCandidate; callers that create companies also ask mail-domains.ts. */
export function companyDomain(emailOrDomain: string): string | null {
  return companyCandidate(emailOrDomain)?.domain ?? null;
}

/** The Unicode form people read (`xn--bcher-gmbh-9db.de` → `bücher-gmbh.de`); the stored form when it does not decode. */
export const displayDomain = (domain: string) => domainToUnicode(domain) || domain;
