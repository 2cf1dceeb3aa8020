import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CONFIG, DutchPublicHolidays, SubscriptionRegistry, type AppConfig } from '@baken/platform';
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
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this.subscriber);
    // Escalations come in bursts (every deadline due on one day passes at midnight; a sweep after a Redis outage), so
    // many run at once: the jobs in flight are written together in batches (see DeadlineMissedJob), which take a
    // connection or two from the pool whatever their size.
    this.jobs.defineQueue({
      name: DEADLINE_QUEUE,
      jobs: [DEADLINE_MISSED_JOB],
      concurrency: this.config.deadlineJobs.concurrency,
    });
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
