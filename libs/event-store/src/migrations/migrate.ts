import { createHash } from 'node:crypto';
import type { Database } from '../db';

/** One schema change. `id` is unique across all libraries, e.g. `event-store/001-event-store`. */
export interface Migration {
  readonly id: string;
  /** One or more statements, run without parameters. */
  readonly sql: string;
}

/** A migration that was applied earlier no longer has the same SQL; applied migrations must never change. */
export class MigrationChanged extends Error {
  constructor(readonly migrationId: string) {
    super(`Migration ${migrationId} was changed after it was applied; add a new migration instead`);
    this.name = 'MigrationChanged';
  }
}

/** Key of the transaction-level advisory lock that serialises concurrent `migrate` calls. */
const MIGRATION_LOCK_KEY = 7_322_418_530_184_203_001n;

/**
 * Applies, in the order given, the migrations not yet recorded in `schema_migrations`: all of them in one
 * transaction under `pg_advisory_xact_lock`, so processes that start together wait for each other and then find
 * the work done. Returns the ids applied now.
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const migration of migrations) {
    if (ids.has(migration.id)) throw new Error(`Duplicate migration id ${migration.id}`);
    ids.add(migration.id);
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY.toString()]);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        id         text PRIMARY KEY,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await tx.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations');
    const applied = new Map(rows.map((row) => [row.id, row.checksum]));
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      const checksum = createHash('sha256').update(migration.sql).digest('hex');
      const earlier = applied.get(migration.id);
      if (earlier !== undefined) {
        if (earlier !== checksum) throw new MigrationChanged(migration.id);
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [migration.id, checksum]);
      appliedNow.push(migration.id);
    }
    return appliedNow;
  });
}
