import { businessDateOf } from '@baken/platform';
import { queryDatabase } from '../../../e2e/support/database';

const DAY_MS = 24 * 3600 * 1000;

/** The business date `days` days before now (Europe/Amsterdam). */
export const daysAgo = (days: number, now = new Date()): string =>
  businessDateOf(new Date(now.getTime() - days * DAY_MS));

export interface MissedEvent {
  kind: string;
  dueOn: string;
  ref: string;
  actor: string;
}

/** The `DeadlineMissed` events in a case's stream, straight from the log. */
export async function missedDeadlines(databaseUrl: string, caseId: string): Promise<MissedEvent[]> {
  const rows = await queryDatabase<{ data: { kind: string; dueOn: string; ref: string }; actor: string }>(
    databaseUrl,
    `SELECT data, metadata->'actor'->>'username' AS actor FROM es_events
     WHERE stream_id = $1 AND event_type = 'DeadlineMissed' ORDER BY stream_version`,
    [`case-${caseId}`],
  );
  return rows.map((r) => ({ ...r.data, actor: r.actor }));
}

/** `DeadlineMissed` events per case, for every case in the log. */
export async function missedPerCase(databaseUrl: string): Promise<Map<string, number>> {
  const rows = await queryDatabase<{ stream_id: string; missed: string }>(
    databaseUrl,
    `SELECT s.stream_id, count(e.*)::text AS missed FROM es_streams s
     LEFT JOIN es_events e ON e.stream_id = s.stream_id AND e.event_type = 'DeadlineMissed'
     WHERE s.stream_id LIKE 'case-%' GROUP BY s.stream_id`,
  );
  return new Map(rows.map((r) => [r.stream_id.slice('case-'.length), Number(r.missed)]));
}

export interface DeadlineRow {
  deadline_id: string;
  kind: string;
  due_on: string;
  status: string;
  missed_at: Date | null;
}

export async function deadlinesOf(databaseUrl: string, caseId: string): Promise<DeadlineRow[]> {
  return queryDatabase<DeadlineRow & Record<string, unknown>>(
    databaseUrl,
    'SELECT deadline_id, kind, due_on::text AS due_on, status, missed_at FROM deadlines WHERE case_id = $1 ORDER BY due_on',
    [caseId],
  );
}
