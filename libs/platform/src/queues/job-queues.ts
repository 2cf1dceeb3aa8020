import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '@baken/event-store';
import type { AppConfig } from '../config';
import { CONFIG, DATABASE } from '../tokens';
import { InProcessJobs } from './in-process-jobs';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, JobRegistry, type JobOutcome } from './job-registry';
import { bullConnection, monitorClient, probeRedis, redactUrl, withTimeout } from './redis';

/**
 * `redis`: BullMQ on Redis (durable, shared by every process). `in_process`: no Redis could be found at start, so
 * jobs run on timers in this process (only where workers run) and are lost on exit — the log stays the source of
 * truth, and sweepers enqueue again whatever is still due.
 */
export type QueueMode = 'redis' | 'in_process';

export type QueueState = 'up' | 'down' | 'in_process';

export interface EnqueueOptions {
  /** De-duplicates: a job with this id already waiting, delayed, running or completed is not added again. */
  jobId: string;
  /** Milliseconds from now; 0 or less runs it at once. */
  delayMs?: number;
  /** When a job with this id failed for good earlier, retry it (used by sweepers that re-derive jobs from the log). */
  retryFailed?: boolean;
}

const ADD_TIMEOUT_MS = 3_000;
const MIN_LATER_MS = 1_000;
const CLOSE_TIMEOUT_MS = 5_000;
const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 30 * 24 * 3600 };

/**
 * The application's background queues. Modules declare queues and handlers in the {@link JobRegistry} during
 * `onModuleInit`; at bootstrap the registry must be complete or the application refuses to start. Processes with
 * `runWorkers` process the jobs.
 *
 * Enqueueing never throws and never waits long: with Redis down it answers `false` at once, so callers (a
 * subscriber inside its transaction) are not held up. Whatever was not enqueued must be derivable again from the
 * database — see {@link onRestored}.
 */
@Injectable()
export class JobQueues implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Queues');
  private started: Promise<QueueMode> | undefined;
  private currentMode: QueueMode = 'in_process';
  private redisUrl: string | null = null;
  private prefix = 'baken';
  private monitor: Redis | undefined;
  private available = false;
  private outageLogged = false;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly restoredListeners: (() => void)[] = [];
  private readonly inProcess: InProcessJobs;
  private closing = false;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    readonly registry: JobRegistry,
  ) {
    this.inProcess = new InProcessJobs(registry, (message) => this.logger.warn(message));
  }

  get mode(): QueueMode {
    return this.currentMode;
  }

  /** Whether Redis answered last time we heard from it (always false in-process). */
  get redisAvailable(): boolean {
    return this.currentMode === 'redis' && this.available;
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  /** Chooses the mode once: `REDIS_URL` always means Redis (up or not); the local default only when it answers. */
  start(): Promise<QueueMode> {
    this.started ??= this.chooseMode();
    return this.started;
  }

  private async chooseMode(): Promise<QueueMode> {
    const { redisUrl, localRedisUrl } = this.config;
    if (redisUrl) {
      await this.useRedis(redisUrl);
    } else if (localRedisUrl && (await probeRedis(localRedisUrl))) {
      this.logger.log(
        `Using Redis at ${redactUrl(localRedisUrl)} for background jobs (set REDIS_URL to choose another).`,
      );
      await this.useRedis(localRedisUrl);
    } else if (localRedisUrl) {
      this.logger.warn(
        `No Redis at ${redactUrl(localRedisUrl)} and REDIS_URL is not set: background jobs (deadline escalations) run ` +
          'in this process only and are not durable. Start Redis or set REDIS_URL for production use.',
      );
    } else if (this.config.nodeEnv !== 'test') {
      this.logger.warn('REDIS_URL is not set: background jobs (deadline escalations) run in this process only.');
    }
    return this.currentMode;
  }

  /**
   * The key prefix: `BAKEN_QUEUE_PREFIX`, else the one the database was given at its first migration, so that all
   * processes on one database share queues and no two databases ever share one.
   */
  private async resolvePrefix(): Promise<string> {
    if (this.config.queuePrefix) return this.config.queuePrefix;
    try {
      const { rows } = await this.db.query<{ prefix: string }>('SELECT prefix FROM job_queue_namespace');
      if (rows[0]) return rows[0].prefix;
    } catch {
      // No namespace table: fall back to the database's name.
    }
    const { rows } = await this.db.query<{ name: string }>('SELECT current_database() AS name');
    return `baken-${rows[0].name}`;
  }

  private async useRedis(url: string): Promise<void> {
    this.currentMode = 'redis';
    this.redisUrl = url;
    this.prefix = await this.resolvePrefix();
    const monitor = monitorClient(url);
    this.monitor = monitor;
    monitor.on('ready', () => {
      const wasDown = !this.available;
      this.available = true;
      if (this.outageLogged) this.logger.log(`Redis at ${redactUrl(url)} is reachable again.`);
      this.outageLogged = false;
      if (wasDown) for (const listener of this.restoredListeners) listener();
    });
    const down = (error?: Error) => {
      this.available = false;
      if (!this.outageLogged && !this.closing) {
        this.outageLogged = true;
        this.logger.warn(
          `Redis at ${redactUrl(url)} is unreachable${error ? ` (${error.message})` : ''}: jobs wait until it returns; commands are still accepted.`,
        );
      }
    };
    monitor.on('error', down);
    monitor.on('close', () => down());
    // Give a reachable Redis a moment, so a fresh process reports ready at once; a Redis that is down must not hold
    // up the start (commands are accepted without it).
    await withTimeout(monitor.connect(), 2_000).catch(() => undefined);
  }

  /**
   * Called every time Redis becomes reachable (also the first time, when it was down at start): enqueue again
   * whatever is derived from the database, since Redis may have lost it.
   */
  onRestored(listener: () => void): void {
    this.restoredListeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.registry.validate();
    const mode = await this.start();
    if (!this.config.runWorkers || mode !== 'redis') return;
    for (const definition of this.registry.queues()) {
      const worker = new Worker(definition.name, (job, token) => this.process(definition.name, job, token), {
        connection: bullConnection(this.redisUrl!),
        prefix: this.prefix,
        concurrency: definition.concurrency ?? 1,
        autorun: true,
      });
      worker.on('error', () => undefined);
      worker.on('failed', (job, error) => {
        if (!(error instanceof DelayedError))
          this.logger.warn(
            `Job ${definition.name}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
          );
      });
      this.workers.push(worker);
    }
  }

  private async process(queue: string, job: Job, token?: string): Promise<JobOutcome> {
    const handler = this.registry.handlerFor(queue, job.name);
    const outcome = await handler(job.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
    if (outcome.status === 'later') {
      // Never straight back: a handler whose clock disagrees with ours must not spin.
      await job.moveToDelayed(Math.max(outcome.at.getTime(), Date.now() + MIN_LATER_MS), token);
      throw new DelayedError();
    }
    return outcome;
  }

  /** Adds a job; `false` when it could not be enqueued now (Redis down, or no worker in this in-process instance). */
  async add(queue: string, job: string, data: object, options: EnqueueOptions): Promise<boolean> {
    const mode = await this.start();
    if (this.closing) return false;
    if (!this.registry.queue(queue)?.jobs.includes(job))
      throw new Error(`Job "${job}" is not declared on queue "${queue}".`);
    if (mode === 'in_process') {
      if (!this.config.runWorkers) return false;
      this.inProcess.add(queue, job, data, options.jobId, options.delayMs ?? 0);
      return true;
    }
    if (!this.available) return false;
    try {
      const q = this.queue(queue);
      if (options.retryFailed) {
        const existing = await withTimeout(q.getJob(options.jobId), ADD_TIMEOUT_MS);
        if (existing && (await withTimeout(existing.isFailed(), ADD_TIMEOUT_MS))) {
          await withTimeout(existing.retry('failed'), ADD_TIMEOUT_MS);
          return true;
        }
      }
      const definition = this.registry.queue(queue)!;
      await withTimeout(
        q.add(job, data, {
          jobId: options.jobId,
          delay: Math.max(0, Math.round(options.delayMs ?? 0)),
          attempts: definition.attempts ?? DEFAULT_ATTEMPTS,
          backoff: { type: 'exponential', delay: definition.backoffMs ?? DEFAULT_BACKOFF_MS },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        }),
        ADD_TIMEOUT_MS,
      );
      return true;
    } catch (error) {
      this.logger.warn(`Could not enqueue ${queue}/${job} ${options.jobId}: ${(error as Error).message}`);
      return false;
    }
  }

  /** Per declared queue: reachable, unreachable, or running in-process. */
  async status(): Promise<{ queue: string; state: QueueState }[]> {
    const mode = await this.start();
    let state: QueueState = 'in_process';
    if (mode === 'redis') {
      try {
        state = (await withTimeout(this.monitor!.ping(), 1_000)) === 'PONG' ? 'up' : 'down';
      } catch {
        state = 'down';
      }
    }
    return this.registry.queues().map((definition) => ({ queue: definition.name, state }));
  }

  /** The BullMQ queues (Redis mode only), e.g. for a dashboard. */
  bullQueues(): Queue[] {
    if (this.currentMode !== 'redis') return [];
    return this.registry.queues().map((definition) => this.queue(definition.name));
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: bullConnection(this.redisUrl!), prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.inProcess.close();
    const closeAll = async (closable: { close(force?: boolean): Promise<void> }[]) =>
      Promise.all(
        closable.map((c) => withTimeout(c.close(), CLOSE_TIMEOUT_MS).catch(() => c.close(true).catch(() => undefined))),
      );
    await closeAll(this.workers);
    await closeAll([...this.queues.values()]);
    this.monitor?.disconnect();
  }
}
