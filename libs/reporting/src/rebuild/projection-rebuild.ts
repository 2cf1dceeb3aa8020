import {
  START_CHECKPOINT,
  type Checkpoint,
  type Database,
  type EventStore,
  type Sql,
  type StoredEvent,
} from '@baken/event-store';
import type { SubscriberDefinition } from '@baken/platform';
import { ShadowTables, type ShadowRebuild } from './shadow-tables';

/** A projection that names its tables, so that a rebuild can write them beside the live ones (see {@link ShadowTables}). */
export interface ShadowRebuildable {
  shadowRebuild?: ShadowRebuild;
}

export interface RebuildOptions {
  /** Events read and applied per step; memory holds two batches at a time (one written, the next read). Default 5000. */
  batchSize?: number;
  /** Called after every batch with the events applied so far and the events of the projection's types in the log. */
  onProgress?: (done: number, total: number) => void;
}

/** Large enough that the round trips of a batch are a small part of its cost, small enough to hold two in memory. */
export const DEFAULT_REBUILD_BATCH_SIZE = 5000;

export interface RebuildResult {
  name: string;
  events: number;
  batches: number;
  checkpoint: Checkpoint;
}

export class NotRebuildable extends Error {
  constructor(name: string) {
    super(`"${name}" cannot be rebuilt: it is a process, not a projection (it has no reset).`);
  }
}

/**
 * Runs `fn` with a connection to read the log from. On PostgreSQL that is a second connection in a read-only
 * transaction on the rebuild's own snapshot (exported, then imported): it sees exactly the events the rebuild's
 * transaction would, and reading overlaps with writing. On PGlite, a single connection, it is the rebuild's transaction.
 */
async function withLogReader(db: Database, tx: Sql, fn: (reader: Sql) => Promise<void>): Promise<void> {
  if (db.kind !== 'postgres') return fn(tx);
  const { rows } = await tx.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
  if (!/^[0-9A-F-]+$/i.test(rows[0].snapshot)) throw new Error(`Unexpected snapshot id ${rows[0].snapshot}`);
  await db.transaction(async (reader) => {
    await reader.exec(
      `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '${rows[0].snapshot}'`,
    );
    await fn(reader);
  });
}

/**
 * Plans every statement of the rebuild for the tables as they are at that moment. Prepared statements otherwise keep a
 * generic plan made when the projection's tables were empty — a sequential scan for every lookup by key — and statistics
 * do not change within the one long transaction, so the lookups would grow with the log: quadratic over a long rebuild.
 * Planning each time costs a fraction of a millisecond per batch. Ends with the transaction (`SET LOCAL`).
 */
const PLAN_EACH_STATEMENT = 'SET LOCAL plan_cache_mode = force_custom_plan';

/**
 * Empties a projection and replays the log into it, batch by batch, in one transaction that also moves its checkpoint:
 * reports keep reading the old rows until the rebuilt ones commit, and a rebuild that fails leaves everything as it
 * was. The projection's checkpoint row is locked first, so its live subscriber (in any process) waits for the rebuild
 * and then carries on from where the rebuild stopped. Memory holds two batches, whatever the length of the log.
 *
 * A projection that declares `shadowRebuild` is written into fresh tables beside the live ones, which take the live
 * tables' place at the end: the reports' indexes are built once instead of row by row (most of the cost of writing),
 * and the old rows go at once instead of leaving a table's worth of dead rows behind. Others are emptied with their
 * `reset` (which must not `TRUNCATE`, or reports would wait for the whole rebuild).
 *
 * The transaction is long on a long log, and a long transaction holds back every subscriber on the server
 * (`pg_snapshot_xmin`): run rebuilds when the region is quiet.
 */
export async function rebuildProjection(
  db: Database,
  store: EventStore,
  definition: SubscriberDefinition & ShadowRebuildable,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  if (!definition.reset) throw new NotRebuildable(definition.name);
  const batchSize = options.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE;
  const eventTypes = definition.eventTypes ? [...definition.eventTypes] : null;
  return db.transaction(async (tx) => {
    await tx.exec(PLAN_EACH_STATEMENT);
    await tx.query('INSERT INTO es_checkpoints (subscriber_id) VALUES ($1) ON CONFLICT (subscriber_id) DO NOTHING', [
      definition.name,
    ]);
    await tx.query('SELECT subscriber_id FROM es_checkpoints WHERE subscriber_id = $1 FOR UPDATE', [definition.name]);
    const { rows } = await tx.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM es_events WHERE ($1::text[] IS NULL OR event_type = ANY($1::text[]))',
      [eventTypes],
    );
    const total = Number(rows[0].n);
    const shadow = definition.shadowRebuild
      ? await ShadowTables.create(tx, definition.name, definition.shadowRebuild)
      : null;
    if (!shadow) await definition.reset!(tx);
    // Called as methods: a definition may be a class instance (as the deadlines subscriber is).
    const handle = (sql: Sql, events: StoredEvent[]) =>
      shadow && definition.shadowRebuild?.handle
        ? definition.shadowRebuild.handle(sql, events)
        : definition.handle(sql, events);
    let after: Checkpoint = START_CHECKPOINT;
    let done = 0;
    let batches = 0;
    await withLogReader(db, tx, async (reader) => {
      const read = (from: Checkpoint) =>
        store.readAll({ after: from, limit: batchSize, eventTypes: eventTypes ?? undefined, tx: reader });
      let next = read(after);
      for (;;) {
        const events = await next;
        if (events.length === 0) break;
        const last = events[events.length - 1];
        after = { txId: last.txId, globalPosition: last.globalPosition };
        // The next batch is read while this one is written, when the reader has a connection of its own.
        next = read(after);
        if (reader !== tx) next.catch(() => undefined);
        await handle(tx, events);
        done += events.length;
        batches++;
        options.onProgress?.(done, total);
      }
    });
    await shadow?.swap(tx);
    await tx.query(
      `UPDATE es_checkpoints SET tx_id = $2::xid8, global_position = $3::bigint, updated_at = now() WHERE subscriber_id = $1`,
      [definition.name, after.txId, after.globalPosition],
    );
    return { name: definition.name, events: done, batches, checkpoint: after };
  });
}
