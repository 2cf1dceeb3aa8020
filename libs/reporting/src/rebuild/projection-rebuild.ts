import { START_CHECKPOINT, type Checkpoint, type Database, type EventStore } from '@baken/event-store';
import type { SubscriberDefinition } from '@baken/platform';

export interface RebuildOptions {
  /** Events read and applied per step; memory holds one batch at a time. Default 1000. */
  batchSize?: number;
  /** Called after every batch with the events applied so far and the events of the projection's types in the log. */
  onProgress?: (done: number, total: number) => void;
}

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
 * Empties a projection and replays the log into it, batch by batch, in one transaction that also moves its checkpoint:
 * reports keep reading the old rows until the rebuilt ones commit, and a rebuild that fails leaves everything as it
 * was. The projection's checkpoint row is locked first, so its live subscriber (in any process) waits for the rebuild
 * and then carries on from where the rebuild stopped. Memory holds one batch, whatever the length of the log.
 *
 * The transaction is long on a long log, and a long transaction holds back every subscriber on the server
 * (`pg_snapshot_xmin`): run rebuilds when the region is quiet.
 */
export async function rebuildProjection(db: Database, store: EventStore, definition: SubscriberDefinition, options: RebuildOptions = {}): Promise<RebuildResult> {
  if (!definition.reset) throw new NotRebuildable(definition.name);
  const batchSize = options.batchSize ?? 1000;
  const eventTypes = definition.eventTypes ? [...definition.eventTypes] : null;
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO es_checkpoints (subscriber_id) VALUES ($1) ON CONFLICT (subscriber_id) DO NOTHING', [definition.name]);
    await tx.query('SELECT subscriber_id FROM es_checkpoints WHERE subscriber_id = $1 FOR UPDATE', [definition.name]);
    const { rows } = await tx.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM es_events WHERE ($1::text[] IS NULL OR event_type = ANY($1::text[]))',
      [eventTypes],
    );
    const total = Number(rows[0].n);
    await definition.reset!(tx);
    let after: Checkpoint = START_CHECKPOINT;
    let done = 0;
    let batches = 0;
    for (;;) {
      const events = await store.readAll({ after, limit: batchSize, eventTypes: eventTypes ?? undefined, tx });
      if (events.length === 0) break;
      await definition.handle(tx, events);
      const last = events[events.length - 1];
      after = { txId: last.txId, globalPosition: last.globalPosition };
      done += events.length;
      batches++;
      options.onProgress?.(done, total);
    }
    await tx.query(
      `UPDATE es_checkpoints SET tx_id = $2::xid8, global_position = $3::bigint, updated_at = now() WHERE subscriber_id = $1`,
      [definition.name, after.txId, after.globalPosition],
    );
    return { name: definition.name, events: done, batches, checkpoint: after };
  });
}
