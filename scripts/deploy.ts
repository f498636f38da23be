// npm run deploy: apply the D1 migrations to the remote database, then deploy the Worker (docs/operations.md).
// `npm run deploy -- --dry-run` only bundles (no account needed); other arguments go to `wrangler deploy`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const wrangler = resolve(root, 'node_modules/.bin/wrangler');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');

function run(step: string, cmd: string[]): void {
  console.log(`\n▶ ${step}: wrangler ${cmd.join(' ')}`);
  const r = spawnSync(wrangler, cmd, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✗ ${step} failed (exit ${r.status ?? r.signal}). Nothing after it ran.`);
    process.exit(r.status ?? 1);
  }
}

const toml = readFileSync(resolve(root, 'wrangler.toml'), 'utf8');
if (!dryRun && /database_id\s*=\s*"0{8}-0{4}-0{4}-0{4}-0{12}"/.test(toml)) {
  console.error(`wrangler.toml still has the placeholder D1 database_id. First:
  npx wrangler login
  npx wrangler d1 create waymark          # paste the printed database_id into wrangler.toml
  npx wrangler queues create waymark-beacons
  npx wrangler queues create waymark-beacons-dlq
  npx wrangler queues create waymark-webhooks
  npx wrangler secret put ADMIN_TOKEN     # a long random string; POST /v1/sites needs it
then run npm run deploy again.`);
  process.exit(1);
}

if (dryRun) {
  run('bundle', ['deploy', '--dry-run', '--outdir', '.wrangler/deploy-dry-run', ...args.filter((a) => a !== '--dry-run')]);
} else {
  // Migrations first: the new code may read tables or columns the old schema lacks. They are additive,
  // so the Worker still running meanwhile keeps working.
  run('migrations', ['d1', 'migrations', 'apply', 'DB', '--remote']);
  run('deploy', ['deploy', ...args]);
  console.log('\n✓ Deployed. Create your first site: npm run site -- create --remote --name "Acme" --origin https://www.acme.com');
}
