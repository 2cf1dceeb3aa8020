import type { Migration } from '@baken/event-store';

export const deadlineMigrations: readonly Migration[] = [
  {
    id: 'deadlines/001-deadlines',
    sql: `
      CREATE TABLE IF NOT EXISTS deadline_cases (
        case_id uuid PRIMARY KEY,
        state jsonb NOT NULL
      );
      CREATE TABLE IF NOT EXISTS deadlines (
        deadline_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        reference text NOT NULL,
        district text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('triage', 'proposal_decision', 'effect_follow_up')),
        ref text NOT NULL,
        started_on date NOT NULL,
        due_on date NOT NULL,
        coordinator text,
        lead_partner text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        ended_on date,
        missed_at timestamptz
      );
      CREATE INDEX IF NOT EXISTS deadlines_open_due ON deadlines (due_on, deadline_id) WHERE status = 'open';
      CREATE INDEX IF NOT EXISTS deadlines_case ON deadlines (case_id);
      CREATE TABLE IF NOT EXISTS job_queue_namespace (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        prefix text NOT NULL
      );
      INSERT INTO job_queue_namespace (prefix) VALUES ('baken-' || substr(md5(gen_random_uuid()::text), 1, 8)) ON CONFLICT DO NOTHING;`,
  },
  {
    id: 'deadlines/002-steering-deadlines',
    // The stuurploeg's revisit dates and the evaluations of approved proposals; a deferral replaces a decision deadline.
    sql: `
      ALTER TABLE deadlines DROP CONSTRAINT IF EXISTS deadlines_kind_check;
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('triage', 'proposal_decision', 'effect_follow_up', 'proposal_revisit', 'proposal_evaluation'));
      ALTER TABLE deadlines DROP CONSTRAINT IF EXISTS deadlines_status_check;
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_status_check CHECK (status IN ('open', 'done', 'cancelled', 'replaced'));`,
  },
  {
    id: 'deadlines/003-partner-work',
    // A forwarded case's feedback and the care table's action points; an action point may be owned by one person.
    sql: `
      ALTER TABLE deadlines DROP CONSTRAINT IF EXISTS deadlines_kind_check;
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('triage', 'proposal_decision', 'effect_follow_up', 'proposal_revisit', 'proposal_evaluation',
                        'forward_feedback', 'action_point'));
      ALTER TABLE deadlines ADD COLUMN IF NOT EXISTS owner_username text;
      CREATE INDEX IF NOT EXISTS deadlines_open_partner ON deadlines (lead_partner) WHERE status = 'open';`,
  },
];
