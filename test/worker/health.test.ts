import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';
it('answers ok on /health', async () => {
  const res = await SELF.fetch('http://w.test/health');
  expect(await res.json()).toEqual({ ok: true });
});
