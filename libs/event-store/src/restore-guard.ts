import type { Sql } from './db';

/**
 * After a restore, the transaction ids PostgreSQL hands out next must sort after every `tx_id` in the log.
 *
 * Subscribers read the log in `(tx_id, global_position)` order and only below `pg_snapshot_xmin(...)`. A logical dump
 * restored into a new cluster keeps the old `tx_id` values as data, but the new cluster counts transaction ids from
 * where its own history stands — usually far lower, and in epoch 0. New events would then sort before restored ones
 * (a checkpointed subscriber skips them) and restored events above the new counter stay invisible to `readAll`.
 * Physical backups (`pg_basebackup`, PITR, `pg_upgrade`) keep the counter and its epoch, so they pass this check.
 */
export interface TransactionIdCheck {
  /** True when every recorded transaction id is below the next one the server will hand out. */
  ok: boolean;
  /** The next transaction id the server will hand out (`xid8`, decimal). */
  nextTxId: string;
  /** The highest `tx_id` in `es_events` and `es_checkpoints`; `null` when both are empty. */
  highestRecordedTxId: string | null;
  /** The epoch of {@link nextTxId}: its upper 32 bits. */
  currentEpoch: string;
  /**
   * When not ok: the smallest epoch that puts every new transaction id above every recorded one, i.e. the value for
   * `pg_resetwal -e` (the epoch is the upper 32 bits of an `xid8`). `null` when ok.
   */
  requiredEpoch: string | null;
}

const EPOCH_SHIFT = 32n;

/**
 * Compares the server's next transaction id with the highest one recorded in the log and the checkpoints. Reads
 * only: `pg_snapshot_xmax` does not assign a transaction id. Run it after the event store's migrations.
 */
export async function checkTransactionIds(sql: Sql): Promise<TransactionIdCheck> {
  // ORDER BY … DESC LIMIT 1 rather than max(): it walks the (tx_id, global_position) index on every PostgreSQL
  // version and on PGlite, and es_checkpoints holds one row per subscriber.
  const { rows } = await sql.query<{ next: string; events: string | null; checkpoints: string | null }>(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next,
            (SELECT tx_id FROM es_events ORDER BY tx_id DESC LIMIT 1)::text AS events,
            (SELECT tx_id FROM es_checkpoints ORDER BY tx_id DESC LIMIT 1)::text AS checkpoints`,
  );
  const { next, events, checkpoints } = rows[0];
  const recorded = [events, checkpoints].filter((value): value is string => value !== null).map(BigInt);
  const highest = recorded.length === 0 ? null : recorded.reduce((a, b) => (a > b ? a : b));
  const nextTxId = BigInt(next);
  const ok = highest === null || highest < nextTxId;
  return {
    ok,
    nextTxId: next,
    highestRecordedTxId: highest === null ? null : highest.toString(),
    currentEpoch: (nextTxId >> EPOCH_SHIFT).toString(),
    requiredEpoch: ok || highest === null ? null : ((highest >> EPOCH_SHIFT) + 1n).toString(),
  };
}

/** The server's transaction ids are behind the log's: starting subscribers or appending events now would lose order. */
export class TransactionIdsBehindLog extends Error {
  constructor(readonly check: TransactionIdCheck) {
    super(transactionIdsBehindMessage(check));
    this.name = 'TransactionIdsBehindLog';
  }
}

/** What went wrong and what the operator runs next; shared by the startup guard and `npm run cli -- restore-check`. */
export function transactionIdsBehindMessage(check: TransactionIdCheck): string {
  return [
    `The database's next transaction id (${check.nextTxId}, epoch ${check.currentEpoch}) is not above the highest one ` +
      `recorded in the event log (${check.highestRecordedTxId}).`,
    'This happens after a logical restore (pg_dump/pg_restore) into another cluster: new events would sort before ' +
      'restored ones and subscribers would skip them. Nothing has been written. To fix it, stop PostgreSQL, run as ' +
      `the postgres user \`pg_resetwal -e ${check.requiredEpoch} <data directory>\`, start PostgreSQL again and run ` +
      '`npm run cli -- restore-check` (see docs/OPERATIONS.md, "Backup and restore").',
  ].join('\n');
}

/**
 * Startup guard: throws {@link TransactionIdsBehindLog} when new transaction ids would sort before recorded ones.
 * Call it once the migrations have run and before any subscriber starts or any event is appended.
 */
export async function assertTransactionIdsAhead(sql: Sql): Promise<TransactionIdCheck> {
  const check = await checkTransactionIds(sql);
  if (!check.ok) throw new TransactionIdsBehindLog(check);
  return check;
}
