import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './api-process';

/** The newest installed PostgreSQL's binaries (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBin(tool: string): string {
  const base = '/usr/lib/postgresql';
  const major = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!major) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql; install postgresql');
  return join(base, major, 'bin', tool);
}

const runningAsRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL tool as the `postgres` user (the server refuses to run as root). */
export function asPostgres(tool: string, args: string[], options: { timeoutMs?: number } = {}): string {
  const bin = postgresBin(tool);
  const [cmd, argv] = runningAsRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface PrivatePostgres {
  port: number;
  dataDir: string;
  /** Connection string for a database on this instance (default `postgres`), as the `postgres` superuser. */
  url(database?: string): string;
  start(): void;
  /** Fast shutdown: open connections are terminated. */
  stop(mode?: 'fast' | 'immediate'): void;
  restart(): void;
  /** Stops the instance and removes its directory. */
  destroy(): void;
}

export interface PrivatePostgresOptions {
  port?: number;
  settings?: Record<string, string>;
  /**
   * Run this existing data directory (owned by `postgres`, e.g. a `pg_basebackup` copy) instead of a new `initdb`.
   * The instance takes it over: `destroy()` removes it too.
   */
  dataDir?: string;
}

/**
 * A throw-away PostgreSQL cluster on a spare port, owned by the `postgres` user: initdb, pg_ctl start/stop.
 * Used by the drills that must stop, restart or restore a database without touching the shared one.
 */
export function createPrivatePostgres(options: PrivatePostgresOptions = {}): PrivatePostgres {
  let port = options.port ?? freePort();
  const root = mkdtempSync(join(tmpdir(), 'baken-pg-'));
  chmodSync(root, 0o777);
  const dataDir = options.dataDir ?? join(root, 'data');
  const socketDir = root;
  if (!options.dataDir) {
    try {
      asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], {
        timeoutMs: 120_000,
      });
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }
  const settings = () => ({
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${socketDir}'`,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '100',
    shared_buffers: '64MB',
    wal_level: 'replica',
    max_wal_senders: '4',
    ...options.settings,
  });
  const opts = () =>
    Object.entries(settings())
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' ');
  const log = join(root, 'server.log');
  const instance: PrivatePostgres = {
    get port() {
      return port;
    },
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => {
      asPostgres('pg_ctl', ['-D', dataDir, '-l', log, '-o', opts(), '-w', '-t', '60', 'start']);
    },
    stop: (mode = 'fast') => {
      asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    restart: () => {
      instance.stop();
      instance.start();
    },
    destroy: () => {
      try {
        instance.stop('immediate');
      } catch {
        /* not running */
      }
      rmSync(root, { recursive: true, force: true });
      if (options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
  // A spare port is picked at random; another process may have taken it meanwhile. Try a few before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      instance.start();
      return instance;
    } catch (error) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      if (attempt < 3 && options.port === undefined) {
        port = freePort();
        continue;
      }
      instance.destroy();
      throw new Error(`${(error as Error).message}\nserver log:\n${tail}`);
    }
  }
}
