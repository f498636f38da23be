// Runs the Worker locally with wrangler (real local D1 and Queues): used by npm start, browser tests and the bench.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const WRANGLER = ['node_modules/wrangler/bin/wrangler.js'];

function wrangler(args: string[], opts: { quiet?: boolean } = {}): string {
  return execFileSync(process.execPath, [...WRANGLER, ...args], {
    encoding: 'utf8',
    stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  });
}

export function applyLocalMigrations(persistTo?: string): void {
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...(persistTo ? ['--persist-to', persistTo] : [])], { quiet: true });
}

/** Runs SQL against the local D1 and returns the rows of the last statement. */
export function localSql<T = Record<string, unknown>>(sql: string, persistTo?: string): T[] {
  const out = wrangler(['d1', 'execute', 'DB', '--local', '--json', '--command', sql, ...(persistTo ? ['--persist-to', persistTo] : [])], { quiet: true });
  const parsed = JSON.parse(out) as { results: T[] }[];
  return parsed.at(-1)?.results ?? [];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface LocalWorker {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `wrangler dev` and resolves once /health answers. Logs go to the parent only when `inheritLogs`, and to
 * `onLog` as they come; `config`: other wrangler config files than wrangler.toml (the first is the Worker served, the
 * others run beside it); `env` adds to wrangler's environment.
 */
export async function startLocalWorker(opts: { port?: number; persistTo?: string; vars?: Record<string, string>; inheritLogs?: boolean; config?: string[]; onLog?: (text: string) => void; env?: Record<string, string> } = {}): Promise<LocalWorker> {
  const port = opts.port ?? (await freePort());
  const vars = Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const args = [...WRANGLER, 'dev', '--port', String(port), '--ip', '127.0.0.1', '--show-interactive-dev-session=false',
    '--inspector-port', String(await freePort()), ...(opts.persistTo ? ['--persist-to', opts.persistTo] : []), ...(opts.config ?? []).flatMap((c) => ['--config', c]), ...vars];
  const child = spawn(process.execPath, args, {
    stdio: opts.inheritLogs ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', ...opts.env },
    detached: false,
  });
  let log = '';
  const onData = (d: Buffer) => ((log = (log + d).slice(-8000)), opts.onLog?.(String(d)));
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`wrangler dev did not answer /health within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** Creates a site through the admin API of a running Worker. */
export async function createSite(url: string, adminToken: string, name: string, origins: string[]) {
  const res = await fetch(`${url}/v1/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, origins }),
  });
  if (!res.ok) throw new Error(`POST /v1/sites → ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; publicKey: string; secretKey: string };
}
