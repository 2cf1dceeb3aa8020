import { Subscription, type Database, type EventStore, type Migration, type StoredEvent } from '@baken/event-store';

/** Subscriber id of the witness: a checkpointed subscriber that writes down every delivery. */
export const WITNESS = 'drill-witness';

/**
 * One row per delivery, numbered in delivery order, and no unique key on the event: a repeated delivery shows up as a
 * second row instead of failing the batch. Lives in the same database as the log, so it is backed up and restored
 * together with the checkpoint it was committed with.
 */
export const witnessMigration: Migration = {
  id: 'drill/001-witness-deliveries',
  sql: `CREATE TABLE drill_deliveries (
    seq             bigint PRIMARY KEY,
    event_id        uuid NOT NULL,
    tx_id           xid8 NOT NULL,
    global_position bigint NOT NULL
  )`,
};

/** Thrown by the witness to refuse a batch (rolled back, retried later) while it is held back. */
class HeldBack extends Error {}

export interface WitnessOptions {
  /** Refuse every batch that would take the deliveries past this many, leaving the checkpoint where it is. */
  holdAfter?: number;
  batchSize?: number;
}

/** The witness subscription: records each batch in the transaction that also moves its checkpoint. */
export function witnessSubscription(db: Database, store: EventStore, options: WitnessOptions = {}): Subscription {
  let failures = 0;
  return new Subscription({
    db,
    store,
    subscriberId: WITNESS,
    batchSize: options.batchSize ?? 25,
    pollIntervalMs: 20,
    handle: async (tx, events: StoredEvent[]) => {
      const { rows } = await tx.query<{ delivered: string }>(
        'SELECT count(*)::text AS delivered FROM drill_deliveries',
      );
      const delivered = Number(rows[0].delivered);
      if (options.holdAfter !== undefined && delivered + events.length > options.holdAfter) throw new HeldBack();
      await tx.query(
        `INSERT INTO drill_deliveries (seq, event_id, tx_id, global_position)
         SELECT $1::bigint + u.ord, u.event_id, u.tx_id::xid8, u.global_position
         FROM unnest($2::uuid[], $3::text[], $4::bigint[]) WITH ORDINALITY AS u(event_id, tx_id, global_position, ord)`,
        [delivered, events.map((e) => e.eventId), events.map((e) => e.txId), events.map((e) => e.globalPosition)],
      );
    },
    onError: (error) => {
      // Held back on purpose; any other failure is retried, and reported once so that a drill that times out says why.
      if (!(error instanceof HeldBack) && failures++ === 0) console.error('The drill witness failed; retrying', error);
    },
  });
}

export interface WitnessAudit {
  /** Event ids delivered more than once. */
  repeated: string[];
  /** Event ids in the log that were never delivered. */
  skipped: string[];
  /** Deliveries of events that are not in the log. */
  unknown: string[];
  /** True when the deliveries, in order, are exactly the log in `(tx_id, global_position)` order. */
  inLogOrder: boolean;
  delivered: number;
  logged: number;
}

/** Compares the witness's deliveries with the log. */
export async function auditWitness(db: Database): Promise<WitnessAudit> {
  const delivered = (
    await db.query<{ id: string }>('SELECT event_id::text AS id FROM drill_deliveries ORDER BY seq')
  ).rows.map((r) => r.id);
  const logged = (
    await db.query<{ id: string }>('SELECT event_id::text AS id FROM es_events ORDER BY tx_id, global_position')
  ).rows.map((r) => r.id);
  const counts = new Map<string, number>();
  for (const id of delivered) counts.set(id, (counts.get(id) ?? 0) + 1);
  const inLog = new Set(logged);
  return {
    repeated: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    skipped: logged.filter((id) => !counts.has(id)),
    unknown: delivered.filter((id) => !inLog.has(id)),
    inLogOrder: delivered.length === logged.length && delivered.every((id, i) => id === logged[i]),
    delivered: delivered.length,
    logged: logged.length,
  };
}
