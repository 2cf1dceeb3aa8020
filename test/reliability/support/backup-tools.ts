import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DIST } from '../../support/api-process';
import { postgresBin, type PrivatePostgres } from '../../support/private-postgres';

const run = promisify(execFile);
const runningAsRoot = process.getuid?.() === 0;

/**
 * Runs a PostgreSQL client or server tool as the `postgres` user without blocking the event loop, so that the test
 * can keep appending events while a backup runs (`asPostgres` in private-postgres.ts blocks).
 */
export async function runAsPostgres(tool: string, args: string[], timeoutMs = 90_000): Promise<string> {
  const bin = postgresBin(tool);
  const [cmd, argv] = runningAsRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    const { stdout } = await run(cmd, argv, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`);
  }
}

/** A directory the `postgres` user can write into (backups, dumps), removed by {@link BackupDir.remove}. */
export interface BackupDir {
  path: string;
  remove(): void;
}

export function backupDir(): BackupDir {
  const path = mkdtempSync(join(tmpdir(), 'baken-backup-'));
  chmodSync(path, 0o777);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * The physical backup of the procedure in docs/OPERATIONS.md: a base backup with the WAL needed to make it consistent
 * streamed alongside (`-X stream`), taken while the server keeps working. Returns the new data directory.
 */
export async function baseBackup(cluster: PrivatePostgres, into: BackupDir): Promise<string> {
  const dataDir = join(into.path, 'data');
  await runAsPostgres('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(cluster.port),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-X',
    'stream',
    '-c',
    'fast',
    '--no-sync',
  ]);
  return dataDir;
}

/** The logical backup: `pg_dump -Fc` of one database, one consistent snapshot, taken while the server keeps working. */
export async function logicalDump(cluster: PrivatePostgres, database: string, into: BackupDir): Promise<string> {
  const file = join(into.path, `${database}.dump`);
  await runAsPostgres('pg_dump', [
    '-h',
    '127.0.0.1',
    '-p',
    String(cluster.port),
    '-U',
    'postgres',
    '-Fc',
    '-f',
    file,
    database,
  ]);
  return file;
}

/** Creates `database` on `cluster` and restores the dump into it, all or nothing. */
export async function logicalRestore(cluster: PrivatePostgres, database: string, dumpFile: string): Promise<void> {
  const connection = ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres'];
  await runAsPostgres('createdb', [...connection, database]);
  await runAsPostgres('pg_restore', [
    ...connection,
    '-d',
    database,
    '--no-owner',
    '--exit-on-error',
    '--single-transaction',
    dumpFile,
  ]);
}

/**
 * The epoch step of the logical procedure: with the cluster cleanly stopped, `pg_resetwal -e` moves the transaction-id
 * epoch (the upper 32 bits of every `xid8`) on, so the ids handed out from then on sort after every restored `tx_id`.
 */
export function setTransactionIdEpoch(cluster: PrivatePostgres, epoch: string | number): Promise<string> {
  cluster.stop();
  return runAsPostgres('pg_resetwal', ['-e', String(epoch), cluster.dataDir]).finally(() => cluster.start());
}

export interface CliRun {
  code: number;
  output: string;
}

/** Runs the built operator CLI (`npm run cli -- …`) against `databaseUrl`, as an operator would after a restore. */
export function runCli(databaseUrl: string, args: string[], timeoutMs = 60_000): Promise<CliRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-cli-'));
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    BAKEN_DATA_DIR: dataDir,
    BAKEN_SEED_DEMO: 'false',
  };
  return new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, [join(DIST, 'apps', 'cli', 'src', 'main.js'), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}
