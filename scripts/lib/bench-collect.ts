// The collect route measured apart from its queue consumer (as on Cloudflare, where the consumer runs in its own
// invocations), and the consumer's own throughput, read from the local queue broker's log of the main Worker.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Writes a copy of wrangler.toml whose beacon queues have no consumer: the route still serialises every beacon and
 * sends it to the local queue broker, which then drops it instead of handing it to a consumer on the same cores.
 * `queueStub`: BEACONS is a service binding to scripts/lib/queue-stub.ts instead (no broker at all). Returns the
 * config files for `wrangler dev --config …`.
 */
export function configWithoutBeaconConsumer(dir: string, opts: { queueStub?: boolean } = {}): string[] {
  const root = resolve('.');
  const blocks = readFileSync('wrangler.toml', 'utf8').split(/\n(?=\[)/);
  const kept = blocks
    .filter((b) => !(b.startsWith('[[queues.consumers]]') && /queue = "waymark-beacons/.test(b)) && !b.startsWith('[build]'))
    .map((b) => b
      .replace(/^main = "(.+)"/m, (_, p) => `main = "${join(root, p)}"`)
      .replace(/^directory = "(.+)"/m, (_, p) => `directory = "${join(root, p)}"`)
      .replace(/^migrations_dir = "(.+)"/m, (_, p) => `migrations_dir = "${join(root, p)}"`));
  const path = join(dir, 'wrangler.bench-collect.toml');
  if (!opts.queueStub) return writeFileSync(path, kept.join('\n')), [path];
  // The beacon producer replaced by a service binding to scripts/lib/queue-stub.ts (a second config, same process).
  const stubbed = kept.map((b) => (/^\[\[queues\.producers\]\]\nbinding = "BEACONS"/.test(b) ? '[[services]]\nbinding = "BEACONS"\nservice = "waymark-queue-stub"\n' : b));
  writeFileSync(path, stubbed.join('\n'));
  const stub = join(dir, 'wrangler.queue-stub.toml');
  const date = blocks[0].match(/^compatibility_date = .+$/m)?.[0] ?? ''; // the Worker's own
  writeFileSync(stub, `name = "waymark-queue-stub"\nmain = "${join(root, 'scripts/lib/queue-stub.ts')}"\n${date}\n`);
  return [path, stub];
}

const ESC = String.fromCharCode(27); // the broker colours its log lines

/** Counts the beacon batches the local broker reports (`QUEUE waymark-beacons 100/100 (312ms)`). */
export function consumerMeter() {
  let tail = '';
  const seen = { batches: 0, beacons: 0, acked: 0, ms: 0 };
  return {
    onLog(text: string) {
      const lines = (tail + text).split(ESC).join('').replace(/\[[0-9;]*m/g, '').split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        const m = line.match(/QUEUE waymark-beacons (\d+)\/(\d+) \((\d+)ms\)/);
        if (m) (seen.batches++, (seen.acked += Number(m[1])), (seen.beacons += Number(m[2])), (seen.ms += Number(m[3])));
      }
    },
    /** Beacons scored per second of batch time (the broker hands one batch at a time to the consumer). */
    summary: () => ({ ...seen, beaconsPerSecond: seen.ms ? Math.round((seen.acked / seen.ms) * 1000) : null }),
  };
}
