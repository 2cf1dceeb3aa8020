import type postgres from 'postgres';
import type { Database, OpenDatabaseOptions, SessionLock, Sql } from './db';

type Client = postgres.Sql;
type Options = postgres.Options<Record<string, postgres.PostgresType>>;

/**
 * `jsonb`/`json` parameters: a string is JSON already (the store sends the canonical text it hashed) and goes as it
 * is, anything else is serialised; results are parsed. postgres.js' own serialiser would encode a string a second
 * time, into a JSON string.
 */
const JSON_TYPE = {
  to: 3802,
  from: [114, 3802],
  serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parse: (text: string) => JSON.parse(text) as unknown,
};

/**
 * The `Database` port on `postgres` (postgres.js) instead of `pg`, to compare the two drivers behind the same port
 * (ADR 66). Single-host URLs only: the failover of `openDatabase` (several hosts, `PrimaryLostError`) is not
 * reproduced here.
 *
 * Column types come back as the port promises: postgres.js already returns `int8` and `numeric` as strings, `int4`
 * as numbers, `timestamptz` as `Date` and unknown types such as `xid8` as text; `jsonb` is parsed by the type above.
 * Parameterised statements are prepared once per connection, as the `pg` adapter prepares them by name.
 */
export async function openPostgresJsDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (!options.url) throw new Error('openPostgresJsDatabase needs a PostgreSQL url');
  // postgres.js ships as an ES module only: loaded on demand, as PGlite is.
  const { default: connect } = await import('postgres');
  const connectTimeoutS = Math.max(1, Math.ceil((options.connectTimeoutMs ?? 10_000) / 1000));
  const config: Options = {
    connect_timeout: connectTimeoutS,
    // A full pool: wait as long for a free connection as for a new one, then fail (503), as the pg adapter does.
    queue_timeout: connectTimeoutS,
    types: { json: JSON_TYPE },
    // `pg` sends `undefined` as NULL; postgres.js refuses it unless told.
    transform: { undefined: null },
    // After an outage postgres.js waits 3^attempt / 100 s (up to 20 s) between attempts to reconnect, failing every
    // call meanwhile: 4–6 s of 503s after a 3 s restart. `pg` tries again on the next call; at most 1 s here.
    backoff: (attempt: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** attempt, 1),
    onnotice: () => undefined,
    connection: {
      // A transaction left open holds back pg_snapshot_xmin and with it every subscriber (see the pg adapter).
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 30_000,
    },
  };
  return new PostgresJsDatabase(connect, options.url, { ...config, max: options.poolSize ?? 10 }, config);
}

class PostgresJsDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly sql: Client;
  /** Lock connections of standbys that did not get their lock, kept for the next attempt (as in the pg adapter). */
  private readonly waiting = new Map<string, LockConnection>();
  private closed = false;

  constructor(
    private readonly connect: typeof postgres,
    private readonly url: string,
    poolConfig: Options,
    private readonly lockConfig: Options,
  ) {
    this.sql = connect(url, poolConfig);
  }

  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    return run<T>(this.sql, text, params);
  }

  async exec(text: string): Promise<void> {
    await this.sql.unsafe(text, [], { simple: true });
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    // BEGIN without options: the server's default level, READ COMMITTED, as on the pg adapter.
    return (await this.sql.begin(async (transaction) => {
      const tx: Sql = {
        query: <R>(text: string, params?: unknown[]) => run<R>(transaction, text, params),
        exec: async (text: string) => {
          await transaction.unsafe(text, [], { simple: true });
        },
      };
      return fn(tx);
    })) as T;
  }

  private lockConnection(name: string): LockConnection {
    const kept = this.waiting.get(name);
    this.waiting.delete(name);
    if (kept && !kept.lost) return kept;
    if (kept) void kept.end();
    // A pool of one connection of its own, never retired for its age (that would release the lock), and marked
    // lost for good once it closes: postgres.js would otherwise open a new one silently, without the lock.
    const connection: LockConnection = {
      lost: false,
      sql: this.connect(this.url, {
        ...this.lockConfig,
        max: 1,
        max_lifetime: 0,
        idle_timeout: 0,
        onclose: () => {
          connection.lost = true;
        },
      }),
      end: () => connection.sql.end({ timeout: 1 }).catch(() => undefined),
    };
    return connection;
  }

  async tryLock(name: string): Promise<SessionLock | null> {
    const connection = this.lockConnection(name);
    try {
      const rows = await connection.sql.unsafe<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [name],
        { prepare: true },
      );
      if (!rows[0]?.locked) {
        if (this.closed) await connection.end();
        else this.waiting.set(name, connection);
        return null;
      }
    } catch (error) {
      await connection.end();
      throw error;
    }
    let released = false;
    return {
      get lost() {
        return connection.lost && !released;
      },
      release: async () => {
        if (released) return;
        released = true;
        if (!connection.lost)
          await connection.sql
            .unsafe('SELECT pg_advisory_unlock(hashtext($1))', [name], { prepare: true })
            .catch(() => undefined);
        await connection.end();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    await Promise.all(waiting.map((connection) => connection.end()));
    await this.sql.end({ timeout: 5 });
  }
}

interface LockConnection {
  lost: boolean;
  readonly sql: Client;
  end(): Promise<void>;
}

/**
 * With parameters: the extended protocol, prepared once per connection. Without: the simple protocol, as `pg` sends
 * a statement without values.
 */
async function run<T>(sql: postgres.ISql, text: string, params?: unknown[]): Promise<{ rows: T[] }> {
  const rows =
    params && params.length > 0
      ? await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })
      : await sql.unsafe(text, [], { simple: true });
  return { rows: rows as unknown as T[] };
}
