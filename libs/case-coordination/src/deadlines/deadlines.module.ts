import { Module, type OnModuleInit } from '@nestjs/common';
import { DutchPublicHolidays, SubscriptionRegistry } from '@baken/platform';
import { JobRegistry, QueuesModule } from '@baken/platform';
import { CaseCoordinationModule } from '../case-coordination.module';
import { DeadlineMissedJob } from './deadline-missed.job';
import { DeadlinePeriodsSource } from './deadline-periods';
import { deadlineRules } from './deadline-rules';
import { DEADLINE_MISSED_JOB, DEADLINE_QUEUE, DeadlineScheduler } from './deadline-scheduler';
import { DeadlineSweeper } from './deadline-sweeper';
import { DeadlinesProjection } from './deadlines.projection';
import { DEADLINE_WORKFLOW, DeadlinesSubscriber } from './deadlines.subscriber';
import { createDeadlineWorkflow } from './deadlines.workflow';
import { QueueBoard } from './queue-board';
import { WorkQueueController } from './work-queue.controller';
import { WorkQueue } from './work-queue.service';

/** Deadline jobs processed at once per worker process. */
const DEADLINE_CONCURRENCY = 4;

/** Deadlines derived from the event log, escalations and the work queue. */
@Module({
  imports: [QueuesModule, CaseCoordinationModule],
  providers: [
    DeadlinePeriodsSource,
    {
      provide: DEADLINE_WORKFLOW,
      inject: [DeadlinePeriodsSource],
      useFactory: (periods: DeadlinePeriodsSource) =>
        createDeadlineWorkflow(deadlineRules(periods.periodsAt, new DutchPublicHolidays())),
    },
    DeadlinesProjection,
    DeadlinesSubscriber,
    DeadlineScheduler,
    DeadlineMissedJob,
    DeadlineSweeper,
    WorkQueue,
  ],
  exports: [WorkQueue, DeadlineScheduler],
})
export class DeadlinesModule implements OnModuleInit {
  constructor(
    private readonly subscriptions: SubscriptionRegistry,
    private readonly jobs: JobRegistry,
    private readonly subscriber: DeadlinesSubscriber,
    private readonly missedJob: DeadlineMissedJob,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this.subscriber);
    // Escalations come in bursts (every deadline due on one day passes at midnight; a sweep after a Redis outage) and
    // each waits on a few database round trips, so several run at once. Four leaves most of the pool (10 connections)
    // to requests and subscriptions where the API runs the workers too; two jobs on one case retry on a conflict.
    this.jobs.defineQueue({ name: DEADLINE_QUEUE, jobs: [DEADLINE_MISSED_JOB], concurrency: DEADLINE_CONCURRENCY });
    this.jobs.handle(
      DEADLINE_QUEUE,
      DEADLINE_MISSED_JOB,
      (data) => this.missedJob.handle(data),
      'DeadlineMissedJob.handle',
    );
  }
}

/** The work queue and the queue board for admins, for processes that serve HTTP. */
@Module({
  imports: [QueuesModule, DeadlinesModule],
  controllers: [WorkQueueController],
  providers: [QueueBoard],
})
export class DeadlinesHttpModule {}

export { DEADLINE_MISSED_JOB, DEADLINE_QUEUE } from './deadline-scheduler';
