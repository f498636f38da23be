// The host lookup in front of every request: a failing database (down, or not migrated) is asked once per few seconds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostRoute } from '../../worker/personalize/hosts';

const failing = () => {
  const calls = { n: 0 };
  const db = {
    prepare: () => ({
      bind: () => ({
        first: async () => {
          calls.n++;
          throw new Error('D1_ERROR: no such table: personalize_hosts');
        },
      }),
    }),
  };
  return { db: db as unknown as D1Database, calls };
};

describe('personalized host lookup', () => {
  afterEach(() => vi.useRealTimers());

  it('answers "no route" when the database fails, and asks it again only after a few seconds', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { db, calls } = failing();
    for (let i = 0; i < 50; i++) expect(await hostRoute(db, 'api.unmigrated.test')).toBeNull();
    expect(calls.n).toBe(1);
    expect(error).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_001);
    await hostRoute(db, 'api.unmigrated.test');
    expect(calls.n).toBe(2);
    error.mockRestore();
  });
});
