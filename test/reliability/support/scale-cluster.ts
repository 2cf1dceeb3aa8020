import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@baken/event-store/testing';
import { startRedisServer, type RedisServer } from '../../integration/deadlines/support/redis-server';
import { DIST, startApiProcess, startWorkerProcess, type ServerProcess } from '../../support/api-process';

type WorkerHandle = Awaited<ReturnType<typeof startWorkerProcess>>;

/**
 * The application name (`PGAPPNAME`) of the database sessions of `apis[i]` and `workers[i]`: a drill tells by it in
 * `pg_stat_activity` which process a session belongs to.
 */
export const apiAppName = (i: number) => `scale-api-${i + 1}`;
export const workerAppName = (i: number) => `scale-worker-${i + 1}`;

/**
 * Baken scaled out as operators run it: API processes that only serve HTTP and worker processes that run the
 * subscriptions and the job processors, all on one PostgreSQL database and one Redis, sharing the master key and
 * the token secret (a token from one API is good at the other, as behind a load balancer).
 */
export interface ScaleCluster {
  database: TestDatabase;
  redis: RedisServer;
  /** `apis[i]` opens its database sessions as {@link apiAppName}(i), `workers[i]` as {@link workerAppName}(i). */
  apis: ServerProcess[];
  workers: WorkerHandle[];
  /** Output of every process, for failure messages. */
  outputs(): string;
  /** Runs an operator command (`npm run cli -- …`) on the cluster's database; resolves with its output. */
  cli(...args: string[]): Promise<string>;
  /** Stops every process, Redis, the database and the temporary directory; safe to call after a failed start. */
  destroy(): Promise<void>;
}

export interface ScaleClusterOptions {
  apis: number;
  workers: number;
  /** How often workers sweep for passed deadlines. */
  sweepMs: number;
}

export async function startScaleCluster(options: ScaleClusterOptions): Promise<ScaleCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-scale-'));
  const shared = {
    BAKEN_DATA_DIR: dataDir,
    BAKEN_MASTER_KEY: randomBytes(32).toString('base64'),
    BAKEN_TOKEN_SECRET: randomBytes(32).toString('base64'),
  };
  const apis: ServerProcess[] = [];
  const workers: WorkerHandle[] = [];
  let database: TestDatabase | undefined;
  let redis: RedisServer | undefined;
  const env = () => ({ ...shared, REDIS_URL: redis!.url });
  // Filled by index as the processes come up; a failed start leaves holes.
  const outputs = () =>
    [
      ...apis.flatMap((p, i) => (p ? [`--- api ${i + 1} (port ${p.port}) ---\n${p.output().slice(-3000)}`] : [])),
      ...workers.flatMap((w, i) => (w ? [`--- worker ${i + 1} ---\n${w.output().slice(-3000)}`] : [])),
    ].join('\n');
  const destroy = async () => {
    await Promise.all([...apis, ...workers].filter((p) => p !== undefined).map((p) => p.kill().catch(() => undefined)));
    await redis?.stop().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    [database, redis] = await Promise.all([createTestDatabase('baken_scale'), startRedisServer()]);
    const url = database.url;
    // All start at once: the migration runs under an advisory lock, so the others wait for the first and find it done.
    const apiEnv = { ...env(), BAKEN_RUN_SUBSCRIPTIONS: 'false', BAKEN_RUN_WORKERS: 'false' };
    // Settled, not raced: a start that fails must not leave the others running unseen.
    const started = await Promise.allSettled([
      ...Array.from({ length: options.apis }, (_, i) =>
        startApiProcess(url, { env: { ...apiEnv, PGAPPNAME: apiAppName(i) } }).then((api) => void (apis[i] = api)),
      ),
      ...Array.from({ length: options.workers }, (_, i) =>
        startWorkerProcess(url, {
          readyPattern: /Worker started/,
          env: {
            ...env(),
            PGAPPNAME: workerAppName(i),
            BAKEN_RUN_SUBSCRIPTIONS: 'true',
            BAKEN_RUN_WORKERS: 'true',
            BAKEN_SUBSCRIPTION_POLL_MS: '100',
            BAKEN_DEADLINE_SWEEP_MS: String(options.sweepMs),
            // Four escalations at once, each in its own statement: the races wait for one escalation at each case's
            // gate, from both workers (a batch waits at one gate for all its cases; escalation-batches.int-spec).
            BAKEN_DEADLINE_JOBS: '4',
            BAKEN_DEADLINE_BATCH: '1',
          },
        }).then((worker) => void (workers[i] = worker)),
      ),
    ]);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    const message = `${(error as Error).message}\n${outputs()}`;
    await destroy();
    throw new Error(message);
  }
  return {
    database,
    redis,
    apis,
    workers,
    outputs,
    destroy,
    cli: async (...args) => {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [join(DIST, 'apps', 'cli', 'src', 'main.js'), ...args],
        {
          env: { ...process.env, ...shared, NODE_OPTIONS: '', NODE_ENV: 'test', DATABASE_URL: database.url },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return stdout + stderr;
    },
  };
}
