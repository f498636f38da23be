// D1 rows read/written per page view for npm run bench: runs test/worker/cron-d1-rows.test.ts and reads its printed figures.
import { spawnSync } from 'node:child_process';

const TARGET_WRITTEN = 6; // issue 17

/** Page-view beacon (batch of 100, known companies) + its engagement update, per event, from the test's output. */
export function benchD1Rows() {
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'worker', 'test/worker/cron-d1-rows.test.ts'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const out = `${run.stdout}${run.stderr}`;
  const per = (name: string) => {
    const m = new RegExp(`"${name.replace(/\./g, '\\.')}"[\\s\\S]*?"perEvent": "([\\d.]+) read, ([\\d.]+) written"`).exec(out);
    if (!m) throw new Error(`no figure for ${name} in the test output`);
    return { read: Number(m[1]), written: Number(m[2]) };
  };
  const view = per('batch100.pageviews.known-companies');
  const update = per('batch100.engagement-updates');
  const written = +(view.written + update.written).toFixed(1);
  return { source: 'test/worker/cron-d1-rows.test.ts', read: +(view.read + update.read).toFixed(1), written, target: `≤ ${TARGET_WRITTEN} written`, met: written <= TARGET_WRITTEN };
}
