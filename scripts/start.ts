// npm start: local Worker with local D1 (migrations applied), a demo site, and its URLs and keys printed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomKey, sha256Hex } from '../worker/lib/keys';
import { applyLocalMigrations, localSql, startLocalWorker } from './lib/local-worker';

const port = Number(process.env.PORT ?? 8787);
const simulate = process.argv.includes('--simulate');
const DEMO_FILE = '.wrangler/demo-site.json';
// The demo site again, through the personalizing edge (Chromium and curl resolve *.localhost to this machine).
const EDGE_HOST = 'demo.localhost';
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

function adminToken(): string {
  const existing = existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8').match(/^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m)?.[1] : undefined;
  if (existing) return existing;
  const token = randomKey('sk').replace('sk_', 'adm_');
  writeFileSync('.dev.vars', `${existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : ''}ADMIN_TOKEN="${token}"\n`);
  return token;
}

interface DemoSite { id: string; publicKey: string; secretKey: string }

/** The demo site is created once (its secret is kept in .wrangler/ so it can be printed again); its origins follow PORT. */
async function demoSite(): Promise<DemoSite> {
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://${EDGE_HOST}:${port}`];
  const saved: DemoSite | undefined = existsSync(DEMO_FILE) ? JSON.parse(readFileSync(DEMO_FILE, 'utf8')) : undefined;
  if (saved) {
    const rows = localSql<{ origins: string }>(`SELECT origins FROM sites WHERE id = ${sqlText(saved.id)}`);
    if (rows.length) {
      const merged = [...new Set([...JSON.parse(rows[0].origins), ...origins])];
      localSql(`UPDATE sites SET origins = ${sqlText(JSON.stringify(merged))} WHERE id = ${sqlText(saved.id)}`);
      return saved;
    }
  }
  const site: DemoSite = { id: randomKey('site'), publicKey: randomKey('pk'), secretKey: randomKey('sk') };
  localSql(`INSERT INTO sites (id, name, public_key, secret_hash, origins, rules, created_at) VALUES (${sqlText(site.id)}, 'Demo site', ${sqlText(site.publicKey)}, ${sqlText(await sha256Hex(site.secretKey))}, ${sqlText(JSON.stringify(origins))}, '{}', ${Date.now()})`);
  mkdirSync('.wrangler', { recursive: true });
  writeFileSync(DEMO_FILE, JSON.stringify(site, null, 2));
  return site;
}

const token = adminToken();
console.log('Applying migrations to the local D1…');
applyLocalMigrations();
const site = await demoSite();
const worker = await startLocalWorker({ port, vars: { DEMO_PUBLIC_KEY: site.publicKey, ALLOW_LOCAL_WEBHOOKS: '1', PERSONALIZE_LOCAL_HTTP: '1' }, inheritLogs: true });
const base = `http://localhost:${port}`;
// Pages of demo.localhost come from this Worker's own /demo and arrive with the visitor's call to action already chosen.
const edge = await fetch(`${base}/v1/personalize`, {
  method: 'PUT',
  headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
  body: JSON.stringify({ origin: base, hosts: [EDGE_HOST] }),
});
if (!edge.ok) console.error(`PUT /v1/personalize failed: ${edge.status} ${await edge.text()}`);
console.log(`
  Waymark is running on ${base} (local Worker, local D1 in .wrangler/)

  Demo website   ${base}/demo
  Personalized   http://${EDGE_HOST}:${port}/demo   (the same site through the edge: the call to action is chosen before first paint)
  Dashboard      ${base}/dashboard   (sign in with the secret key)
  Snippet        ${base}/w.js

  Demo site      ${site.id}
  Public key     ${site.publicKey}
  Secret key     ${site.secretKey}
  Admin token    ${token}   (from .dev.vars)

  Tag:  <script defer src="${base}/w.js" data-site="${site.publicKey}"></script>
        (/w.js?forms also tracks form submits, as the demo site does; docs/snippet.md)
  Try:  curl -H "Authorization: Bearer ${site.secretKey}" "${base}/v1/companies?limit=5"
  Fill the dashboard with simulated journeys:
        npm run simulate -- --url ${base} --key ${site.secretKey}
`);

if (simulate) spawnSync('npm', ['run', 'simulate', '--', '--url', base, '--key', site.secretKey], { stdio: 'inherit' });

for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void worker.stop().then(() => process.exit(0)));
worker.process.on('exit', (code) => process.exit(code ?? 0));
