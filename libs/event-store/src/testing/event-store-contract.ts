import { randomUUID } from 'node:crypto';
import type { Database } from '../db';
import {
  DuplicateEventId,
  PostgresEventStore,
  WrongExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from '../event-store';
import { GENESIS_HASH, hashEvent } from '../hash-chain';
import { Subscription } from '../subscription';

/**
 * The behaviour every database the event store runs on must show. Call it at the top level of an `.int-spec.ts`
 * file; `open` gives a fresh, migrated database, `dispose` closes (and drops) it.
 */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<{ db: Database; dispose(): Promise<void> }>,
): void {
  describe(`event store on ${name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let store: PostgresEventStore;

    beforeAll(async () => {
      ({ db, dispose } = await open());
      store = new PostgresEventStore(db);
    });

    afterAll(async () => {
      await dispose?.();
    });

    const newStream = () => `case-${randomUUID()}`;
    const event = (type = 'CaseOpened', data: object = { n: 1 }): NewEvent => ({
      eventId: randomUUID(),
      type,
      data,
      metadata: { actor: { username: 'anna', role: 'coordinator' }, correlationId: randomUUID() },
    });
    const countEvents = async (streamId: string) => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events WHERE stream_id = $1', [
        streamId,
      ]);
      return rows[0].n;
    };
    const tamper = async (statement: string, params: unknown[]) => {
      await db.transaction(async (tx) => {
        await tx.exec('ALTER TABLE es_events DISABLE TRIGGER es_events_append_only');
        await tx.query(statement, params);
        await tx.exec('ALTER TABLE es_events ENABLE TRIGGER es_events_append_only');
      });
    };

    describe('appending', () => {
      it('appends to a new stream with no_stream, then with the exact version, then with any', async () => {
        const streamId = newStream();

        const first = await store.appendToStream(streamId, [event(), event()], { expectedVersion: 'no_stream' });
        expect(first.nextExpectedVersion).toBe(2);
        expect(first.stored.map((e) => e.streamVersion)).toEqual([1, 2]);

        const second = await store.appendToStream(streamId, [event()], { expectedVersion: 2 });
        expect(second.nextExpectedVersion).toBe(3);
        expect(second.stored[0].streamVersion).toBe(3);

        const third = await store.appendToStream(streamId, [event(), event()], { expectedVersion: 'any' });
        expect(third.nextExpectedVersion).toBe(5);

        const any = await store.appendToStream(newStream(), [event()], { expectedVersion: 'any' });
        expect(any.nextExpectedVersion).toBe(1);

        const events = await store.readStream(streamId);
        expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
        expect(events[0]).toEqual(
          expect.objectContaining({
            streamId,
            type: 'CaseOpened',
            schemaVersion: 1,
            data: { n: 1 },
            recordedAt: expect.any(Date),
          }),
        );
        expect(typeof events[0].globalPosition).toBe('string');
        expect(typeof events[0].txId).toBe('string');
        const { rows } = await db.query<{ stream_type: string; version: number }>(
          'SELECT stream_type, version FROM es_streams WHERE stream_id = $1',
          [streamId],
        );
        expect(rows).toEqual([{ stream_type: 'case', version: 5 }]);
      });

      it('refuses a wrong expected version with WrongExpectedVersion and writes nothing', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event(), event()], { expectedVersion: 'no_stream' });

        await expect(store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' })).rejects.toMatchObject(
          {
            name: 'WrongExpectedVersion',
            streamId,
            expected: 'no_stream',
            actual: 2,
          },
        );
        await expect(store.appendToStream(streamId, [event()], { expectedVersion: 1 })).rejects.toBeInstanceOf(
          WrongExpectedVersion,
        );
        await expect(store.appendToStream(streamId, [event()], { expectedVersion: 3 })).rejects.toBeInstanceOf(
          WrongExpectedVersion,
        );
        const missing = newStream();
        await expect(store.appendToStream(missing, [event()], { expectedVersion: 1 })).rejects.toMatchObject({
          actual: 0,
        });

        expect(await countEvents(streamId)).toBe(2);
        expect(await countEvents(missing)).toBe(0);
        expect((await store.verifyStream(streamId)).valid).toBe(true);
      });

      it('lets exactly one of 16 concurrent appenders with the same expected version win', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' });

        const results = await Promise.allSettled(
          Array.from({ length: 16 }, () => store.appendToStream(streamId, [event(), event()], { expectedVersion: 1 })),
        );

        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(15);
        for (const failure of lost) expect(failure.reason).toBeInstanceOf(WrongExpectedVersion);
        expect(await countEvents(streamId)).toBe(3);
        expect((await store.verifyStream(streamId)).valid).toBe(true);
      });

      it('lets 16 concurrent appenders with expected version any all succeed, one after the other', async () => {
        const streamId = newStream();
        await Promise.all(
          Array.from({ length: 16 }, () => store.appendToStream(streamId, [event()], { expectedVersion: 'any' })),
        );

        expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual(
          Array.from({ length: 16 }, (_, i) => i + 1),
        );
        expect((await store.verifyStream(streamId)).valid).toBe(true);
      });

      it('writes nothing when the same events are appended again, and returns the stored ones', async () => {
        const streamId = newStream();
        const batch = [event(), event()];
        const first = await store.appendToStream(streamId, batch, { expectedVersion: 'no_stream' });
        const onAppended = jest.fn(async () => undefined);

        const again = await store.appendToStream(streamId, batch, { expectedVersion: 'no_stream', onAppended });
        const againWithStaleVersion = await store.appendToStream(streamId, batch, { expectedVersion: 7 });

        expect(await countEvents(streamId)).toBe(2);
        expect(again).toEqual(first);
        expect(againWithStaleVersion).toEqual(first);
        expect(onAppended).not.toHaveBeenCalled();
      });

      it('refuses a batch in which only some event ids are already stored, or stored in another stream', async () => {
        const streamId = newStream();
        const stored = event();
        await store.appendToStream(streamId, [stored], { expectedVersion: 'no_stream' });

        await expect(store.appendToStream(streamId, [stored, event()], { expectedVersion: 1 })).rejects.toBeInstanceOf(
          DuplicateEventId,
        );
        const other = newStream();
        await expect(store.appendToStream(other, [stored], { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(
          DuplicateEventId,
        );
        const twice = event();
        await expect(store.appendToStream(streamId, [twice, twice], { expectedVersion: 1 })).rejects.toBeInstanceOf(
          DuplicateEventId,
        );

        expect(await countEvents(streamId)).toBe(1);
        expect(await countEvents(other)).toBe(0);
      });

      it('runs onAppended in the transaction of the append, so a failing projection appends nothing', async () => {
        const streamId = newStream();
        const seen: StoredEvent[] = [];
        await store.appendToStream(streamId, [event()], {
          expectedVersion: 'no_stream',
          onAppended: async (tx, stored) => {
            seen.push(...stored);
            const { rows } = await tx.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM es_events WHERE stream_id = $1',
              [streamId],
            );
            expect(rows[0].n).toBe(1);
          },
        });
        expect(seen.map((e) => e.streamVersion)).toEqual([1]);

        await expect(
          store.appendToStream(streamId, [event()], {
            expectedVersion: 1,
            onAppended: async () => {
              throw new Error('projection failed');
            },
          }),
        ).rejects.toThrow('projection failed');
        expect(await countEvents(streamId)).toBe(1);
      });

      it('appends inside a transaction of the caller, which decides whether it commits', async () => {
        const streamId = newStream();
        await expect(
          db.transaction(async (tx) => {
            await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream', tx });
            throw new Error('caller rolls back');
          }),
        ).rejects.toThrow('caller rolls back');
        expect(await countEvents(streamId)).toBe(0);

        await db.transaction((tx) => store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream', tx }));
        expect(await countEvents(streamId)).toBe(1);
      });
    });

    describe('appending with writes alongside, in one statement', () => {
      const sideRows = async (ids: string[]) => {
        const { rows } = await db.query<{ id: string }>(
          'SELECT id FROM contract_alongside WHERE id = ANY($1::text[]) ORDER BY id',
          [ids],
        );
        return rows.map((r) => r.id);
      };
      const side = (id: string) => ({ text: 'INSERT INTO contract_alongside (id) VALUES ($1)', params: [id] });

      beforeAll(async () => {
        await db.exec('CREATE TABLE IF NOT EXISTS contract_alongside (id text PRIMARY KEY)');
      });

      it('commits the events and the writes together, as a chained stream', async () => {
        const streamId = newStream();
        const [a, b] = [randomUUID(), randomUUID()];
        const result = await store.appendToStream(streamId, [event(), event('CaseNoted', { n: 2 })], {
          expectedVersion: 'no_stream',
          alongside: [side(a), side(b)],
        });
        expect(result.nextExpectedVersion).toBe(2);
        expect(result.stored.map((e) => [e.streamVersion, e.type])).toEqual([
          [1, 'CaseOpened'],
          [2, 'CaseNoted'],
        ]);
        expect(await sideRows([a, b])).toEqual([a, b].sort());
        expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
        expect((await store.verifyStream(streamId)).valid).toBe(true);
        // The stream goes on from there like any other.
        expect((await store.appendToStream(streamId, [event()], { expectedVersion: 2 })).nextExpectedVersion).toBe(3);
        expect((await store.verifyStream(streamId)).valid).toBe(true);
      });

      it('writes nothing, not even the writes beside it, when the stream exists', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' });
        const id = randomUUID();
        const refused = store.appendToStream(streamId, [event()], {
          expectedVersion: 'no_stream',
          alongside: [side(id)],
        });
        await expect(refused).rejects.toBeInstanceOf(WrongExpectedVersion);
        await expect(refused).rejects.toMatchObject({ actual: 1 });
        expect(await sideRows([id])).toEqual([]);
        expect(await countEvents(streamId)).toBe(1);
      });

      it('writes no events when a write beside them fails', async () => {
        const taken = randomUUID();
        await db.query('INSERT INTO contract_alongside (id) VALUES ($1)', [taken]);
        const streamId = newStream();
        const fresh = randomUUID();
        await expect(
          store.appendToStream(streamId, [event()], {
            expectedVersion: 'no_stream',
            alongside: [side(fresh), side(taken)],
          }),
        ).rejects.toMatchObject({ code: '23505' });
        expect(await countEvents(streamId)).toBe(0);
        expect(await sideRows([fresh])).toEqual([]);
        const { rows: streams } = await db.query('SELECT 1 FROM es_streams WHERE stream_id = $1', [streamId]);
        expect(streams).toEqual([]);
        // The stream is still new: the same events may be written once the clash is gone.
        await expect(
          store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream', alongside: [side(fresh)] }),
        ).resolves.toMatchObject({ nextExpectedVersion: 1 });
      });

      it('answers a repeated append with the events stored the first time', async () => {
        const streamId = newStream();
        const events = [event(), event()];
        const first = await store.appendToStream(streamId, events, {
          expectedVersion: 'no_stream',
          alongside: [side(randomUUID())],
        });
        const again = await store.appendToStream(streamId, events, {
          expectedVersion: 'no_stream',
          alongside: [side(randomUUID())],
        });
        expect(again.stored.map((e) => e.eventId)).toEqual(first.stored.map((e) => e.eventId));
        expect(await countEvents(streamId)).toBe(2);
      });

      it('moves an existing stream on with the writes, and writes neither when the stream moved on first', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' });
        const [a, b] = [randomUUID(), randomUUID()];
        const second = await store.appendToStream(streamId, [event('CaseNoted', { n: 2 })], {
          expectedVersion: 1,
          alongside: [side(a)],
        });
        expect(second.nextExpectedVersion).toBe(2);
        expect(second.stored.map((e) => e.streamVersion)).toEqual([2]);
        expect(await sideRows([a])).toEqual([a]);
        const stale = store.appendToStream(streamId, [event()], { expectedVersion: 1, alongside: [side(b)] });
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersion);
        await expect(stale).rejects.toMatchObject({ actual: 2 });
        expect(await sideRows([b])).toEqual([]);
        expect(await countEvents(streamId)).toBe(2);
        expect((await store.verifyStream(streamId)).valid).toBe(true);
      });

      it("goes by the stream's real head when another writer moved it, and fails as a whole when the version is gone", async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' });
        // Another process moves the stream: this store's remembered head is stale.
        await new PostgresEventStore(db).appendToStream(streamId, [event()], { expectedVersion: 1 });
        const [a, b] = [randomUUID(), randomUUID()];
        const moved = await store.appendToStream(streamId, [event()], { expectedVersion: 2, alongside: [side(a)] });
        expect(moved.nextExpectedVersion).toBe(3);
        expect(await sideRows([a])).toEqual([a]);
        await new PostgresEventStore(db).appendToStream(streamId, [event()], { expectedVersion: 3 });
        await expect(
          store.appendToStream(streamId, [event()], { expectedVersion: 3, alongside: [side(b)] }),
        ).rejects.toMatchObject({ actual: 4 });
        expect(await sideRows([b])).toEqual([]);
        expect(await countEvents(streamId)).toBe(4);
        expect((await store.verifyStream(streamId)).valid).toBe(true);
      });

      it('appends to several streams in one statement, with writes alongside, all or nothing', async () => {
        const [one, two] = [newStream(), newStream()];
        await store.appendToStream(one, [event()], { expectedVersion: 'no_stream' });
        await store.appendToStream(two, [event(), event()], { expectedVersion: 'no_stream' });
        // The second stream's head is not known to this store.
        const fresh = new PostgresEventStore(db);
        await fresh.appendToStream(one, [event()], { expectedVersion: 1 });
        const a = randomUUID();
        const results = await fresh.appendMany(
          [
            { streamId: one, events: [event('CaseNoted', { n: 7 })], expectedVersion: 2 },
            { streamId: two, events: [event('CaseNoted', { n: 8 }), event('CaseNoted', { n: 9 })], expectedVersion: 2 },
          ],
          { alongside: [side(a)] },
        );
        expect(results.map((r) => [r.nextExpectedVersion, r.stored.map((e) => e.streamVersion)])).toEqual([
          [3, [3]],
          [4, [3, 4]],
        ]);
        expect(results[0].stored[0].txId).toBe(results[1].stored[0].txId);
        expect(await sideRows([a])).toEqual([a]);
        expect((await store.readStream(two)).map((e) => e.data)).toEqual([{ n: 1 }, { n: 1 }, { n: 8 }, { n: 9 }]);
        expect((await store.verifyStream(one)).valid).toBe(true);
        expect((await store.verifyStream(two)).valid).toBe(true);

        // A stream not at the version asked for: refused as a whole, before anything is sent.
        const b = randomUUID();
        const refused = fresh.appendMany(
          [
            { streamId: two, events: [event()], expectedVersion: 4 },
            { streamId: one, events: [event()], expectedVersion: 2 },
          ],
          { alongside: [side(b)] },
        );
        await expect(refused).rejects.toBeInstanceOf(WrongExpectedVersion);
        await expect(refused).rejects.toMatchObject({ streamId: one, actual: 3 });
        expect(await countEvents(two)).toBe(4);
        expect(await countEvents(one)).toBe(3);
        expect(await sideRows([b])).toEqual([]);
        // Another writer moved a stream after this store read its head: nothing written either.
        await new PostgresEventStore(db).appendToStream(two, [event()], { expectedVersion: 4 });
        await expect(
          fresh.appendMany([{ streamId: two, events: [event()], expectedVersion: 4 }], { alongside: [side(b)] }),
        ).rejects.toMatchObject({ streamId: two, actual: 5 });
        expect(await sideRows([b])).toEqual([]);
        expect((await store.verifyStream(two)).valid).toBe(true);
        await expect(
          fresh.appendMany([{ streamId: newStream(), events: [event()], expectedVersion: 0 }], {}),
        ).rejects.toThrow(/existing streams/);
      });

      it('refuses writes alongside an append without an exact expected version, or inside a transaction', async () => {
        const streamId = newStream();
        await expect(
          store.appendToStream(streamId, [event()], { expectedVersion: 'any', alongside: [side(randomUUID())] }),
        ).rejects.toThrow(/expected version/);
        await expect(
          db.transaction((tx) =>
            store.appendToStream(streamId, [event()], {
              expectedVersion: 'no_stream',
              tx,
              alongside: [side(randomUUID())],
            }),
          ),
        ).rejects.toThrow(/no transaction/);
        expect(await countEvents(streamId)).toBe(0);
      });
    });

    describe('the log is append-only', () => {
      it('refuses UPDATE, DELETE and TRUNCATE on es_events', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' });

        await expect(db.query(`UPDATE es_events SET data = '{}' WHERE stream_id = $1`, [streamId])).rejects.toThrow(
          /append-only/,
        );
        await expect(db.query('DELETE FROM es_events WHERE stream_id = $1', [streamId])).rejects.toThrow(/append-only/);
        await expect(db.exec('TRUNCATE es_events')).rejects.toThrow(/append-only/);
        expect(await countEvents(streamId)).toBe(1);
      });

      it('refuses DELETE and TRUNCATE on es_streams, whose rows appends move', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' });

        await expect(db.query('DELETE FROM es_streams WHERE stream_id = $1', [streamId])).rejects.toThrow(/refused/);
        await expect(db.exec('TRUNCATE es_streams')).rejects.toThrow(/refused/);
        await store.appendToStream(streamId, [event()], { expectedVersion: 1 });
        expect(await countEvents(streamId)).toBe(2);
      });
    });

    describe('reading a stream', () => {
      it('reads a stream whole, up to a version, and as it was at an instant', async () => {
        const streamId = newStream();
        const day = (d: number) => new Date(Date.UTC(2025, 0, d, 12));
        await store.appendToStream(streamId, [event('CaseOpened')], {
          expectedVersion: 'no_stream',
          recordedAt: day(1),
        });
        await store.appendToStream(streamId, [event('CaseAssigned'), event('SignalAdded')], {
          expectedVersion: 1,
          recordedAt: day(2),
        });
        await store.appendToStream(streamId, [event('CaseClosed')], { expectedVersion: 3, recordedAt: day(3) });

        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual([
          'CaseOpened',
          'CaseAssigned',
          'SignalAdded',
          'CaseClosed',
        ]);
        expect((await store.readStream(streamId, { toVersion: 2 })).map((e) => e.streamVersion)).toEqual([1, 2]);
        expect((await store.readStream(streamId, { asOf: day(2) })).map((e) => e.type)).toEqual([
          'CaseOpened',
          'CaseAssigned',
          'SignalAdded',
        ]);
        expect(await store.readStream(streamId, { asOf: new Date(Date.UTC(2024, 11, 31)) })).toEqual([]);
        expect((await store.readStream(streamId))[3].recordedAt).toEqual(day(3));
        expect(await store.readStream(newStream())).toEqual([]);
      });

      it('uses the clock of the store when no instant is given', async () => {
        const now = new Date('2025-03-04T05:06:07.089Z');
        const clocked = new PostgresEventStore(db, { clock: () => now });
        const streamId = newStream();
        await clocked.appendToStream(streamId, [event()], { expectedVersion: 'no_stream' });
        expect((await store.readStream(streamId))[0].recordedAt).toEqual(now);
      });
    });

    describe('reading all streams', () => {
      it('reads events in commit-safe order after a checkpoint, in pages, filtered by type', async () => {
        const a = newStream();
        const b = newStream();
        await store.appendToStream(a, [event('TestA1'), event('TestA2')], { expectedVersion: 'no_stream' });
        await store.appendToStream(b, [event('TestB1')], { expectedVersion: 'no_stream' });
        await store.appendToStream(a, [event('TestA3')], { expectedVersion: 2 });

        let all: StoredEvent[] = [];
        const ours = () => all.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.type);
        // On a shared server a transaction open in another database holds the newest events back for a moment.
        await waitFor(async () => {
          all = await store.readAll({ limit: 100_000 });
          return ours().length === 4;
        });
        expect(ours()).toEqual(['TestA1', 'TestA2', 'TestB1', 'TestA3']);
        const order = all.map((e) => [BigInt(e.txId), BigInt(e.globalPosition)] as const);
        for (let i = 1; i < order.length; i++) {
          const [tx, pos] = order[i];
          const [prevTx, prevPos] = order[i - 1];
          expect(tx > prevTx || (tx === prevTx && pos > prevPos)).toBe(true);
        }

        const firstOfOurs = all.findIndex((e) => e.streamId === a);
        const after = all[firstOfOurs];
        const page = await store.readAll({
          after: { txId: after.txId, globalPosition: after.globalPosition },
          limit: 2,
        });
        expect(page.map((e) => e.type)).toEqual(['TestA2', 'TestB1']);

        const filtered = await store.readAll({ eventTypes: ['TestA3', 'TestB1'], limit: 100_000 });
        expect(filtered.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.type)).toEqual([
          'TestB1',
          'TestA3',
        ]);
      });
    });

    describe('hash chain', () => {
      it('chains every event to the one before it and verifies an untouched stream', async () => {
        const streamId = newStream();
        await store.appendToStream(
          streamId,
          [event('CaseOpened', { when: new Date(0), nested: { b: 2, a: [1, 'x'] } })],
          {
            expectedVersion: 'no_stream',
          },
        );
        await store.appendToStream(streamId, [event(), event()], { expectedVersion: 1 });

        const events = await store.readStream(streamId);
        expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
        expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
        expect(events[2].metadata.prevHash).toBe(events[1].metadata.hash);
        expect(events[2].metadata.hash).toBe(hashEvent(events[1].metadata.hash, events[2]));
        expect(events[0].metadata.actor).toEqual({ username: 'anna', role: 'coordinator' });
        expect(await store.verifyStream(streamId)).toEqual({
          valid: true,
          checkedEvents: 3,
          firstInvalidVersion: null,
        });
        expect(await store.verifyStream(newStream())).toEqual({
          valid: true,
          checkedEvents: 0,
          firstInvalidVersion: null,
        });
      });

      it('reports a modified event as the first invalid version', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event(), event(), event(), event()], { expectedVersion: 'no_stream' });

        await tamper(`UPDATE es_events SET data = '{"n": 2}' WHERE stream_id = $1 AND stream_version = 3`, [streamId]);

        expect(await store.verifyStream(streamId)).toEqual({ valid: false, checkedEvents: 3, firstInvalidVersion: 3 });
      });

      it('reports a deleted event as the first invalid version', async () => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event(), event(), event(), event()], { expectedVersion: 'no_stream' });
        await tamper('DELETE FROM es_events WHERE stream_id = $1 AND stream_version = 2', [streamId]);
        expect(await store.verifyStream(streamId)).toMatchObject({ valid: false, firstInvalidVersion: 2 });

        const tail = newStream();
        await store.appendToStream(tail, [event(), event(), event()], { expectedVersion: 'no_stream' });
        await tamper('DELETE FROM es_events WHERE stream_id = $1 AND stream_version = 3', [tail]);
        expect(await store.verifyStream(tail)).toMatchObject({ valid: false, firstInvalidVersion: 3 });
      });

      it('reports swapped events and an event inserted behind the store as invalid', async () => {
        const swapped = newStream();
        await store.appendToStream(swapped, [event('First'), event('Second'), event('Third')], {
          expectedVersion: 'no_stream',
        });
        await tamper(
          `UPDATE es_events e SET event_type = o.event_type, data = o.data, metadata = o.metadata
           FROM es_events o
           WHERE e.stream_id = $1 AND o.stream_id = $1 AND e.stream_version IN (2, 3) AND o.stream_version = 5 - e.stream_version`,
          [swapped],
        );
        expect(await store.verifyStream(swapped)).toMatchObject({ valid: false, firstInvalidVersion: 2 });

        const inserted = newStream();
        await store.appendToStream(inserted, [event(), event()], { expectedVersion: 'no_stream' });
        const [last] = await store.readStream(inserted, { toVersion: 2 }).then((e) => e.slice(-1));
        await db.query(
          `INSERT INTO es_events (stream_id, stream_version, event_id, event_type, data, metadata, recorded_at)
           VALUES ($1, 3, $2, 'Forged', '{}', $3, now())`,
          [inserted, randomUUID(), JSON.stringify({ prevHash: last.metadata.hash, hash: 'f'.repeat(64) })],
        );
        expect(await store.verifyStream(inserted)).toMatchObject({ valid: false, firstInvalidVersion: 3 });
      });

      it('reports events without their stream row, and a stream row removed under its events, as invalid', async () => {
        const orphan = newStream();
        const hash = hashEvent(GENESIS_HASH, {
          streamId: orphan,
          streamVersion: 1,
          eventId: randomUUID(),
          type: 'Forged',
          schemaVersion: 1,
          data: {},
          metadata: { prevHash: GENESIS_HASH },
          recordedAt: new Date(0),
        });
        await db.query(
          `INSERT INTO es_events (stream_id, stream_version, event_id, event_type, data, metadata, recorded_at)
           VALUES ($1, 1, $2, 'Forged', '{}', $3, now())`,
          [orphan, randomUUID(), JSON.stringify({ prevHash: GENESIS_HASH, hash })],
        );
        expect(await store.verifyStream(orphan)).toMatchObject({ valid: false, firstInvalidVersion: 1 });

        const headless = newStream();
        await store.appendToStream(headless, [event(), event()], { expectedVersion: 'no_stream' });
        await db.transaction(async (tx) => {
          await tx.exec('ALTER TABLE es_streams DISABLE TRIGGER es_streams_never_deleted');
          await tx.query('DELETE FROM es_streams WHERE stream_id = $1', [headless]);
          await tx.exec('ALTER TABLE es_streams ENABLE TRIGGER es_streams_never_deleted');
        });
        expect(await store.verifyStream(headless)).toMatchObject({ valid: false, firstInvalidVersion: 1 });
      });
    });

    describe('subscriptions', () => {
      /** `errors` collects what the background loop (`start`) would otherwise only log and retry. */
      const collect = (subscriberId: string, handled: StoredEvent[], batchSize = 3, errors?: unknown[]) =>
        new Subscription({
          db,
          store,
          subscriberId,
          batchSize,
          pollIntervalMs: 20,
          handle: async (_tx, events) => {
            handled.push(...events);
          },
          ...(errors ? { onError: (error: unknown) => errors.push(error) } : {}),
        });

      it('resumes from its checkpoint after a restart, without handling any event twice', async () => {
        const subscriberId = `resume-${randomUUID()}`;
        const streamId = newStream();
        const handled: StoredEvent[] = [];
        const ours = () => handled.filter((e) => e.streamId === streamId);
        await store.appendToStream(streamId, [event(), event(), event(), event(), event()], {
          expectedVersion: 'no_stream',
        });

        const first = collect(subscriberId, handled);
        let counted = 0;
        // On a shared server, a transaction open in another database holds delivery back for a moment: poll.
        await waitFor(async () => {
          counted += await first.runOnce();
          return ours().length >= 5;
        });
        await first.stop();
        expect(counted).toBe(handled.length);

        await store.appendToStream(streamId, [event(), event()], { expectedVersion: 5 });
        const restarted = collect(subscriberId, handled);
        expect(await restarted.lag()).toBe(2);
        await waitFor(async () => {
          await restarted.runOnce();
          return ours().length >= 7;
        });
        expect(await restarted.lag()).toBe(0);
        await restarted.stop();

        expect(ours().map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(new Set(handled.map((e) => e.eventId)).size).toBe(handled.length);
      });

      it('keeps the checkpoint where it was when the handler fails, and retries the batch', async () => {
        const subscriberId = `failing-${randomUUID()}`;
        await store.appendToStream(newStream(), [event()], { expectedVersion: 'no_stream' });
        await waitFor(async () => (await store.readAll({ limit: 1 })).length > 0);
        let fail = true;
        const handled: StoredEvent[] = [];
        const subscription = new Subscription({
          db,
          store,
          subscriberId,
          batchSize: 1000,
          handle: async (tx, events) => {
            await tx.query('INSERT INTO es_checkpoints (subscriber_id) VALUES ($1) ON CONFLICT DO NOTHING', [
              `${subscriberId}-side-effect`,
            ]);
            if (fail) throw new Error('handler failed');
            handled.push(...events);
          },
        });
        const lag = await subscription.lag();

        await expect(subscription.runOnce()).rejects.toThrow('handler failed');
        expect(await subscription.lag()).toBe(lag);
        const { rows } = await db.query('SELECT 1 FROM es_checkpoints WHERE subscriber_id = $1', [
          `${subscriberId}-side-effect`,
        ]);
        expect(rows).toHaveLength(0);

        fail = false;
        await waitFor(async () => {
          await subscription.runOnce();
          return (await subscription.lag()) === 0;
        });
        expect(handled).toHaveLength(lag);
        await subscription.stop();
      });

      it('lets only one of two instances with the same subscriber id process, and the other take over when it stops', async () => {
        const subscriberId = `pair-${randomUUID()}`;
        const streamId = newStream();
        const byFirst: StoredEvent[] = [];
        const bySecond: StoredEvent[] = [];
        // Both run in the background, where a failed batch is retried: a failure must still reach the test.
        const errors: unknown[] = [];
        const first = collect(subscriberId, byFirst, 3, errors);
        const second = collect(subscriberId, bySecond, 3, errors);
        const ours = () =>
          [...byFirst, ...bySecond]
            .filter((e) => e.streamId === streamId)
            .sort((a, b) => a.streamVersion - b.streamVersion);

        try {
          first.start();
          second.start();
          await store.appendToStream(
            streamId,
            Array.from({ length: 10 }, () => event()),
            { expectedVersion: 'no_stream' },
          );
          await waitFor(() => ours().length >= 10);

          expect([first.isActive, second.isActive].filter(Boolean)).toHaveLength(1);
          const [active, standby, activeHandled, standbyHandled] = first.isActive
            ? [first, second, byFirst, bySecond]
            : [second, first, bySecond, byFirst];
          expect(standbyHandled).toHaveLength(0);
          expect(activeHandled.filter((e) => e.streamId === streamId)).toHaveLength(10);

          await active.stop();
          await store.appendToStream(streamId, [event(), event()], { expectedVersion: 10 });
          await waitFor(() => ours().length >= 12);
          expect(standby.isActive).toBe(true);
          expect(standbyHandled.map((e) => e.streamVersion)).toEqual([11, 12]);
          expect(ours().map((e) => e.streamVersion)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
        } finally {
          await first.stop();
          await second.stop();
        }
        expect(errors.map(String)).toEqual([]);
      });
    });
  });
}

/** Polls `condition` until it holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
