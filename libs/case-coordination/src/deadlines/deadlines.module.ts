import { Module, type OnModuleInit } from '@nestjs/common';
import { CONFIG, SubscriptionRegistry, type AppConfig } from '@baken/platform';
import { JobRegistry, QueuesModule } from '@baken/platform';
import { CaseCoordinationModule } from '../case-coordination.module';
import { DeadlineMissedJob } from './deadline-missed.job';
import { deadlineRules } from './deadline-rules';
import { DEADLINE_MISSED_JOB, DEADLINE_QUEUE, DeadlineScheduler } from './deadline-scheduler';
import { DeadlineSweeper } from './deadline-sweeper';
import { DeadlinesProjection } from './deadlines.projection';
import { DEADLINE_WORKFLOW, DeadlinesSubscriber } from './deadlines.subscriber';
import { createDeadlineWorkflow } from './deadlines.workflow';
import { QueueBoard } from './queue-board';
import { WorkQueueController } from './work-queue.controller';
import { WorkQueue } from './work-queue.service';
import { DutchPublicHolidays } from './working-days';

/** Deadlines derived from the event log, escalations and the work queue. */
@Module({
  imports: [QueuesModule, CaseCoordinationModule],
  controllers: [WorkQueueController],
  providers: [
    {
      provide: DEADLINE_WORKFLOW,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => createDeadlineWorkflow(deadlineRules(config.deadlines, new DutchPublicHolidays())),
    },
    DeadlinesProjection, DeadlinesSubscriber, DeadlineScheduler, DeadlineMissedJob, DeadlineSweeper, WorkQueue, QueueBoard,
  ],
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
    this.jobs.defineQueue({ name: DEADLINE_QUEUE, jobs: [DEADLINE_MISSED_JOB] });
    this.jobs.handle(DEADLINE_QUEUE, DEADLINE_MISSED_JOB, (data) => this.missedJob.handle(data), 'DeadlineMissedJob.handle');
  }
}

export { DEADLINE_QUEUE } from './deadline-scheduler';
