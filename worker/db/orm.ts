// Drizzle over a D1 binding, made on first use and kept per binding (nothing built at module load).
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';

const made = new WeakMap<D1Database, DrizzleD1Database>();

export function orm(db: D1Database): DrizzleD1Database {
  let d = made.get(db);
  if (!d) made.set(db, (d = drizzle(db)));
  return d;
}
