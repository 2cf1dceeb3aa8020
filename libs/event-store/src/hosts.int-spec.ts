import { Client } from 'pg';
import { openDatabase, type Database } from './db';
import { createTestDatabase, type TestDatabase } from './testing';

/** The test database's URL with a server that refuses connections listed before it. */
function withDeadHostFirst(url: string, attrs: string): string {
  const u = new URL(url);
  return `postgres://${u.username}${u.password ? `:${u.password}` : ''}@127.0.0.1:1,${u.host}${u.pathname}?target_session_attrs=${attrs}`;
}

describe('a database URL with several hosts', () => {
  let server: TestDatabase;
  let db: Database | undefined;

  beforeAll(async () => {
    server = await createTestDatabase();
  });

  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  afterAll(async () => {
    await server?.drop();
  });

  it('serves from the first server that takes writes, also transactions and session locks', async () => {
    db = await openDatabase({ url: withDeadHostFirst(server.url, 'read-write'), poolSize: 2 });
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(await db.transaction((tx) => tx.query<{ n: number }>('SELECT 2 AS n'))).toEqual({ rows: [{ n: 2 }] });
    const lock = await db.tryLock('hosts-int-spec');
    expect(lock).not.toBeNull();
    expect(await db.tryLock('hosts-int-spec')).toBeNull();
    await lock!.release();
  });

  it('fails as unreachable (08001) when no server suits, within the connect timeout', async () => {
    db = await openDatabase({ url: withDeadHostFirst(server.url, 'standby'), connectTimeoutMs: 1_000 });
    const started = Date.now();
    await expect(db.query('SELECT 1')).rejects.toMatchObject({ code: '08001' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails the work of connections the server ended, then finds the server again', async () => {
    db = await openDatabase({ url: withDeadHostFirst(server.url, 'read-write'), poolSize: 2 });
    const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    try {
      const inFlight = db.query('SELECT pg_sleep(5)');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await expect(inFlight).rejects.toThrow();
      expect((await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid).not.toBe(rows[0].pid);
    } finally {
      await admin.end();
    }
  });
});
