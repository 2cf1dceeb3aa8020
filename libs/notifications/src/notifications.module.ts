import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CaseCoordinationModule } from '@baken/case-coordination';
import { CONFIG, JobRegistry, QueuesModule, SubscriptionRegistry, type AppConfig } from '@baken/platform';
import { createNotificationRules } from './domain/notification-rules';
import { NotificationInbox } from './notification-inbox';
import { NotificationsController } from './notifications.controller';
import { NOTIFICATION_RULES, NotificationsSubscriber } from './notifications.subscriber';
import { WebhookAdmin } from './webhooks/webhook-admin';
import { WebhookDeliveryJob } from './webhooks/webhook-delivery.job';
import { WebhookOutbox } from './webhooks/webhook-outbox';
import { WEBHOOK_DELIVERY_JOB, WEBHOOK_QUEUE, WebhookScheduler } from './webhooks/webhook-scheduler';
import { WebhookSecrets } from './webhooks/webhook-secrets';
import { WebhookSweeper } from './webhooks/webhook-sweeper';
import { WebhooksController } from './webhooks/webhooks.controller';

/** Deliveries sent at once per worker process: each may wait its time limit on a slow receiver. */
const WEBHOOK_CONCURRENCY = 4;

/** Notifications derived from the event log, and their delivery to organisations' webhooks. */
@Module({
  imports: [QueuesModule, CaseCoordinationModule],
  providers: [
    {
      provide: NOTIFICATION_RULES,
      inject: [CONFIG],
      useFactory: (config: AppConfig) =>
        createNotificationRules({ chairOrganisation: config.notifications.chairOrganisation }),
    },
    {
      provide: WebhookSecrets,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => new WebhookSecrets(config.masterKey),
    },
    NotificationsSubscriber,
    NotificationInbox,
    WebhookOutbox,
    WebhookScheduler,
    WebhookDeliveryJob,
    WebhookSweeper,
    WebhookAdmin,
  ],
  exports: [NotificationInbox, WebhookAdmin, WebhookSweeper, WebhookDeliveryJob],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly subscriptions: SubscriptionRegistry,
    private readonly jobs: JobRegistry,
    private readonly subscriber: NotificationsSubscriber,
    private readonly delivery: WebhookDeliveryJob,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this.subscriber);
    const { webhookAttempts, webhookBackoffMs } = this.config.notifications;
    this.jobs.defineQueue({
      name: WEBHOOK_QUEUE,
      jobs: [WEBHOOK_DELIVERY_JOB],
      concurrency: WEBHOOK_CONCURRENCY,
      attempts: webhookAttempts,
      backoffMs: webhookBackoffMs,
    });
    this.jobs.handle(
      WEBHOOK_QUEUE,
      WEBHOOK_DELIVERY_JOB,
      (data, context) => this.delivery.handle(data, context),
      'WebhookDeliveryJob.handle',
    );
  }
}

/** `GET /api/me/notifications` and the administrators' webhooks, for processes that serve HTTP. */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, WebhooksController],
})
export class NotificationsHttpModule {}
