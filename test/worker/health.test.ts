import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';
it('answers ok on /health', async () => {
  const res = await SELF.fetch('http://w.test/health');
  expect(await res.json()).toEqual({ ok: true });
});

it('answers the browser favicon request with an empty 204, not a 404', async () => {
  const res = await SELF.fetch('http://w.test/favicon.ico');
  expect(res.status).toBe(204);
  expect(await res.text()).toBe('');
});
