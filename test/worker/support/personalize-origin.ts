// Helpers for the personalizing edge tests: a stubbed origin server (global fetch for one host) and a registered host.
import { vi } from 'vitest';
import { api, createSite, type TestSite } from '../helpers';

export const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title></head><body>
<h1>Acme</h1>
<p data-waymark-hide="evaluation ready" id="default-cta">Read the guide</p>
<p data-waymark-show="evaluation ready" id="eval-cta">Book a demo</p>
<p data-waymark-show="unknown" id="hello">Hello stranger</p>
</body></html>`;

/** Replaces fetch for `https://<host>`: `handler` answers; every request it saw is recorded. */
export function stubOrigin(host: string, handler: (req: Request) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const bodies: string[] = [];
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input as RequestInfo, init);
    if (new URL(req.url).host !== host) return real(input as RequestInfo, init);
    seen.push(req);
    bodies.push(req.body ? await req.clone().text() : '');
    return handler(req);
  });
  return { seen, bodies, restore: () => spy.mockRestore() };
}

/** A site whose host `www.<id>.test` is personalized from `https://origin.<id>.test`. */
export async function personalizedSite(opts: { injectTag?: boolean; budgetMs?: number } = {}): Promise<TestSite & { host: string; originHost: string }> {
  const site = await createSite();
  const id = crypto.randomUUID().slice(0, 8);
  const host = `www.${id}.test`;
  const originHost = `origin.${id}.test`;
  const res = await api(site.secretKey, '/v1/personalize', { method: 'PUT', body: { origin: `https://${originHost}`, hosts: [host], ...opts } });
  if (res.status !== 200) throw new Error(`PUT /v1/personalize → ${res.status} ${await res.text()}`);
  return { ...site, host, originHost };
}

export const html = (body: string, headers: Record<string, string> = {}, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
