// Per-isolate serialisation of ingest writes per site: spares concurrent requests in one isolate the retries of
// the optimistic version check, which remains what keeps writers in different isolates correct.
const tails = new Map<string, Promise<unknown>>();

export async function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const tail = run.catch(() => {});
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
