import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { CLOCK, CONFIG, DATABASE, type AppConfig, type Clock, type JobContext, type JobOutcome } from '@baken/platform';
import { UUID } from '../derived-id';
import { NOTIFICATIONS_SUBSCRIBER } from '../notifications.subscriber';
import { WebhookSecrets, type SealedSecret } from './webhook-secrets';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature';
import { webhookUrlProblem } from './webhook-url';

/** An attempt that did not get a 2xx answer: thrown, so that BullMQ retries it with backoff. */
export class WebhookAttemptFailed extends Error {}

/** How long a job for a delivery the subscriber has not yet committed waits before it looks again. */
const PROJECTION_WAIT_MS = 2_000;

interface StoredDelivery {
  delivery_id: string | null;
  organisation: string;
  body: string;
  status: 'pending' | 'delivered' | 'dead' | 'cancelled';
  url: string | null;
  secret: SealedSecret | string | null;
  awaiting_projection: boolean;
}

const idOf = (data: unknown, field: string): string | null => {
  const id = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[field] : undefined;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null;
};

/**
 * Delivers one webhook. A job is only a wake-up naming a delivery: the receiver, the body and the secret are read from
 * the database, never from the job (whoever can reach Redis could write anything there). Each attempt is counted in
 * `webhook_deliveries` and leased there (two jobs for one delivery never send at once); it POSTs the stored body,
 * signed (`Baken-Signature`), with a time limit, and never follows a redirect. A 2xx answer delivers it; anything
 * else fails the attempt, which BullMQ retries with exponential backoff, until the configured number of attempts
 * makes it a dead letter (`status = 'dead'`), which an administrator can retry. Receivers may see a delivery twice
 * (an answer lost on the way back): `Baken-Delivery` names it, the same on every attempt.
 */
@Injectable()
export class WebhookDeliveryJob {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly secrets: WebhookSecrets,
  ) {}

  async handle(data: unknown, _context?: JobContext): Promise<JobOutcome> {
    const deliveryId = idOf(data, 'deliveryId');
    if (deliveryId === null) return this.drop('a job that names no delivery id');
    const found = await this.find(deliveryId, idOf(data, 'eventId'));
    if (found.delivery_id === null) {
      // The subscriber enqueues before its batch commits: wait for it, while its checkpoint is before the event.
      if (found.awaiting_projection) return { status: 'later', at: new Date(Date.now() + PROJECTION_WAIT_MS) };
      return this.drop(`a job for delivery ${deliveryId}, which does not exist`);
    }
    if (found.status !== 'pending') return { status: 'skipped', detail: `the delivery is ${found.status}` };
    if (found.url === null || found.secret === null) {
      await this.db.query(
        `UPDATE webhook_deliveries SET status = 'cancelled' WHERE delivery_id = $1 AND status = 'pending'`,
        [deliveryId],
      );
      return { status: 'skipped', detail: `${found.organisation} has no webhook any more` };
    }
    const {
      webhookTimeoutMs: timeoutMs,
      webhookAttempts: maxAttempts,
      webhookHttpsOnly: httpsOnly,
    } = this.config.notifications;
    const claimed = await this.db.query<{ attempts: number }>(
      `UPDATE webhook_deliveries
       SET attempts = attempts + 1, last_attempt_at = $2,
           leased_until = clock_timestamp() + make_interval(secs => $3::double precision)
       WHERE delivery_id = $1 AND status = 'pending' AND (leased_until IS NULL OR leased_until < clock_timestamp())
       RETURNING attempts`,
      [deliveryId, this.clock.now(), (2 * timeoutMs + 5_000) / 1000],
    );
    if (claimed.rows.length === 0) return { status: 'later', at: new Date(Date.now() + timeoutMs) };
    const attempt = claimed.rows[0].attempts;

    const secret = this.openSecret(found.organisation, found.secret);
    const problem = webhookUrlProblem(found.url, httpsOnly);
    const result =
      secret === null
        ? { ok: false as const, status: null, error: 'the signing secret cannot be opened (another master key?)' }
        : problem
          ? { ok: false as const, status: null, error: `the receiver's URL ${problem}` }
          : await this.post(found.url, found.body, deliveryId, secret, timeoutMs);

    if (result.ok) {
      await this.db.query(
        `UPDATE webhook_deliveries
         SET status = 'delivered', delivered_at = $2, last_status = $3, last_error = NULL, leased_until = NULL
         WHERE delivery_id = $1`,
        [deliveryId, this.clock.now(), result.status],
      );
      return { status: 'done', detail: `delivered to ${found.organisation} (HTTP ${result.status})` };
    }
    const dead = attempt >= maxAttempts;
    await this.db.query(
      `UPDATE webhook_deliveries
       SET last_status = $2, last_error = $3, leased_until = NULL,
           status = CASE WHEN $4::boolean THEN 'dead' ELSE status END,
           dead_at = CASE WHEN $4::boolean THEN $5::timestamptz ELSE dead_at END
       WHERE delivery_id = $1`,
      [deliveryId, result.status, result.error, dead, this.clock.now()],
    );
    const what = `Webhook delivery ${deliveryId} to ${found.organisation}, attempt ${attempt} of ${maxAttempts}: ${result.error}`;
    if (dead) this.logger.warn(`${what}; it is a dead letter now.`);
    throw new WebhookAttemptFailed(what);
  }

  private async post(
    url: string,
    body: string,
    deliveryId: string,
    secret: string,
    timeoutMs: number,
  ): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string }> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Baken-Webhooks/1',
          [DELIVERY_HEADER]: deliveryId,
          [SIGNATURE_HEADER]: signatureHeader(secret, body, this.clock.now()),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Nothing of the answer is kept but its status; do not wait for a large body.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
      const redirect = response.status >= 300 && response.status < 400;
      return {
        ok: false,
        status: response.status,
        error: redirect ? `HTTP ${response.status}: redirects are not followed` : `HTTP ${response.status}`,
      };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        return { ok: false, status: null, error: `no answer within ${timeoutMs} ms` };
      const code = ((error as Error & { cause?: { code?: unknown } }).cause?.code ?? '') as string;
      return { ok: false, status: null, error: code ? `could not connect (${code})` : 'could not connect' };
    }
  }

  private openSecret(organisation: string, sealed: SealedSecret | string): string | null {
    try {
      return this.secrets.open(
        organisation,
        typeof sealed === 'string' ? (JSON.parse(sealed) as SealedSecret) : sealed,
      );
    } catch {
      return null;
    }
  }

  private drop(what: string): JobOutcome {
    this.logger.warn(`Dropped ${what}: nothing was sent.`);
    return { status: 'skipped', detail: `dropped ${what}` };
  }

  /**
   * The delivery with its organisation's webhook, and whether the log has the event the job names beyond the
   * notifications subscriber's checkpoint (the delivery may be in a batch not yet committed). One statement, one
   * snapshot: the subscriber writes the delivery and moves its checkpoint in one transaction.
   */
  private async find(deliveryId: string, eventId: string | null): Promise<StoredDelivery> {
    const { rows } = await this.db.query<StoredDelivery>(
      `SELECT d.delivery_id::text AS delivery_id, d.organisation, d.body, d.status, w.url, w.secret,
              EXISTS (
                SELECT 1 FROM es_events e LEFT JOIN es_checkpoints c ON c.subscriber_id = $3
                WHERE e.event_id = $2::uuid
                  AND (c.subscriber_id IS NULL OR (e.tx_id, e.global_position) > (c.tx_id, c.global_position))
              ) AS awaiting_projection
       FROM (SELECT $1::uuid AS id) k
       LEFT JOIN webhook_deliveries d ON d.delivery_id = k.id
       LEFT JOIN notification_webhooks w ON w.organisation = d.organisation`,
      [deliveryId, eventId, NOTIFICATIONS_SUBSCRIBER],
    );
    return rows[0];
  }
}
