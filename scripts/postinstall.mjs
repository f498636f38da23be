// Applies patches/ (the test pool's upstream fix, docs/architecture.md) in a development checkout; a no-op where the
// dev dependencies are absent (waymark installed as a dependency for its types, or `npm ci --omit=dev`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const bin = 'node_modules/.bin/patch-package';
if (existsSync('node_modules/@cloudflare/vitest-pool-workers') && existsSync(bin)) {
  execFileSync(bin, ['--error-on-fail'], { stdio: 'inherit' });
}
