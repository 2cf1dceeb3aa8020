import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore, type StoredEvent } from './event-store';
import { Subscription } from './subscription';
import { openDatabase } from './db';
import { openMigratedTestDatabase, TEST_SERVER_URL, type MigratedTestDatabase } from './testing';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

/**
 * Connections that PostgreSQL ends under the process (a restart, an administrator, a failover) must fail the work
 * in progress with an error, never crash the process, and never leave a broken connection in use.
 */
describe('PostgreSQL connections that are ended by the server', () => {
  let database: MigratedTestDatabase;
  let admin: Client;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ poolSize: 4 });
    store = new PostgresEventStore(database.db);
    admin = new Client({ connectionString: database.url });
    await admin.connect();
  }, 30_000);

  afterAll(async () => {
    await admin?.end();
    await database?.dispose();
  }, 30_000);

  const terminate = (pid: number) => admin.query('SELECT pg_terminate_backend($1)', [pid]);
  const appName = async (name: string) => {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1',
      [name],
    );
    return rows.map((r) => r.pid);
  };

  it('fails a transaction whose connection is ended between two statements, and the pool carries on', async () => {
    // Without a listener on the checked-out client, the server's message would be an unhandled 'error' event.
    const attempt = database.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // The handler is busy with something else while the server ends its session: no statement is running.
      await terminate(rows[0].pid);
      await sleep(300);
      await tx.query('SELECT 1');
    });
    await expect(attempt).rejects.toThrow();
    for (let i = 0; i < 8; i++)
      expect((await database.db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('takes the subscription lock again when its connection is ended, and carries on from the checkpoint', async () => {
    const subscriberId = `connection-loss-${randomUUID()}`;
    const streamId = `case-${randomUUID()}`;
    const handled: StoredEvent[] = [];
    const event = () => ({ eventId: randomUUID(), type: 'Noted', data: {}, metadata: {} });
    const subscription = new Subscription({
      db: database.db,
      store,
      subscriberId,
      pollIntervalMs: 20,
      handle: async (_tx, events) => {
        handled.push(...events.filter((e) => e.streamId === streamId));
      },
      onError: () => undefined,
    });
    subscription.start();
    try {
      await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' });
      await waitFor('the first event handled', () => handled.length === 1);
      expect(subscription.isActive).toBe(true);

      const lockHolders = await appName('%pg_try_advisory_lock%');
      expect(lockHolders).toHaveLength(1);
      await terminate(lockHolders[0]);
      await waitFor('the lock taken again on a new connection', async () => {
        const holders = await appName('%pg_try_advisory_lock%');
        return holders.length === 1 && holders[0] !== lockHolders[0];
      });

      await store.appendToStream(streamId, [event()], { expectedVersion: 1 });
      await waitFor('the second event handled', () => handled.length === 2);
      expect(handled.map((e) => e.streamVersion)).toEqual([1, 2]);
    } finally {
      await subscription.stop();
    }
  }, 30_000);

  it('reports recovery once attempts succeed again, also when there is nothing to process', async () => {
    const errors: unknown[] = [];
    const recovered: number[] = [];
    const subscription = new Subscription({
      db: database.db,
      store,
      subscriberId: `recovery-${randomUUID()}`,
      pollIntervalMs: 20,
      maxRetryDelayMs: 100,
      eventTypes: ['NeverWritten'],
      handle: async () => undefined,
      onError: (error) => errors.push(error),
      onRecovered: (failures) => recovered.push(failures),
    });
    subscription.start();
    const name = database.url!.replace(/^.*\//, '');
    // From another database: a session cannot close its own database to connections.
    const server = new Client({ connectionString: TEST_SERVER_URL });
    await server.connect();
    try {
      await waitFor('the lock taken', () => subscription.isActive);
      // The database refuses new connections, and the lock's connection is ended: taking the lock again fails.
      await server.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      for (const pid of await appName('%pg_try_advisory_lock%')) await terminate(pid);
      await waitFor('attempts failing', () => errors.length >= 2);
      expect(recovered).toEqual([]);
      await server.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await waitFor('recovered', () => recovered.length > 0);
      expect(recovered[0]).toBeGreaterThanOrEqual(2);
      expect(subscription.isActive).toBe(true);
    } finally {
      await server.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await server.end();
      await subscription.stop();
    }
  }, 30_000);

  it('keeps one connection for a standby that polls for a lock held elsewhere, and gives it the lock once free', async () => {
    const name = `standby-${randomUUID()}`;
    const other = await openDatabase({ url: database.url, poolSize: 1 });
    try {
      const held = await database.db.tryLock(name);
      expect(held).not.toBeNull();
      const standbyPids = new Set<number>();
      for (let i = 0; i < 5; i++) {
        expect(await other.tryLock(name)).toBeNull();
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_try_advisory_lock%' AND state = 'idle'`,
        );
        for (const { pid } of rows) standbyPids.add(pid);
      }
      // The holder's connection and one standby connection, however often the standby asked.
      expect(standbyPids.size).toBe(2);
      await held!.release();
      const taken = await other.tryLock(name);
      expect(taken).not.toBeNull();
      await taken!.release();
    } finally {
      await other.close();
    }
  });
});
