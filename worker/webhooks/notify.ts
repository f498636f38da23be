// STUB (owned by the operations work): after a committed ingest, enqueue webhook deliveries for stage changes.
import type { Env } from '../env';
import type { CompanyChange } from '../ingest/types';

export async function notifyChanges(_env: Env, _changes: CompanyChange[]): Promise<void> {}
