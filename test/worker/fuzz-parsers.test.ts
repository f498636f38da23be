// Property tests on the parsers themselves: for any input they answer (a result or a validation error), never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipToHex, parseCidr } from '../../worker/identity/cidr';
import { companyDomain, registrableDomain } from '../../worker/identity/domain';
import { canonicalEvent as eventSchema, eventBatch } from '../../worker/ingest/validate';
import { decodeBeacon, wireBeacon } from '../../worker/ingest/wire';
import { resolveRules } from '../../worker/scoring';
import { beacon, canonicalEvent, hostile, mutate } from './support/fuzz-arbitraries';

const anyInput = fc.oneof(hostile, fc.anything({ maxDepth: 3 }));
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 5000 }).map((n) => 'a.'.repeat(n)));

describe('parsers never throw', () => {
  it('wire beacons: safeParse answers for anything; decodeBeacon maps every valid beacon', () => {
    fc.assert(fc.property(fc.oneof(anyInput, mutate(beacon('pk_x'))), (v) => void wireBeacon().safeParse(v)), { numRuns: 500 });
    fc.assert(fc.property(beacon('pk_x'), (b) => {
      const parsed = wireBeacon().safeParse(b);
      expect(parsed.success).toBe(true);
      const d = decodeBeacon(parsed.data!, Date.now());
      expect(d.events).toHaveLength(b.e.length);
      for (const e of d.events) if (e.attention !== undefined) expect(Number.isFinite(e.attention)).toBe(true);
    }), { numRuns: 300 });
  });

  it('canonical events: safeParse answers for anything; every generated valid event parses', () => {
    fc.assert(fc.property(fc.oneof(anyInput, mutate(canonicalEvent)), (v) => void eventSchema().safeParse(v)), { numRuns: 500 });
    fc.assert(fc.property(anyInput, (v) => void eventBatch().safeParse({ events: [v] })), { numRuns: 300 });
    fc.assert(fc.property(canonicalEvent, (e) => { expect(eventSchema().safeParse(e).success).toBe(true); }), { numRuns: 300 });
  });

  it('rule overrides: resolveRules answers ok or field errors for anything', () => {
    fc.assert(fc.property(anyInput, (v) => {
      const r = resolveRules(v);
      if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });

  it('domains and CIDRs: no input throws', () => {
    fc.assert(fc.property(text, (s) => {
      registrableDomain(s);
      companyDomain(s);
      ipToHex(s);
      parseCidr(s);
      parseCidr(`${s}/24`);
    }), { numRuns: 500 });
  });
});
