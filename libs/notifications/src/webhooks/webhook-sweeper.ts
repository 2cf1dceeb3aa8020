import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { CONFIG, DATABASE, JobQueues, type AppConfig } from '@baken/platform';
import { WebhookScheduler } from './webhook-scheduler';

const PAGE = 500;

/**
 * `webhook_deliveries`, not Redis, is the source of truth. The sweeper enqueues every pending delivery again (same job
 * id, so nothing is doubled; a job that failed for good is retried): when the process starts, whenever Redis becomes
 * reachable again (it may have lost its jobs), and every `BAKEN_WEBHOOK_SWEEP_MS`. Runs only in processes with
 * `runWorkers`, like the deadline sweeper.
 */
@Injectable()
export class WebhookSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly queues: JobQueues,
    private readonly scheduler: WebhookScheduler,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.queues.onRestored(() => this.trigger());
    this.trigger();
    this.timer = setInterval(() => this.trigger(), this.config.notifications.webhookSweepIntervalMs);
    this.timer.unref();
  }

  /** Starts a sweep unless one runs; then one more follows it. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sweep()
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn(`Webhook sweep failed; the next one retries: ${(error as Error).message}`),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.trigger();
        }
      });
  }

  /** Enqueues every pending delivery; returns how many were enqueued. */
  async sweep(): Promise<number> {
    let after = { createdAt: new Date(0), deliveryId: '00000000-0000-0000-0000-000000000000' };
    let enqueued = 0;
    for (;;) {
      const { rows } = await this.db.query<{ delivery_id: string; event_id: string; round: number; created_at: Date }>(
        `SELECT delivery_id::text, event_id::text, round, created_at FROM webhook_deliveries
         WHERE status = 'pending' AND (created_at, delivery_id) > ($1::timestamptz, $2::uuid)
         ORDER BY created_at, delivery_id LIMIT ${PAGE}`,
        [after.createdAt, after.deliveryId],
      );
      for (const row of rows) {
        if (this.stopped) return enqueued;
        const job = { deliveryId: row.delivery_id, eventId: row.event_id, round: row.round };
        if (await this.scheduler.schedule(job, { retryFailed: true })) enqueued++;
      }
      if (rows.length < PAGE) return enqueued;
      const last = rows[rows.length - 1];
      after = { createdAt: last.created_at, deliveryId: last.delivery_id };
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
