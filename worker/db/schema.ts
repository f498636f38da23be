// Drizzle mirror of migrations/*.sql (the SQL files are the one schema source; keep this in step), one file per
// migration. Tables only: test/worker/schema.test.ts checks every export against D1.
export * from './schema-init';
export * from './schema-identity';
export * from './schema-stats';
export * from './schema-ops';
export * from './schema-personalize';
export * from './schema-trust';
