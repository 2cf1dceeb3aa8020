import { Inject, Injectable } from '@nestjs/common';
import { SecurityEvents, type Actor } from '@baken/access';
import { ReferenceData } from '@baken/case-coordination';
import type { Database, Sql } from '@baken/event-store';
import {
  CLOCK,
  CONFIG,
  DATABASE,
  forbidden,
  notFound,
  ProblemError,
  ValidationProblem,
  type AppConfig,
  type Clock,
} from '@baken/platform';
import { WebhookScheduler } from './webhook-scheduler';
import { newSigningSecret, WebhookSecrets } from './webhook-secrets';
import { SIGNATURE_HEADER } from './webhook-signature';
import { webhookUrlProblem } from './webhook-url';

export const SIGNATURE_SCHEME =
  'HMAC-SHA256 with the secret (its UTF-8 bytes) over "<t>.<body>"; header Baken-Signature: t=<unix seconds>,v1=<hex>';

export interface ConfiguredWebhook {
  organisation: string;
  url: string;
  /** Shown this once; only a new `PUT` gives a new one. */
  secret: string;
  signatureHeader: string;
  signatureScheme: string;
  deliverSince: string;
}

export interface WebhookHealth {
  pending: number;
  delivered: number;
  dead: number;
  lastDeliveredAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
}

export interface WebhookListItem {
  organisation: string;
  url: string;
  deliverSince: string;
  updatedAt: string;
  updatedBy: string;
  health: WebhookHealth;
}

export interface DeadLetter {
  deliveryId: string;
  organisation: string;
  kind: string;
  attempts: number;
  createdAt: string;
  deadAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
}

export interface WebhookChange {
  at: string;
  username: string;
  role: string;
  organisation: string;
  action: 'configured' | 'removed' | 'dead_letter_retried';
  url: string | null;
  deliveryId: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw forbidden(`Only administrators manage webhooks; your role is ${actor.role}.`);
};

/**
 * Administrators' webhooks: one per organisation. Every change (set, removed, a dead letter retried) is recorded
 * with who and when, in `notification_webhook_changes` and as a security event. Signing secrets are generated here,
 * answered once, and stored sealed (`WebhookSecrets`). Administrators see a delivery's kind, status and the receiver's
 * answer, never what it carried (case references and texts are case content).
 */
@Injectable()
export class WebhookAdmin {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly secrets: WebhookSecrets,
    private readonly reference: ReferenceData,
    private readonly scheduler: WebhookScheduler,
    private readonly events: SecurityEvents,
  ) {}

  /**
   * Sets the organisation's webhook, or changes its URL, with a new signing secret either way. Notifications of events
   * recorded from the first time it was set on are delivered; changing it keeps that moment.
   */
  async configure(
    actor: Actor,
    organisation: string,
    url: string,
  ): Promise<{ created: boolean; webhook: ConfiguredWebhook }> {
    requireAdmin(actor);
    if (!(await this.reference.organisationExists(organisation))) throw notFound('The organisation');
    const problem = webhookUrlProblem(url, this.config.notifications.webhookHttpsOnly);
    if (problem) throw new ValidationProblem([{ field: 'url', message: problem }]);
    const secret = newSigningSecret();
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ deliver_since: Date; created: boolean }>(
        `INSERT INTO notification_webhooks (organisation, url, secret, deliver_since, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $4, $5)
         ON CONFLICT (organisation) DO UPDATE
           SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at, updated_by = excluded.updated_by
         RETURNING deliver_since, (xmax = 0) AS created`,
        [organisation, url, JSON.stringify(this.secrets.seal(organisation, secret)), now, actor.username],
      );
      await this.recordChange(tx, actor, organisation, 'configured', { url });
      return rows[0];
    });
    this.events.record('webhook_configured', {
      username: actor.username,
      role: actor.role,
      organisation,
      url,
      created: row.created,
    });
    return {
      created: row.created,
      webhook: {
        organisation,
        url,
        secret,
        signatureHeader: SIGNATURE_HEADER,
        signatureScheme: SIGNATURE_SCHEME,
        deliverSince: iso(row.deliver_since)!,
      },
    };
  }

  /** Removes the organisation's webhook; deliveries still pending are cancelled. 404 when it has none. */
  async remove(actor: Actor, organisation: string): Promise<void> {
    requireAdmin(actor);
    const removed = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ url: string }>(
        'DELETE FROM notification_webhooks WHERE organisation = $1 RETURNING url',
        [organisation],
      );
      if (rows.length === 0) return null;
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'cancelled' WHERE organisation = $1 AND status = 'pending'`,
        [organisation],
      );
      await this.recordChange(tx, actor, organisation, 'removed', { url: rows[0].url });
      return rows[0];
    });
    if (!removed) throw notFound('The webhook');
    this.events.record('webhook_removed', { username: actor.username, role: actor.role, organisation });
  }

  async list(actor: Actor): Promise<WebhookListItem[]> {
    requireAdmin(actor);
    const { rows } = await this.db.query<{
      organisation: string;
      url: string;
      deliver_since: Date;
      updated_at: Date;
      updated_by: string;
      pending: string;
      delivered: string;
      dead: string;
      last_delivered_at: Date | null;
      last_attempt_at: Date | null;
      last_status: number | null;
      last_error: string | null;
    }>(
      `SELECT w.organisation, w.url, w.deliver_since, w.updated_at, w.updated_by,
              count(*) FILTER (WHERE d.status = 'pending')::text AS pending,
              count(*) FILTER (WHERE d.status = 'delivered')::text AS delivered,
              count(*) FILTER (WHERE d.status = 'dead')::text AS dead,
              max(d.delivered_at) AS last_delivered_at,
              last.last_attempt_at, last.last_status, last.last_error
       FROM notification_webhooks w
       LEFT JOIN webhook_deliveries d ON d.organisation = w.organisation
       LEFT JOIN LATERAL (
         SELECT l.last_attempt_at, l.last_status, l.last_error FROM webhook_deliveries l
         WHERE l.organisation = w.organisation AND l.last_attempt_at IS NOT NULL
         ORDER BY l.last_attempt_at DESC LIMIT 1
       ) last ON true
       GROUP BY w.organisation, w.url, w.deliver_since, w.updated_at, w.updated_by,
                last.last_attempt_at, last.last_status, last.last_error
       ORDER BY w.organisation`,
    );
    return rows.map((r) => ({
      organisation: r.organisation,
      url: r.url,
      deliverSince: iso(r.deliver_since)!,
      updatedAt: iso(r.updated_at)!,
      updatedBy: r.updated_by,
      health: {
        pending: Number(r.pending),
        delivered: Number(r.delivered),
        dead: Number(r.dead),
        lastDeliveredAt: iso(r.last_delivered_at),
        lastAttemptAt: iso(r.last_attempt_at),
        lastStatus: r.last_status,
        lastError: r.last_error,
      },
    }));
  }

  /** Deliveries that failed every attempt, newest first. */
  async deadLetters(actor: Actor, filter: { organisation?: string; limit: number }): Promise<DeadLetter[]> {
    requireAdmin(actor);
    const { rows } = await this.db.query<{
      delivery_id: string;
      organisation: string;
      kind: string;
      attempts: number;
      created_at: Date;
      dead_at: Date | null;
      last_status: number | null;
      last_error: string | null;
    }>(
      `SELECT delivery_id::text, organisation, kind, attempts, created_at, dead_at, last_status, last_error
       FROM webhook_deliveries
       WHERE status = 'dead' AND ($1::text IS NULL OR organisation = $1)
       ORDER BY dead_at DESC NULLS LAST, delivery_id LIMIT $2`,
      [filter.organisation ?? null, filter.limit],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      organisation: r.organisation,
      kind: r.kind,
      attempts: r.attempts,
      createdAt: iso(r.created_at)!,
      deadAt: iso(r.dead_at),
      lastStatus: r.last_status,
      lastError: r.last_error,
    }));
  }

  /**
   * Tries a dead letter again: a new round of attempts, as a job of its own. 404 for an unknown delivery, 409 for one
   * that is not dead (pending, delivered, or cancelled because its organisation has no webhook any more).
   */
  async retry(actor: Actor, deliveryId: string): Promise<{ deliveryId: string; status: 'pending'; enqueued: boolean }> {
    requireAdmin(actor);
    const result = await this.db.transaction(async (tx) => {
      const { rows: found } = await tx.query<{ status: string; organisation: string; has_webhook: boolean }>(
        `SELECT d.status, d.organisation, EXISTS (SELECT 1 FROM notification_webhooks w WHERE w.organisation = d.organisation) AS has_webhook
         FROM webhook_deliveries d WHERE d.delivery_id = $1 FOR UPDATE OF d`,
        [deliveryId],
      );
      if (found.length === 0) return null;
      const { status, organisation, has_webhook: hasWebhook } = found[0];
      if (status !== 'dead' || !hasWebhook)
        throw new ProblemError(
          409,
          'Not a dead letter',
          status !== 'dead'
            ? `The delivery is ${status}; only dead letters can be retried.`
            : `${organisation} has no webhook any more; set one first.`,
          '/problems/not-a-dead-letter',
        );
      const { rows } = await tx.query<{ round: number; event_id: string }>(
        `UPDATE webhook_deliveries
         SET status = 'pending', attempts = 0, round = round + 1, dead_at = NULL, leased_until = NULL
         WHERE delivery_id = $1 RETURNING round, event_id::text`,
        [deliveryId],
      );
      await this.recordChange(tx, actor, organisation, 'dead_letter_retried', { deliveryId });
      return { organisation, ...rows[0] };
    });
    if (!result) throw notFound('The delivery');
    this.events.record('webhook_dead_letter_retried', {
      username: actor.username,
      role: actor.role,
      organisation: result.organisation,
      delivery: deliveryId,
    });
    const enqueued = await this.scheduler.schedule({ deliveryId, eventId: result.event_id, round: result.round });
    return { deliveryId, status: 'pending', enqueued };
  }

  /** Every change to webhooks, newest first. */
  async changes(actor: Actor, limit: number): Promise<WebhookChange[]> {
    requireAdmin(actor);
    const { rows } = await this.db.query<{
      at: Date;
      username: string;
      role: string;
      organisation: string;
      action: WebhookChange['action'];
      url: string | null;
      delivery_id: string | null;
    }>(
      `SELECT at, username, role, organisation, action, url, delivery_id::text
       FROM notification_webhook_changes ORDER BY change_id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      at: iso(r.at)!,
      username: r.username,
      role: r.role,
      organisation: r.organisation,
      action: r.action,
      url: r.url,
      deliveryId: r.delivery_id,
    }));
  }

  private async recordChange(
    tx: Sql,
    actor: Actor,
    organisation: string,
    action: WebhookChange['action'],
    extra: { url?: string; deliveryId?: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO notification_webhook_changes (at, username, role, organisation, action, url, delivery_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [this.clock.now(), actor.username, actor.role, organisation, action, extra.url ?? null, extra.deliveryId ?? null],
    );
  }
}
