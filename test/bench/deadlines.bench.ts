import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, Worker, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { CaseKeyStore, KeyWrapping } from '@baken/privacy';
import {
  CaseReadModelProjection,
  DEADLINE_MISSED_JOB,
  DEADLINE_QUEUE,
  evolve,
  caseStreamId,
  type CaseEvent,
  type OpenCase,
  caseEventSchemas,
  CaseNarrative,
  triageRef,
} from '@baken/case-coordination';
import { openDatabase, PostgresEventStore, type Database } from '@baken/event-store';
import { createTestDatabase } from '@baken/event-store/testing';
import { businessDateOf, DATABASE, JobRegistry, loadConfig, systemClock } from '@baken/platform';
import { AppModule } from '../../apps/api/src/app.module';
import type { BenchContext } from './harness';

const DAY_MS = 24 * 3600 * 1000;

/** The options `JobQueues.add` gives a deadline job, so the baseline's jobs cost Redis the same. */
const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** A case registered `daysAgo` days ago and never triaged: its triage deadline has passed. */
function overdueSignal(caseId: string, n: number, daysAgo: number): CaseEvent {
  return {
    type: 'SignalRegistered',
    data: {
      caseId,
      reference: `ZWB-2025-${String(n).padStart(5, '0')}`,
      district: 'de-baronie',
      municipality: 'breda',
      receivedOn: businessDateOf(new Date(Date.now() - daysAgo * DAY_MS)),
      source: { type: 'police' },
      forms: ['labour'],
      vulnerabilities: [],
      summary: 'Signaal voor de meting van termijnbewaking.',
      subjects: [],
      registeredBy: 'coordinator.de-baronie',
    },
  };
}

interface OverdueCase {
  caseId: string;
  /** The id of the event that opened its triage deadline: the deadline's and the job's id. */
  deadlineId: string;
  dueOn: string;
}

/**
 * Writes `count` overdue cases as the API would (event and inline read model in one transaction), with a store of
 * its own: the worker's stream-head cache starts cold, as it does for cases the API registered. Each case's triage
 * deadline is written to the `deadlines` table as the deadlines projection would (the subscriptions are off here):
 * the job reads the deadline from there.
 */
async function createOverdueCases(
  ctx: BenchContext,
  db: Database,
  keys: KeyWrapping,
  count: number,
): Promise<OverdueCase[]> {
  const store = new PostgresEventStore(db, { schemas: caseEventSchemas() });
  // The application's keyring: its worker must open the case keys written here.
  const readModel = new CaseReadModelProjection(new CaseNarrative(new CaseKeyStore(keys), store));
  const cases: OverdueCase[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const n = next++;
        const caseId = randomUUID();
        const deadlineId = randomUUID();
        const event = overdueSignal(caseId, n, 30);
        const state = evolve(null, event) as OpenCase;
        // Due five working days after receipt; any date well in the past makes the job escalate.
        const dueOn = businessDateOf(new Date(Date.now() - 20 * DAY_MS));
        await db.transaction(async (tx) => {
          await store.appendToStream(
            caseStreamId(caseId),
            [{ eventId: deadlineId, type: event.type, data: event.data }],
            { expectedVersion: 'no_stream', streamType: 'case', tx },
          );
          await readModel.apply(tx, state, 1);
          await tx.query(
            `INSERT INTO deadlines (deadline_id, case_id, reference, district, kind, ref, started_on, due_on)
             VALUES ($1, $2, $3, $4, 'triage', $5, $6, $7)`,
            [deadlineId, caseId, state.reference, state.district, triageRef(caseId, 0), state.receivedOn, dueOn],
          );
        });
        cases.push({ caseId, deadlineId, dueOn });
        if (cases.length % 1000 === 0) ctx.log(`  created ${cases.length}/${count} cases`);
      }
    }),
  );
  return cases;
}

/** The job the workflow enqueues for a case's triage deadline: job id = deadline id. */
function deadlineJob(c: OverdueCase) {
  return {
    name: DEADLINE_MISSED_JOB,
    data: { deadlineId: c.deadlineId, caseId: c.caseId, kind: 'triage', ref: c.caseId, dueOn: c.dueOn },
    opts: { ...JOB_OPTIONS, jobId: c.deadlineId },
  };
}

/** Jobs not finished yet: waiting, paused, delayed or running. */
async function unfinished(queue: Queue): Promise<number> {
  return queue.getJobCountByTypes('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
}

/** Adds `jobs` to the paused `queue`, resumes it and waits until all ran; returns the seconds from resume to the last one. */
async function timeDrain(
  ctx: BenchContext,
  queue: Queue,
  jobs: ReturnType<typeof deadlineJob>[],
  label: string,
): Promise<number> {
  await queue.pause();
  await queue.addBulk(jobs);
  const started = process.hrtime.bigint();
  await queue.resume();
  let lastLogged = Date.now();
  for (;;) {
    const left = await unfinished(queue);
    if (left === 0) break;
    if (Date.now() - lastLogged > 2_000) {
      ctx.log(`    ${label}: ${jobs.length - left}/${jobs.length}`);
      lastLogged = Date.now();
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = await queue.getFailedCount();
  if (failed > 0) throw new Error(`${label}: ${failed} jobs failed: ${(await queue.getFailed(0, 0))[0]?.failedReason}`);
  return seconds;
}

/**
 * Deadline jobs processed per second by the real processor (the `deadline-missed` handler sending
 * `RecordDeadlineMissed` through the command loop and the event store), against no-op jobs through a BullMQ worker at
 * the same concurrency on the same Redis, in the same process. The machine is shared, so the two alternate in rounds:
 * a burst of load from elsewhere falls on both.
 */
export async function benchDeadlineJobs(ctx: BenchContext): Promise<void> {
  const total = ctx.quick ? 300 : 6_000;
  const rounds = ctx.quick ? 1 : 6;
  const redis = await startRedis();
  const database = await createTestDatabase('baken_bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-bench-'));
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const connection = { url: redis.url };
  let app: INestApplicationContext | undefined;
  let noopWorker: Worker | undefined;
  const deadlines = new Queue(DEADLINE_QUEUE, { connection, prefix });
  const noop = new Queue('bench-noop', { connection, prefix });
  try {
    const config = {
      ...loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        BAKEN_DATA_DIR: dataDir,
        REDIS_URL: redis.url,
        BAKEN_QUEUE_PREFIX: prefix,
      }),
      runSubscriptions: false,
      runWorkers: true,
    };
    // Paused before the application's worker starts: each round's timing starts with a full queue.
    await Promise.all([deadlines.pause(), noop.pause()]);
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config, systemClock), {
      logger: ['error', 'warn'],
    });
    const concurrency = app.get(JobRegistry).queue(DEADLINE_QUEUE)?.concurrency ?? 1;
    noopWorker = new Worker('bench-noop', async () => ({ status: 'done', detail: 'no-op' }), {
      connection,
      prefix,
      concurrency,
    });
    noopWorker.on('error', () => undefined);

    ctx.log(`deadlines: creating ${total} overdue cases`);
    const writer = await openDatabase({ url: database.url, poolSize: 8 });
    let cases: OverdueCase[];
    try {
      cases = await createOverdueCases(ctx, writer, app.get(KeyWrapping), total);
    } finally {
      await writer.close();
    }

    ctx.log(
      `deadlines: ${total} deadline jobs and ${total} no-op jobs in ${rounds} alternating rounds, concurrency ${concurrency}`,
    );
    let oursSeconds = 0;
    let baseSeconds = 0;
    const perRound = Math.ceil(total / rounds);
    for (let round = 0; round < rounds; round++) {
      const slice = cases.slice(round * perRound, (round + 1) * perRound);
      const ours = await timeDrain(ctx, deadlines, slice.map(deadlineJob), 'deadline jobs');
      const base = await timeDrain(ctx, noop, slice.map(deadlineJob), 'no-op jobs');
      oursSeconds += ours;
      baseSeconds += base;
      ctx.log(
        `  round ${round + 1}/${rounds}: ${(slice.length / ours).toFixed(0)} deadline jobs/s, ${(slice.length / base).toFixed(0)} no-op jobs/s`,
      );
    }
    const db = app.get<Database>(DATABASE);
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM es_events WHERE event_type = 'DeadlineMissed'`,
    );
    if (Number(rows[0].n) !== total) throw new Error(`expected ${total} DeadlineMissed events, found ${rows[0].n}`);

    const measured = total / oursSeconds;
    const baseline = total / baseSeconds;
    const ratio = measured / baseline;
    ctx.figures.push({
      id: 'deadline-jobs',
      figure: 'Deadline jobs processed per second',
      measured: `${measured.toFixed(0)} jobs/s (${total} jobs, concurrency ${concurrency})`,
      baseline: `BullMQ no-op jobs, concurrency ${concurrency}: ${baseline.toFixed(0)} jobs/s`,
      ratio,
      goal: '≥ 0.3',
      met: ratio >= 0.3,
    });
  } finally {
    await noopWorker?.close();
    await app?.close();
    await Promise.all([deadlines.close(), noop.close()]);
    await redis.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A private `redis-server` on a spare port, without persistence, for this benchmark only. */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const up = await client
      .connect()
      .then(() => client.ping())
      .then(
        (pong) => pong === 'PONG',
        () => false,
      );
    client.disconnect();
    if (up) break;
    if (waited > 10_000 || child.exitCode !== null)
      throw new Error(`redis-server did not start on port ${port}; is it installed (apt-get install redis-server)?`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export const benchmarks = { deadlines: benchDeadlineJobs };
