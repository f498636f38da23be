// Company domains: normalise to the registrable domain (tldts); free-mail and disposable domains never become companies.
import { getDomain } from 'tldts';
import emailProviders from 'email-providers/all.json';
import disposable from 'disposable-email-domains';

let personal: Set<string> | undefined;
/** Built on first use: ~130k names, so not on cold start of routes that never identify. */
function personalDomains(): Set<string> {
  return (personal ??= new Set<string>([...(emailProviders as string[]), ...(disposable as string[])]));
}

/** `https://Mail.Acme.co.uk/x` or `mail.acme.co.uk` → `acme.co.uk`; null when it is not a public domain. */
export function registrableDomain(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed || trimmed.length > 253 || /[\s@]/.test(trimmed)) return null;
  const d = getDomain(trimmed, { allowPrivateDomains: false });
  return d?.includes('.') ? d : null;
}

export function isPersonalMailDomain(domain: string): boolean {
  return personalDomains().has(domain.toLowerCase());
}

/** A company domain from an email address or a domain: registrable, and not free-mail or disposable. */
export function companyDomain(emailOrDomain: string): string | null {
  const at = emailOrDomain.lastIndexOf('@');
  const host = at >= 0 ? emailOrDomain.slice(at + 1) : emailOrDomain;
  const domain = registrableDomain(host);
  if (!domain) return null;
  if (isPersonalMailDomain(domain) || isPersonalMailDomain(host.trim().toLowerCase())) return null;
  return domain;
}
