import { describe, expect, it } from 'vitest';
import { dedupeBatch, figuresOf, raised } from '../../worker/ingest/plan';
import type { IngestEvent } from '../../worker/ingest/types';

const pv = (fields: Partial<IngestEvent> = {}): IngestEvent => ({ id: 'a', type: 'pageview', ts: 1000, category: 'blog', ...fields });

describe('engagement updates', () => {
  it('raise figures only upward and keep the stored time, category and session', () => {
    const stored = pv({ engagedMs: 10_000, completion: 0.5, session: 's1' });
    expect(raised(stored, pv({ ts: 9999, engagedMs: 30_000, completion: 0.4, category: 'pricing' }))).toEqual(
      pv({ engagedMs: 30_000, completion: 0.5, session: 's1' }),
    );
  });

  it('are no change when no figure rose', () => {
    expect(raised(pv({ engagedMs: 10_000 }), pv({ engagedMs: 5_000 }))).toBeNull();
    expect(raised(pv({ engagedMs: 10_000 }), pv())).toBeNull();
  });

  it('name the stored figures as `previous` for the engine', () => {
    expect(figuresOf(pv({ engagedMs: 1, attention: 0.2 }))).toEqual({ engagedMs: 1, attention: 0.2 });
  });
});

describe('a batch with repeated ids', () => {
  it('keeps the first, counts plain repeats as duplicates and merges updates upward', () => {
    const { unique, duplicates } = dedupeBatch([
      pv({ engagedMs: 1_000 }), pv({ engagedMs: 99_000 }), pv({ engagedMs: 20_000, update: true }), pv({ id: 'b' }),
    ]);
    expect(duplicates).toBe(1);
    expect(unique).toEqual([pv({ engagedMs: 20_000 }), pv({ id: 'b' })]);
  });
});
