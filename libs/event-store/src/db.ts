import { createHash } from 'node:crypto';
import { Client, Pool, type PoolConfig, type QueryConfig } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { findHost, isConnectionLoss, parseConnectionUrl, PrimaryLostError, type ConnectionUrl } from './hosts';

/**
 * The smallest SQL surface the event store and the read models need. Implemented by a pool (autocommit), by a
 * transaction, and by both adapters below.
 *
 * Column types come back the same way on both adapters: `int8`/`bigint` and `numeric` as strings, `int4` as
 * numbers, `jsonb` parsed, `timestamptz` as `Date`, `xid8` as strings.
 */
export interface Sql {
  /** One statement, with `$1…` parameters (extended protocol). */
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** One or more statements without parameters (simple protocol), e.g. a migration script. */
  exec(text: string): Promise<void>;
}

/** A lock held on its own connection until released, e.g. to elect the one active subscription runner. */
export interface SessionLock {
  /** True once the connection holding the lock is gone: the lock may now be held by someone else. */
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface Database extends Sql {
  /**
   * Runs `fn` in one transaction (READ COMMITTED) and commits, or rolls back when it throws. Use only `tx` inside
   * `fn`: on PGlite, calling the database itself from inside a transaction waits for that transaction — forever.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Tries to take the session-level advisory lock `pg_try_advisory_lock(hashtext(name))` on a dedicated connection;
   * `null` when another session holds it. On PGlite (one process) the lock is kept in memory.
   */
  tryLock(name: string): Promise<SessionLock | null>;
  close(): Promise<void>;
  readonly kind: 'postgres' | 'pglite';
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when set, the PostgreSQL adapter is used. */
  url?: string;
  /** Directory for embedded PGlite files; without `url` and `dataDir` PGlite runs in memory. */
  dataDir?: string;
  /** Maximum pool size (PostgreSQL only). */
  poolSize?: number;
  /** Milliseconds after which PostgreSQL ends a session that sits idle inside a transaction. Default 30 s. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Milliseconds to wait for a connection (a new one, or a free one from the full pool) before failing, so that a
   * request answers 503 instead of hanging while the database is unreachable. Default 10 s (PostgreSQL only).
   */
  connectTimeoutMs?: number;
}

/** `url` → PostgreSQL; otherwise embedded PGlite at `dataDir`, or in memory when neither is given. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.url) {
    return new PostgresDatabase({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      // Notices a database host that vanished without closing the connection (a network split, a crashed VM).
      keepAlive: true,
    });
  }
  return PgliteDatabase.open(options.dataDir);
}

export interface PostgresDatabaseConfig extends PoolConfig {
  idleInTransactionTimeoutMs?: number;
}

/**
 * PostgreSQL through a pool of `pg` connections. A `connectionString` with several hosts (libpq's
 * `postgres://u@h1:5432,h2:5432/db?target_session_attrs=read-write`) connects to the first server that suits
 * `target_session_attrs`; when that server goes away or turns read-only, the work in progress fails (503 to an HTTP
 * client), the pool is retired and the next caller finds the primary again, one search for all callers at a time.
 * A single-host URL without `target_session_attrs` connects to its one server, as `pg` itself does.
 */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly clientConfig: PoolConfig;
  /** The servers to choose from; `null` for a single-host URL. */
  private readonly hosts: ConnectionUrl | null;
  /** The pool in use: always set for a single host; `null` while the primary of several is not (yet) known. */
  private pool: Pool | null = null;
  /** The single-host URL each pool was opened with (several hosts only). */
  private readonly poolUrls = new WeakMap<Pool, string>();
  private finding: Promise<Pool> | null = null;
  /** Pools that led to a server that is no longer the primary: whatever still fails on them failed over. */
  private readonly retired = new WeakSet<Pool>();

  constructor(config: PostgresDatabaseConfig) {
    const { idleInTransactionTimeoutMs = 30_000, ...poolConfig } = config;
    // A transaction left open (a hung request, a crashed handler) holds back pg_snapshot_xmin and with it every
    // subscriber; PostgreSQL ends such sessions after this timeout.
    this.clientConfig = { ...poolConfig, idle_in_transaction_session_timeout: idleInTransactionTimeoutMs };
    this.hosts = severalHosts(poolConfig.connectionString);
    if (!this.hosts) this.pool = this.newPool(this.clientConfig);
  }

  private newPool(config: PoolConfig): Pool {
    const pool = new Pool(config);
    // An idle client that loses its connection emits 'error' on the pool; without a listener Node would crash.
    pool.on('error', () => undefined);
    return pool;
  }

  /** The pool to the primary: the current one, or (several hosts) the one to the server found now. */
  private currentPool(): Pool | Promise<Pool> {
    if (this.pool) return this.pool;
    if (this.closed) return Promise.reject(new Error('The database has been closed.'));
    this.finding ??= findHost(this.hosts!, {
      timeoutMs: this.clientConfig.connectionTimeoutMillis || 10_000,
      connectTimeoutMs: Math.min(this.clientConfig.connectionTimeoutMillis || 10_000, 5_000),
    })
      .then(async (url) => {
        const pool = this.newPool({ ...this.clientConfig, connectionString: url });
        if (this.closed) {
          await pool.end().catch(() => undefined);
          throw new Error('The database has been closed.');
        }
        this.pool = pool;
        this.poolUrls.set(pool, url);
        return pool;
      })
      .finally(() => {
        this.finding = null;
      });
    return this.finding;
  }

  /**
   * What a failed statement on `pool` means. With several hosts, a lost connection retires the pool (the next caller
   * finds the primary again); a read-only answer or any failure on an already retired pool becomes a
   * {@link PrimaryLostError}. With a single host the error is returned as it is.
   */
  private failed(pool: Pool, error: unknown): unknown {
    if (!this.hosts) return error;
    const retired = this.retired.has(pool);
    if (!retired && !isConnectionLoss(error)) return error;
    this.retire(pool);
    if (retired || (error as { code?: unknown }).code === '25006')
      return new PrimaryLostError('The connection no longer leads to the primary; the primary is looked up again.', {
        cause: error,
      });
    return error;
  }

  private retire(pool: Pool): void {
    if (this.retired.has(pool)) return;
    this.retired.add(pool);
    if (this.pool === pool) {
      this.pool = null;
    }
    // Idle connections close now; checked-out ones when their work ends (it fails on the lost server).
    void pool.end().catch(() => undefined);
  }

  async query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    const result = await this.onPool((pool) => pool.query(statement(text, params)));
    return { rows: result.rows as T[] };
  }

  async exec(text: string): Promise<void> {
    await this.onPool((pool) => pool.query(text));
  }

  /**
   * Runs `fn` on the pool to the primary. With several hosts, a server that refused the connection itself (refused,
   * or not accepting connections: nothing was sent, nothing ran) is replaced by the primary found next, once.
   */
  private async onPool<T>(fn: (pool: Pool) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const pool = this.pool ?? (await this.currentPool());
      try {
        return await fn(pool);
      } catch (error) {
        const failure = this.failed(pool, error);
        if (attempt === 1 && this.hosts && refusedBeforeAnything(error)) continue;
        throw failure;
      }
    }
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    let pool!: Pool;
    const client = await this.onPool((current) => {
      pool = current;
      return current.connect();
    });
    let broken: Error | undefined;
    // A checked-out client has no pool listener: if its connection drops between two statements (the database
    // restarts while the handler works), 'error' would be emitted with no listener and crash the process. Note it
    // instead; the next statement fails and the client is destroyed rather than returned to the pool.
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on('error', onError);
    const tx: Sql = {
      query: async <R>(text: string, params?: unknown[]) => {
        const result = await client.query(statement(text, params));
        return { rows: result.rows as R[] };
      },
      exec: async (text: string) => {
        await client.query(text);
      },
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (!broken) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
      }
      // A server that turned read-only keeps the connection open: destroy it all the same.
      if (this.hosts && !broken && isConnectionLoss(error)) broken = error as Error;
      throw this.failed(pool, error);
    } finally {
      // A client whose connection failed, or whose rollback failed, is in an unknown state: destroy it instead of
      // returning it to the pool.
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /**
   * Connections of standbys that asked for a lock and did not get it, kept for the next attempt: a standby polls
   * several times a second, and a new connection per poll costs PostgreSQL a process start each time.
   */
  private readonly waiting = new Map<string, { client: Client; lost: () => boolean }>();

  private async lockClient(name: string): Promise<{ client: Client; lost: () => boolean }> {
    const kept = this.waiting.get(name);
    this.waiting.delete(name);
    if (kept && !kept.lost()) return kept;
    if (kept) await kept.client.end().catch(() => undefined);
    let config: PoolConfig = this.clientConfig;
    if (this.hosts) {
      const pool = this.pool ?? (await this.currentPool());
      config = { ...config, connectionString: this.poolUrls.get(pool) };
      // The lock's connection goes where the pool goes; a lost server sends both to the primary found next.
      const client = await this.connectLockClient(config).catch((error: unknown) => {
        throw this.failed(pool, error);
      });
      return client;
    }
    return this.connectLockClient(config);
  }

  private async connectLockClient(config: PoolConfig): Promise<{ client: Client; lost: () => boolean }> {
    const client = new Client({ ...config, keepAlive: true });
    let lost = false;
    client.on('error', () => {
      lost = true;
    });
    client.on('end', () => {
      lost = true;
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return { client, lost: () => lost };
  }

  async tryLock(name: string): Promise<SessionLock | null> {
    const connection = await this.lockClient(name);
    const { client } = connection;
    try {
      // With several hosts, a kept connection may lead to a server that became a standby, where advisory locks work
      // too: only a primary's lock counts.
      const { rows } = await client.query<{ locked: boolean | null }>(
        this.hosts
          ? 'SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_try_advisory_lock(hashtext($1)) END AS locked'
          : 'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [name],
      );
      if (rows[0]?.locked === null) {
        await client.end().catch(() => undefined);
        if (this.pool) this.retire(this.pool);
        throw new PrimaryLostError('The lock connection leads to a standby; the primary is looked up again.');
      }
      if (!rows[0]?.locked) {
        if (this.closed) await client.end().catch(() => undefined);
        else this.waiting.set(name, connection);
        return null;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    let released = false;
    return {
      get lost() {
        return connection.lost() && !released;
      },
      release: async () => {
        if (released) return;
        released = true;
        // Ending the session would release the lock too, but only once the server has noticed; unlock first so
        // that a successor can take over at once.
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }

  private closed = false;

  async close(): Promise<void> {
    this.closed = true;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    await Promise.all(waiting.map(({ client }) => client.end().catch(() => undefined)));
    await this.finding?.catch(() => undefined);
    const pool = this.pool;
    if (this.hosts) this.pool = null;
    await pool?.end();
  }
}

/** Errors only a new connection meets, before any statement was sent: repeating the work elsewhere is safe. */
function refusedBeforeAnything(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === '57P03';
}

/** The parsed URL when it asks to choose among servers; `null` for one server (also a URL only `pg` understands). */
function severalHosts(url: string | undefined): ConnectionUrl | null {
  if (!url) return null;
  try {
    const parsed = parseConnectionUrl(url);
    return parsed.selectsHost ? parsed : null;
  } catch {
    return null;
  }
}

const statementNames = new Map<string, string>();

/**
 * Parameterised statements are prepared once per connection under a name derived from their text, so that hot
 * statements (the append, the snapshot reads) are parsed and planned once instead of on every call.
 */
function statement(text: string, params?: unknown[]): QueryConfig {
  if (!params || params.length === 0) return { text };
  let name = statementNames.get(text);
  if (!name) {
    name = `baken_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size < 5_000) statementNames.set(text, name);
  }
  return { name, text, values: params };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Embedded PostgreSQL (PGlite): one connection in this process. PGlite itself queues statements and transactions
 * behind a mutex, so concurrent callers are serialised; a transaction blocks every other caller until it ends.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private readonly locks = new Set<string>();

  private constructor(private readonly pg: PGlite) {}

  /** Opens (creating when needed) a PGlite database in `dataDir`, or in memory without one. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    // Loaded on demand: processes running on PostgreSQL never load the WebAssembly build.
    const { PGlite } = await import('@electric-sql/pglite');
    const identity = (value: string) => value;
    const pg = await PGlite.create({
      dataDir: dataDir ?? 'memory://',
      parsers: { [INT8_OID]: identity, [NUMERIC_OID]: identity },
    });
    return new PgliteDatabase(pg);
  }

  async query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    const result = await this.pg.query<T>(text, params as unknown[] | undefined);
    return { rows: result.rows };
  }

  async exec(text: string): Promise<void> {
    await this.pg.exec(text);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (transaction) => {
      const tx: Sql = {
        query: async <R>(text: string, params?: unknown[]) => {
          const result = await transaction.query<R>(text, params as unknown[] | undefined);
          return { rows: result.rows };
        },
        exec: async (text: string) => {
          await transaction.exec(text);
        },
      };
      return fn(tx);
    });
  }

  async tryLock(name: string): Promise<SessionLock | null> {
    if (this.locks.has(name)) return null;
    this.locks.add(name);
    let released = false;
    return {
      lost: false,
      release: async () => {
        if (released) return;
        released = true;
        this.locks.delete(name);
      },
    };
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}
