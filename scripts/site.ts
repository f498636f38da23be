// npm run site -- create --name "Acme" --origin https://www.acme.com [--origin …] [--remote]   (also: list)
// Creates a site straight in D1 (local by default, --remote for the deployed database) and prints its keys once.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomKey, sha256Hex } from '../worker/lib/keys';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, origin: { type: 'string', multiple: true, default: [] }, remote: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
});
// --remote uses the ids npm run deploy wrote (wrangler.deploy.toml, untracked) when it exists.
const where = values.remote ? ['--remote', ...(existsSync('wrangler.deploy.toml') ? ['--config', 'wrangler.deploy.toml'] : [])] : ['--local'];
const usage = `usage: npm run site -- create --name <name> --origin <https://www.example.com> [--origin …] [--remote]
       npm run site -- list [--remote]`;
const sql = (s: string) => `'${s.replace(/'/g, "''")}'`;

function d1(command: string): Record<string, unknown>[] {
  const out = execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'd1', 'execute', 'DB', ...where, '--json', '--command', command], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  });
  return (JSON.parse(out) as { results: Record<string, unknown>[] }[]).at(-1)?.results ?? [];
}

function origins(list: string[]): string[] {
  return list.map((o) => {
    const u = new URL(o);
    if (!/^https?:$/.test(u.protocol) || (u.pathname !== '/' && u.pathname !== '')) throw new Error(`not an origin: ${o} (expected https://www.example.com)`);
    return u.origin;
  });
}

async function create() {
  if (!values.name?.trim()) throw new Error('--name is required');
  if (!values.remote) execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'd1', 'migrations', 'apply', 'DB', '--local'], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  const site = { id: randomKey('site'), publicKey: randomKey('pk'), secretKey: randomKey('sk') };
  d1(`INSERT INTO sites (id, name, public_key, secret_hash, origins, rules, created_at) VALUES (${sql(site.id)}, ${sql(values.name.trim())},
    ${sql(site.publicKey)}, ${sql(await sha256Hex(site.secretKey))}, ${sql(JSON.stringify(origins(values.origin!)))}, '{}', ${Date.now()})`);
  console.log(`Site created (${values.remote ? 'remote' : 'local'} D1).

  Site id      ${site.id}
  Public key   ${site.publicKey}
  Secret key   ${site.secretKey}   ← shown once; only its SHA-256 is stored

  Tag:  <script defer src="https://<your-worker>/w.js" data-site="${site.publicKey}"></script>
        (/w.js?forms also tracks form submits; docs/snippet.md)`);
}

function list() {
  for (const r of d1('SELECT id, name, public_key, origins, created_at FROM sites ORDER BY created_at'))
    console.log(`${r.id}  ${r.public_key}  ${r.name}  ${r.origins}`);
}

try {
  if (values.help || !positionals[0]) console.log(usage);
  else if (positionals[0] === 'create') await create();
  else if (positionals[0] === 'list') list();
  else throw new Error(`unknown command ${positionals[0]}\n${usage}`);
} catch (err) {
  const e = err as Error & { stderr?: string };
  console.error(`site: ${e.stderr?.trim() || e.message}`);
  process.exit(1);
}
