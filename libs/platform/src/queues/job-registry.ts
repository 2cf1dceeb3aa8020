/** What a job handler reports back. `later`: not due yet, run it again at `at`. */
export type JobOutcome =
  { status: 'done'; detail?: string } | { status: 'skipped'; detail: string } | { status: 'later'; at: Date };

export interface JobContext {
  jobId: string;
  /** 1 on the first attempt. */
  attempt: number;
}

/**
 * Handles one job. Must be idempotent: a job may run more than once (redelivery after a crash, a sweeper enqueuing
 * it again). Throwing fails the attempt; it is retried with backoff.
 */
export type JobHandler<T = unknown> = (data: T, context: JobContext) => Promise<JobOutcome>;

export interface QueueDefinition {
  name: string;
  /** Every job name this queue carries; each needs exactly one handler before the application may start. */
  jobs: readonly string[];
  /** Jobs processed at once per process; default 1. */
  concurrency?: number;
  /** Attempts per job before it is left failed; default 5. */
  attempts?: number;
  /** Delay before the first retry of a failed attempt, doubled for each next one; default 5 000 ms. */
  backoffMs?: number;
}

/** Attempts and first retry delay of a queue that names none. */
export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 5_000;

export class JobRegistryError extends Error {}

/** A job arrived (from Redis, perhaps from another version of the application) that this process cannot handle. */
export class UnknownJob extends Error {
  constructor(queue: string, job: string) {
    super(`No handler for job "${job}" on queue "${queue}".`);
  }
}

const key = (queue: string, job: string) => `${queue}\u0000${job}`;

/**
 * The catalogue of queues and job names, and the one handler of each job. `validate` refuses an application where
 * a declared job has no handler (it would sit in Redis forever) or a handler serves an undeclared job.
 */
export class JobRegistry {
  private readonly definitions = new Map<string, QueueDefinition>();
  private readonly handlers = new Map<string, { handler: JobHandler<never>; label: string }>();

  defineQueue(definition: QueueDefinition): void {
    if (this.definitions.has(definition.name))
      throw new JobRegistryError(`Queue "${definition.name}" is defined twice.`);
    if (new Set(definition.jobs).size !== definition.jobs.length)
      throw new JobRegistryError(`Queue "${definition.name}" names a job twice.`);
    this.definitions.set(definition.name, { ...definition, jobs: [...definition.jobs] });
  }

  /** `label` names the handler in error messages, e.g. `DeadlineMissedJob.handle`. */
  handle<T>(queue: string, job: string, handler: JobHandler<T>, label = `${queue}/${job}`): void {
    const existing = this.handlers.get(key(queue, job));
    if (existing)
      throw new JobRegistryError(
        `Job "${job}" on queue "${queue}" is already handled by ${existing.label}; ${label} cannot handle it too.`,
      );
    this.handlers.set(key(queue, job), { handler: handler as JobHandler<never>, label });
  }

  queues(): QueueDefinition[] {
    return [...this.definitions.values()];
  }

  queue(name: string): QueueDefinition | undefined {
    return this.definitions.get(name);
  }

  handlerFor(queue: string, job: string): JobHandler {
    const entry = this.handlers.get(key(queue, job));
    if (!entry || !this.definitions.get(queue)?.jobs.includes(job)) throw new UnknownJob(queue, job);
    return entry.handler as JobHandler;
  }

  /** Throws a `JobRegistryError` listing every declared job without a handler and every handler without a job. */
  validate(): void {
    const problems: string[] = [];
    for (const definition of this.definitions.values()) {
      for (const job of definition.jobs) {
        if (!this.handlers.has(key(definition.name, job)))
          problems.push(`job "${job}" on queue "${definition.name}" has no handler`);
      }
    }
    for (const [k, { label }] of this.handlers) {
      const [queue, job] = k.split('\u0000');
      if (!this.definitions.get(queue)?.jobs.includes(job))
        problems.push(`${label} handles "${job}" on queue "${queue}", which is not declared`);
    }
    if (problems.length) throw new JobRegistryError(`The job registry is incomplete: ${problems.join('; ')}.`);
  }
}
