// The personalizing edge: pages of a registered host come from its origin, HTML rewritten for the visitor's stage
// as it streams; everything else passes through untouched; a slow or failed lookup and a dead origin fail open.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { api, event, postEvents } from './helpers';
import { html, PAGE, personalizedSite, stubOrigin } from './support/personalize-origin';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const browser = (ip: string, ua = CHROME) => ({ accept: 'text/html,application/xhtml+xml', 'accept-language': 'en-GB', 'user-agent': ua, 'cf-connecting-ip': ip });
let restore: (() => void) | undefined;
afterEach(() => restore?.());

function origin(host: string, handler: Parameters<typeof stubOrigin>[1]) {
  const stub = stubOrigin(host, handler);
  restore = stub.restore;
  return stub;
}

/** A site whose visitors from 203.0.113.0/24 are Evalco, a company in Evaluation (a demo request). */
async function evaluationSite(opts: Parameters<typeof personalizedSite>[0] = {}) {
  const site = await personalizedSite(opts);
  expect((await api(site.secretKey, '/v1/ip-ranges', { body: { cidr: '203.0.113.0/24', domain: 'evalco.com', name: 'Evalco' } })).status).toBeLessThan(300);
  expect((await postEvents(site, [event({ type: 'form', form: 'demo', category: undefined, company: { domain: 'evalco.com' } })])).status).toBe(200);
  return site;
}

async function withEnv(req: Request, patch: Record<string, unknown>) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req, { ...env, ...patch } as any, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A D1 whose every query waits `ms` first (or fails, with ms < 0). */
function slowDb(db: D1Database, ms: number): D1Database {
  const wait = () => (ms < 0 ? Promise.reject(new Error('D1 is down')) : new Promise((r) => setTimeout(r, ms)));
  const stmt = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, { get: (t, p) => (p === 'bind' ? (...a: unknown[]) => stmt(t.bind(...a)) : ['first', 'all', 'run', 'raw'].includes(p as string) ? async (...a: unknown[]) => (await wait(), (t as any)[p](...a)) : (t as any)[p]) });
  return new Proxy(db, { get: (t, p) => (p === 'prepare' ? (sql: string) => stmt(t.prepare(sql)) : p === 'batch' ? async (s: D1PreparedStatement[]) => (await wait(), t.batch(s)) : (t as any)[p]) });
}

describe('personalized HTML', () => {
  it('a visitor of a company in Evaluation gets the Evaluation call to action, the stage on <html> and the tag', async () => {
    const site = await evaluationSite();
    const o = origin(site.originHost, () => html(PAGE));
    const res = await SELF.fetch(`https://${site.host}/pricing?x=1`, { headers: browser('203.0.113.7') });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<html lang="en" data-waymark-stage="evaluation">');
    expect(body).toContain('id="eval-cta"');
    expect(body).not.toContain('id="default-cta"');
    expect(body).not.toContain('id="hello"');
    expect(body).toContain(`<script defer src="http://w.test/w.js" data-site="${site.publicKey}"></script></head>`);
    expect(o.seen[0].url).toBe(`https://${site.originHost}/pricing?x=1`);
    expect(res.headers.get('server-timing')).toMatch(/waymark;dur=[\d.]+;desc="(hit|miss)"/);
  });

  it('an unknown visitor gets the default: stage unknown, stage-only elements removed', async () => {
    const site = await evaluationSite();
    origin(site.originHost, () => html(PAGE));
    const body = await (await SELF.fetch(`https://${site.host}/`, { headers: browser('198.51.100.4') })).text();
    expect(body).toContain('data-waymark-stage="unknown"');
    expect(body).toContain('id="default-cta"');
    expect(body).toContain('id="hello"');
    expect(body).not.toContain('id="eval-cta"');
  });

  it('a bot is an unknown visitor, whatever its address', async () => {
    const site = await evaluationSite();
    origin(site.originHost, () => html(PAGE));
    const body = await (await SELF.fetch(`https://${site.host}/`, { headers: browser('203.0.113.7', 'Googlebot/2.1 (+http://www.google.com/bot.html)') })).text();
    expect(body).toContain('data-waymark-stage="unknown"');
  });

  it('injects no tag when the page has one, or when the site opted out', async () => {
    const site = await personalizedSite();
    const page = PAGE.replace('</head>', '<script defer src="https://cdn.example/w.js" data-site="pk_x"></script></head>');
    origin(site.originHost, () => html(page));
    const body = await (await SELF.fetch(`https://${site.host}/`, { headers: browser('198.51.100.5') })).text();
    expect(body.match(/w\.js/g)).toHaveLength(1);
    restore!();
    const optOut = await personalizedSite({ injectTag: false });
    origin(optOut.originHost, () => html(PAGE));
    expect(await (await SELF.fetch(`https://${optOut.host}/`, { headers: browser('198.51.100.5') })).text()).not.toContain('<script');
  });

  it('a second page view of the visitor is a cache hit: 0 D1 round trips', async () => {
    const site = await evaluationSite();
    origin(site.originHost, () => html(PAGE));
    await (await SELF.fetch(`https://${site.host}/`, { headers: browser('203.0.113.8') })).text();
    let timing = '';
    for (let i = 0; i < 20 && !timing.includes('desc="hit"'); i++) {
      const res = await SELF.fetch(`https://${site.host}/`, { headers: browser('203.0.113.8') });
      expect(await res.text()).toContain('data-waymark-stage="evaluation"');
      timing = res.headers.get('server-timing') ?? '';
    }
    expect(timing).toMatch(/db;dur=[\d.]+;desc="0", waymark;dur=[\d.]+;desc="hit"/);
  });
});

describe('fail open', () => {
  it('a lookup over its budget serves the page untouched, stage unknown (and the lookup still fills the cache)', async () => {
    const site = await evaluationSite({ budgetMs: 30 });
    const plain = '<!doctype html><html><head><title>t</title><script defer src="/w.js" data-site="pk"></script></head><body><p>Same bytes</p></body></html>';
    origin(site.originHost, () => html(plain));
    const req = (ua: string) => new Request(`https://${site.host}/`, { headers: browser('203.0.113.9', ua) });
    await withEnv(req(CHROME), {}); // warms this isolate's host, site and salt caches
    const res = await withEnv(req(`${CHROME} slow`), { DB: slowDb(env.DB, 300) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(plain.replace('<html>', '<html data-waymark-stage="unknown">'));
    expect(res.headers.get('server-timing')).toContain('desc="timeout"');
    // The late answer was cached: the next view of that visitor is personalized with no D1 round trip.
    const next = await withEnv(req(`${CHROME} slow`), { DB: slowDb(env.DB, 300) });
    expect(await next.text()).toContain('data-waymark-stage="evaluation"');
  });

  it('a failing lookup (D1 down) serves the page as to an unknown visitor', async () => {
    const site = await evaluationSite();
    origin(site.originHost, () => html(PAGE));
    const req = (ua: string) => new Request(`https://${site.host}/`, { headers: browser('203.0.113.10', ua) });
    await withEnv(req(CHROME), {});
    const res = await withEnv(req(`${CHROME} broken`), { DB: slowDb(env.DB, -1) });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('data-waymark-stage="unknown"');
    expect(body).toContain('id="default-cta"');
    expect(res.headers.get('server-timing')).toContain('desc="error"');
  });

  it('origin down: 502 with a clear small HTML page, not a Worker exception', async () => {
    const site = await personalizedSite();
    origin(site.originHost, () => Promise.reject(new TypeError('Network connection lost')));
    const res = await SELF.fetch(`https://${site.host}/`, { headers: browser('198.51.100.6') });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    expect(body).toContain('This site is not answering right now');
    expect(body.length).toBeLessThan(1024);
    expect(body).not.toContain(site.originHost);
  });
});

describe('pass-through', () => {
  it('non-HTML answers are untouched: same bytes, type and headers, no lookup', async () => {
    const site = await personalizedSite();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 1, 2, 3]);
    origin(site.originHost, (req) =>
      new URL(req.url).pathname === '/logo.png'
        ? new Response(png, { headers: { 'content-type': 'image/png', etag: '"abc"', 'cache-control': 'public, max-age=600' } })
        : new Response('{"a":"<html data-waymark-show=\\"x\\">"}', { headers: { 'content-type': 'application/json' } }),
    );
    const img = await SELF.fetch(`https://${site.host}/logo.png`, { headers: browser('198.51.100.7') });
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(png);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('etag')).toBe('"abc"');
    expect(img.headers.get('cache-control')).toBe('public, max-age=600');
    expect(img.headers.get('server-timing')).toBeNull();
    const json = await SELF.fetch(`https://${site.host}/api`, { headers: browser('198.51.100.7') });
    expect(await json.text()).toBe('{"a":"<html data-waymark-show=\\"x\\">"}');
  });

  it('keeps status, every Set-Cookie and caching headers; forwards method, body and headers minus hop-by-hop', async () => {
    const site = await personalizedSite();
    const o = origin(site.originHost, () => {
      const h = new Headers({ 'content-type': 'text/html', 'cache-control': 'private, max-age=60', etag: 'W/"1"', 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT' });
      h.append('set-cookie', 'a=1; Path=/; HttpOnly');
      h.append('set-cookie', 'b=2; Path=/; Secure');
      return new Response('<html><head></head><body>created</body></html>', { status: 201, headers: h });
    });
    const res = await SELF.fetch(`https://${site.host}/form?q=1`, {
      method: 'POST', body: 'name=Jo', headers: { ...browser('198.51.100.8'), 'content-type': 'application/x-www-form-urlencoded', cookie: 'sid=9', connection: 'keep-alive, x-private', 'x-private': 'hop', 'keep-alive': 'timeout=5' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.getAll('set-cookie')).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; Secure']);
    expect(res.headers.get('cache-control')).toBe('private, max-age=60');
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(res.headers.get('last-modified')).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
    expect(await res.text()).toContain('data-waymark-stage="unknown"');
    const sent = o.seen[0];
    expect(sent.method).toBe('POST');
    expect(o.bodies[0]).toBe('name=Jo');
    expect(sent.headers.get('cookie')).toBe('sid=9');
    expect(sent.headers.get('x-forwarded-host')).toBe(site.host);
    expect(sent.headers.get('x-private')).toBeNull();
    expect(sent.headers.get('keep-alive')).toBeNull();
  });

  it("an origin redirect to itself points back at the public host; other redirects pass as they are", async () => {
    const site = await personalizedSite();
    origin(site.originHost, (req) => new Response(null, { status: 301, headers: { location: new URL(req.url).pathname === '/old' ? `https://${site.originHost}/new?a=1` : 'https://elsewhere.test/' } }));
    const res = await SELF.fetch(`https://${site.host}/old`, { redirect: 'manual', headers: browser('198.51.100.9') });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`https://${site.host}/new?a=1`);
    const away = await SELF.fetch(`https://${site.host}/x`, { redirect: 'manual', headers: browser('198.51.100.9') });
    expect(away.headers.get('location')).toBe('https://elsewhere.test/');
  });

  it('streams: the first bytes of a large or endless answer arrive before the origin has finished', async () => {
    const site = await personalizedSite();
    for (const type of ['text/html', 'text/event-stream']) {
      let finish!: () => void;
      const finished = new Promise<void>((r) => (finish = r));
      origin(site.originHost, () => new Response(new ReadableStream({
        async start(c) {
          c.enqueue(new TextEncoder().encode(type === 'text/html' ? '<html><head></head><body><p>first chunk</p>' : 'data: first chunk\n\n'));
          await finished;
          c.enqueue(new TextEncoder().encode('</body></html>'));
          c.close();
        },
      }), { headers: { 'content-type': type } }));
      const res = await SELF.fetch(`https://${site.host}/stream`, { headers: browser('198.51.100.10') });
      const reader = res.body!.getReader();
      // Read until the first chunk's text shows up; buffering would hold it until finish(), past the deadline.
      let got = '';
      const deadline = new Promise<'buffered'>((r) => setTimeout(() => r('buffered'), 2000));
      while (!got.includes('first chunk')) {
        const next = await Promise.race([reader.read(), deadline]);
        expect(next, type).not.toBe('buffered');
        got += new TextDecoder().decode((next as ReadableStreamReadResult<Uint8Array>).value);
      }
      finish();
      while (!(await reader.read()).done);
      restore!();
    }
  });

  it('hosts that are not registered reach the API as before', async () => {
    expect(await (await SELF.fetch('https://unregistered.test/health')).json()).toEqual({ ok: true });
  });
});
