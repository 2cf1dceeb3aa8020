import { caseEventSchemas } from '@baken/case-coordination';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { eventStoreMigrations, migrate, openDatabase, PostgresEventStore, type Database } from '@baken/event-store';
import { createTestDatabase, type TestDatabase } from '@baken/event-store/testing';
import {
  flowReport,
  interventionEffectsReport,
  quarterlyTargetsReport,
  rebuildProjection,
  ReportFactsProjection,
  reportingMigrations,
} from '@baken/reporting';
import { writeReportHistoryInBulk, type HistoryOptions } from '@baken/reporting/testing';
import { DIST } from '../support/api-process';
import { alternatingMediansMs, medianMs, run, type BenchContext, type Figure } from './harness';
import { peakRssMb } from './http.bench';

/**
 * Cases per district for about `events` events: a generated case leaves ~11 events in the log when its story runs its
 * course (10.5 when many are cut short at the end of the history), and the district weights add up to 4.
 */
const casesFor = (events: number, eventsPerCase = 11) => Math.max(1, Math.round(events / eventsPerCase / 4));

const NOW = new Date('2026-01-15T11:00:00Z');

/** The two years the reports ask about; the same plan (same seed) at 10 k and at 1 M events. */
const windowHistory = (events: number): HistoryOptions => ({
  firstDay: '2024-01-01',
  lastDay: '2025-12-31',
  now: NOW,
  seed: 2024,
  casesPerDistrict: casesFor(events, 10.5),
});

/**
 * The years before: everything that makes the log long without being in the reported period. Signals until the end of
 * 2022, every case closed by the end of 2023 (but for the ~1 % whose story runs past it), nothing recorded after.
 */
const olderHistory = (events: number): HistoryOptions => ({
  firstDay: '1990-01-01',
  lastReceivedDay: '2022-12-31',
  lastDay: '2023-12-31',
  now: new Date('2024-01-01T00:00:00Z'),
  closeEveryCase: true,
  seed: 1990,
  casesPerDistrict: casesFor(events, 11.3),
});

const DISTRICTS = ['de-baronie', 'de-markiezaten', 'hart-van-brabant', 'zeeland'];
/** What the reports are asked: the second quarter of 2025 over the region, today's figures and as known on 1 July. */
const KNOWN_AT = new Date('2025-07-01T06:00:00Z');
const REPORTS = {
  'quarterly-targets': (db: Database, asKnownAt: Date | null) =>
    quarterlyTargetsReport(db, { year: 2025, quarter: 2, asOf: '2025-06-30', asKnownAt, districts: DISTRICTS }),
  'intervention-effects': (db: Database, asKnownAt: Date | null) =>
    interventionEffectsReport(db, {
      from: '2025-04-01',
      to: '2025-06-30',
      districts: DISTRICTS,
      form: null,
      asKnownAt,
    }),
  flow: (db: Database, asKnownAt: Date | null) =>
    flowReport(db, {
      from: '2025-04-01',
      to: '2025-06-30',
      districts: DISTRICTS,
      asKnownAt,
      openCasesOn: '2025-06-30',
    }),
} as const;
type ReportName = keyof typeof REPORTS;

interface BenchDatabase {
  db: Database;
  url: string;
  events: number;
  dispose(): Promise<void>;
}

/** A fresh database with the event store and reporting tables, and `histories` written in bulk one after the other. */
async function historyDatabase(ctx: BenchContext, label: string, histories: HistoryOptions[]): Promise<BenchDatabase> {
  const database: TestDatabase = await createTestDatabase('baken_bench');
  const db = await openDatabase({ url: database.url, poolSize: 4 });
  const dispose = async () => {
    await db.close();
    await database.drop();
  };
  try {
    await migrate(db, [...eventStoreMigrations, ...reportingMigrations]);
    let events = 0;
    const started = Date.now();
    for (const options of histories) {
      let nextLog = 0.1;
      const history = await writeReportHistoryInBulk(db, {
        ...options,
        onProgress: (written, done, total) => {
          if (done / total < nextLog) return;
          nextLog = Math.floor((done / total) * 10) / 10 + 0.1;
          ctx.log(
            `  ${label}: ${Math.round((done / total) * 100)} % of ${options.firstDay.slice(0, 4)}–${options.lastDay.slice(0, 4)}, ${events + written} events`,
          );
        },
      });
      events += history.events;
    }
    const seconds = (Date.now() - started) / 1000;
    ctx.log(`  ${label}: ${events} events in ${seconds.toFixed(1)} s (${Math.round(events / seconds)} events/s)`);
    await db.exec('VACUUM ANALYZE es_events, es_streams');
    await waitForDelivery(db);
    return { db, url: database.url, events, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * Waits until every event is older than every running transaction on the server, so that `readAll` (and so the
 * rebuild) sees all of them: on a server shared with other work, a transaction open elsewhere holds delivery back.
 */
async function waitForDelivery(db: Database): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db.query<{ ready: boolean }>(
      'SELECT coalesce(max(tx_id) < pg_snapshot_xmin(pg_current_snapshot()), true) AS ready FROM es_events',
    );
    if (rows[0].ready) return;
    if (Date.now() > deadline)
      throw new Error(
        'a transaction elsewhere on the server has held back the new events for two minutes: see pg_stat_activity',
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

const projection = new ReportFactsProjection().definition();

/**
 * Full projection rebuild over 200 k events — `projections-rebuild` as the operator runs it, every projection that can
 * be rebuilt, in the built CLI's own process — against `COPY … TO STDOUT` of the whole log in subscriber order (the
 * baseline of the readAll figure). Measured is the time the command reports for its rebuilds, without the process's
 * start; the ratio is log events per second rebuilt ÷ rows per second copied.
 */
export async function benchRebuild(ctx: BenchContext): Promise<void> {
  const target = ctx.quick ? 5_000 : 200_000;
  ctx.log(`rebuild: generating ~${target} events`);
  const bench = await historyDatabase(ctx, 'rebuild', [
    { firstDay: '2006-01-01', lastDay: '2025-12-31', now: NOW, seed: 2006, casesPerDistrict: casesFor(target) },
  ]);
  try {
    const copy = `COPY (SELECT global_position, tx_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
                  FROM es_events ORDER BY tx_id, global_position) TO STDOUT`;
    const repeat = ctx.quick ? 1 : 3;
    const runs: CliRebuild[] = [];
    ctx.log(`rebuild: projections-rebuild (CLI process), ${repeat} run(s)`);
    const dataDir = cliDataDir();
    for (let i = 0; i < repeat; i++) {
      runs.push(await rebuildWithCli(bench.url, dataDir.path).finally(() => i === repeat - 1 && dataDir.remove()));
      ctx.log(`  ${runs[i].projections.map((p) => `${p.name} ${p.events} events in ${p.seconds} s`).join(', ')}`);
    }
    ctx.log(`rebuild: COPY baseline of the ${bench.events} events`);
    const baseMs = await medianMs(repeat, () =>
      run('psql', [bench.url, '-q', '-o', '/dev/null', '-c', copy], { maxBuffer: 1 << 20 }),
    );
    runs.sort((a, b) => a.seconds - b.seconds);
    const median = runs[Math.floor(runs.length / 2)];
    const oursMs = median.seconds * 1000;
    const ratio = baseMs / oursMs;
    ctx.figures.push({
      id: 'projection-rebuild',
      figure: `full projection rebuild over ${Math.round(bench.events / 1000)} k events (\`projections-rebuild\`, CLI process)`,
      measured: `${oursMs.toFixed(0)} ms (${Math.round((bench.events / oursMs) * 1000)} log events/s; ${median.projections.map((p) => `${p.name} ${(p.seconds * 1000).toFixed(0)} ms`).join(', ')})`,
      baseline: `COPY … TO STDOUT of the same ${bench.events} events: ${baseMs.toFixed(0)} ms`,
      ratio,
      goal: '≥ 0.1',
      met: ratio >= 0.1,
    });
  } finally {
    await bench.dispose();
  }
}

interface CliRebuild {
  /** Peak resident memory (VmHWM) of the CLI process. */
  peakMb: number;
  /** The rebuilds' own time as the command prints it, all projections together. */
  seconds: number;
  projections: { name: string; events: number; seconds: number }[];
}

/**
 * `projections-rebuild` (every projection) as the operator runs it: the built CLI as its own process. Its peak resident
 * memory is read from /proc while it runs; the durations are the ones it prints.
 */
async function rebuildWithCli(url: string, dataDir: string): Promise<CliRebuild> {
  const child = spawn(process.execPath, [join(DIST, 'apps', 'cli', 'src', 'main.js'), 'projections-rebuild'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      DATABASE_URL: url,
      BAKEN_DATA_DIR: dataDir,
      BAKEN_SEED_DEMO: 'false',
      BAKEN_LOCAL_REDIS_URL: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakMb = 0;
  // VmHWM only grows; the last reading before the exit is the peak, give or take the final 50 ms.
  const sample = setInterval(() => {
    try {
      const mb = peakRssMb(child.pid!);
      if (Number.isFinite(mb)) peakMb = Math.max(peakMb, mb);
    } catch {
      /* exited */
    }
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sample);
  const projections = [...output.matchAll(/\n([\w-]+): (\d+) events in \d+ batches, ([\d.]+) s\./g)].map((m) => ({
    name: m[1],
    events: Number(m[2]),
    seconds: Number(m[3]),
  }));
  if (code !== 0 || !projections.some((p) => p.name === 'reporting-facts'))
    throw new Error(`projections-rebuild exited with ${code}:\n${output.slice(-2000)}`);
  return { peakMb, seconds: projections.reduce((sum, p) => sum + p.seconds, 0), projections };
}

/** One data directory (keyring, seal log) per database, shared by every CLI run on it, as by an operator's. */
function cliDataDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'baken-bench-cli-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Each report over a log of 1 M events against the same report over 10 k, the reported quarter holding the same facts
 * in both: the 1 M log is the 10 k one with 30 older years before it. The reports are called as the controllers call
 * them (the report functions on the database), not over HTTP. The 1 M projection is filled by the CLI rebuild, which
 * gives the rebuild's memory figure on the way.
 */
export async function benchReports(ctx: BenchContext): Promise<void> {
  const small = ctx.quick ? 2_000 : 10_000;
  const large = ctx.quick ? 5_000 : 1_000_000;
  const repeat = ctx.quick ? 3 : 25;
  ctx.log(`reports: generating ~${small} events`);
  const atSmall = await historyDatabase(ctx, 'small', [windowHistory(small)]);
  let atLarge: BenchDatabase | undefined;
  try {
    ctx.log(`reports: generating ~${large} events`);
    atLarge = await historyDatabase(ctx, 'large', [olderHistory(large - atSmall.events), windowHistory(small)]);
    const largeDb = atLarge.db;

    await rebuildProjection(
      atSmall.db,
      new PostgresEventStore(atSmall.db, { schemas: caseEventSchemas() }),
      projection,
    );
    ctx.log(`reports: projections-rebuild (CLI process) over ${atLarge.events} events`);
    const dataDir = cliDataDir();
    const cli = await rebuildWithCli(atLarge.url, dataDir.path).finally(() => dataDir.remove());
    ctx.log(
      `  ${cli.projections.map((p) => `${p.name} ${p.events} events in ${p.seconds} s`).join(', ')}; peak RSS ${cli.peakMb.toFixed(0)} MB`,
    );
    ctx.figures.push({
      id: 'rebuild-memory',
      figure: `memory of \`projections-rebuild\` over ${(atLarge.events / 1e6).toFixed(2)} M events (CLI process)`,
      measured: `${cli.peakMb.toFixed(0)} MB peak RSS; ${cli.seconds.toFixed(0)} s (${Math.round(atLarge.events / cli.seconds)} log events/s)`,
      baseline: '—',
      ratio: cli.peakMb / 500,
      goal: '≤ 500 MB (ratio is RSS ÷ 500 MB)',
      met: cli.peakMb <= 500,
    });
    // As autovacuum does after a million inserts, so that it does not run during the measurements.
    for (const { db } of [atSmall, atLarge])
      await db.exec('VACUUM ANALYZE reporting_cases, reporting_interventions, reporting_facts, reporting_case_spells');
    for (const name of Object.keys(REPORTS) as ReportName[]) {
      const report = REPORTS[name];
      for (const asKnownAt of [null, KNOWN_AT]) {
        const [a, b] = [await report(atSmall.db, asKnownAt), await report(atLarge.db, asKnownAt)];
        if (!sameAnswer(name, a, b))
          throw new Error(
            `${name} answers differently at ${atSmall.events} and at ${atLarge.events} events: the comparison would be unfair`,
          );
      }
      ctx.log(`reports: ${name}, median of ${repeat}`);
      const [sToday, lToday] = await alternatingMediansMs(repeat, [
        () => report(atSmall.db, null),
        () => report(largeDb, null),
      ]);
      const [sKnown, lKnown] = await alternatingMediansMs(repeat, [
        () => report(atSmall.db, KNOWN_AT),
        () => report(largeDb, KNOWN_AT),
      ]);
      const s = { today: sToday, known: sKnown };
      const l = { today: lToday, known: lKnown };
      const ratio = Math.max(l.today / s.today, l.known / s.known);
      const figure: Figure = {
        id: `report-${name}`,
        figure: `report ${name} at ${(atLarge.events / 1e6).toFixed(2)} M events`,
        measured: `${l.today.toFixed(1)} ms (asKnownAt: ${l.known.toFixed(1)} ms)`,
        baseline: `at ${Math.round(atSmall.events / 1000)} k events: ${s.today.toFixed(1)} ms (asKnownAt: ${s.known.toFixed(1)} ms)`,
        ratio,
        goal: '≤ 2× (ratio is time ÷ baseline, the larger of the two)',
        met: ratio <= 2,
      };
      ctx.figures.push(figure);
    }
  } finally {
    await atLarge?.dispose();
    await atSmall.dispose();
  }
}

/**
 * The reported quarter must hold the same facts at both sizes. Open cases are the exception: the few older cases whose
 * story ran past 2023 are still open in 2025 in the large log.
 */
function sameAnswer(name: ReportName, a: unknown, b: unknown): boolean {
  if (name !== 'flow') return isDeepStrictEqual(a, b);
  // What is open at the quarter's end includes the few older cases whose story ran past 2023, and their plans.
  const rest = (x: unknown) => {
    const { openCases: _open, interventions, ...others } = x as { openCases: unknown; interventions: object };
    return { ...others, interventions: { ...interventions, open: undefined } };
  };
  return isDeepStrictEqual(rest(a), rest(b));
}

export const benchmarks = { rebuild: benchRebuild, reports: benchReports };
