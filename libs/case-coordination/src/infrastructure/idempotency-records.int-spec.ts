import { eventStoreMigrations, migrate } from '@baken/event-store';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import {
  FixedClock,
  IdempotencyKeyReused,
  IdempotencyRecords,
  idempotencyOf,
  requestHash,
  type AppConfig,
} from '@baken/platform';
import { caseMigrations } from './case.migrations';

const HOUR_MS = 3600 * 1000;
const UPGRADE = 'case-coordination/007-idempotency-fingerprints-expire';
const before = caseMigrations.slice(
  0,
  caseMigrations.findIndex((m) => m.id === UPGRADE),
);

describe.each(['postgres', 'pglite'] as const)('idempotency records on %s', (kind) => {
  let database: MigratedTestDatabase;
  const clock = new FixedClock(new Date('2026-03-16T09:00:00Z'));
  const records = new IdempotencyRecords(
    { masterKey: Buffer.alloc(32, 5), idempotencyTtlHours: 24 } as AppConfig,
    clock,
  );
  const idempotency = (key: string, body: unknown) => idempotencyOf(key, 'POST', '/api/signals', body)!;
  const rows = async () =>
    (await database.db.query<{ actor: string; key: string }>('SELECT actor, key FROM idempotency_keys ORDER BY key'))
      .rows;
  const store = async (actor: string, key: string, body: unknown, response: unknown) => {
    const { text, params } = records.store(actor, idempotency(key, body), response);
    await database.db.query(text, params);
  };

  beforeAll(async () => {
    // A database as the release before: records that hold the plain SHA-256 of their request.
    database = await openMigratedTestDatabase({ kind, migrations: before });
    await database.db.query(
      'INSERT INTO idempotency_keys (actor, key, request_hash, response) VALUES ($1, $2, $3, $4)',
      ['coordinator.de-baronie', 'old', requestHash('POST', '/api/signals', { name: 'x' }), '{"caseId":"c"}'],
    );
  }, 60_000);
  afterAll(() => database?.dispose());

  it('deletes the records that hold a plain hash when it upgrades: a repeat of such a request is a new one', async () => {
    expect(await rows()).toHaveLength(1);
    expect(await migrate(database.db, [...eventStoreMigrations, ...caseMigrations])).toEqual([
      ...caseMigrations.slice(before.length).map((m) => m.id),
    ]);
    expect(await rows()).toEqual([]);
    expect(await records.find(database.db, 'coordinator.de-baronie', idempotency('old', { name: 'x' }))).toBeNull();
  });

  it('answers the stored response to a repeat, and refuses the key for another request', async () => {
    await store('a', 'k1', { name: 'x' }, { caseId: 'one' });
    expect(await records.find(database.db, 'a', idempotency('k1', { name: 'x' }))).toEqual({ caseId: 'one' });
    await expect(records.find(database.db, 'a', idempotency('k1', { name: 'y' }))).rejects.toBeInstanceOf(
      IdempotencyKeyReused,
    );
    expect(await records.find(database.db, 'b', idempotency('k1', { name: 'x' }))).toBeNull();
  });

  it('forgets a record after its time, and deletes the expired ones it meets', async () => {
    await store('b', 'k2', { name: 'z' }, { caseId: 'two' });
    clock.advance(24 * HOUR_MS);
    expect(await records.find(database.db, 'a', idempotency('k1', { name: 'x' }))).toBeNull();
    expect(await rows()).toEqual([]);
    // The key is free again: the same request under it is stored anew.
    await store('a', 'k1', { name: 'x' }, { caseId: 'three' });
    expect(await records.find(database.db, 'a', idempotency('k1', { name: 'x' }))).toEqual({ caseId: 'three' });
  });

  it('writes idempotently: the write runs once, a repeat answers its result', async () => {
    let writes = 0;
    const write = () =>
      records.write(database.db, 'c', idempotency('k3', { n: 1 }), async () => ({ written: ++writes }));
    expect(await write()).toEqual({ written: 1 });
    expect(await write()).toEqual({ written: 1 });
    expect(writes).toBe(1);
  });
});
