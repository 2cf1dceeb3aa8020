import { caseEventSchemas } from '@baken/case-coordination';
import { GENESIS_HASH, hashEvent, type Database, type EventMetadata } from '@baken/event-store';
import { planReportHistory, type GeneratedHistory, type HistoryOptions, type RecordedCommand } from './report-history';

export interface BulkHistoryOptions extends HistoryOptions {
  /** Events written per statement (and so per transaction); default 5,000. */
  eventsPerStatement?: number;
  /** Called after every statement with the events written so far and the commands decided out of all. */
  onProgress?: (events: number, commandsDone: number, commandsTotal: number) => void;
}

interface StreamHead {
  version: number;
  lastHash: string;
}

/** One row of `es_events` as the store would write it: the hash chain computed here, the positions by the database. */
interface EventRow {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  recordedAt: Date;
}

/** Case events are stored in their type's current schema version, as the application's event store appends them. */
const schemas = caseEventSchemas();
const schemaVersionOf = (type: string) => schemas.currentVersion(type);

/**
 * Creates or moves the stream rows and inserts the events in one statement, so each batch is one transaction with
 * its own transaction id, as a run of ordinary appends would leave it. The foreign key from the events to their streams
 * is checked at the end of the statement, when the stream rows of the same statement are there.
 */
const BULK_SQL = `
WITH streams AS (
  INSERT INTO es_streams (stream_id, stream_type, version, last_hash)
  SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[])
  ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, last_hash = EXCLUDED.last_hash
  RETURNING stream_id
)
INSERT INTO es_events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
SELECT e.stream_id, e.stream_version, e.event_id, e.event_type, e.schema_version, e.data::jsonb, e.metadata::jsonb,
       e.recorded_at
FROM unnest($5::text[], $6::int[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::int[])
  WITH ORDINALITY AS e(stream_id, stream_version, event_id, event_type, data, metadata, recorded_at, schema_version, ord)
ORDER BY e.ord`;

/**
 * Writes a generated history (see {@link planReportHistory}) straight into the event tables, thousands of events per
 * statement: a million events in about a minute, where one append per command takes a quarter of an hour. For
 * benchmarks on an empty store only — nothing else may append meanwhile. The rows are exactly those the event store
 * would write for the same plan (same ids, data, metadata, recording instants and hash chain, as
 * `bulk-history.int-spec.ts` checks); each statement commits on its own, with its own transaction id.
 *
 * Deciding and hashing the next batch overlaps with the database writing the previous one.
 */
export async function writeReportHistoryInBulk(db: Database, options: BulkHistoryOptions): Promise<GeneratedHistory> {
  const plan = planReportHistory(options);
  const perStatement = options.eventsPerStatement ?? 5_000;
  const heads = new Map<string, StreamHead>();
  let pending: Promise<void> = Promise.resolve();
  let rows: EventRow[] = [];
  let touched = new Map<string, StreamHead>();
  let events = 0;
  let commands = 0;
  let written = 0;

  const flush = async () => {
    const batch = rows;
    const streams = [...touched];
    rows = [];
    touched = new Map();
    const decided = commands;
    // One statement in flight at a time: stream rows must be written in order.
    await pending;
    pending = db
      .query(BULK_SQL, [
        streams.map(([id]) => id),
        streams.map(() => 'case'),
        streams.map(([, head]) => head.version),
        streams.map(([, head]) => head.lastHash),
        batch.map((r) => r.streamId),
        batch.map((r) => r.streamVersion),
        batch.map((r) => r.eventId),
        batch.map((r) => r.type),
        batch.map((r) => r.data),
        batch.map((r) => r.metadata),
        batch.map((r) => r.recordedAt),
        batch.map((r) => r.schemaVersion),
      ])
      .then(() => {
        written += batch.length;
        options.onProgress?.(written, decided, plan.commands);
      });
    // Keep a failure from going unobserved until the next flush.
    pending.catch(() => undefined);
  };

  for (const command of plan.recordedCommands()) {
    const head = chainCommand(command, heads, rows);
    touched.set(command.streamId, head);
    events += command.events.length;
    commands++;
    if (rows.length >= perStatement) {
      await flush();
      // Give the connection a turn to send the statement before the next batch is computed.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (rows.length > 0) await flush();
  await pending;
  return { cases: plan.cases, events, commands: plan.commands };
}

/** Chains one command's events onto its stream's head (as `PostgresEventStore` does) and adds their rows to `rows`. */
function chainCommand(command: RecordedCommand, heads: Map<string, StreamHead>, rows: EventRow[]): StreamHead {
  const head = heads.get(command.streamId) ?? { version: 0, lastHash: GENESIS_HASH };
  if (head.version !== command.expectedVersion) {
    throw new Error(`${command.streamId}: at version ${head.version}, the plan expected ${command.expectedVersion}`);
  }
  let { version, lastHash: prevHash } = head;
  for (const event of command.events) {
    version++;
    const eventId = event.eventId.toLowerCase();
    // The generated data and metadata are plain JSON values already (no dates, no undefined in arrays), so hashing
    // them as they are gives the hash the store computes from their round trip through JSON.
    const metadata = { ...event.metadata, prevHash };
    const schemaVersion = schemaVersionOf(event.type);
    const hash = hashEvent(prevHash, {
      streamId: command.streamId,
      streamVersion: version,
      eventId,
      type: event.type,
      schemaVersion,
      data: event.data,
      metadata,
      recordedAt: command.recordedAt,
    });
    const stored: EventMetadata = { ...metadata, hash };
    rows.push({
      streamId: command.streamId,
      streamVersion: version,
      eventId,
      type: event.type,
      schemaVersion,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(stored),
      recordedAt: command.recordedAt,
    });
    prevHash = hash;
  }
  const next = { version, lastHash: prevHash };
  heads.set(command.streamId, next);
  return next;
}
