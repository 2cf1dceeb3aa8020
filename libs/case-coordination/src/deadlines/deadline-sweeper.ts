import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { businessDateOf, CLOCK, CONFIG, DATABASE, type AppConfig, type Clock } from '@baken/platform';
import { JobQueues } from '@baken/platform';
import { isOverdue, type DeadlineKind } from '../domain';
import { missedAt } from './deadline-rules';
import { DeadlineScheduler } from './deadline-scheduler';

/** `due`: open deadlines already passed. `all`: every open deadline, also future ones (delayed jobs). */
export type SweepScope = 'due' | 'all';

const PAGE = 500;

/**
 * The `deadlines` table, not Redis, is the source of truth. The sweeper enqueues again (same job id, so nothing is
 * doubled) every open deadline not yet recorded as missed: all of them when the process starts and whenever Redis
 * becomes reachable again (it may have lost its jobs), and the passed ones periodically. Without Redis the same
 * jobs run in-process. Runs only in processes with `runWorkers`.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Deadlines');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending: SweepScope | undefined;
  private stopped = false;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly queues: JobQueues,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.queues.onRestored(() => this.trigger('all'));
    this.trigger('all');
    this.timer = setInterval(() => this.trigger('due'), this.config.deadlines.sweepIntervalMs);
    this.timer.unref();
  }

  /** Starts a sweep unless one runs; then one more follows it (an `all` request wins over `due`). */
  trigger(scope: SweepScope): void {
    if (this.stopped) return;
    if (this.running) {
      this.pending = this.pending === 'all' || scope === 'all' ? 'all' : 'due';
      return;
    }
    this.running = this.sweep(scope)
      .then(
        () => undefined,
        (error: unknown) =>
          this.logger.warn(`Deadline sweep failed; the next one retries: ${(error as Error).message}`),
      )
      .finally(() => {
        this.running = undefined;
        const next = this.pending;
        this.pending = undefined;
        if (next) this.trigger(next);
      });
  }

  /** Enqueues the open, unrecorded deadlines in `scope`; returns how many were enqueued. */
  async sweep(scope: SweepScope): Promise<number> {
    const today = businessDateOf(this.clock.now());
    let after = { dueOn: '0001-01-01', deadlineId: '00000000-0000-0000-0000-000000000000' };
    let enqueued = 0;
    for (;;) {
      const { rows } = await this.db.query<{
        deadline_id: string;
        case_id: string;
        kind: DeadlineKind;
        ref: string;
        due_on: string;
      }>(
        `SELECT deadline_id, case_id, kind, ref, due_on::text AS due_on FROM deadlines
         WHERE status = 'open' AND missed_at IS NULL AND ($1::boolean OR due_on < $2::date)
           AND (due_on, deadline_id) > ($3::date, $4::uuid)
         ORDER BY due_on, deadline_id LIMIT ${PAGE}`,
        [scope === 'all', today, after.dueOn, after.deadlineId],
      );
      for (const row of rows) {
        if (this.stopped) return enqueued;
        const job = {
          deadlineId: row.deadline_id,
          caseId: row.case_id,
          kind: row.kind,
          ref: row.ref,
          dueOn: row.due_on,
        };
        if (
          await this.scheduler.schedule(job, missedAt(row.due_on), {
            retryFailed: isOverdue({ dueOn: row.due_on }, today),
          })
        )
          enqueued++;
      }
      if (rows.length < PAGE) return enqueued;
      const last = rows[rows.length - 1];
      after = { dueOn: last.due_on, deadlineId: last.deadline_id };
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
