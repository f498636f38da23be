// npm run mail-domains: builds assets/mail-domains.bin (the Worker's free-mail and disposable table) from the used lists.
// Run after bumping a list in package.json; the file is committed so a fresh clone deploys without the lists.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fnv1a, MAIL_DOMAINS_ASSET } from '../worker/identity/mail-hash';
import { USED, usedDomains } from './mail-lists';

export const ASSET_FILE = `assets${MAIL_DOMAINS_ASSET}`;

export function buildTable(): Uint32Array {
  return Uint32Array.from(new Set([...usedDomains().keys()].map(fnv1a))).sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = buildTable();
  mkdirSync('assets', { recursive: true });
  writeFileSync(ASSET_FILE, new Uint8Array(t.buffer));
  console.log(`${ASSET_FILE}: ${t.length} hashes of ${USED.map((l) => l.name).join(' + ')}, ${(t.byteLength / 1024).toFixed(0)} KiB`);
}
