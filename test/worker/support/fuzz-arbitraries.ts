// fast-check arbitraries for the fuzz tests: hostile values (wrong types, huge strings, unicode, negative and
// non-finite numbers, deep nesting), valid canonical events and valid browser beacons, and a per-site row snapshot.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { CATEGORIES, EVENT_TYPES, FORM_KINDS } from '../../../worker/scoring/types';

/** Runs per property: bounded so the worker project stays quick; FUZZ_RUNS raises it for a longer hunt. */
export const RUNS = Number((env as { FUZZ_RUNS?: string }).FUZZ_RUNS) || 150;

/** `depth` levels of nesting, alternating arrays and objects. */
export function nest(depth: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const nasty = fc.constantFrom(
  '', ' ', '\u0000', '\uFEFF', '\u202E', 'é'.normalize('NFD'), '💥'.repeat(300), '\uD800', '\uDFFF',
  "'; DROP TABLE events; --", '" OR 1=1 --', '<script>alert(1)</script>', '../../etc/passwd', '%00', '%ff', 'NaN',
  'Infinity', '-1', '1e309', '__proto__', 'constructor', 'toString', 'null', 'true', '[]', '{}', 'pk_', 'sk_',
  'https://evil.example', 'javascript:alert(1)', 'acme.com', 'ACME.COM.', 'xn--bcher-kva.example', '192.168.0.1',
);

/** Any one hostile JSON-ish value. NaN/±Infinity become null in JSON; `rawNumbers` below sends them literally. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, -0.5, -1e308, 1e308, 2 ** 53 + 1, -(2 ** 63), 1e-320, 0.1 + 0.2, 86_400_001, 1001),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  nasty,
  fc.integer({ min: 65, max: 70_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 3_000 }).map((n) => nest(n)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
);

/** Raw bodies that are not (valid) JSON or that JSON.parse struggles with. */
export const rawBodies: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '   ', 'null', 'true', '0', '-1', '"x"', '[]', '{}', '{"events":NaN}', '{"events":[Infinity]}', '{"a":1,}', '\uFEFF{}', '{"__proto__":{"x":1}}'),
  fc.integer({ min: 1, max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1, max: 200_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);

/** An object with one field replaced by a hostile value, one removed, or an unknown field added. */
export function mutate<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>): fc.Arbitrary<Record<string, unknown>> {
  const keyOf = (v: Record<string, unknown>) => (Object.keys(v).length ? fc.constantFrom(...Object.keys(v)) : fc.constant('x'));
  return fc.oneof(
    fc.tuple(valid, hostile).chain(([v, h]) => keyOf(v).map((k) => ({ ...v, [k]: h }))),
    valid.chain((v) => keyOf(v).map((k) => { const o: Record<string, unknown> = { ...v }; delete o[k]; return o; })),
    fc.tuple(valid, fc.string({ minLength: 1, maxLength: 12 }), hostile).map(([v, k, h]) => ({ ...v, [k]: h })),
  );
}

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,14}$/);
/** Registrable domains under real suffixes (and an occasional subdomain, which normalises away). */
export const domain = fc
  .tuple(fc.option(label, { nil: undefined }), label, fc.constantFrom('com', 'io', 'co.uk', 'de', 'org', 'com.au', 'fr'))
  .map(([sub, name, tld]) => `${sub ? sub + '.' : ''}fz${name}.${tld}`);

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const now = () => Date.now();

/** A valid canonical event per SPEC "Events" (unique id, company or visitor, every optional field in range). */
export const canonicalEvent = fc
  .record(
    {
      type: fc.constantFrom(...EVENT_TYPES),
      ts: fc.integer({ min: 0, max: 200 * 86_400_000 }).map((ago) => now() - ago),
      company: fc.record({ domain, name: fc.option(fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0), { nil: undefined }) }, { requiredKeys: ['domain'] }),
      visitor: fc.string({ minLength: 1, maxLength: 128 }),
      session: fc.string({ minLength: 1, maxLength: 128 }),
      category: fc.constantFrom(...CATEGORIES),
      form: fc.constantFrom(...FORM_KINDS),
      url: fc.string({ maxLength: 300 }),
      engagedMs: fc.integer({ min: 0, max: 86_400_000 }),
      scrollDepth: unit,
      completion: unit,
      attention: fc.double({ min: 0, max: 1000, noNaN: true }),
      sessionMs: fc.integer({ min: 0, max: 86_400_000 }),
    },
    { requiredKeys: ['type'] },
  )
  .filter((e) => e.company !== undefined || e.visitor !== undefined)
  .map((e) => ({ id: crypto.randomUUID(), ...e }));

const wireEvent = fc
  .record(
    {
      t: fc.constantFrom('pv', 'dl', 'fm', 'md', 'tl'),
      r: fc.constant(1),
      c: fc.constantFrom(...CATEGORIES),
      u: fc.string({ maxLength: 200 }),
      m: fc.integer({ min: 0, max: 86_400_000 }),
      d: unit,
      p: unit,
      w: fc.integer({ min: 0, max: 1_000_000 }),
      f: fc.constantFrom(...FORM_KINDS),
    },
    { requiredKeys: ['t'] },
  )
  .map((e) => ({ i: crypto.randomUUID(), ...e }));

/** A valid browser beacon for the public key `k` (1–20 events, under the 64 KiB limit). */
export const beacon = (k: string) =>
  fc
    .record(
      {
        v: fc.string({ minLength: 8, maxLength: 64 }),
        s: fc.string({ minLength: 1, maxLength: 64 }),
        sm: fc.integer({ min: 0, max: 86_400_000 }),
        a: fc.constant(1),
        id: fc.oneof(domain, fc.string({ minLength: 1, maxLength: 253 })),
        e: fc.array(wireEvent, { minLength: 1, maxLength: 20 }),
      },
      { requiredKeys: ['e'] },
    )
    .map((b) => ({ k, ...b }));

export const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));

const SITE_TABLES = [
  'events', 'companies', 'visitors', 'ledger', 'transitions', 'ip_ranges', 'webhooks', 'webhook_deliveries',
  'stats_stage_daily', 'stats_transitions_daily', 'stats_content_daily', 'stats_reach',
] as const;

/** Row counts of every per-site table, plus the site's stored rules and webhook row: equal before/after = nothing stored. */
export async function snapshot(siteId: string): Promise<string> {
  const db = env.DB;
  const res = await db.batch([
    ...SITE_TABLES.map((t) => db.prepare(`SELECT '${t}' AS t, COUNT(*) AS n FROM ${t} WHERE site_id = ?`).bind(siteId)),
    db.prepare('SELECT rules, origins FROM sites WHERE id = ?').bind(siteId),
    db.prepare('SELECT url, events, secret FROM webhooks WHERE site_id = ?').bind(siteId),
  ]);
  return JSON.stringify(res.map((r) => r.results));
}

/** Status classes a hostile request may get: never a 5xx. */
export const isClientError = (s: number) => s >= 400 && s < 500;
