import type { Database, SessionLock, Sql } from './db';
import { START_CHECKPOINT, type Checkpoint, type EventStore, type StoredEvent } from './event-store';

export interface SubscriptionOptions {
  db: Database;
  store: EventStore;
  /** Names the checkpoint and the lock; one active runner per id across all processes. */
  subscriberId: string;
  /**
   * Processes one batch in the transaction that also stores the checkpoint: write read models through `tx` and a
   * batch is either fully applied and checkpointed, or not at all. Throwing rolls the batch back; it is retried.
   */
  handle: (tx: Sql, events: StoredEvent[]) => Promise<void>;
  /** Events per batch (and transaction); default 100. */
  batchSize?: number;
  /** Pause between polls once caught up, and between attempts to become the active runner; default 500 ms. */
  pollIntervalMs?: number;
  /** Only events of these types; the checkpoint then moves only on those. */
  eventTypes?: readonly string[];
  /** Called when a batch fails in the background loop; default: logged to stderr. */
  onError?: (error: unknown) => void;
  /** Called when the background loop succeeds again after `failures` failed attempts in a row. */
  onRecovered?: (failures: number) => void;
  /** Longest pause between attempts while they keep failing (the pause doubles from the poll interval); default 5 s. */
  maxRetryDelayMs?: number;
}

/**
 * Feeds the log to one handler, batch by batch, at least once per event and — because the checkpoint is written in
 * the handler's transaction — effectively exactly once for handlers that write through `tx`.
 *
 * Only one instance per `subscriberId` processes at a time: the active one holds a session-level advisory lock
 * (`pg_try_advisory_lock(hashtext(subscriberId))`) on a connection of its own; the others poll for the lock and
 * take over when the holder stops or its connection dies. The checkpoint row is also locked (`FOR UPDATE`) in
 * every batch, so even two runners that both believe they hold the lock cannot process the same events.
 */
export class Subscription {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly onError: (error: unknown) => void;
  private lock: SessionLock | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private failures = 0;

  constructor(private readonly options: SubscriptionOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.onError =
      options.onError ?? ((error) => console.error(`Subscription ${options.subscriberId} failed; retrying`, error));
  }

  get subscriberId(): string {
    return this.options.subscriberId;
  }

  /** True while this instance holds the lock, i.e. is the one that processes. */
  get isActive(): boolean {
    return this.lock !== undefined && !this.lock.lost;
  }

  /** Starts polling in the background until {@link stop}. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the batch in progress, stops polling and releases the lock. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await this.releaseLock();
  }

  /**
   * Processes batches until caught up and returns how many events were handled; 0 when another instance is active.
   * Takes the lock if this instance does not hold it yet, and keeps it until {@link stop}.
   */
  async runOnce(): Promise<number> {
    if (!(await this.acquireLock())) return 0;
    let total = 0;
    for (;;) {
      const handled = await this.processBatch();
      total += handled;
      if (handled < this.batchSize || this.stopping || !this.isActive) return total;
    }
  }

  /** Events after this subscriber's checkpoint, including those held back by still-running transactions. */
  lag(): Promise<number> {
    return subscriptionLag(this.options.db, this.options.subscriberId, this.options.eventTypes);
  }

  /**
   * Polls until stopped. A failure (the database is restarting, a handler throws) never ends the loop: it is
   * reported and retried, at growing intervals while it persists so that a recovering database is not hammered,
   * and the loop carries on from the stored checkpoint once an attempt succeeds.
   */
  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runOnce();
        if (this.failures > 0) this.options.onRecovered?.(this.failures);
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.onError(error);
      }
      if (!this.stopping) await this.sleep(this.retryDelay());
    }
  }

  private retryDelay(): number {
    if (this.failures === 0) return this.pollIntervalMs;
    const max = this.options.maxRetryDelayMs ?? 5_000;
    return Math.min(max, Math.max(this.pollIntervalMs, 100) * 2 ** Math.min(this.failures, 10));
  }

  private async processBatch(): Promise<number> {
    const { db, store, subscriberId, eventTypes, handle } = this.options;
    // Look before locking: locking the checkpoint row takes a transaction id, which an idle poll need not spend.
    const from = (await readCheckpoint(db, subscriberId)) ?? START_CHECKPOINT;
    if ((await store.readAll({ after: from, limit: 1, eventTypes })).length === 0) return 0;
    return db.transaction(async (tx) => {
      const after = await lockCheckpoint(tx, subscriberId);
      const events = await store.readAll({ after, limit: this.batchSize, eventTypes, tx });
      if (events.length === 0) return 0;
      await handle(tx, events);
      const last = events[events.length - 1];
      await tx.query(
        `UPDATE es_checkpoints SET tx_id = $2::xid8, global_position = $3::bigint, updated_at = now()
         WHERE subscriber_id = $1`,
        [subscriberId, last.txId, last.globalPosition],
      );
      return events.length;
    });
  }

  private async acquireLock(): Promise<boolean> {
    if (this.lock && !this.lock.lost) return true;
    await this.releaseLock();
    this.lock = (await this.options.db.tryLock(this.options.subscriberId)) ?? undefined;
    return this.lock !== undefined;
  }

  private async releaseLock(): Promise<void> {
    const lock = this.lock;
    this.lock = undefined;
    await lock?.release();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** Reads the subscriber's checkpoint and locks its row for the rest of the transaction, creating it if needed. */
async function lockCheckpoint(tx: Sql, subscriberId: string): Promise<Checkpoint> {
  const select = () =>
    tx.query<Checkpoint>(
      `SELECT tx_id::text AS "txId", global_position::text AS "globalPosition"
       FROM es_checkpoints WHERE subscriber_id = $1 FOR UPDATE`,
      [subscriberId],
    );
  let { rows } = await select();
  if (rows.length === 0) {
    await tx.query(
      `INSERT INTO es_checkpoints (subscriber_id, tx_id, global_position) VALUES ($1, $2::xid8, $3::bigint)
       ON CONFLICT (subscriber_id) DO NOTHING`,
      [subscriberId, START_CHECKPOINT.txId, START_CHECKPOINT.globalPosition],
    );
    ({ rows } = await select());
  }
  return rows[0];
}

/** The subscriber's stored checkpoint, or `null` before its first batch. */
export async function readCheckpoint(sql: Sql, subscriberId: string): Promise<Checkpoint | null> {
  const { rows } = await sql.query<Checkpoint>(
    `SELECT tx_id::text AS "txId", global_position::text AS "globalPosition" FROM es_checkpoints WHERE subscriber_id = $1`,
    [subscriberId],
  );
  return rows[0] ?? null;
}

/**
 * Events after the subscriber's checkpoint (all events when it has none), counting also those that a still-running
 * transaction holds back. A lag that stays up while writes have stopped points at a long-open transaction.
 */
export async function subscriptionLag(sql: Sql, subscriberId: string, eventTypes?: readonly string[]): Promise<number> {
  const { rows } = await sql.query<{ lag: string }>(
    `SELECT count(*)::text AS lag
     FROM es_events e
     LEFT JOIN es_checkpoints c ON c.subscriber_id = $1
     WHERE (c.subscriber_id IS NULL OR (e.tx_id, e.global_position) > (c.tx_id, c.global_position))
       AND ($2::text[] IS NULL OR e.event_type = ANY($2::text[]))`,
    [subscriberId, eventTypes ? [...eventTypes] : null],
  );
  return Number(rows[0].lag);
}
