import type { Migration } from '@baken/event-store';

export const notificationMigrations: readonly Migration[] = [
  {
    id: 'notifications/001-notifications',
    // `notification_cases` and `notifications` are derived from the log by the `notifications` subscriber and rebuilt
    // from it; a notification's id is derived from its event and recipient, so what people read
    // (`notification_reads`) and what was sent (`webhook_deliveries`) survive a rebuild.
    sql: `
      CREATE TABLE IF NOT EXISTS notification_cases (
        case_id uuid PRIMARY KEY,
        state jsonb NOT NULL
      );
      CREATE TABLE IF NOT EXISTS notifications (
        notification_id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        case_id uuid NOT NULL,
        reference text NOT NULL,
        kind text NOT NULL,
        text text NOT NULL,
        at timestamptz NOT NULL,
        recipient_username text,
        recipient_organisation text,
        recipient_role text,
        recipient_district text,
        CHECK (recipient_username IS NOT NULL OR recipient_organisation IS NOT NULL OR recipient_role IS NOT NULL)
      );
      CREATE INDEX IF NOT EXISTS notifications_by_user ON notifications (recipient_username, at DESC)
        WHERE recipient_username IS NOT NULL;
      CREATE INDEX IF NOT EXISTS notifications_by_organisation ON notifications (recipient_organisation, at DESC)
        WHERE recipient_username IS NULL AND recipient_organisation IS NOT NULL;
      CREATE INDEX IF NOT EXISTS notifications_by_role ON notifications (recipient_role, recipient_district, at DESC)
        WHERE recipient_username IS NULL AND recipient_role IS NOT NULL;
      CREATE TABLE IF NOT EXISTS notification_reads (
        notification_id uuid NOT NULL,
        username text NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (username, notification_id)
      );
      CREATE TABLE IF NOT EXISTS notification_webhooks (
        organisation text PRIMARY KEY,
        url text NOT NULL,
        secret jsonb NOT NULL,
        deliver_since timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      );
      CREATE TABLE IF NOT EXISTS notification_webhook_changes (
        change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        username text NOT NULL,
        role text NOT NULL,
        organisation text NOT NULL,
        action text NOT NULL CHECK (action IN ('configured', 'removed', 'dead_letter_retried')),
        url text,
        delivery_id uuid
      );
      CREATE TABLE IF NOT EXISTS webhook_deliveries (
        delivery_id uuid PRIMARY KEY,
        organisation text NOT NULL,
        notification_id uuid NOT NULL,
        event_id uuid NOT NULL,
        kind text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
        round integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        leased_until timestamptz,
        created_at timestamptz NOT NULL,
        last_attempt_at timestamptz,
        last_status integer,
        last_error text,
        delivered_at timestamptz,
        dead_at timestamptz,
        UNIQUE (event_id, organisation)
      );
      CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries (created_at, delivery_id)
        WHERE status = 'pending';
      CREATE INDEX IF NOT EXISTS webhook_deliveries_by_organisation ON webhook_deliveries (organisation, status);`,
  },
  {
    id: 'notifications/002-programme',
    // Notifications about the programme monitor (ADR 64) name an action, not a case: `case_id` is empty for them and
    // `reference` holds the action's id. `notification_programme_actions` is the rules' memory of each action's latest
    // status (derived, emptied by a rebuild).
    sql: `
      ALTER TABLE notifications ALTER COLUMN case_id DROP NOT NULL;
      CREATE TABLE IF NOT EXISTS notification_programme_actions (
        action_id text PRIMARY KEY,
        status text NOT NULL
      );
      CREATE INDEX IF NOT EXISTS notifications_about_the_programme ON notifications (at DESC)
        WHERE case_id IS NULL;`,
  },
];
