import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, type JobRegistry } from './job-registry';

/** setTimeout's limit (about 24.8 days); a longer delay is waited out in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Pending {
  timer: NodeJS.Timeout;
  dueAt: number;
}

/**
 * Jobs on timers in this process, for when there is no Redis: the same handlers, one job at a time, de-duplicated by
 * job id while pending. Nothing survives the process; sweepers enqueue again from the database whatever is still due.
 */
export class InProcessJobs {
  private readonly pending = new Map<string, Pending>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly warn: (message: string) => void,
  ) {}

  add(queue: string, job: string, data: object, jobId: string, delayMs: number, attempt = 1): void {
    if (this.closed) return;
    const key = `${queue}/${jobId}`;
    const dueAt = Date.now() + Math.max(0, delayMs);
    const existing = this.pending.get(key);
    if (existing && existing.dueAt <= dueAt) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(
      () => {
        this.pending.delete(key);
        if (dueAt > Date.now() + 1_000) {
          this.add(queue, job, data, jobId, dueAt - Date.now(), attempt);
          return;
        }
        this.chain = this.chain.then(() => this.run(queue, job, data, jobId, attempt));
      },
      Math.min(Math.max(0, delayMs), MAX_TIMER_MS),
    );
    timer.unref();
    this.pending.set(key, { timer, dueAt });
  }

  private async run(queue: string, job: string, data: object, jobId: string, attempt: number): Promise<void> {
    if (this.closed) return;
    try {
      const outcome = await this.registry.handlerFor(queue, job)(data, { jobId, attempt });
      if (outcome.status === 'later')
        this.add(queue, job, data, jobId, Math.max(outcome.at.getTime() - Date.now(), 1_000), attempt);
    } catch (error) {
      if (this.closed) return;
      const definition = this.registry.queue(queue);
      if (attempt < (definition?.attempts ?? DEFAULT_ATTEMPTS)) {
        this.add(
          queue,
          job,
          data,
          jobId,
          (definition?.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (attempt - 1),
          attempt + 1,
        );
      } else {
        this.warn(
          `Job ${queue}/${job} ${jobId} failed ${attempt} times; it is enqueued again by the next sweep: ${(error as Error).message}`,
        );
      }
    }
  }

  /** Drops every pending timer and waits for the job in progress. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await this.chain;
  }
}
