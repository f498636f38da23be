// The long tail of free-mail and disposable domains (~180k names) as a static asset of sorted hashes (assets/, built by
// npm run mail-domains from scripts/mail-lists.ts): never in the Worker bundle, never in D1, loaded once per isolate on
// the first identification and searched in memory.
import type { Env } from '../env';
import { companyCandidate, type CompanyCandidate } from './domain';
import { fnv1a, hasHash, MAIL_DOMAINS_ASSET, tableOf } from './mail-hash';

let table: Promise<Uint32Array | null> | undefined;

/** The table, or null (logged) when the asset is missing: identification then falls back to the rules alone. */
function load(env: Env): Promise<Uint32Array | null> {
  return (table ??= (async () => {
    const res = env.ASSETS ? await env.ASSETS.fetch(new Request(`https://assets.invalid${MAIL_DOMAINS_ASSET}`)) : null;
    if (!res?.ok) {
      table = undefined;
      console.error(`mail-domains: asset ${MAIL_DOMAINS_ASSET} unavailable (${res?.status ?? 'no ASSETS binding'}); rules only`);
      return null;
    }
    return tableOf(await res.arrayBuffer());
  })());
}

/** True when any of the candidate's names (host, its parents, the registrable domain) is a listed mail domain. */
export async function isListed(env: Env, c: CompanyCandidate): Promise<boolean> {
  const t = await load(env);
  return !!t && c.hosts.some((h) => hasHash(t, fnv1a(h)));
}

/** A company domain from an email or domain: the rules of domain.ts, then the mail-domain table. */
export async function companyDomainChecked(env: Env, emailOrDomain: string): Promise<string | null> {
  const c = companyCandidate(emailOrDomain);
  return c && !(await isListed(env, c)) ? c.domain : null;
}
