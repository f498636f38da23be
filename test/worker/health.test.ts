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

it('hides the bench floor route unless the Worker runs under npm run bench', async () => {
  const res = await SELF.fetch('http://w.test/__bench/d1?trips=1');
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
});
