// Tests: pure units run in Node; worker tests run in the real Workers runtime with real local D1.
import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { writeGenerated } from './scripts/build-snippet';

export default defineConfig(async () => {
  // The Worker serves the snippet from worker/generated/: built here, so `npm test` and `npx vitest run <file>` work on a
  // fresh clone and never test a stale snippet.
  await writeGenerated();
  const migrations = await readD1Migrations('./migrations');
  return {
    test: {
      projects: [
        { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', setupFiles: ['test/unit/setup.ts'] } },
        {
          test: {
            name: 'e2e',
            include: ['test/browser/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['test/browser/global-setup.ts'],
            testTimeout: 90_000,
            hookTimeout: 90_000,
            fileParallelism: false,
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  ADMIN_TOKEN: 'test-admin-token', TEST_MIGRATIONS: migrations,
                  // No network here: reverse DNS is off unless a test turns it on with a stub.
                  DOH_URL: '',
                  // Soak duration (test/worker/soak.test.ts) and fuzz runs per property: raise for a longer run.
                  SOAK_SECONDS: process.env.SOAK_SECONDS ?? '20', FUZZ_RUNS: process.env.FUZZ_RUNS ?? '150',
                },
                // PUBLIC_LIMIT as in wrangler.toml, plus a low limit the rate-limit test swaps in.
                ratelimits: {
                  PUBLIC_LIMIT: { namespace_id: '1001', simple: { limit: 600, period: 60 } },
                  TEST_LIMIT: { namespace_id: '1002', simple: { limit: 3, period: 60 } },
                },
              },
            }),
          ],
          // Files share a runtime per worker (one workerd start and one module graph per worker, not per file: ~3× less
          // setup); test/worker/setup.ts empties D1 before each file, so every file still starts from a fresh database.
          test: { name: 'worker', include: ['test/worker/**/*.test.ts'], setupFiles: ['test/worker/setup.ts'], isolate: false },
        },
      ],
    },
  };
});
