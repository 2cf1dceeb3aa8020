import { randomUUID } from 'node:crypto';
import { caseEventSchemas } from '@baken/case-coordination';
import {
  eventStoreMigrations,
  migrate,
  openDatabase,
  openPostgresJsDatabase,
  PostgresDatabase,
  PostgresEventStore,
  type Database,
  type Migration,
  type NewEvent,
} from '@baken/event-store';
import { createTestDatabase } from '@baken/event-store/testing';
import { rebuildProjection, REPORT_FACT_TABLES, ReportFactsProjection, reportingMigrations } from '@baken/reporting';
import { writeReportHistoryInBulk } from '@baken/reporting/testing';
import { medianMs, throughput, type BenchContext } from './harness';
import { PAYLOAD } from './store.bench';

/**
 * `pg` against `postgres` (postgres.js) behind the `Database` port (ADR 66), and `pg` with `pipeline: true`. Every
 * contender runs once per round, in an order that turns with the round, so that a slow moment of the shared machine
 * lands on all of them; the figure is the median per contender and the spread of the per-round ratio to `pg`.
 * A second, identical `pg` pool runs as a contender of its own: its ratio to the first is what the machine does to
 * two equal contenders, the yardstick a difference between drivers has to clear.
 */
interface Contender {
  name: string;
  open(url: string, poolSize: number): Promise<Database>;
  /** `pg` again: measures the noise, not a driver. */
  noise?: boolean;
}

const CONTENDERS: readonly Contender[] = [
  { name: 'pg', open: (url, poolSize) => openDatabase({ url, poolSize }) },
  { name: 'pg again', open: (url, poolSize) => openDatabase({ url, poolSize }), noise: true },
  { name: 'postgres.js', open: (url, poolSize) => openPostgresJsDatabase({ url, poolSize }) },
  {
    name: 'pg pipeline',
    // As `openDatabase` configures the pool, with node-postgres' pipeline mode on every connection.
    open: async (url, poolSize) =>
      new PostgresDatabase({
        connectionString: url,
        max: poolSize,
        connectionTimeoutMillis: 10_000,
        keepAlive: true,
        pipeline: true,
      }),
  },
];

/** Higher is better: events per second, or 1 ÷ time. */
type Samples = number[][];

/** Runs `measure` for every contender in every round, the order turning each round; returns samples[contender][round]. */
async function alternate(
  ctx: BenchContext,
  label: string,
  rounds: number,
  measure: (contender: number, round: number) => Promise<number>,
): Promise<Samples> {
  const samples: Samples = CONTENDERS.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = CONTENDERS.map((_, i) => (i + round) % CONTENDERS.length);
    for (const c of order) samples[c][round] = await measure(c, round);
    ctx.log(
      `${label}, round ${round + 1}/${rounds}: ${CONTENDERS.map((k, i) => `${k.name} ${samples[i][round].toFixed(1)}`).join(', ')}`,
    );
  }
  return samples;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Per-round ratios of contender `c` to `pg` (contender 0), higher meaning `c` is faster. */
function ratios(samples: Samples, c: number, higherIsBetter: boolean): number[] {
  return samples[c].map((v, round) => (higherIsBetter ? v / samples[0][round] : samples[0][round] / v));
}

function report(
  ctx: BenchContext,
  id: string,
  figure: string,
  unit: string,
  samples: Samples,
  higherIsBetter: boolean,
) {
  const medians = samples.map(median);
  ctx.log(`${figure}: medians ${CONTENDERS.map((k, i) => `${k.name} ${medians[i].toFixed(1)} ${unit}`).join(', ')}`);
  for (let c = 1; c < CONTENDERS.length; c++) {
    const r = ratios(samples, c, higherIsBetter);
    const [low, high] = [Math.min(...r), Math.max(...r)];
    ctx.log(
      `  ${CONTENDERS[c].name} ÷ pg per round: ${r.map((x) => x.toFixed(2)).join(' ')} (median ${median(r).toFixed(2)}, ${low.toFixed(2)}–${high.toFixed(2)})`,
    );
    ctx.figures.push({
      id: `driver-${id}-${CONTENDERS[c].name.replace(/\W+/g, '-')}`,
      figure: `${figure}: ${CONTENDERS[c].name} against pg`,
      measured: `${CONTENDERS[c].name} ${medians[c].toFixed(1)} ${unit} (per-round ratio ${low.toFixed(2)}–${high.toFixed(2)} over ${r.length} rounds)`,
      baseline: `pg, same rounds: ${medians[0].toFixed(1)} ${unit}`,
      ratio: median(r),
      goal: CONTENDERS[c].noise ? 'none: two equal pools, the noise' : '> 1 in every round to switch (ADR 66)',
      met: CONTENDERS[c].noise ? true : low > 1,
    });
  }
}

const METADATA = { actor: { username: 'bench', role: 'coordinator', organisation: 'care_coordinator' } };
const event = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'CareTableMeetingRecorded',
  data: PAYLOAD,
  metadata: { ...METADATA, correlationId: randomUUID() },
});

/**
 * Migrates the database at `url` on a connection of its own (so that no contender's pool starts out different), then
 * opens every contender on it, runs `fn`, closes them.
 */
async function withContenders<T>(
  url: string,
  poolSize: number,
  migrations: readonly Migration[],
  fn: (dbs: Database[]) => Promise<T>,
): Promise<T> {
  const owner = await openDatabase({ url, poolSize: 1 });
  await migrate(owner, migrations).finally(() => owner.close());
  const dbs: Database[] = [];
  try {
    for (const contender of CONTENDERS) dbs.push(await contender.open(url, poolSize));
    return await fn(dbs);
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
  }
}

/** The store's append of one event to a writer's own stream, 1 and 16 writers, as `store.bench.ts` measures it. */
async function benchDriverAppend(ctx: BenchContext): Promise<void> {
  const rounds = ctx.quick ? 2 : 7;
  const seconds = ctx.quick ? 0.5 : 2;
  const database = await createTestDatabase('baken_bench');
  try {
    await withContenders(database.url, 20, eventStoreMigrations, async (dbs) => {
      for (const writers of [1, 16]) {
        const stores = dbs.map((db) => new PostgresEventStore(db));
        const streams = dbs.map(() => Array.from({ length: writers }, () => `bench-${randomUUID()}`));
        const versions = dbs.map(() => new Array<number>(writers).fill(0));
        // Every connection of every pool opened and every statement prepared before the first round counts.
        for (let c = 0; c < dbs.length; c++) await appendFor(c, 0.3);
        async function appendFor(c: number, s: number) {
          return throughput(s, writers, async (w) => {
            await stores[c].appendToStream(streams[c][w], [event()], {
              expectedVersion: versions[c][w] === 0 ? 'no_stream' : versions[c][w],
            });
            versions[c][w]++;
          });
        }
        const samples = await alternate(
          ctx,
          `append, ${writers} writer(s), events/s`,
          rounds,
          async (c) => (await appendFor(c, seconds)).perSecond,
        );
        report(
          ctx,
          `append-${writers}`,
          `event-store append, ${writers} writer${writers > 1 ? 's' : ''}`,
          'events/s',
          samples,
          true,
        );
      }
    });
  } finally {
    await database.drop();
  }
}

/**
 * Reading the log: `readAll` over the whole log in subscriber order (as `store.bench.ts`), and the reporting facts'
 * full rebuild in this process (as `projections-rebuild` does it, on each contender's connections) over the same log.
 */
async function benchDriverRead(ctx: BenchContext): Promise<void> {
  const rounds = ctx.quick ? 2 : 5;
  // A read of the whole log takes a few seconds: more rounds of it cost little and narrow the median.
  const readRounds = ctx.quick ? 2 : 9;
  const target = ctx.quick ? 3_000 : 150_000;
  const database = await createTestDatabase('baken_bench');
  try {
    await withContenders(database.url, 4, [...eventStoreMigrations, ...reportingMigrations], async (dbs) => {
      ctx.log(`driver read: generating ~${target} events`);
      const history = await writeReportHistoryInBulk(dbs[0], {
        firstDay: '2006-01-01',
        lastDay: '2025-12-31',
        now: new Date('2026-01-15T11:00:00Z'),
        seed: 2006,
        casesPerDistrict: Math.max(1, Math.round(target / 11 / 4)),
      });
      await dbs[0].exec('VACUUM ANALYZE es_events, es_streams');
      ctx.log(`driver read: ${history.events} events`);
      const schemas = caseEventSchemas();
      const stores = dbs.map((db) => new PostgresEventStore(db, { schemas }));

      const readAll = async (c: number) => {
        let after;
        let n = 0;
        for (;;) {
          const batch = await stores[c].readAll({ after, limit: 5000 });
          if (batch.length === 0) break;
          n += batch.length;
          const last = batch[batch.length - 1];
          after = { txId: last.txId, globalPosition: last.globalPosition };
        }
        if (n !== history.events) throw new Error(`readAll returned ${n} of ${history.events} events`);
      };
      for (let c = 0; c < dbs.length; c++) await readAll(c);
      const reads = await alternate(ctx, 'readAll, ms', readRounds, (c) => medianMs(1, () => readAll(c)));
      report(ctx, 'read-all', `readAll over ${Math.round(history.events / 1000)} k events`, 'ms', reads, false);

      const projection = new ReportFactsProjection().definition();
      const rebuild = async (c: number) => {
        const result = await rebuildProjection(dbs[c], stores[c], projection);
        if (result.events === 0) throw new Error('the rebuild read no events');
      };
      // A faster rebuild only counts if it writes the same: each contender rebuilds once, and the tables must match.
      const written: string[] = [];
      for (let c = 0; c < dbs.length; c++) {
        await rebuild(c);
        written.push(await readModelDigest(dbs[0]));
      }
      if (new Set(written).size !== 1)
        throw new Error(`the rebuilt tables differ between the drivers: ${written.join(', ')}`);
      const rebuilds = await alternate(ctx, 'reporting-facts rebuild, ms', rounds, (c) =>
        medianMs(1, () => rebuild(c)),
      );
      report(
        ctx,
        'rebuild',
        `reporting-facts rebuild over ${Math.round(history.events / 1000)} k events (in process)`,
        'ms',
        rebuilds,
        false,
      );
    });
  } finally {
    await database.drop();
  }
}

/** One digest over every row of the reporting tables, whatever order they were written in. */
async function readModelDigest(db: Database): Promise<string> {
  const parts: string[] = [];
  for (const table of REPORT_FACT_TABLES) {
    const { rows } = await db.query<{ digest: string; n: number }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*)::int AS n FROM ${table} t`,
    );
    parts.push(`${table}:${rows[0].n}:${rows[0].digest}`);
  }
  return parts.join(' ');
}

export const benchmarks = {
  driver: async (ctx: BenchContext) => {
    await benchDriverAppend(ctx);
    await benchDriverRead(ctx);
  },
};
