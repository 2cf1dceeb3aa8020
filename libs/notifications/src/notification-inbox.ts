import { Inject, Injectable } from '@nestjs/common';
import { caseScopeOf, type Actor, type Role } from '@baken/access';
import { scopeCondition } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import { CLOCK, DATABASE, notFound, type Clock } from '@baken/platform';

export interface NotificationItem {
  id: string;
  at: string;
  kind: string;
  /** `null` for a notification about the programme monitor: `reference` is then the action's id. */
  caseId: string | null;
  reference: string;
  text: string;
  read: boolean;
}

export interface NotificationPage {
  items: NotificationItem[];
  /** Unread notifications of the reader, all pages together. */
  unread: number;
  /** Pass as `before` for the next (older) page; `null` on the last one. */
  nextBefore: string | null;
}

/**
 * The roles that are given work, and the programme lead (told about the programme's actions): everyone else
 * (analysts, administrators, auditors…) gets none.
 */
export const ROLES_WITH_NOTIFICATIONS: readonly Role[] = ['coordinator', 'steering_group', 'partner', 'programme_lead'];

/**
 * The SQL condition under which a notification (`n`) is the reader's, with its parameters appended by `p`:
 * 1. addressed to the reader: to them by name, or to their organisation, or to their role in one of their districts
 *    (and organisation, for the chair) — every column a recipient names must match;
 * 2. about a case the reader may see now, by the same rule and SQL as the case list (`caseScopeOf`,
 *    `scopeCondition`): someone who no longer has the case in scope (moved district, organisation no longer involved)
 *    does not see its notifications, not even its reference; or about no case at all (the programme monitor's
 *    actions, addressed to the programme leads by role).
 * `null` for roles that get no notifications.
 */
export function notificationsOf(actor: Actor, p: (value: unknown) => string): string | null {
  if (!ROLES_WITH_NOTIFICATIONS.includes(actor.role)) return null;
  const addressed = `(n.recipient_username = ${p(actor.username)}
    OR (n.recipient_username IS NULL
        AND (n.recipient_organisation IS NULL OR n.recipient_organisation = ${p(actor.organisation)})
        AND (n.recipient_role IS NULL OR n.recipient_role = ${p(actor.role)})
        AND (n.recipient_district IS NULL OR n.recipient_district = ANY(${p(actor.districts)}::text[]))))`;
  const inScope = `(n.case_id IS NULL OR EXISTS (SELECT 1 FROM case_list WHERE case_list.case_id = n.case_id AND ${scopeCondition(caseScopeOf(actor), p)}))`;
  return `${addressed} AND ${inScope}`;
}

const params = () => {
  const values: unknown[] = [];
  const p = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  return { values, p };
};

/** `GET /api/me/notifications` and marking them read; read state is per person. */
@Injectable()
export class NotificationInbox {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The reader's notifications, newest first, `limit` at a time, older than `before` (a notification id). */
  async list(actor: Actor, page: { limit: number; before?: string }): Promise<NotificationPage> {
    const { values, p } = params();
    const mine = notificationsOf(actor, p);
    if (mine === null) return { items: [], unread: 0, nextBefore: null };
    const me = p(actor.username);
    const cursor = page.before
      ? `AND (n.at, n.notification_id) < (SELECT at, notification_id FROM notifications WHERE notification_id = ${p(page.before)})`
      : '';
    const { rows } = await this.db.query<{
      notification_id: string;
      at: Date;
      kind: string;
      case_id: string | null;
      reference: string;
      text: string;
      read: boolean;
    }>(
      `SELECT n.notification_id::text AS notification_id, n.at, n.kind, n.case_id::text AS case_id, n.reference, n.text,
              EXISTS (SELECT 1 FROM notification_reads r WHERE r.username = ${me} AND r.notification_id = n.notification_id) AS read
       FROM notifications n
       WHERE ${mine} ${cursor}
       ORDER BY n.at DESC, n.notification_id DESC
       LIMIT ${p(page.limit + 1)}`,
      values,
    );
    const items = rows.slice(0, page.limit).map((r) => ({
      id: r.notification_id,
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      caseId: r.case_id,
      reference: r.reference,
      text: r.text,
      read: r.read,
    }));
    return {
      items,
      unread: await this.unread(actor),
      nextBefore: rows.length > page.limit ? items[items.length - 1].id : null,
    };
  }

  async unread(actor: Actor): Promise<number> {
    const { values, p } = params();
    const mine = notificationsOf(actor, p);
    if (mine === null) return 0;
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM notifications n
       WHERE ${mine}
         AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.username = ${p(actor.username)} AND r.notification_id = n.notification_id)`,
      values,
    );
    return Number(rows[0].n);
  }

  /** Marks one of the reader's notifications read (again: harmless); 404 for any other id. */
  async markRead(actor: Actor, notificationId: string): Promise<{ unread: number }> {
    const { values, p } = params();
    const mine = notificationsOf(actor, p);
    const id = p(notificationId);
    const { rows } = mine
      ? await this.db.query<{ found: boolean }>(
          `WITH mine AS (SELECT n.notification_id FROM notifications n WHERE n.notification_id = ${id} AND ${mine}),
                marked AS (
                  INSERT INTO notification_reads (notification_id, username, read_at)
                  SELECT notification_id, ${p(actor.username)}, ${p(this.clock.now())} FROM mine
                  ON CONFLICT DO NOTHING
                )
           SELECT EXISTS (SELECT 1 FROM mine) AS found`,
          values,
        )
      : { rows: [{ found: false }] };
    if (!rows[0].found) throw notFound('The notification');
    return { unread: await this.unread(actor) };
  }

  /** Marks every notification the reader has now read. */
  async markAllRead(actor: Actor): Promise<{ unread: number }> {
    const { values, p } = params();
    const mine = notificationsOf(actor, p);
    if (mine === null) return { unread: 0 };
    await this.db.query(
      `INSERT INTO notification_reads (notification_id, username, read_at)
       SELECT n.notification_id, ${p(actor.username)}, ${p(this.clock.now())} FROM notifications n WHERE ${mine}
       ON CONFLICT DO NOTHING`,
      values,
    );
    return { unread: await this.unread(actor) };
  }
}
