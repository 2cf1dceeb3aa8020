import { Injectable } from '@nestjs/common';
import { JobQueues } from '@baken/platform';
import type { DeliveryJob } from './webhook-outbox';

export const WEBHOOK_QUEUE = 'webhooks';
export const WEBHOOK_DELIVERY_JOB = 'webhook-delivery';

/**
 * A delivery's job id: the delivery id, and for each retry of a dead letter the delivery id and its round, so that a
 * retry is a job of its own rather than one BullMQ still keeps as completed or failed.
 */
export const deliveryJobId = (deliveryId: string, round: number): string =>
  round === 0 ? deliveryId : `${deliveryId}-round-${round}`;

/** Puts webhook deliveries on the `webhooks` queue, one job per delivery and round. */
@Injectable()
export class WebhookScheduler {
  constructor(private readonly queues: JobQueues) {}

  /** `false` when it could not be enqueued now; the sweeper enqueues it again from `webhook_deliveries`. */
  schedule(job: DeliveryJob, options: { retryFailed?: boolean } = {}): Promise<boolean> {
    return this.queues.add(WEBHOOK_QUEUE, WEBHOOK_DELIVERY_JOB, job, {
      jobId: deliveryJobId(job.deliveryId, job.round),
      retryFailed: options.retryFailed,
    });
  }
}
