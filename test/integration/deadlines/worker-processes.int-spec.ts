import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { registerSignal } from '../../e2e/support/cases';
import { queryDatabase } from '../../e2e/support/database';
import { startTestApp, type ApiClient, type TestApp } from '../../e2e/support/test-app';
import { daysAgo, missedPerCase } from './support/deadlines';
import { startRedisServer, waitFor, type RedisServer } from './support/redis-server';
import { buildWorker, startWorker, type WorkerBuild, type WorkerProcess } from './support/worker-process';

/**
 * The built `apps/worker` as separate processes next to an API process that runs no background work: the worker
 * derives the deadlines and escalates them; killed mid-batch it loses nothing; two at once do each thing once.
 */
describe('worker processes', () => {
  const masterKey = randomBytes(32).toString('base64');
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-worker-'));
  let build: WorkerBuild;
  let redis: RedisServer;
  let api: TestApp;
  let coordinator: ApiClient;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    [build, redis] = await Promise.all([buildWorker(), startRedisServer()]);
    api = await startTestApp({
      now: new Date(),
      env: {
        REDIS_URL: redis.url,
        BAKEN_MASTER_KEY: masterKey,
        // One deployment: the API and its workers share the keyring and the seal log.
        BAKEN_DATA_DIR: dataDir,
        BAKEN_RUN_SUBSCRIPTIONS: 'false',
        BAKEN_RUN_WORKERS: 'false',
      },
    });
    coordinator = await api.as('coordinator.de-baronie');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await api?.close();
    await redis?.stop();
    build?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  /** `name` becomes the PostgreSQL application name of its connections. */
  const spawnWorker = (name: string) => {
    const worker = startWorker(build, {
      PGAPPNAME: name,
      DATABASE_URL: api.database.url,
      REDIS_URL: redis.url,
      BAKEN_MASTER_KEY: masterKey,
      BAKEN_DATA_DIR: dataDir,
      BAKEN_SUBSCRIPTION_POLL_MS: '100',
      BAKEN_DEADLINE_SWEEP_MS: '500',
    });
    workers.push(worker);
    return worker;
  };
  const registerOverdue = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      ids.push((await registerSignal(coordinator, { receivedOn: daysAgo(14 + (i % 5)) })).caseId);
    return ids;
  };
  const db = () => api.database.url;
  const checkpoint = async () =>
    (
      await queryDatabase<{ tx_id: string }>(
        db(),
        `SELECT tx_id::text FROM es_checkpoints WHERE subscriber_id = 'deadlines'`,
      )
    )[0]?.tx_id ?? '0';
  const deadlineCount = async (caseIds?: string[]) =>
    Number(
      (
        await queryDatabase<{ n: string }>(
          db(),
          'SELECT count(*)::text AS n FROM deadlines WHERE $1::uuid[] IS NULL OR case_id = ANY($1::uuid[])',
          [caseIds ?? null],
        )
      )[0].n,
    );
  const expectEscalatedOnce = async (caseIds: string[]) => {
    const missed = await missedPerCase(db());
    expect(caseIds.map((id) => missed.get(id))).toEqual(caseIds.map(() => 1));
  };
  const failWith = (worker: WorkerProcess) => (error: Error) => {
    throw new Error(`${error.message}\n--- worker ${worker.pid} output ---\n${worker.output()}`);
  };

  it('resumes from its checkpoint after a SIGKILL in the middle of a batch, losing and doubling nothing', async () => {
    const caseIds = await registerOverdue(30);

    // Hold the batch in the middle: the worker's transaction blocks on this lock after it wrote some rows.
    const blocker = new Client({ connectionString: db() });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE deadline_cases IN SHARE MODE');
      const first = spawnWorker('worker-killed');
      await waitFor(
        async () =>
          (
            await queryDatabase<{ n: string }>(
              db(),
              `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE '%deadline_cases%'`,
            )
          )[0].n === '1',
        60_000,
        'the worker never reached the locked table',
      ).catch(failWith(first));
      await first.stop('SIGKILL');
      expect(first.child.signalCode).toBe('SIGKILL');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // The killed batch's transaction is rolled back once PostgreSQL notices the client is gone.
    await waitFor(
      async () =>
        (
          await queryDatabase(
            db(),
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%deadline_cases%' AND state <> 'idle'`,
          )
        ).length === 0,
      20_000,
      'the killed batch is still running',
    );
    expect(await checkpoint()).toBe('0');
    expect(await deadlineCount()).toBe(0);

    const second = spawnWorker('worker-restarted');
    await waitFor(
      async () => (await deadlineCount()) === 30 && [...(await missedPerCase(db())).values()].every((n) => n > 0),
      60_000,
      'the restarted worker did not catch up',
    ).catch(failWith(second));
    expect(await checkpoint()).not.toBe('0');
    await expectEscalatedOnce(caseIds);
    await second.stop('SIGTERM');
  }, 180_000);

  it('runs two workers at once without processing anything twice', async () => {
    const pair = { 'worker-a': spawnWorker('worker-a'), 'worker-b': spawnWorker('worker-b') };
    const caseIds = await registerOverdue(20);
    await waitFor(
      async () => {
        const missed = await missedPerCase(db());
        return caseIds.every((id) => (missed.get(id) ?? 0) > 0);
      },
      90_000,
      'not every deadline was escalated',
    ).catch(failWith(pair['worker-a']));
    expect([pair['worker-a'].running, pair['worker-b'].running]).toEqual([true, true]);

    // Both sweep and both run job processors, but each deadline was escalated once ...
    await expectEscalatedOnce(caseIds);
    expect(await deadlineCount(caseIds)).toBe(20);
    // ... and exactly one of them holds the deadline subscriber's lock; the other stands by.
    const holders = await queryDatabase<{ name: keyof typeof pair }>(
      db(),
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext('deadlines')::bigint`,
    );
    expect(holders).toHaveLength(1);
    const active = pair[holders[0].name];
    const standby = active === pair['worker-a'] ? pair['worker-b'] : pair['worker-a'];

    // Killing the active one hands the subscription over: new work is still done once.
    await active.stop('SIGKILL');
    const later = await registerOverdue(3);
    await waitFor(
      async () => {
        const missed = await missedPerCase(db());
        return later.every((id) => (missed.get(id) ?? 0) > 0);
      },
      60_000,
      'the remaining worker did not take over',
    ).catch(failWith(standby));
    await expectEscalatedOnce([...caseIds, ...later]);
  }, 240_000);
});
