import { randomUUID } from 'node:crypto';
import type { Database } from './db';
import { PostgresEventStore, type NewEvent, type StoredEvent } from './event-store';
import { Subscription } from './subscription';
import { openMigratedTestDatabase, type MigratedTestDatabase } from './testing';
import { describeEventStoreContract, waitFor } from './testing/event-store-contract';

describeEventStoreContract('PostgreSQL', () => openMigratedTestDatabase({ kind: 'postgres' }));

describe('event store on PostgreSQL with transactions committing out of order', () => {
  let database: MigratedTestDatabase;
  let db: Database;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind: 'postgres', poolSize: 24 });
    db = database.db;
    store = new PostgresEventStore(db);
  });

  afterAll(async () => {
    await database?.dispose();
  });

  const event = (): NewEvent => ({ eventId: randomUUID(), type: 'SignalRecorded', data: { at: Date.now() } });

  /** Appends in a transaction that stays open until `commit` resolves. */
  function openWriter(streamId: string) {
    let appended!: (stored: StoredEvent) => void;
    let commit!: () => void;
    const stored = new Promise<StoredEvent>((resolve) => (appended = resolve));
    const committed = db.transaction(async (tx) => {
      const result = await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream', tx });
      appended(result.stored[0]);
      await new Promise<void>((resolve) => (commit = resolve));
    });
    return { stored, commit: () => commit(), committed };
  }

  it('holds back events of later transactions while an earlier transaction is still open', async () => {
    const slow = openWriter(`case-${randomUUID()}`);
    const slowEvent = await slow.stored;
    const fast = await store.appendToStream(`case-${randomUUID()}`, [event()], { expectedVersion: 'no_stream' });
    expect(BigInt(fast.stored[0].globalPosition)).toBeGreaterThan(BigInt(slowEvent.globalPosition));

    const whileOpen = await store.readAll({ limit: 100_000 });
    expect(whileOpen.map((e) => e.eventId)).not.toContain(fast.stored[0].eventId);

    slow.commit();
    await slow.committed;
    let afterCommit: string[] = [];
    await waitFor(async () => {
      afterCommit = (await store.readAll({ limit: 100_000 })).map((e) => e.eventId);
      return afterCommit.includes(fast.stored[0].eventId);
    });
    expect(afterCommit.indexOf(slowEvent.eventId)).toBeLessThan(afterCommit.indexOf(fast.stored[0].eventId));
  });

  it('delivers every event exactly once to a subscriber reading while 16 writers commit out of order, where a reader by global position alone skips events', async () => {
    const subscriberId = `out-of-order-${randomUUID()}`;
    const handled: StoredEvent[] = [];
    const subscription = new Subscription({
      db,
      store,
      subscriberId,
      batchSize: 7,
      pollIntervalMs: 5,
      handle: async (_tx, events) => {
        handled.push(...events);
      },
    });
    const naive = naiveReader(db);
    const written: string[] = [];
    let writing = true;

    // A transaction that takes a low global position and commits only after the others have moved past it.
    const straggler = openWriter(`case-${randomUUID()}`);
    const stragglerEvent = await straggler.stored;
    written.push(stragglerEvent.eventId);

    // A reader that throws ends its loop: the error is kept and fails the test, instead of the loop just stopping
    // while the final catch-up below hides that the readers ever fell over.
    let readerError: unknown;
    const readerFailed = () => {
      if (readerError !== undefined)
        throw new Error(`a reader failed while the writers committed: ${String(readerError)}`, { cause: readerError });
    };
    const readers = (async () => {
      while (writing) {
        await subscription.runOnce();
        await naive.poll();
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })().catch((error: unknown) => {
      readerError = error;
    });

    const writers = Array.from({ length: 16 }, async () => {
      const streamId = `case-${randomUUID()}`;
      for (let version = 0; version < 6; version++) {
        await db.transaction(async (tx) => {
          const { stored } = await store.appendToStream(streamId, [event(), event()], {
            expectedVersion: version * 2,
            tx,
          });
          written.push(...stored.map((e) => e.eventId));
          await tx.query('SELECT pg_sleep($1)', [Math.random() * 0.015]);
        });
      }
    });

    try {
      await waitFor(() => {
        readerFailed();
        return BigInt(naive.lastPosition) > BigInt(stragglerEvent.globalPosition);
      }, 10_000);
      // While the straggler is open, the subscriber has not moved past it.
      expect(handled.map((e) => e.eventId).filter((id) => written.includes(id))).toEqual([]);
      expect(await subscription.lag()).toBeGreaterThan(0);
    } finally {
      straggler.commit();
      await straggler.committed;
      await Promise.allSettled(writers);
      writing = false;
      await readers;
      await subscription.stop();
    }
    readerFailed();
    await Promise.all(writers);
    await naive.poll();
    try {
      await waitFor(async () => {
        await subscription.runOnce();
        return (await subscription.lag()) === 0;
      });
    } finally {
      await subscription.stop();
    }

    const handledIds = handled.map((e) => e.eventId);
    expect(written).toHaveLength(1 + 16 * 12);
    expect(new Set(handledIds).size).toBe(handledIds.length);
    expect(handledIds.filter((id) => written.includes(id)).sort()).toEqual([...written].sort());
    expect(await subscription.lag()).toBe(0);

    const missedByNaive = written.filter((id) => !naive.seen.has(id));
    expect(missedByNaive).toContain(stragglerEvent.eventId);
  });
});

/** The reader this store exists to avoid: ordered by global position, checkpointed at the last position seen. */
function naiveReader(db: Database) {
  const seen = new Set<string>();
  let lastPosition = '0';
  return {
    seen,
    get lastPosition() {
      return lastPosition;
    },
    async poll() {
      const { rows } = await db.query<{ event_id: string; global_position: string }>(
        `SELECT event_id::text AS event_id, global_position::text AS global_position
         FROM es_events WHERE global_position > $1::bigint ORDER BY es_events.global_position LIMIT 50`,
        [lastPosition],
      );
      for (const row of rows) {
        seen.add(row.event_id);
        lastPosition = row.global_position;
      }
    },
  };
}
