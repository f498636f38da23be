import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/index';

const doc = async () => (await (await SELF.fetch('https://w.test/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };

describe('GET /openapi.json', () => {
  it('answers the OpenAPI 3.1 document (validated in test/unit/openapi.test.ts)', async () => {
    expect((await doc()).openapi).toBe('3.1.0');
  });

  it('lists every mounted route with its method', async () => {
    const { paths } = await doc();
    const mounted = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`))];
    const missing = mounted.filter((m) => {
      const [method, path] = m.split(' ') as [string, string];
      return !paths[path]?.[method];
    });
    expect(missing).toEqual([]);
    expect(mounted.length).toBeGreaterThan(30);
  });

  it('declares the error shape on every JSON error status (the dashboard answers browsers with HTML pages)', async () => {
    const { paths } = await doc();
    for (const ops of Object.values(paths))
      for (const op of Object.values(ops) as { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }[])
        for (const [status, res] of Object.entries(op.responses))
          if ((status === 'default' || Number(status) >= 400) && res.content?.['application/json']) expect(res.content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
  });
});
