// The Worker's size budget, asserted: esbuild bundles worker/index.ts the way wrangler does (minified, workerd conditions).
import * as esbuild from 'esbuild';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUDGET } from '../../scripts/bundle';

describe('Worker bundle', () => {
  it(`stays ≤ ${BUDGET.gzipKiB} KiB gzip, with no mail-domain list and no zod locale but English inside`, { timeout: 60_000 }, async () => {
    const r = await esbuild.build({
      entryPoints: ['worker/index.ts'], bundle: true, minify: true, write: false, metafile: true, format: 'esm', platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'], external: ['cloudflare:*', 'node:*'],
      jsx: 'automatic', jsxImportSource: 'hono/jsx', outfile: 'bundle.js', logLevel: 'silent',
    });
    const out = Object.values(r.metafile.outputs)[0]!.inputs;
    const inputs = Object.keys(out).filter((f) => out[f]!.bytesInOutput > 0);
    // `import { z } from 'zod'` keeps the whole z object, 64 locales included: import it as `import * as z from 'zod'`.
    expect(inputs.filter((f) => /zod\/v4\/locales\/(?!en\.js|index\.js)/.test(f))).toEqual([]);
    expect(inputs.filter((f) => /disposable|free-email|mailchecker|burner|email-providers\/all/.test(f))).toEqual([]);
    const kib = gzipSync(r.outputFiles[0]!.contents, { level: 9 }).length / 1024;
    expect(kib).toBeLessThanOrEqual(BUDGET.gzipKiB);
  });
});
