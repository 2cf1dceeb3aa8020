import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from './event-store';
import { assertTransactionIdsAhead, checkTransactionIds, TransactionIdsBehindLog } from './restore-guard';
import { openMigratedTestDatabase, type MigratedTestDatabase } from './testing';

const EPOCH = 2n ** 32n;

// One database per kind (an embedded PGlite takes seconds to open on a shared machine): the tests run in order, the
// passing cases first, then those that record transaction ids ahead of the server.
describe.each(['postgres', 'pglite'] as const)('restore guard on %s', (kind) => {
  let database: MigratedTestDatabase;

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind });
  });

  afterAll(async () => {
    await database?.dispose();
  });

  /** The next transaction id as the server sees it now. */
  const nextTxId = async () =>
    BigInt(
      (await database.db.query<{ next: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next'))
        .rows[0].next,
    );

  it('passes on an empty log and on a log written by this server', async () => {
    const empty = await checkTransactionIds(database.db);
    expect(empty).toMatchObject({ ok: true, highestRecordedTxId: null, requiredEpoch: null });

    const store = new PostgresEventStore(database.db);
    const { stored } = await store.appendToStream(
      `case-${randomUUID()}`,
      [{ eventId: randomUUID(), type: 'Opened', data: {} }],
      {
        expectedVersion: 'no_stream',
      },
    );
    const check = await assertTransactionIdsAhead(database.db);
    expect(check).toMatchObject({ ok: true, highestRecordedTxId: stored[0].txId, requiredEpoch: null });
    expect(BigInt(check.nextTxId)).toBeGreaterThan(BigInt(stored[0].txId));
    expect(check.currentEpoch).toBe((BigInt(check.nextTxId) >> 32n).toString());
  });

  it('does not spend a transaction id itself', async () => {
    // Other databases on the shared server move the counter on, so ask the transaction itself.
    const assigned = await database.db.transaction(async (tx) => {
      await checkTransactionIds(tx);
      return (await tx.query<{ xid: string | null }>('SELECT pg_current_xact_id_if_assigned()::text AS xid')).rows[0]
        .xid;
    });
    expect(assigned).toBeNull();
  });

  it('refuses events recorded with transaction ids from a later epoch, as a logical restore leaves them, and names the epoch to set', async () => {
    // What a logical restore of a long-lived cluster looks like: tx_id values copied from a server whose counter
    // had wrapped around more often than this one's.
    const restored = (await nextTxId()) + 2n * EPOCH + 123n;
    const streamId = `case-${randomUUID()}`;
    await database.db.query(
      `INSERT INTO es_streams (stream_id, stream_type, version, last_hash) VALUES ($1, 'case', 1, 'x')`,
      [streamId],
    );
    await database.db.query(
      `INSERT INTO es_events (stream_id, stream_version, event_id, event_type, data, metadata, tx_id, recorded_at)
       VALUES ($1, 1, $2, 'Opened', '{}', '{}', $3::xid8, now())`,
      [streamId, randomUUID(), restored.toString()],
    );

    const check = await checkTransactionIds(database.db);
    expect(check).toMatchObject({
      ok: false,
      highestRecordedTxId: restored.toString(),
      requiredEpoch: ((restored >> 32n) + 1n).toString(),
    });
    // The epoch asked for is enough: its first transaction id is above every recorded one.
    expect(BigInt(check.requiredEpoch!) * EPOCH).toBeGreaterThan(restored);

    const refused = await assertTransactionIdsAhead(database.db).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TransactionIdsBehindLog);
    expect((refused as Error).message).toContain(`pg_resetwal -e ${check.requiredEpoch} <data directory>`);
    expect((refused as Error).message).toContain('npm run cli -- restore-check');
  });

  it('refuses a checkpoint ahead of the server and of the log too', async () => {
    const { highestRecordedTxId } = await checkTransactionIds(database.db);
    const ahead = BigInt(highestRecordedTxId!) + EPOCH;
    await database.db.query(
      `INSERT INTO es_checkpoints (subscriber_id, tx_id, global_position) VALUES ('reporting-facts', $1::xid8, 7)`,
      [ahead.toString()],
    );
    const check = await checkTransactionIds(database.db);
    expect(check).toMatchObject({
      ok: false,
      highestRecordedTxId: ahead.toString(),
      requiredEpoch: ((ahead >> 32n) + 1n).toString(),
    });
  });
});
