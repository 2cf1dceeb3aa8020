import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventStoreMigrations,
  migrate,
  openDatabase,
  PostgresEventStore,
  type Database,
  type NewEvent,
} from '@baken/event-store';
import { createTestDatabase } from '@baken/event-store/testing';
import { medianMs, run, throughput, type BenchContext } from './harness';

/** ~500 bytes of JSON, the size of a typical case event. */
export const PAYLOAD = {
  caseId: '6f1c3c1e-4a55-4a36-9b9c-1f3e4a5b6c7d',
  heldOn: '2026-03-16',
  participants: ['care_coordinator', 'police_avim', 'municipality', 'labour_inspectorate'],
  conclusions: 'Casus besproken; integrale aanpak met zorg en strafrechtelijke interventie voorgesteld. '
    .repeat(4)
    .trim(),
  victimInformed: true,
};
const METADATA = {
  actor: { username: 'bench', role: 'coordinator', organisation: 'care_coordinator' },
  correlationId: randomUUID(),
};

const event = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'CareTableMeetingRecorded',
  data: PAYLOAD,
  metadata: METADATA,
});

/**
 * The baseline's table has the shape of `es_events`: the same columns, defaults, identity, checks and indexes (the
 * unique event id and stream version, and the three read indexes); it has no triggers and no foreign key, which
 * need a stream row that a one-row-per-transaction baseline does not write.
 */
const BASELINE_TABLE = 'CREATE TABLE bench_events (LIKE es_events INCLUDING ALL)';

/** As large as the metadata the store writes: the caller's, and the 64-character previous and own hashes. */
const BASELINE_METADATA = { ...METADATA, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) };

/**
 * One row per transaction, its JSON sent as parameters the way a client sends a row (a literal in the script would
 * be parsed once, when pgbench prepares the statement, and then copied: no JSON would travel or be parsed at all).
 */
const BASELINE_SCRIPT = `INSERT INTO bench_events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
VALUES (gen_random_uuid()::text, 1, gen_random_uuid(), 'CareTableMeetingRecorded', 1, :data::jsonb, :metadata::jsonb, now());
`;

/** `pgbench -n -M prepared` of {@link BASELINE_SCRIPT}; returns transactions per second. */
async function pgbenchInsert(url: string, clients: number, seconds: number): Promise<number> {
  const file = join(tmpdir(), `baken-bench-append-${process.pid}.sql`);
  writeFileSync(file, BASELINE_SCRIPT);
  try {
    const { stdout } = await run(
      'pgbench',
      [
        '-n',
        '-M',
        'prepared',
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(seconds),
        '-D',
        `data=${JSON.stringify(PAYLOAD)}`,
        '-D',
        `metadata=${JSON.stringify(BASELINE_METADATA)}`,
        '-f',
        file,
        url,
      ],
      { maxBuffer: 1 << 24 },
    );
    const tps = /tps = ([\d.]+)/.exec(stdout);
    if (!tps) throw new Error(`pgbench gave no tps:\n${stdout}`);
    return Number(tps[1]);
  } finally {
    rmSync(file, { force: true });
  }
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

/**
 * Appends of one event to a writer's own stream (exact expected version), 1 and 16 writers, against pgbench. The two
 * sides take turns in short rounds: on a shared machine the cost of a commit changes from one second to the next
 * (other work flushing the same disk), and one long run of each side would compare two different machines.
 */
export async function benchAppend(ctx: BenchContext): Promise<void> {
  const rounds = ctx.quick ? 1 : 5;
  const seconds = ctx.seconds / rounds;
  await withBenchDatabase(async (db, url) => {
    const store = new PostgresEventStore(db);
    for (const writers of [1, 16]) {
      const versions = new Array(writers).fill(0);
      const streams = Array.from({ length: writers }, () => `bench-${randomUUID()}`);
      let base = 0;
      let ours = 0;
      for (let round = 1; round <= rounds; round++) {
        ctx.log(
          `append: ${writers} writer(s), round ${round}/${rounds}: pgbench baseline, then the event store, ${seconds} s each`,
        );
        base += (await pgbenchInsert(url, writers, seconds)) / rounds;
        const measured = await throughput(seconds, writers, async (w) => {
          await store.appendToStream(streams[w], [event()], {
            expectedVersion: versions[w] === 0 ? 'no_stream' : versions[w],
          });
          versions[w]++;
        });
        ours += measured.perSecond / rounds;
      }
      const ratio = ours / base;
      ctx.figures.push({
        id: `append-${writers}`,
        figure: `event-store append, ${writers} writer${writers > 1 ? 's' : ''} (store API)`,
        measured: `${ours.toFixed(0)} events/s`,
        baseline: `pgbench -M prepared, ${writers} client${writers > 1 ? 's' : ''}: ${base.toFixed(0)} tps`,
        ratio,
        goal: '≥ 0.5',
        met: ratio >= 0.5,
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
        await store.appendToStream(`gen-${randomUUID()}`, Array.from({ length: perStream }, event), {
          expectedVersion: 'no_stream',
        });
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
    const baseMs = await medianMs(3, () =>
      run('psql', [url, '-q', '-o', '/dev/null', '-c', copy], { maxBuffer: 1 << 20 }),
    );
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
