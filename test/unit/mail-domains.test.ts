import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fnv1a, hasHash, tableOf } from '../../worker/identity/mail-hash';
import { ASSET_FILE, buildTable } from '../../scripts/mail-domains';
import { leakRates } from '../../scripts/leak-rate';
import { HELD_OUT } from '../../scripts/mail-lists';

const bytes = readFileSync(ASSET_FILE);
const table = tableOf(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

describe('the free-mail and disposable table (assets/mail-domains.bin)', () => {
  it('is sorted, unique, and has the lists but not real companies', () => {
    expect(table.every((v, i) => i === 0 || v > table[i - 1]!)).toBe(true);
    expect(table.length).toBeGreaterThan(150_000);
    for (const d of ['gmail.com', 'sharklasers.com', 'mailinator.com', 'posteo.de']) expect(hasHash(table, fnv1a(d)), d).toBe(true);
    for (const d of ['acme.com', 'microsoft.com', 'github.com', 'stripe.com', 'siemens.com', 'asics.com']) expect(hasHash(table, fnv1a(d)), d).toBe(false);
  });

  it('is what the used lists build today (npm run mail-domains after bumping a list)', { timeout: 60_000 }, () => {
    expect(Buffer.compare(Buffer.from(buildTable().buffer), bytes)).toBe(0);
  });

  it('lets through at most 1 % of independent free-mail lists and 5 % of disposable ones (npm run leak)', { timeout: 60_000 }, () => {
    const rows = leakRates(HELD_OUT);
    expect(rows.filter((r) => r.kind === 'free').length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.kind === 'disposable').length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.rate, r.list).toBeLessThanOrEqual(r.target);
  });
});
