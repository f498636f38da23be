// The dead_letters table: queue messages that failed on their own, kept once for an operator to read.
import { orm } from './orm';
import { deadLetters } from './schema';

export type DeadLetter = typeof deadLetters.$inferInsert;

/** Records a dead letter; a message recorded before (same id) is left as it was. */
export async function insertDeadLetter(db: D1Database, row: DeadLetter): Promise<void> {
  await orm(db).insert(deadLetters).values(row).onConflictDoNothing({ target: deadLetters.id });
}
