import type { Migration } from '@baken/event-store';

export const sessionMigrations: readonly Migration[] = [
  {
    id: 'care-table-sessions/001-sessions',
    // The sessions as planned (written with their event) and the cases discussed in each (written with the case's
    // meeting event): the list of sessions reads these instead of every case on every agenda.
    sql: `
      CREATE TABLE IF NOT EXISTS care_table_sessions (
        session_id uuid PRIMARY KEY,
        district text NOT NULL,
        planned_on date NOT NULL,
        invitees text[] NOT NULL,
        case_ids uuid[] NOT NULL,
        planned_by text NOT NULL
      );
      CREATE INDEX IF NOT EXISTS care_table_sessions_district ON care_table_sessions (district, planned_on);
      CREATE TABLE IF NOT EXISTS care_table_session_outcomes (
        session_id uuid NOT NULL,
        case_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        held_on date NOT NULL,
        PRIMARY KEY (session_id, case_id, meeting_id)
      );`,
  },
];
