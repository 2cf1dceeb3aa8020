import { randomUUID } from 'node:crypto';
import { accessMigrations } from '@baken/access';
import { PostgresEventStore, type StoredEvent } from '@baken/event-store';
import { INTERVENTION_TYPE, lowerFirst } from '@baken/labels';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '@baken/event-store/testing';
import { FixedClock, type AppConfig } from '@baken/platform';
import { rebuildProjection } from '@baken/reporting';
import type { NotifiableEvent } from './domain/notification-events';
import { createNotificationRules } from './domain/notification-rules';
import { notificationMigrations } from './notifications.migrations';
import { NotificationsSubscriber } from './notifications.subscriber';
import {
  ACTION_POINT_ID,
  actionPointAdded,
  CASE_ID,
  coordinatorAssigned,
  deadlineMissed,
  interventionPlanned,
  PROPOSAL_ID,
  proposalSubmitted,
  signalRegistered,
  signalTriaged,
} from './testing/notification.fixtures';
import type { DeliveryJob } from './webhooks/webhook-outbox';
import { WebhookOutbox } from './webhooks/webhook-outbox';
import type { WebhookScheduler } from './webhooks/webhook-scheduler';

const OTHER_CASE = '9b1d3f0a-5c2e-4d7f-8a6b-1e2f3a4b5c6d';
const RECORDED_AT = new Date('2026-12-05T08:00:00.000Z');
const INSPECTION = lowerFirst(INTERVENTION_TYPE.labour_inspection);

/** Records what would be enqueued; the queue itself is tested on Redis in test/integration/notifications. */
class RecordingScheduler {
  readonly scheduled: DeliveryJob[] = [];
  async schedule(job: DeliveryJob): Promise<boolean> {
    this.scheduled.push(job);
    return true;
  }
}

describe.each(['postgres', 'pglite'] as const)('the notifications subscriber on %s', (kind) => {
  let database: MigratedTestDatabase;
  let store: PostgresEventStore;
  let scheduler: RecordingScheduler;
  let subscriber: NotificationsSubscriber;

  beforeAll(async () => {
    database = await openMigratedTestDatabase({ kind, migrations: [...accessMigrations, ...notificationMigrations] });
    store = new PostgresEventStore(database.db, { clock: () => RECORDED_AT });
    scheduler = new RecordingScheduler();
    const config = { demoMode: true } as AppConfig;
    subscriber = new NotificationsSubscriber(
      createNotificationRules({ chairOrganisation: 'riec' }),
      new WebhookOutbox(config, new FixedClock(RECORDED_AT)),
      scheduler as unknown as WebhookScheduler,
    );
    // The labour inspectorate has a webhook since before the events; the care coordination one since after them.
    await database.db.query(
      `INSERT INTO notification_webhooks (organisation, url, secret, deliver_since, updated_at, updated_by)
       VALUES ('labour_inspectorate', 'https://nla.example/hook', '{}', $1, $1, 'admin'),
              ('care_coordinator', 'https://zc.example/hook', '{}', $2, $2, 'admin')`,
      [new Date('2026-12-01T00:00:00Z'), new Date('2026-12-06T00:00:00Z')],
    );
  }, 60_000);

  afterAll(async () => {
    await database?.dispose();
  });

  const append = (caseId: string, events: { event: NotifiableEvent; actor: string }[]) =>
    store.appendToStream(
      `case-${caseId}`,
      events.map(({ event, actor }) => ({
        eventId: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { actor: { username: actor, role: 'coordinator' } },
      })),
      { expectedVersion: 'any' },
    );
  const by = (actor: string) => (event: NotifiableEvent) => ({ event, actor });
  const coordinator = by('coordinator.de-baronie');
  const system = by('system');

  const notifications = async () =>
    (
      await database.db.query<Record<string, unknown>>(
        `SELECT notification_id::text, event_id::text, case_id::text, reference, kind, text, at,
                recipient_username, recipient_organisation, recipient_role, recipient_district
         FROM notifications ORDER BY notification_id`,
      )
    ).rows;
  const deliveries = async () =>
    (
      await database.db.query<Record<string, unknown>>(
        `SELECT delivery_id::text, organisation, notification_id::text, kind, body, status FROM webhook_deliveries ORDER BY delivery_id`,
      )
    ).rows;
  const states = async () =>
    (await database.db.query<Record<string, unknown>>('SELECT case_id, state FROM notification_cases ORDER BY case_id'))
      .rows;
  /** The subscriber's events of the log; waits while another transaction on the server holds the newest ones back. */
  const readAllEventually = async (count: number) => {
    const until = Date.now() + 30_000;
    for (;;) {
      const events = await store.readAll({ eventTypes: subscriber.eventTypes });
      if (events.length >= count || Date.now() > until) return events;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const handleInBatches = async (events: StoredEvent[], size: number) => {
    for (let i = 0; i < events.length; i += size)
      await database.db.transaction((tx) => subscriber.handle(tx, events.slice(i, i + size)));
  };

  it('writes one notification per event and recipient, in Dutch, and a delivery for each organisation with a webhook', async () => {
    await append(CASE_ID, [
      coordinator(signalRegistered()),
      by('coordinator.zeeland')(coordinatorAssigned()),
      coordinator(signalTriaged({ decision: 'forward', forwardedTo: 'labour_inspectorate' })),
      coordinator(proposalSubmitted()),
      coordinator(interventionPlanned({ leadOrganisation: 'labour_inspectorate', participants: ['police_avim'] })),
      coordinator(actionPointAdded({ owner: 'partner.opvang', ownerKind: 'user', ownerOrganisation: null })),
      system(deadlineMissed({ kind: 'proposal_decision', ref: PROPOSAL_ID, dueOn: '2026-12-02' })),
      system(deadlineMissed({ kind: 'action_point', ref: ACTION_POINT_ID, dueOn: '2026-12-04' })),
    ]);
    await append(OTHER_CASE, [coordinator(signalRegistered({ reference: 'ZWB-2026-00013', district: 'zeeland' }))]);
    await append(OTHER_CASE, [system(deadlineMissed({ ref: OTHER_CASE }))]);
    const events = await readAllEventually(10);
    expect(events).toHaveLength(10);
    await handleInBatches(events, 3);

    const rows = await notifications();
    const summary = rows
      .map((r) => [r.kind, r.recipient_username ?? r.recipient_organisation ?? r.recipient_role, r.text])
      .sort((a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[1]).localeCompare(String(b[1])));
    expect(summary).toEqual(
      [
        [
          'action_point_added',
          'partner.opvang',
          'Actiepunt voor u bij casus ZWB-2026-00012, uiterlijk 15 december 2026',
        ],
        ['coordinator_assigned', 'coordinator.de-baronie', 'Casus ZWB-2026-00012 is aan u toegewezen'],
        ['case_forwarded', 'labour_inspectorate', 'Casus ZWB-2026-00012 is naar uw organisatie doorverwezen'],
        [
          'intervention_planned',
          'labour_inspectorate',
          `Interventie onder leiding van uw organisatie bij casus ZWB-2026-00012: ${INSPECTION}, gepland op 10 december 2026`,
        ],
        [
          'deadline_missed',
          'coordinator.de-baronie',
          'Termijn verstreken: actiepunt van casus ZWB-2026-00012 (uiterlijk 4 december 2026)',
        ],
        [
          'deadline_missed',
          'partner.opvang',
          'Termijn verstreken: actiepunt van casus ZWB-2026-00012 (uiterlijk 4 december 2026)',
        ],
        [
          'deadline_missed',
          'coordinator.de-baronie',
          'Termijn verstreken: besluit van de stuurploeg over het voorstel van casus ZWB-2026-00012 (uiterlijk 2 december 2026)',
        ],
        [
          'deadline_missed',
          'riec',
          'Termijn verstreken: besluit van de stuurploeg over het voorstel van casus ZWB-2026-00012 (uiterlijk 2 december 2026)',
        ],
        [
          'deadline_missed',
          'coordinator',
          'Termijn verstreken: triage van casus ZWB-2026-00013 (uiterlijk 4 december 2026)',
        ],
        [
          'intervention_planned',
          'police_avim',
          `Uw organisatie neemt deel aan een interventie bij casus ZWB-2026-00012: ${INSPECTION}, gepland op 10 december 2026`,
        ],
        [
          'proposal_submitted',
          'steering_group',
          'Voorstel bij casus ZWB-2026-00012 ter besluitvorming voorgelegd aan de stuurploeg (ingediend 2 november 2026)',
        ],
      ].sort((a, b) => a[2].localeCompare(b[2]) || a[1].localeCompare(b[1])),
    );
    expect(rows.find((r) => r.recipient_role === 'steering_group' && r.kind === 'deadline_missed')).toEqual(
      expect.objectContaining({ recipient_district: 'de-baronie', recipient_organisation: 'riec' }),
    );
    expect(rows.find((r) => r.reference === 'ZWB-2026-00013')).toEqual(
      expect.objectContaining({
        recipient_role: 'coordinator',
        recipient_district: 'zeeland',
        recipient_organisation: null,
      }),
    );

    // Deliveries: to the labour inspectorate (forwarded, intervention); the care coordination's webhook came later,
    // and the shelter has none (the action point's owner acts for it in the demo).
    const sent = await deliveries();
    expect(sent.map((d) => [d.organisation, d.kind, d.status])).toEqual(
      expect.arrayContaining([
        ['labour_inspectorate', 'case_forwarded', 'pending'],
        ['labour_inspectorate', 'intervention_planned', 'pending'],
      ]),
    );
    expect(sent).toHaveLength(2);
    const forwarded = sent.find((d) => d.kind === 'case_forwarded')!;
    const notification = rows.find((r) => r.notification_id === forwarded.notification_id)!;
    expect(JSON.parse(forwarded.body as string)).toEqual({
      id: notification.notification_id,
      kind: 'case_forwarded',
      at: RECORDED_AT.toISOString(),
      caseId: CASE_ID,
      reference: 'ZWB-2026-00012',
      text: 'Casus ZWB-2026-00012 is naar uw organisatie doorverwezen',
    });
    expect(scheduler.scheduled.map((j) => j.deliveryId).sort()).toEqual(sent.map((d) => d.delivery_id).sort());
  }, 60_000);

  it('writes nothing twice when a batch is handled again', async () => {
    const before = { notifications: await notifications(), deliveries: await deliveries() };
    const scheduled = scheduler.scheduled.length;
    const events = await readAllEventually(10);
    await handleInBatches(events.slice(4), 2);
    expect({ notifications: await notifications(), deliveries: await deliveries() }).toEqual(before);
    expect(scheduler.scheduled).toHaveLength(scheduled);
  }, 60_000);

  it('rebuilds to exactly the rows the live subscriber wrote, keeps what was read, and sends nothing again', async () => {
    const [first] = await notifications();
    await database.db.query(
      `INSERT INTO notification_reads (notification_id, username, read_at) VALUES ($1, 'coordinator.de-baronie', now())`,
      [first.notification_id],
    );
    const live = { notifications: await notifications(), states: await states(), deliveries: await deliveries() };
    const scheduled = scheduler.scheduled.length;

    const result = await rebuildProjection(database.db, store, subscriber);
    expect(result.events).toBe(10);
    expect({ notifications: await notifications(), states: await states(), deliveries: await deliveries() }).toEqual(
      live,
    );
    const { rows: reads } = await database.db.query<{ notification_id: string }>(
      'SELECT notification_id::text FROM notification_reads r WHERE EXISTS (SELECT 1 FROM notifications n WHERE n.notification_id = r.notification_id)',
    );
    expect(reads).toEqual([{ notification_id: first.notification_id }]);
    expect(scheduler.scheduled).toHaveLength(scheduled);
  }, 60_000);
});
