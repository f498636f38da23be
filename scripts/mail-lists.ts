// The free-mail and disposable lists: those the Worker uses (seeded into D1 by migration) and those kept only to measure
// what leaks (npm run leak). Each list normalised to the Worker's one form (UTS-46 ASCII, lower case).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { normalizeHost } from '../worker/identity/domain';

const require = createRequire(import.meta.url);
const json = (p: string) => JSON.parse(readFileSync(require.resolve(p), 'utf8')) as string[];
const lines = (p: string) => readFileSync(require.resolve(p), 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));

export interface MailList {
  name: string;
  kind: 'free' | 'disposable';
  load: () => string[];
}

/** Lists the Worker uses: the table mail_domains is their union. */
export const USED: MailList[] = [
  { name: 'email-providers', kind: 'free', load: () => json('email-providers/all.json') },
  { name: 'free-email-domains-list', kind: 'free', load: () => [...(require('free-email-domains-list').DOMAINS as Set<string>)] },
  { name: '@dahoom/disposable-email', kind: 'disposable', load: () => json('@dahoom/disposable-email/domains.json') },
  { name: 'disposable-domains', kind: 'disposable', load: () => json('disposable-domains/index.json') },
  { name: 'disposable-email-domains-js', kind: 'disposable', load: () => json('disposable-email-domains-js/dist/dict/disposable_email_blocklist.json') },
];

/** Independent lists the code never reads: only npm run leak does, to measure what gets through. */
export const HELD_OUT: MailList[] = [
  { name: '@activeprospect/freemail (free.txt)', kind: 'free', load: () => lines('@activeprospect/freemail/data/free.txt') },
  { name: 'free-email-domains-typescript', kind: 'free', load: () => require('free-email-domains-typescript').freeEmailDomains },
  { name: 'mailchecker', kind: 'disposable', load: () => [...(require('mailchecker').blacklist() as Set<string>)] },
  { name: 'burner-email-providers', kind: 'disposable', load: () => lines('burner-email-providers/emails.txt') },
];

/**
 * Measured when installed, not a dependency: `free-email-domains` (the HubSpot-derived list of issue 12) downloads its
 * data in a postinstall that needs the network; `npm i --no-save --ignore-scripts free-email-domains` gives its shipped copy.
 */
export const OPTIONAL: MailList[] = [
  { name: 'free-email-domains (HubSpot, optional)', kind: 'free', load: () => json('free-email-domains/domains.json') },
];
export const installed = (l: MailList) => {
  try {
    return l.load().length > 0;
  } catch {
    return false;
  }
};

/** The union of the used lists in the Worker's form: name → kind (free wins over disposable). */
export function usedDomains(): Map<string, 'free' | 'disposable'> {
  const out = new Map<string, 'free' | 'disposable'>();
  for (const list of [...USED.filter((l) => l.kind === 'disposable'), ...USED.filter((l) => l.kind === 'free')]) {
    for (const raw of list.load()) {
      const d = normalizeHost(String(raw));
      if (d) out.set(d, list.kind);
    }
  }
  return out;
}
