import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, eventStoreMigrations, migrate, openDatabase, PostgresEventStore, type Database, type NewEvent } from '@baken/event-store';
import { medianMs, pgbench, run, throughput, type BenchContext } from './harness';

/** ~500 bytes of JSON, the size of a typical case event. */
export const PAYLOAD = {
  caseId: '6f1c3c1e-4a55-4a36-9b9c-1f3e4a5b6c7d',
  heldOn: '2026-03-16',
  participants: ['care_coordinator', 'police_avim', 'municipality', 'labour_inspectorate'],
  conclusions: 'Casus besproken; integrale aanpak met zorg en strafrechtelijke interventie voorgesteld. '.repeat(4).trim(),
  victimInformed: true,
};
const METADATA = { actor: { username: 'bench', role: 'coordinator', organisation: 'care_coordinator' }, correlationId: randomUUID() };

const event = (): NewEvent => ({ eventId: randomUUID(), type: 'CareTableMeetingRecorded', data: PAYLOAD, metadata: METADATA });

const BASELINE_TABLE = `
  CREATE TABLE bench_events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, stream_version int NOT NULL,
    event_id uuid NOT NULL UNIQUE, event_type text NOT NULL, schema_version int NOT NULL, data jsonb NOT NULL,
    metadata jsonb NOT NULL, tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(), recorded_at timestamptz NOT NULL,
    UNIQUE (stream_id, stream_version));`;

function baselineScript(): string {
  // A space after each colon: pgbench reads `:name` as a variable.
  const data = JSON.stringify(PAYLOAD).replace(/'/g, "''").replace(/":/g, '": ');
  const meta = JSON.stringify(METADATA).replace(/'/g, "''").replace(/":/g, '": ');
  return `INSERT INTO bench_events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
VALUES (gen_random_uuid()::text, 1, gen_random_uuid(), 'CareTableMeetingRecorded', 1, '${data}'::jsonb, '${meta}'::jsonb, now());
`;
}

export async function withBenchDatabase<T>(fn: (db: Database, url: string) => Promise<T>): Promise<T> {
  const database = await createTestDatabase('baken_bench');
  const db = await openDatabase({ url: database.url, poolSize: 20 });
  try {
    await migrate(db, eventStoreMigrations);
    await db.exec(BASELINE_TABLE);
    return await fn(db, database.url);
  } finally {
    await db.close();
    await database.drop();
  }
}

/** Appends of one event to a writer's own stream (exact expected version), 1 and 16 writers, against pgbench. */
export async function benchAppend(ctx: BenchContext): Promise<void> {
  await withBenchDatabase(async (db, url) => {
    const store = new PostgresEventStore(db);
    for (const writers of [1, 16]) {
      ctx.log(`append: pgbench baseline, ${writers} client(s), ${ctx.seconds} s`);
      const base = await pgbench(url, baselineScript(), writers, ctx.seconds, join(tmpdir(), 'baken-bench-append.sql'));
      ctx.log(`append: event store, ${writers} writer(s), ${ctx.seconds} s`);
      const versions = new Array(writers).fill(0);
      const streams = Array.from({ length: writers }, () => `bench-${randomUUID()}`);
      const ours = await throughput(ctx.seconds, writers, async (w) => {
        await store.appendToStream(streams[w], [event()], { expectedVersion: versions[w] === 0 ? 'no_stream' : versions[w] });
        versions[w]++;
      });
      const ratio = ours.perSecond / base;
      ctx.figures.push({
        id: `append-${writers}`,
        figure: `event-store append, ${writers} writer${writers > 1 ? 's' : ''} (store API)`,
        measured: `${ours.perSecond.toFixed(0)} events/s`,
        baseline: `pgbench -M prepared, ${writers} client${writers > 1 ? 's' : ''}: ${base.toFixed(0)} tps`,
        ratio,
        goal: '≥ 0.6',
        met: ratio >= 0.6,
      });
    }
  });
}

/** Generates `total` events in batches (100 per stream, several appends in flight). */
export async function generateEvents(ctx: BenchContext, store: PostgresEventStore, total: number): Promise<void> {
  const perStream = 100;
  const streams = Math.ceil(total / perStream);
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < streams) {
        next++;
        await store.appendToStream(`gen-${randomUUID()}`, Array.from({ length: perStream }, event), { expectedVersion: 'no_stream' });
        done += perStream;
        if (done % 20000 === 0) ctx.log(`  generated ${done}/${total} events`);
      }
    }),
  );
}

/** `readAll` in subscriber order over the whole log against `COPY … TO STDOUT` of the same rows. */
export async function benchReadAll(ctx: BenchContext): Promise<void> {
  const total = ctx.quick ? 5_000 : 200_000;
  await withBenchDatabase(async (db, url) => {
    const store = new PostgresEventStore(db);
    ctx.log(`readAll: generating ${total} events`);
    await generateEvents(ctx, store, total);
    await db.query('VACUUM ANALYZE es_events');
    const copy = `COPY (SELECT global_position, tx_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
                  FROM es_events ORDER BY tx_id, global_position) TO STDOUT`;
    ctx.log('readAll: COPY baseline');
    const baseMs = await medianMs(3, () => run('psql', [url, '-q', '-o', '/dev/null', '-c', copy], { maxBuffer: 1 << 20 }));
    ctx.log('readAll: store');
    const oursMs = await medianMs(3, async () => {
      let after;
      let n = 0;
      for (;;) {
        const batch = await store.readAll({ after, limit: 5000 });
        if (batch.length === 0) break;
        n += batch.length;
        const last = batch[batch.length - 1];
        after = { txId: last.txId, globalPosition: last.globalPosition };
      }
      if (n !== total) throw new Error(`readAll returned ${n} of ${total} events`);
    });
    const ratio = baseMs / oursMs;
    ctx.figures.push({
      id: 'read-all',
      figure: `readAll in subscriber order over ${total / 1000} k events`,
      measured: `${oursMs.toFixed(0)} ms (${((total / oursMs) * 1000).toFixed(0)} events/s)`,
      baseline: `COPY … TO STDOUT: ${baseMs.toFixed(0)} ms`,
      ratio,
      goal: '≥ 0.7',
      met: ratio >= 0.7,
    });
  });
}

export const benchmarks = { append: benchAppend, 'read-all': benchReadAll };
