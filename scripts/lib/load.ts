// A small bounded load generator for loopback benchmarks: fixed concurrency, fixed duration, latency percentiles.
export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  rps: number;
  p50: number;
  p99: number;
  /** D1 round trips per request, read from Server-Timing desc (median), when the route reports it. */
  roundTrips: number | null;
  dbMs: number | null;
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Runs `make(i)` requests with `concurrency` in flight for `seconds` (and at most `maxRequests`). */
export async function load(make: (i: number) => Request, opts: { seconds: number; concurrency: number; maxRequests?: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const trips: number[] = [];
  const dbms: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  const max = opts.maxRequests ?? Infinity;
  async function lane() {
    while (performance.now() < end && next < max) {
      const req = make(next++);
      const t0 = performance.now();
      try {
        const res = await fetch(req);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 400) errors++;
        const st = res.headers.get('server-timing')?.match(/db;dur=([\d.]+);desc="(\d+)"/);
        if (st) {
          dbms.push(Number(st[1]));
          trips.push(Number(st[2]));
        }
      } catch {
        errors++;
      }
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  const elapsed = (performance.now() - start) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    rps: latencies.length / elapsed,
    p50: pct(sorted, 50),
    p99: pct(sorted, 99),
    roundTrips: trips.length ? median(trips) : null,
    dbMs: dbms.length ? median(dbms) : null,
  };
}
