// Operational reads: the cheapest D1 round trip, for the /__bench floor.

/** One round trip that touches no table. */
export const ping = (db: D1Database) => db.prepare('SELECT 1 AS one').first<{ one: number }>();
