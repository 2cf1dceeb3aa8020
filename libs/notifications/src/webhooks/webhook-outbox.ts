import { Inject, Injectable } from '@nestjs/common';
import { findDemoUser } from '@baken/access';
import type { Sql } from '@baken/event-store';
import { CLOCK, CONFIG, type AppConfig, type Clock } from '@baken/platform';
import { derivedId } from '../derived-id';
import type { NotificationKind, Recipient } from '../domain/notification-rules';

/** A notification as the subscriber writes it. */
export interface NewNotification {
  notificationId: string;
  eventId: string;
  /** `null` for a notification about the programme (then `reference` is the action's id). */
  caseId: string | null;
  reference: string;
  kind: NotificationKind;
  text: string;
  at: Date;
  recipient: Recipient;
}

/** A delivery to enqueue: the job names it, and the event it came from (to wait for the subscriber's commit). */
export interface DeliveryJob {
  deliveryId: string;
  eventId: string;
  /** 0, then one more per retry of a dead letter: each round is a job of its own. */
  round: number;
}

/** What a receiver gets: the notification, never more (no narrative, no personal data). */
export interface WebhookBody {
  id: string;
  kind: NotificationKind;
  at: string;
  caseId: string | null;
  reference: string;
  text: string;
}

/**
 * The webhook outbox: every notification addressed to an organisation with a webhook, or to one of its people, becomes
 * a delivery row, written in the transaction that writes the notification (and moves the subscriber's checkpoint).
 * Only notifications of events recorded since the webhook was set are delivered, and a delivery's id is derived from
 * its event and organisation, so an organisation gets one delivery per event however often the log is replayed: a
 * rebuild writes no delivery twice and sends nothing already sent.
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async add(tx: Sql, notifications: readonly NewNotification[]): Promise<DeliveryJob[]> {
    if (notifications.length === 0) return [];
    const { rows: webhooks } = await tx.query<{ organisation: string; deliver_since: Date }>(
      'SELECT organisation, deliver_since FROM notification_webhooks',
    );
    if (webhooks.length === 0) return [];
    const since = new Map(webhooks.map((w) => [w.organisation, new Date(w.deliver_since)]));
    const organisationOf = await this.organisationsOfPeople(
      tx,
      notifications.flatMap(({ recipient: r }) => (r.kind === 'user' && r.organisation === null ? [r.username] : [])),
    );
    const deliveries = new Map<string, { notification: NewNotification; organisation: string }>();
    for (const notification of notifications) {
      const { recipient } = notification;
      const organisation =
        recipient.kind === 'user'
          ? (recipient.organisation ?? organisationOf.get(recipient.username))
          : recipient.organisation;
      if (!organisation) continue;
      const from = since.get(organisation);
      if (!from || notification.at < from) continue;
      const deliveryId = derivedId('webhook-delivery', notification.eventId, organisation);
      if (!deliveries.has(deliveryId)) deliveries.set(deliveryId, { notification, organisation });
    }
    if (deliveries.size === 0) return [];
    const entries = [...deliveries.entries()];
    const body = ({ notificationId, kind, at, caseId, reference, text }: NewNotification): string =>
      JSON.stringify({ id: notificationId, kind, at: at.toISOString(), caseId, reference, text } satisfies WebhookBody);
    const { rows } = await tx.query<{ delivery_id: string; event_id: string }>(
      `INSERT INTO webhook_deliveries (delivery_id, organisation, notification_id, event_id, kind, body, created_at)
       SELECT d.*, $7::timestamptz FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS d
       ON CONFLICT DO NOTHING
       RETURNING delivery_id::text, event_id::text`,
      [
        entries.map(([id]) => id),
        entries.map(([, d]) => d.organisation),
        entries.map(([, d]) => d.notification.notificationId),
        entries.map(([, d]) => d.notification.eventId),
        entries.map(([, d]) => d.notification.kind),
        entries.map(([, d]) => body(d.notification)),
        this.clock.now(),
      ],
    );
    return rows.map((r) => ({ deliveryId: r.delivery_id, eventId: r.event_id, round: 0 }));
  }

  /** The organisation each person acts for: the demo users in demo mode, else as their latest sign-in said. */
  private async organisationsOfPeople(tx: Sql, usernames: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(usernames)];
    const found = new Map<string, string>();
    if (unique.length === 0) return found;
    if (this.config.demoMode)
      for (const username of unique) {
        const organisation = findDemoUser(username)?.organisation;
        if (organisation) found.set(username, organisation);
      }
    const rest = unique.filter((u) => !found.has(u));
    if (rest.length === 0) return found;
    const { rows } = await tx.query<{ username: string; organisation: string | null }>(
      `SELECT username, actor->>'organisation' AS organisation FROM access_known_users WHERE username = ANY($1::text[])`,
      [rest],
    );
    for (const r of rows) if (r.organisation) found.set(r.username, r.organisation);
    return found;
  }
}
