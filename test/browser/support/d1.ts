// Reads the browser tests' local D1 through the Worker they drive (GET /__bench/sql, BENCH=1 in global setup).
import { inject } from 'vitest';

/** The rows of one SELECT against the Worker's D1: one HTTP round trip, no wrangler subprocess. */
export async function d1Rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const res = await fetch(`${inject('workerUrl')}/__bench/sql?q=${encodeURIComponent(sql)}`);
  if (!res.ok) throw new Error(`/__bench/sql answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { rows: T[] }).rows;
}
