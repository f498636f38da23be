// STUB (owned by the stats work): statements that keep stats aggregates current, added to the ingest batch.
import type { CompanyChange } from '../ingest/types';

export function statsStatements(_db: D1Database, _changes: CompanyChange[]): D1PreparedStatement[] {
  return [];
}
