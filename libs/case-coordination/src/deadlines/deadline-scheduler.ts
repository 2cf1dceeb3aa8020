import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@baken/platform';
import { JobQueues } from '@baken/platform';
import type { DeadlineJob } from './deadlines.workflow';

export const DEADLINE_QUEUE = 'deadlines';
export const DEADLINE_MISSED_JOB = 'deadline-missed';

/** Puts deadline escalations on the `deadlines` queue, one job per deadline (job id = deadline id = event id). */
@Injectable()
export class DeadlineScheduler {
  constructor(
    private readonly queues: JobQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Whether a deadline missed at `at` is to be escalated now. One that is not is left to the periodic sweep, which
   * enqueues it once it has passed (deadlines are days, the sweep runs every minute): a registration then costs no
   * delayed job in Redis, and Redis holds no job for weeks.
   */
  isDue(at: Date): boolean {
    return at.getTime() <= this.clock.now().getTime();
  }

  /** `false` when the job could not be enqueued now; the sweeper enqueues it again from the `deadlines` table. */
  schedule(job: DeadlineJob, at: Date, options: { retryFailed?: boolean } = {}): Promise<boolean> {
    return this.queues.add(DEADLINE_QUEUE, DEADLINE_MISSED_JOB, job, {
      jobId: job.deadlineId,
      delayMs: at.getTime() - this.clock.now().getTime(),
      retryFailed: options.retryFailed,
    });
  }
}
