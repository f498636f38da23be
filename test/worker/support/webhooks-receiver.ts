// A stub webhook receiver for Worker tests: replaces global fetch for one host and records what it was sent.
import { vi } from 'vitest';

export interface Received { url: string; headers: Headers; body: string }

/**
 * Answers POSTs to `https://<host>/…` with the next status of `statuses` (the last one repeats) and
 * records each; any other URL fails like an unreachable network.
 */
export function stubReceiver(host: string, statuses: number[] = [200]) {
  const received: Received[] = [];
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input as RequestInfo, init);
    if (new URL(req.url).host !== host) return real(input as RequestInfo, init);
    received.push({ url: req.url, headers: req.headers, body: await req.text() });
    const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
    return new Response(status === 204 ? null : 'ok', { status });
  });
  return { received, restore: () => spy.mockRestore() };
}

/** Polls until `check` is true (or throws after `ms`). */
export async function until(check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
