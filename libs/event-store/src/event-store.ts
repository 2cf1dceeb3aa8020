import { canonicalJson } from './canonical-json';
import { combineStatements, type Statement } from './combined-statement';
import type { Database, Sql } from './db';
import { GENESIS_HASH, hashCanonicalEvent, hashEvent } from './hash-chain';
import { EventSchemas } from './upcasting';

/**
 * `'no_stream'`: the stream must not exist yet. `'any'`: no concurrency check. A number: the stream must have
 * exactly that many events (a stream's version is its number of events; its first event has version 1, and
 * `0` means the same as `'no_stream'`).
 */
export type ExpectedVersion = 'no_stream' | 'any' | number;

export interface NewEvent {
  /** A UUID chosen by the caller, e.g. derived from the command id, so a retried command cannot write twice. */
  eventId: string;
  /** Past tense, PascalCase, never changes. */
  type: string;
  data: object;
  /** Actor, correlation and causation ids, command id… `prevHash` and `hash` are set by the store. */
  metadata?: Record<string, unknown>;
  /** Version of the `data` shape; defaults to the current version of the type (see {@link EventSchemas}). */
  schemaVersion?: number;
}

export interface EventMetadata extends Record<string, unknown> {
  prevHash: string;
  hash: string;
}

export interface StoredEvent<TData = Record<string, unknown>> {
  /** Position in the whole log, as a decimal string (int8). Not the order subscribers read in: see `readAll`. */
  globalPosition: string;
  /** Id of the transaction that wrote the event, as a decimal string (xid8). */
  txId: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  recordedAt: Date;
}

/** A subscriber's place in the log: the last event it has processed, in `(txId, globalPosition)` order. */
export interface Checkpoint {
  txId: string;
  globalPosition: string;
}

/** Before the first event. */
export const START_CHECKPOINT: Checkpoint = Object.freeze({ txId: '0', globalPosition: '0' });

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  /** Stored on the stream row when the stream is created; defaults to the part of the stream id before the first `-`. */
  streamType?: string;
  /** When the events were recorded; defaults to the store's clock. One instant for the whole batch. */
  recordedAt?: Date;
  /** Append inside this transaction instead of opening one. */
  tx?: Sql;
  /**
   * Called in the append's transaction after the events were written, e.g. to update inline projections. When it
   * throws, nothing is appended. Not called when the append was a repetition that wrote nothing.
   */
  onAppended?: (tx: Sql, stored: StoredEvent[]) => Promise<void>;
  /**
   * Writes that commit with the events in the append's own statement, as its data-modifying CTEs (see
   * {@link combineStatements}): a command's whole write in one round trip and without a transaction. Needs an exact
   * `expectedVersion` (not `'any'`), no `tx` and no `onAppended`: the statement fails as a whole, writing nothing, when
   * the stream is not at that version or any write fails.
   */
  alongside?: readonly Statement[];
}

/** One stream's part of {@link EventStore.appendMany}. */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  /** The stream's version now; at least 1 (the stream exists). */
  expectedVersion: number;
}

export interface AppendResult {
  /** Version of the stream after the append: pass it as `expectedVersion` for the next append. */
  nextExpectedVersion: number;
  /** The appended events in stream order (or, for a repeated append, the events stored the first time). */
  stored: StoredEvent[];
}

export interface ReadStreamOptions {
  /** Read up to and including this stream version. */
  toVersion?: number;
  /** Read only events recorded at or before this instant. */
  asOf?: Date;
  tx?: Sql;
}

export interface ReadAllOptions {
  /** Read events after this checkpoint; from the start of the log without one. */
  after?: Checkpoint;
  /** At most this many events; default 1000. */
  limit?: number;
  /** Only events of these types. */
  eventTypes?: readonly string[];
  tx?: Sql;
}

export interface StreamVerification {
  valid: boolean;
  /** Events examined; all of the stream's events when it is valid. */
  checkedEvents: number;
  /** The first stream version whose event was modified, removed, inserted or moved; `null` when valid. */
  firstInvalidVersion: number | null;
}

/**
 * Port of the event log. The PostgreSQL implementation below also runs on PGlite; the shape leaves room for a
 * KurrentDB adapter (streams with expected versions, one global read order, checkpoints).
 */
export interface EventStore {
  /**
   * Appends `events` to the stream if its version matches `expectedVersion`, all or nothing, in one transaction
   * together with `onAppended`.
   *
   * Idempotency on event id: when every event id of `events` is already stored in this stream, in the same order at
   * consecutive versions, the call writes nothing, does not check `expectedVersion`, does not call `onAppended`,
   * and returns the events stored the first time with `nextExpectedVersion` = the version of the last of them.
   * When only some of the ids are stored, or stored elsewhere, it throws {@link DuplicateEventId} and writes
   * nothing. An event id is never stored twice (a unique constraint backs this up under concurrency).
   *
   * @throws {@link WrongExpectedVersion} when the stream's version differs from `expectedVersion` (for `'any'`
   *   only after a few retries against concurrent writers).
   */
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The stream's events in stream order, in the current shape of each type; empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /**
   * Events of all streams in `(txId, globalPosition)` order after `after`, restricted to transactions older than
   * every transaction still running (`tx_id < pg_snapshot_xmin(pg_current_snapshot())`). Identity values are
   * handed out before commit, so a slow transaction can commit an event with a lower global position after faster
   * ones; reading by global position alone would skip it. Ordered by transaction id and cut off at the oldest
   * running transaction, no event can later appear before a checkpoint taken from this read. The price: an open
   * transaction anywhere holds back delivery until it ends.
   */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Recomputes the stream's hash chain. */
  verifyStream(streamId: string): Promise<StreamVerification>;
  /**
   * A hint from a read that saw the stream's head (its version and last hash, from `es_streams`), so that the next
   * append to it needs no read of its own. Only a hint: the append checks version and hash, and a stale one costs a
   * read.
   */
  knowHead?(streamId: string, head: { version: number; lastHash: string }): void;
  /**
   * Appends to several existing streams, each at its expected version, with `alongside` writes, all in one statement
   * without a transaction: all or nothing. Any stream not at its version fails the whole statement with
   * {@link WrongExpectedVersion} (the first such stream found), writing nothing; the caller may then append one by
   * one. No repeat detection: the events must be new.
   */
  appendMany(
    appends: readonly StreamAppend[],
    options: { recordedAt?: Date; alongside?: readonly Statement[] },
  ): Promise<AppendResult[]>;
}

/** The stream's version was not the expected one; nothing was written. */
export class WrongExpectedVersion extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the conflict was found (0: no stream), if known. */
    readonly actual?: number,
  ) {
    super(
      `Stream ${streamId}: expected version ${String(expected)}, actual ${actual === undefined ? 'unknown' : actual}`,
    );
    this.name = 'WrongExpectedVersion';
  }
}

/** Some event ids of an append are already stored, but not as exactly this batch in this stream. */
export class DuplicateEventId extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Stream ${streamId}: event ids already stored elsewhere or in another order: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventId';
  }
}

export interface PostgresEventStoreOptions {
  /** Source of `recordedAt` when the caller gives none. */
  clock?: () => Date;
  /** How often an `'any'` append re-reads the stream after losing a race; default 100. */
  anyVersionRetries?: number;
  /** Schema versions and upcasters: events are appended in their type's current version and read in its shape. */
  schemas?: EventSchemas;
}

interface EventRow {
  global_position: string;
  tx_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
}

/** Positions come back as text. ORDER BY must then name the table's columns: a bare name means the text alias. */
const EVENT_COLUMNS = `global_position::text AS global_position, tx_id::text AS tx_id, stream_id, stream_version,
  event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at`;

/**
 * The insert that ends every append statement: the events of the JSON array `events`, in order after version `before`,
 * into the stream whose id the CTE `source` answers (no row there: nothing inserted).
 */
function insertEvents(source: string, before: string, events: string, recordedAt: string): string {
  return `INSERT INTO es_events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
SELECT ${source}.stream_id, ${before} + e.ord::int, (e.event->>'eventId')::uuid, e.event->>'type',
       (e.event->>'schemaVersion')::int, e.event->'data', e.event->'metadata', ${recordedAt}::timestamptz
FROM ${source}
CROSS JOIN jsonb_array_elements(${events}::jsonb) WITH ORDINALITY AS e(event, ord)
RETURNING global_position::text AS global_position, tx_id::text AS tx_id, stream_version, stream_id`;
}

/**
 * One statement: create the stream row (expected version 0) or move it on `WHERE version = $expected AND last_hash =
 * $prevHash`, and insert the events only for the stream row that statement returned. Zero rows back means a wrong
 * expected version, a stale chain head, or event ids that are stored already — the caller tells which.
 *
 * The events travel as one JSON array (`$7`) written from the canonical JSON the store hashed, rather than as five
 * arrays the driver would escape element by element. Only what the database assigns comes back (position,
 * transaction id); the caller has everything else, so the events' JSON is not sent back and parsed a second time.
 */
const APPEND_SQL = `
WITH fresh AS (
  SELECT NOT EXISTS (SELECT 1 FROM es_events WHERE event_id = ANY($6::uuid[])) AS ok
), new_stream AS (
  INSERT INTO es_streams (stream_id, stream_type, version, last_hash)
  SELECT $1::text, $2::text, $4::int, $5::text
  FROM fresh WHERE $3::int = 0 AND fresh.ok
  ON CONFLICT (stream_id) DO NOTHING
  RETURNING stream_id
), moved_stream AS (
  UPDATE es_streams SET version = $4::int, last_hash = $5::text
  FROM fresh
  WHERE stream_id = $1::text AND version = $3::int AND last_hash = $9::text AND $3::int > 0 AND fresh.ok
  RETURNING stream_id
), stream AS (
  SELECT stream_id FROM new_stream
  UNION ALL
  SELECT stream_id FROM moved_stream
)
${insertEvents('stream', '$3::int', '$7', '$8')}`;

/**
 * A new stream's append as a statement that fails when the stream exists (see `appendWith`). `$1` stream id, `$2`
 * type, `$3` version after the append, `$4` last hash, `$5` the events as JSON, `$6` recorded at.
 */
const APPEND_NEW_SQL = `
WITH new_stream AS (
  INSERT INTO es_streams (stream_id, stream_type, version, last_hash)
  VALUES ($1::text, $2::text, $3::int, $4::text)
  RETURNING stream_id
)
${insertEvents('new_stream', '0', '$5', '$6')}`;

/** What `es_require_stream_moved` raises when the stream was not where the append expected it. */
const STREAM_MOVED = 'ES409';

/**
 * Existing streams' appends as one statement, each under CTE names of its own, failing as a whole when any stream is
 * not at its version (`es_require_stream_moved`). Each part is `[stream id, version after, last hash after, events
 * JSON, version before, last hash before]`.
 */
function manyAppendsStatement(parts: readonly unknown[][], recordedAt: Date): Statement {
  const params: unknown[] = [recordedAt.toISOString()];
  const ctes: string[] = [];
  const selects: string[] = [];
  parts.forEach((part, i) => {
    const $ = (n: number) => `$${params.length + n}`;
    ctes.push(
      `moved_${i} AS (
  UPDATE es_streams SET version = ${$(2)}::int, last_hash = ${$(3)}::text
  WHERE stream_id = ${$(1)}::text AND version = ${$(5)}::int AND last_hash = ${$(6)}::text
  RETURNING stream_id
), stream_${i} AS (
  SELECT es_require_stream_moved(count(*), ${$(1)}::text, ${$(5)}::int) AS stream_id FROM moved_${i}
), events_${i} AS (
${insertEvents(`stream_${i}`, `${$(5)}::int`, $(4), '$1')}
)`,
    );
    selects.push(`SELECT * FROM events_${i}`);
    params.push(...part);
  });
  return { text: `WITH ${ctes.join(',\n')}\n${selects.join('\nUNION ALL\n')}`, params };
}

interface AppendedRow {
  global_position: string;
  tx_id: string;
  stream_version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNIQUE_VIOLATION = '23505';

/** The event store on PostgreSQL; the same SQL runs on PGlite. */
export class PostgresEventStore implements EventStore {
  private readonly clock: () => Date;
  private readonly anyVersionRetries: number;
  private readonly schemas: EventSchemas;

  constructor(
    private readonly db: Database,
    options: PostgresEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.anyVersionRetries = options.anyVersionRetries ?? 100;
    this.schemas = options.schemas ?? new EventSchemas();
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const prepared = events.map((event) => normaliseEvent(event, this.schemas.currentVersion(event.type)));
    const eventIds = ids(prepared);
    const repeated = eventIds.filter((id, index) => eventIds.indexOf(id) !== index);
    if (repeated.length > 0) throw new DuplicateEventId(streamId, repeated);
    const recordedAt = options.recordedAt ?? this.clock();
    if (options.alongside) return this.appendWith(streamId, prepared, recordedAt, options);
    const run = (sql: Sql) => this.appendIn(sql, streamId, prepared, recordedAt, options);
    if (options.tx) return run(options.tx);
    // The write is one statement, atomic on its own: a transaction is needed only for work that must commit with it.
    return options.onAppended ? this.db.transaction(run) : run(this.db);
  }

  private async appendIn(
    sql: Sql,
    streamId: string,
    events: readonly NormalisedEvent[],
    recordedAt: Date,
    options: AppendOptions,
  ): Promise<AppendResult> {
    // A stream that must not exist yet needs no read first: its head would be the genesis. The statement itself
    // refuses an existing stream, and then the head is read as after a stale cache entry.
    const mustBeNew = options.expectedVersion === 'no_stream' || options.expectedVersion === 0;
    let head = this.heads.get(streamId) ?? (mustBeNew ? { version: 0, lastHash: GENESIS_HASH } : undefined);
    let fromCache = head !== undefined;
    for (let attempt = 0; ; attempt++) {
      head ??= await readStreamHead(sql, streamId);
      const expected = options.expectedVersion === 'any' ? head.version : toVersionNumber(options.expectedVersion);
      if (expected !== head.version) {
        if (fromCache) {
          head = undefined;
          fromCache = false;
          continue;
        }
        const earlier = await findEarlierAppend(sql, streamId, events);
        if (earlier) return earlier;
        throw new WrongExpectedVersion(streamId, options.expectedVersion, head.version);
      }
      if (events.length === 0) return { nextExpectedVersion: head.version, stored: [] };

      const rows = chain(streamId, events, head.version, head.lastHash, recordedAt);
      const nextVersion = head.version + events.length;
      const lastHash = rows[rows.length - 1].hash;
      let inserted: AppendedRow[];
      try {
        ({ rows: inserted } = await sql.query<AppendedRow>(APPEND_SQL, [
          streamId,
          options.streamType ?? streamId.split('-')[0],
          head.version,
          nextVersion,
          lastHash,
          rows.map((row) => row.eventId),
          eventsJson(rows),
          recordedAt.toISOString(),
          head.lastHash,
        ]));
      } catch (error) {
        // Two writers racing with the same event ids: the unique index stops the second.
        if (isUniqueViolation(error, 'es_events_event_id_key')) throw new DuplicateEventId(streamId, ids(events));
        throw error;
      }

      if (inserted.length === 0) {
        // Another writer moved the stream since we read its head, or these events are stored already.
        this.heads.delete(streamId);
        const earlier = await findEarlierAppend(sql, streamId, events);
        if (earlier) return earlier;
        const now = await readStreamHead(sql, streamId);
        const retry = options.expectedVersion === 'any' || now.version === expected || fromCache;
        if (retry && attempt < this.anyVersionRetries) {
          head = now;
          fromCache = false;
          continue;
        }
        throw new WrongExpectedVersion(streamId, options.expectedVersion, now.version);
      }

      this.rememberHead(streamId, { version: nextVersion, lastHash });
      const stored = storedEvents(streamId, rows, inserted, head.version, recordedAt);
      await options.onAppended?.(sql, stored);
      return { nextExpectedVersion: nextVersion, stored };
    }
  }

  /**
   * The events and the caller's writes in one statement, outside a transaction: a statement is atomic on its own. A
   * conflict fails the whole statement, and with it every write beside the events, instead of inserting nothing (which
   * the other writes could not see): a new stream's row is inserted without `ON CONFLICT`, and a moved stream row
   * raises `ES409` (see migration 004). A stale cached head costs one more try, as in `appendIn`.
   */
  private async appendWith(
    streamId: string,
    events: readonly NormalisedEvent[],
    recordedAt: Date,
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (options.expectedVersion === 'any' || options.tx || options.onAppended)
      throw new Error('Writes alongside an append need an expected version, no transaction and no onAppended');
    if (events.length === 0) throw new Error('Writes alongside an append need at least one event to commit with');
    const expected = toVersionNumber(options.expectedVersion);
    let head = expected === 0 ? { version: 0, lastHash: GENESIS_HASH } : this.heads.get(streamId);
    let fromCache = expected > 0 && head !== undefined;
    for (;;) {
      head ??= await readStreamHead(this.db, streamId);
      if (head.version !== expected) {
        if (fromCache) {
          head = undefined;
          fromCache = false;
          continue;
        }
        const earlier = await findEarlierAppend(this.db, streamId, events);
        if (earlier) return earlier;
        throw new WrongExpectedVersion(streamId, options.expectedVersion, head.version);
      }
      const rows = chain(streamId, events, head.version, head.lastHash, recordedAt);
      const nextVersion = head.version + events.length;
      const lastHash = rows[rows.length - 1].hash;
      const append: Statement =
        expected === 0
          ? {
              text: APPEND_NEW_SQL,
              params: [
                streamId,
                options.streamType ?? streamId.split('-')[0],
                nextVersion,
                lastHash,
                eventsJson(rows),
                recordedAt.toISOString(),
              ],
            }
          : manyAppendsStatement(
              [[streamId, nextVersion, lastHash, eventsJson(rows), head.version, head.lastHash]],
              recordedAt,
            );
      const { text, params } = combineStatements(options.alongside ?? [], append);
      let inserted: AppendedRow[];
      try {
        ({ rows: inserted } = await this.db.query<AppendedRow>(text, params));
      } catch (error) {
        if (isUniqueViolation(error, 'es_events_event_id_key')) throw new DuplicateEventId(streamId, ids(events));
        const conflict =
          expected === 0
            ? isUniqueViolation(error, 'es_streams_pkey')
            : (error as { code?: string }).code === STREAM_MOVED;
        if (!conflict) throw error;
        this.heads.delete(streamId);
        if (fromCache) {
          head = undefined;
          fromCache = false;
          continue;
        }
        const earlier = await findEarlierAppend(this.db, streamId, events);
        if (earlier) return earlier;
        throw new WrongExpectedVersion(
          streamId,
          options.expectedVersion,
          (await readStreamHead(this.db, streamId)).version,
        );
      }
      this.rememberHead(streamId, { version: nextVersion, lastHash });
      return {
        nextExpectedVersion: nextVersion,
        stored: storedEvents(streamId, rows, inserted, head.version, recordedAt),
      };
    }
  }

  /**
   * Heads of recently written streams, so that the next append to the same stream needs no read first. Only a hint:
   * the append statement itself checks version and last hash, and a stale entry costs one extra round trip.
   */
  private readonly heads = new Map<string, StreamHead>();

  async appendMany(
    appends: readonly StreamAppend[],
    options: { recordedAt?: Date; alongside?: readonly Statement[] } = {},
  ): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const streams = appends.map((a) => a.streamId);
    if (new Set(streams).size !== streams.length) throw new Error('appendMany takes each stream once');
    const recordedAt = options.recordedAt ?? this.clock();
    const prepared = appends.map(({ streamId, events, expectedVersion }) => {
      if (!Number.isInteger(expectedVersion) || expectedVersion < 1)
        throw new Error(`appendMany appends to existing streams only (${streamId} at ${expectedVersion})`);
      if (events.length === 0) throw new Error(`appendMany needs events for every stream (${streamId})`);
      return {
        streamId,
        expectedVersion,
        events: events.map((event) => normaliseEvent(event, this.schemas.currentVersion(event.type))),
      };
    });
    const eventIds = prepared.flatMap((a) => ids(a.events));
    const repeated = eventIds.filter((id, index) => eventIds.indexOf(id) !== index);
    if (repeated.length > 0) throw new DuplicateEventId(prepared[0].streamId, repeated);

    // Heads not known in this process are read in one round trip.
    const unknown = prepared.filter((a) => this.heads.get(a.streamId)?.version !== a.expectedVersion);
    if (unknown.length > 0) {
      const { rows } = await this.db.query<{ stream_id: string; version: number; last_hash: string }>(
        'SELECT stream_id, version, last_hash FROM es_streams WHERE stream_id = ANY($1::text[])',
        [unknown.map((a) => a.streamId)],
      );
      for (const row of rows) this.rememberHead(row.stream_id, { version: row.version, lastHash: row.last_hash });
    }
    const parts = prepared.map((a) => {
      const head = this.heads.get(a.streamId) ?? { version: 0, lastHash: GENESIS_HASH };
      if (head.version !== a.expectedVersion)
        throw new WrongExpectedVersion(a.streamId, a.expectedVersion, head.version);
      const rows = chain(a.streamId, a.events, head.version, head.lastHash, recordedAt);
      return {
        ...a,
        head,
        rows,
        next: { version: head.version + a.events.length, lastHash: rows[rows.length - 1].hash },
      };
    });
    const statement = manyAppendsStatement(
      parts.map((p) => [
        p.streamId,
        p.next.version,
        p.next.lastHash,
        eventsJson(p.rows),
        p.head.version,
        p.head.lastHash,
      ]),
      recordedAt,
    );
    const { text, params } = combineStatements(options.alongside ?? [], statement);
    let inserted: (AppendedRow & { stream_id: string })[];
    try {
      ({ rows: inserted } = await this.db.query<AppendedRow & { stream_id: string }>(text, params));
    } catch (error) {
      if (isUniqueViolation(error, 'es_events_event_id_key'))
        throw new DuplicateEventId(prepared[0].streamId, eventIds);
      if ((error as { code?: string }).code !== STREAM_MOVED) throw error;
      for (const p of parts) this.heads.delete(p.streamId);
      const moved = /stream (\S+) is no longer/.exec((error as Error).message)?.[1];
      const part = parts.find((p) => p.streamId === moved) ?? parts[0];
      throw new WrongExpectedVersion(
        part.streamId,
        part.expectedVersion,
        (await readStreamHead(this.db, part.streamId)).version,
      );
    }
    return parts.map((p) => {
      this.rememberHead(p.streamId, p.next);
      const mine = inserted.filter((row) => row.stream_id === p.streamId);
      return {
        nextExpectedVersion: p.next.version,
        stored: storedEvents(p.streamId, p.rows, mine, p.head.version, recordedAt),
      };
    });
  }

  knowHead(streamId: string, head: StreamHead): void {
    const known = this.heads.get(streamId);
    if (known === undefined || known.version < head.version) this.rememberHead(streamId, head);
  }

  private rememberHead(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > 10_000) this.heads.delete(this.heads.keys().next().value as string);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return (await this.readStreamAsStored(streamId, options)).map((event) => this.schemas.upcast(event));
  }

  /** The events as they were written, for the hash chain. */
  private async readStreamAsStored(streamId: string, options: ReadStreamOptions): Promise<StoredEvent[]> {
    const sql = options.tx ?? this.db;
    const { rows } = await sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
       WHERE stream_id = $1
         AND ($2::int IS NULL OR stream_version <= $2::int)
         AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)
       ORDER BY es_events.stream_version`,
      [streamId, options.toVersion ?? null, options.asOf ?? null],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const sql = options.tx ?? this.db;
    const after = options.after ?? START_CHECKPOINT;
    const { rows } = await sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
       WHERE (tx_id, global_position) > ($1::xid8, $2::bigint)
         AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
         AND ($3::text[] IS NULL OR event_type = ANY($3::text[]))
       ORDER BY es_events.tx_id, es_events.global_position
       LIMIT $4::int`,
      [after.txId, after.globalPosition, options.eventTypes ? [...options.eventTypes] : null, options.limit ?? 1000],
    );
    return rows.map((row) => this.schemas.upcast(toStoredEvent(row)));
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    return this.db.transaction(async (tx) => {
      // One snapshot for the stream row and its events.
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const head = await readStreamHead(tx, streamId);
      const events = await this.readStreamAsStored(streamId, { tx });
      return verifyChain(events, head);
    });
  }
}

interface NormalisedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  /** Canonical JSON of the data: what is hashed, and what is stored. */
  dataJson: string;
  /** The metadata as it reads back from the database, without `prevHash` and `hash` (the store sets those). */
  metadata: Record<string, unknown>;
}

/**
 * Brings an event into the form it will have after a round trip through jsonb (no `undefined`, dates as strings,
 * lower-case uuid), so the hash computed now is the hash recomputed later from the stored row. The data — most of
 * an event — is written once, as canonical JSON, which serves both for the hash and as the value stored.
 */
function normaliseEvent(event: NewEvent, currentVersion: number): NormalisedEvent {
  const eventId = event.eventId.toLowerCase();
  if (!UUID.test(eventId)) throw new TypeError(`Event id ${event.eventId} is not a UUID`);
  const schemaVersion = event.schemaVersion ?? currentVersion;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
    throw new TypeError(`Invalid schema version ${schemaVersion}`);
  const dataJson = canonicalJson(event.data);
  if (dataJson === undefined) throw new TypeError(`Event ${eventId}: data cannot be written as JSON`);
  const {
    prevHash: _prevHash,
    hash: _hash,
    ...metadata
  } = JSON.parse(JSON.stringify(event.metadata ?? {})) as Record<string, unknown>;
  return { eventId, type: event.type, schemaVersion, dataJson, metadata };
}

function ids(events: readonly NormalisedEvent[]): string[] {
  return events.map((event) => event.eventId);
}

function toVersionNumber(expected: 'no_stream' | number): number {
  if (expected === 'no_stream') return 0;
  if (!Number.isInteger(expected) || expected < 0) throw new TypeError(`Invalid expected version ${expected}`);
  return expected;
}

interface StreamHead {
  version: number;
  lastHash: string;
}

async function readStreamHead(sql: Sql, streamId: string): Promise<StreamHead> {
  const { rows } = await sql.query<{ version: number; last_hash: string }>(
    'SELECT version, last_hash FROM es_streams WHERE stream_id = $1',
    [streamId],
  );
  return rows[0] ? { version: rows[0].version, lastHash: rows[0].last_hash } : { version: 0, lastHash: GENESIS_HASH };
}

/**
 * The result of an earlier append of exactly these events to this stream, or `null` when none of the ids is
 * stored. Throws when only some are, or they are stored elsewhere or in another order.
 */
async function findEarlierAppend(
  tx: Sql,
  streamId: string,
  events: readonly NormalisedEvent[],
): Promise<AppendResult | null> {
  if (events.length === 0) return null;
  const { rows } = await tx.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM es_events WHERE event_id = ANY($1::uuid[]) ORDER BY es_events.stream_version`,
    [ids(events)],
  );
  if (rows.length === 0) return null;
  const stored = rows.map(toStoredEvent);
  const first = stored[0].streamVersion;
  const sameBatch =
    stored.length === events.length &&
    stored.every(
      (event, i) =>
        event.streamId === streamId && event.eventId === events[i].eventId && event.streamVersion === first + i,
    );
  if (!sameBatch)
    throw new DuplicateEventId(
      streamId,
      stored.map((event) => event.eventId),
    );
  return { nextExpectedVersion: stored[stored.length - 1].streamVersion, stored };
}

interface ChainedEvent extends NormalisedEvent {
  prevHash: string;
  hash: string;
  /** The metadata as stored: the caller's, `prevHash` and `hash`. */
  storedMetadataJson: string;
}

function chain(
  streamId: string,
  events: readonly NormalisedEvent[],
  version: number,
  lastHash: string,
  recordedAt: Date,
): ChainedEvent[] {
  const recordedAtIso = recordedAt.toISOString();
  let prevHash = lastHash;
  return events.map((event, i) => {
    // Canonical, so it can be hashed as it is; `prevHash` is a key of it, so it is never `{}`.
    const metadataJson = canonicalJson({ ...event.metadata, prevHash }) as string;
    const hash = hashCanonicalEvent(prevHash, {
      streamId,
      streamVersion: version + i + 1,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      dataJson: event.dataJson,
      metadataJson,
      recordedAt: recordedAtIso,
    });
    const chained = { ...event, prevHash, hash, storedMetadataJson: `${metadataJson.slice(0, -1)},"hash":"${hash}"}` };
    prevHash = hash;
    return chained;
  });
}

/** The events as the JSON array the append statement reads; every part is JSON already. */
function eventsJson(events: readonly ChainedEvent[]): string {
  const parts = events.map(
    (event) =>
      `{"eventId":"${event.eventId}","type":${JSON.stringify(event.type)},"schemaVersion":${event.schemaVersion},` +
      `"data":${event.dataJson},"metadata":${event.storedMetadataJson}}`,
  );
  return `[${parts.join(',')}]`;
}

/** The appended events as `readStream` will return them, from what was sent and the positions the database gave. */
function storedEvents(
  streamId: string,
  events: readonly ChainedEvent[],
  rows: readonly AppendedRow[],
  version: number,
  recordedAt: Date,
): StoredEvent[] {
  const positions = new Map(rows.map((row) => [row.stream_version, row]));
  return events.map((event, i) => {
    const streamVersion = version + i + 1;
    const row = positions.get(streamVersion);
    if (!row) throw new Error(`Stream ${streamId}: the append returned no row for version ${streamVersion}`);
    const stored = {
      globalPosition: row.global_position,
      txId: row.tx_id,
      streamId,
      streamVersion,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: undefined as unknown as Record<string, unknown>,
      metadata: { ...event.metadata, prevHash: event.prevHash, hash: event.hash },
      recordedAt: new Date(recordedAt.getTime()),
    };
    return withDataParsedOnRead(stored, event.dataJson);
  });
}

/**
 * Gives `event` its `data` parsed from `json` when first read: most callers of an append never read the data they
 * just wrote, and parsing it back cost a registration more than anything else in this file. Reads as a plain,
 * enumerable property (spreads and equality see it).
 */
function withDataParsedOnRead(event: StoredEvent, json: string): StoredEvent {
  let data: Record<string, unknown> | undefined;
  return Object.defineProperty(event, 'data', {
    enumerable: true,
    configurable: true,
    get: () => (data ??= JSON.parse(json) as Record<string, unknown>),
    set: (value: Record<string, unknown>) => {
      data = value;
    },
  });
}

function verifyChain(events: readonly StoredEvent[], head: StreamHead): StreamVerification {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const invalid = (version: number): StreamVerification => ({
    valid: false,
    checkedEvents: checked,
    firstInvalidVersion: version,
  });
  for (const event of events) {
    const expectedVersion = checked + 1;
    if (event.streamVersion !== expectedVersion) return invalid(expectedVersion);
    checked++;
    if (event.metadata?.prevHash !== prevHash) return invalid(event.streamVersion);
    const hash = hashEvent(prevHash, event);
    if (event.metadata.hash !== hash) return invalid(event.streamVersion);
    prevHash = hash;
  }
  // The stream row records how long the chain is and how it ends: a removed or added last event shows here.
  if (head.version !== events.length) return invalid(Math.min(head.version, events.length) + 1);
  if (events.length > 0 && head.lastHash !== prevHash) return invalid(events.length);
  return { valid: true, checkedEvents: checked, firstInvalidVersion: null };
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    globalPosition: row.global_position,
    txId: row.tx_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}

/** `pg` and PGlite name the constraint `constraint`, postgres.js `constraint_name`. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; constraint_name?: string } | null;
  return e?.code === UNIQUE_VIOLATION && (e.constraint ?? e.constraint_name) === constraint;
}
