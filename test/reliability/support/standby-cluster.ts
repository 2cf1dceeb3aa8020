import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createPrivatePostgres, type PrivatePostgres } from '../../support/private-postgres';
import { backupDir, runAsPostgres, type BackupDir } from './backup-tools';
import { eventually } from './http';

/** The name the primary waits for (`synchronous_standby_names`): the standby's `application_name`. */
export const STANDBY_NAME = 'standby1';

/**
 * A private primary and a streaming standby of it, the standby synchronous: a commit on the primary returns only
 * once the standby has flushed its WAL. The database `database` exists on both.
 */
export interface StandbyCluster {
  primary: PrivatePostgres;
  standby: PrivatePostgres;
  database: string;
  /** libpq's multi-host URL over both servers, primary first. */
  url(targetSessionAttrs?: string): string;
  /** Makes the standby a primary (`pg_ctl promote`, waiting until it takes writes). */
  promote(): Promise<void>;
  /** Stops the old primary at once, as a crash would (`pg_ctl -m immediate stop`), without blocking the test. */
  stopPrimary(): Promise<void>;
  destroy(): void;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function startStandbyCluster(database = 'baken'): Promise<StandbyCluster> {
  // Durable commits, unlike the other private clusters: the drill is about what a commit promises.
  const primary = createPrivatePostgres({
    settings: { synchronous_commit: 'on', wal_level: 'replica', hot_standby: 'on', wal_keep_size: '64MB' },
  });
  let copy: BackupDir | undefined;
  let standby: PrivatePostgres | undefined;
  try {
    await query(primary.url(), `CREATE DATABASE ${database}`);
    copy = backupDir();
    const dataDir = join(copy.path, 'data');
    // -R writes standby.signal and primary_conninfo; the conninfo names the standby so the primary can wait for it.
    await runAsPostgres('pg_basebackup', [
      '-d',
      `host=127.0.0.1 port=${primary.port} user=postgres application_name=${STANDBY_NAME}`,
      '-D',
      dataDir,
      '-X',
      'stream',
      '-c',
      'fast',
      '-R',
      '--no-sync',
    ]);
    appendFileSync(
      join(dataDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=${STANDBY_NAME}'\n`,
    );
    standby = createPrivatePostgres({ dataDir, settings: { synchronous_commit: 'on', hot_standby: 'on' } });
    // Only now, with the standby streaming, does the primary wait for it (set earlier, the copy would wait forever).
    await query(primary.url(), `ALTER SYSTEM SET synchronous_standby_names = '${STANDBY_NAME}'`);
    await query(primary.url(), 'SELECT pg_reload_conf()');
    await eventually(
      'the standby streaming as the synchronous standby',
      async () => {
        const rows = await query<{ sync_state: string }>(
          primary.url(),
          `SELECT sync_state FROM pg_stat_replication WHERE application_name = '${STANDBY_NAME}'`,
        );
        return rows[0]?.sync_state === 'sync' ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  } catch (error) {
    standby?.destroy();
    primary.destroy();
    copy?.remove();
    throw error;
  }
  const s = standby;
  const dir = copy;
  return {
    primary,
    standby: s,
    database,
    url: (targetSessionAttrs = 'read-write') =>
      `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${s.port}/${database}?target_session_attrs=${targetSessionAttrs}`,
    promote: async () => {
      await runAsPostgres('pg_ctl', ['-D', s.dataDir, '-w', '-t', '60', 'promote']);
    },
    stopPrimary: async () => {
      await runAsPostgres('pg_ctl', ['-D', primary.dataDir, '-m', 'immediate', '-w', '-t', '60', 'stop']);
    },
    destroy: () => {
      s.destroy();
      primary.destroy();
      dir.remove();
    },
  };
}
