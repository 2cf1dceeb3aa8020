import { Inject, Injectable, Logger } from '@nestjs/common';
import { caseIdOfStream, type CaseEvent } from '@baken/case-coordination';
import type { Sql, StoredEvent } from '@baken/event-store';
import type { SubscriberDefinition } from '@baken/platform';
import { derivedId } from './derived-id';
import {
  NOTIFIABLE_EVENT_TYPES,
  NOTIFIABLE_PROGRAMME_EVENT_TYPES,
  type NotifiableEvent,
  type NotifiableEventType,
  type NotifiableProgrammeEvent,
} from './domain/notification-events';
import {
  decideProgrammeNotices,
  evolveProgrammeStatuses,
  type ProgrammeActionStatuses,
} from './domain/programme-notification-rules';
import {
  recipientKey,
  type NotificationCase,
  type NotificationRules,
  type Recipient,
} from './domain/notification-rules';
import { notificationText } from './notification-text';
import { WebhookOutbox, type NewNotification } from './webhooks/webhook-outbox';
import { WebhookScheduler } from './webhooks/webhook-scheduler';

export const NOTIFICATION_RULES = Symbol('NOTIFICATION_RULES');

/** The subscriber's id: names its checkpoint. */
export const NOTIFICATIONS_SUBSCRIBER = 'notifications';

/** The case events as the case domain defines them must still carry what the rules read (checked when compiling). */
type Fits<T extends U, U> = T;
export type _CaseEventsFit = Fits<Extract<CaseEvent, { type: NotifiableEventType }>, NotifiableEvent>;

/** How a recipient is stored: the columns a reader is matched on (`notification-inbox.ts`). */
function recipientColumns(recipient: Recipient) {
  switch (recipient.kind) {
    case 'user':
      return { username: recipient.username, organisation: null, role: null, district: null };
    case 'organisation':
      return { username: null, organisation: recipient.organisation, role: null, district: null };
    case 'role':
      return {
        username: null,
        organisation: recipient.organisation,
        role: recipient.role,
        district: recipient.district,
      };
  }
}

const isProgrammeEvent = (event: StoredEvent): boolean =>
  (NOTIFIABLE_PROGRAMME_EVENT_TYPES as readonly string[]).includes(event.type);

/**
 * Turns case events, and the programme's (ADR 64), into notifications. Per batch it loads what the rules know of the cases involved
 * (`notification_cases`), asks the rules who is told what, and writes the notifications, the new states and the
 * webhook deliveries they cause in the batch's transaction, with the checkpoint: a notification exists exactly once
 * whatever the redeliveries, and its id is derived from its event and recipient, so a rebuild writes the same rows
 * (and what was read stays read). The deliveries' jobs are enqueued afterwards, without waiting: one enqueued for a
 * batch that rolls back is enqueued again (same job id) when the batch is retried, and one that could not be enqueued
 * is found by the sweeper.
 */
@Injectable()
export class NotificationsSubscriber implements SubscriberDefinition {
  readonly name = NOTIFICATIONS_SUBSCRIBER;
  readonly eventTypes = [...NOTIFIABLE_EVENT_TYPES, ...NOTIFIABLE_PROGRAMME_EVENT_TYPES];
  private readonly logger = new Logger('Notifications');

  constructor(
    @Inject(NOTIFICATION_RULES) private readonly rules: NotificationRules,
    private readonly outbox: WebhookOutbox,
    private readonly scheduler: WebhookScheduler,
  ) {}

  async handle(tx: Sql, events: StoredEvent[]): Promise<void> {
    const caseIdOf = (event: StoredEvent) => caseIdOfStream(event.streamId);
    const caseIds = [...new Set(events.map(caseIdOf).filter((id): id is string => id !== null))];
    const states = await loadStates(tx, caseIds);
    const changed = new Set<string>();
    const notifications: NewNotification[] = [];
    const programme = events.some(isProgrammeEvent) ? await loadProgrammeStatuses(tx) : null;
    let programmeChanged = false;
    for (const event of events) {
      if (programme && isProgrammeEvent(event)) {
        const input = { type: event.type, data: event.data } as NotifiableProgrammeEvent;
        for (const { recipient, subject } of decideProgrammeNotices(input, programme.statuses)) {
          notifications.push({
            notificationId: derivedId('notification', event.eventId, recipientKey(recipient)),
            eventId: event.eventId,
            caseId: null,
            reference: input.data.actionId,
            kind: subject.kind,
            text: notificationText(subject, recipient, input.data.actionId),
            at: event.recordedAt,
            recipient,
          });
        }
        const after = evolveProgrammeStatuses(programme.statuses, input);
        programmeChanged ||= after !== programme.statuses;
        programme.statuses = after;
        continue;
      }
      const caseId = caseIdOf(event);
      if (caseId === null) continue;
      const actor = (event.metadata.actor as { username?: unknown } | undefined)?.username;
      const input = {
        eventId: event.eventId,
        caseId,
        recordedAt: event.recordedAt,
        actor: typeof actor === 'string' ? actor : null,
        event: { type: event.type, data: event.data } as NotifiableEvent,
      };
      const before = states.get(caseId) ?? null;
      for (const { recipient, subject } of this.rules.decide(input, before)) {
        notifications.push({
          notificationId: derivedId('notification', event.eventId, recipientKey(recipient)),
          eventId: event.eventId,
          caseId,
          reference: before!.reference,
          kind: subject.kind,
          text: notificationText(subject, recipient, before!.reference),
          at: event.recordedAt,
          recipient,
        });
      }
      const after = this.rules.evolve(before, input);
      if (after !== null && after !== before) {
        states.set(caseId, after);
        changed.add(caseId);
      }
    }
    const written = await insertNotifications(tx, notifications);
    if (programme && programmeChanged) await saveProgrammeStatuses(tx, programme.statuses);
    await saveStates(
      tx,
      [...changed].map((id) => states.get(id)!),
    );
    const deliveries = await this.outbox.add(tx, written);
    if (deliveries.length) {
      void Promise.all(deliveries.map((d) => this.scheduler.schedule(d))).catch((error: unknown) =>
        this.logger.warn(`Could not enqueue webhook deliveries: ${(error as Error).message}`),
      );
    }
  }

  /**
   * Empties the notifications and the rules' states before a rebuild from the log (`DELETE`, so readers keep the old
   * rows until the rebuild commits). What people read and what was delivered are kept: the rebuilt notifications
   * have the same ids, and a delivery is never made twice (`webhook-outbox.ts`).
   */
  async reset(tx: Sql): Promise<void> {
    await tx.query('DELETE FROM notifications');
    await tx.query('DELETE FROM notification_cases');
    await tx.query('DELETE FROM notification_programme_actions');
  }
}

async function loadStates(tx: Sql, caseIds: readonly string[]): Promise<Map<string, NotificationCase>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await tx.query<{ case_id: string; state: NotificationCase | string }>(
    'SELECT case_id, state FROM notification_cases WHERE case_id = ANY($1::uuid[])',
    [caseIds],
  );
  return new Map(
    rows.map((r) => [r.case_id, typeof r.state === 'string' ? (JSON.parse(r.state) as NotificationCase) : r.state]),
  );
}

async function loadProgrammeStatuses(tx: Sql): Promise<{ statuses: ProgrammeActionStatuses }> {
  const { rows } = await tx.query<{ action_id: string; status: string }>(
    'SELECT action_id, status FROM notification_programme_actions',
  );
  return { statuses: new Map(rows.map((r) => [r.action_id, r.status])) };
}

async function saveProgrammeStatuses(tx: Sql, statuses: ProgrammeActionStatuses): Promise<void> {
  await tx.query(
    `INSERT INTO notification_programme_actions (action_id, status)
     SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (action_id) DO UPDATE SET status = excluded.status`,
    [[...statuses.keys()], [...statuses.values()]],
  );
}

async function saveStates(tx: Sql, states: readonly NotificationCase[]): Promise<void> {
  if (states.length === 0) return;
  await tx.query(
    `INSERT INTO notification_cases (case_id, state)
     SELECT * FROM unnest($1::uuid[], $2::jsonb[])
     ON CONFLICT (case_id) DO UPDATE SET state = excluded.state`,
    [states.map((s) => s.caseId), states.map((s) => JSON.stringify(s))],
  );
}

/** Writes the notifications not yet written; answers those that were new. */
async function insertNotifications(tx: Sql, notifications: readonly NewNotification[]): Promise<NewNotification[]> {
  if (notifications.length === 0) return [];
  const columns = notifications.map((n) => recipientColumns(n.recipient));
  const { rows } = await tx.query<{ notification_id: string }>(
    `INSERT INTO notifications (notification_id, event_id, case_id, reference, kind, text, at,
                                recipient_username, recipient_organisation, recipient_role, recipient_district)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                          $8::text[], $9::text[], $10::text[], $11::text[])
     ON CONFLICT (notification_id) DO NOTHING
     RETURNING notification_id`,
    [
      notifications.map((n) => n.notificationId),
      notifications.map((n) => n.eventId),
      notifications.map((n) => n.caseId),
      notifications.map((n) => n.reference),
      notifications.map((n) => n.kind),
      notifications.map((n) => n.text),
      notifications.map((n) => n.at.toISOString()),
      columns.map((c) => c.username),
      columns.map((c) => c.organisation),
      columns.map((c) => c.role),
      columns.map((c) => c.district),
    ],
  );
  const inserted = new Set(rows.map((r) => r.notification_id));
  return notifications.filter((n) => inserted.has(n.notificationId));
}
