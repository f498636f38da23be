// npm run leak: for each list the code does not use, how many of its domains would still become a company through the
// Worker's rules (worker/identity/domain.ts) and its table (assets/mail-domains.bin, as deployed).
// Targets: ≤ 1 % for free-mail lists, ≤ 5 % for disposable lists.
import { readFileSync } from 'node:fs';
import { companyCandidate, loadSuffixes } from '../worker/identity/domain';
import { fnv1a, hasHash, tableOf } from '../worker/identity/mail-hash';
import { ASSET_FILE, buildTable } from './mail-domains';
import { HELD_OUT, installed, OPTIONAL, USED, type MailList } from './mail-lists';

await loadSuffixes();

export const TARGET = { free: 0.01, disposable: 0.05 } as const;

export function leakRates(lists: MailList[] = [...HELD_OUT, ...OPTIONAL.filter(installed)]) {
  const bytes = readFileSync(ASSET_FILE);
  const table = tableOf(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return lists.map((list) => {
    const domains = [...new Set(list.load().map((d) => String(d).trim().toLowerCase()).filter(Boolean))];
    const leaked = domains.filter((d) => {
      const c = companyCandidate(d);
      return c && !c.hosts.some((h) => hasHash(table, fnv1a(h)));
    });
    const rate = leaked.length / domains.length;
    return { list: list.name, kind: list.kind, tried: domains.length, leaked: leaked.length, rate, target: TARGET[list.kind], ok: rate <= TARGET[list.kind], examples: leaked.slice(0, 6) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = leakRates();
  const built = buildTable();
  const onDisk = readFileSync(ASSET_FILE);
  const current = Buffer.compare(Buffer.from(built.buffer), onDisk) === 0;
  console.log(`Worker table: ${ASSET_FILE} from ${USED.map((l) => l.name).join(', ')} (${current ? 'up to date' : 'STALE: run npm run mail-domains'}), plus the rules of worker/identity/domain.ts\n`);
  console.log('| list (not used by the code) | kind | domains tried | leaked | leak rate | target |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.list} | ${r.kind} | ${r.tried.toLocaleString('en')} | ${r.leaked.toLocaleString('en')} | ${(100 * r.rate).toFixed(2)} % | ≤ ${100 * r.target} % ${r.ok ? '✓' : '✗'} |`);
  console.log('\nexamples of leaks:');
  for (const r of rows) console.log(`  ${r.list}: ${r.examples.join(' ') || '—'}`);
  if (rows.some((r) => !r.ok) || !current) process.exitCode = 1;
}
