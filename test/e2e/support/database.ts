import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { openDatabase, PostgresEventStore, type StreamVerification } from '@baken/event-store';

/** The whole test database as SQL text: `pg_dump` when installed, else every row of every table as text. */
export async function dumpDatabase(url: string): Promise<string> {
  try {
    return execFileSync('pg_dump', ['--data-only', '--no-owner', url], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      parts.push(`-- ${name}`, ...rows.map((r) => r.row));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

/** Recomputes the hash chain of a case's stream straight from the database. */
export async function verifyCaseChain(url: string, caseId: string): Promise<StreamVerification> {
  const db = await openDatabase({ url, poolSize: 1 });
  try {
    return await new PostgresEventStore(db).verifyStream(`case-${caseId}`);
  } finally {
    await db.close();
  }
}

/** Runs one query on the test database. */
export async function queryDatabase<T extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
