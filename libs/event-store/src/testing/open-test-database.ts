import { openDatabase, type Database } from '../db';
import { eventStoreMigrations, migrate, type Migration } from '../migrations';
import { createTestDatabase } from './test-database';

export interface MigratedTestDatabase {
  db: Database;
  /** Connection string of the PostgreSQL test database; undefined on PGlite. */
  url?: string;
  /** Closes the connections and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
}

export interface MigratedTestDatabaseOptions {
  /** `'postgres'` (default): a new database on the test server. `'pglite'`: an in-memory PGlite. */
  kind?: 'postgres' | 'pglite';
  /** Applied after the event store's own migrations, e.g. a library's read model tables. */
  migrations?: readonly Migration[];
  /** Pool size on PostgreSQL. */
  poolSize?: number;
}

/** A fresh database with the event store schema and the given migrations applied. */
export async function openMigratedTestDatabase(
  options: MigratedTestDatabaseOptions = {},
): Promise<MigratedTestDatabase> {
  const server = options.kind === 'pglite' ? undefined : await createTestDatabase();
  const db = await openDatabase({ url: server?.url, poolSize: options.poolSize });
  const dispose = async () => {
    await db.close();
    await server?.drop();
  };
  try {
    await migrate(db, [...eventStoreMigrations, ...(options.migrations ?? [])]);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { db, url: server?.url, dispose };
}
