// Starts one local Worker (wrangler dev, fresh local D1) for the browser tests and provides its URL and a site.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyLocalMigrations, createSite, startLocalWorker } from '../../scripts/lib/local-worker';

export const ADMIN_TOKEN = 'browser-test-admin';

export default async function setup(project: TestProject) {
  const persistTo = mkdtempSync(join(tmpdir(), 'waymark-browser-'));
  applyLocalMigrations(persistTo);
  const worker = await startLocalWorker({ persistTo, vars: { ADMIN_TOKEN, PERSONALIZE_LOCAL_HTTP: '1', BENCH: '1' } });
  const site = await createSite(worker.url, ADMIN_TOKEN, 'Browser tests', [worker.url]).catch(async (err) => {
    await worker.stop();
    throw err;
  });
  project.provide('workerUrl', worker.url);
  project.provide('site', site);
  return async () => {
    await worker.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    site: { id: string; publicKey: string; secretKey: string };
  }
}
