import { sessionMigrations } from '../care-table-sessions/sessions.migrations';
import { INTERVENTION_TYPE } from '@baken/labels';
import { INTERVENTION_LEVEL_BY_TYPE, type InterventionType } from '../domain/enumerations';
import { SEED_DISTRICTS, SEED_ORGANISATIONS, municipalitySlug } from '../reference-data/regions';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const caseMigrations = [
  {
    id: 'case-coordination/001-reference-data',
    sql: `
      CREATE TABLE IF NOT EXISTS ref_districts (id text PRIMARY KEY, name text NOT NULL);
      CREATE TABLE IF NOT EXISTS ref_municipalities (
        id text PRIMARY KEY, name text NOT NULL, district_id text NOT NULL REFERENCES ref_districts(id));
      INSERT INTO ref_districts (id, name) VALUES
        ${SEED_DISTRICTS.map((d) => `(${q(d.id)}, ${q(d.name)})`).join(',\n        ')}
      ON CONFLICT DO NOTHING;
      INSERT INTO ref_municipalities (id, name, district_id) VALUES
        ${SEED_DISTRICTS.flatMap((d) => d.municipalities.map((m) => `(${q(municipalitySlug(m))}, ${q(m)}, ${q(d.id)})`)).join(',\n        ')}
      ON CONFLICT DO NOTHING;`,
  },
  {
    id: 'case-coordination/002-case-read-models',
    sql: `
      CREATE TABLE IF NOT EXISTS case_reference_counters (year int PRIMARY KEY, last int NOT NULL);
      CREATE TABLE IF NOT EXISTS case_details (
        case_id uuid PRIMARY KEY,
        version int NOT NULL,
        state jsonb NOT NULL
      );
      CREATE TABLE IF NOT EXISTS case_list (
        case_id uuid PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        district text NOT NULL,
        municipality text NOT NULL,
        status text NOT NULL,
        forms text[] NOT NULL,
        urgency text,
        received_on date NOT NULL,
        coordinator text,
        registered_by text NOT NULL,
        involved_partners text[] NOT NULL DEFAULT '{}',
        overdue boolean NOT NULL DEFAULT false,
        version int NOT NULL
      );
      CREATE INDEX IF NOT EXISTS case_list_district_status ON case_list (district, status, received_on DESC);
      CREATE INDEX IF NOT EXISTS case_list_received ON case_list (received_on DESC, reference DESC);
      CREATE INDEX IF NOT EXISTS case_list_involved ON case_list USING gin (involved_partners);
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        actor text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor, key)
      );`,
  },
  {
    id: 'case-coordination/003-case-reference-sequence',
    // A sequence instead of a counter row: registrations no longer queue behind one row lock.
    sql: `
      CREATE SEQUENCE IF NOT EXISTS case_reference_seq;
      SELECT setval('case_reference_seq', greatest((SELECT coalesce(max(last), 0) FROM case_reference_counters), 1), (SELECT count(*) > 0 FROM case_reference_counters));`,
  },
  {
    id: 'case-coordination/004-case-state-version',
    // Rows written before the state carried its version are of version 1; they are folded again from the log on load.
    sql: 'ALTER TABLE case_details ADD COLUMN IF NOT EXISTS state_version int NOT NULL DEFAULT 1;',
  },
  {
    id: 'case-coordination/005-organisations',
    // Organisations besides the municipalities, whose organisations follow ref_municipalities (`municipality:<id>`).
    // The case list marks the cases the stuurploeg may see: a proposal was submitted to it.
    sql: `
      CREATE TABLE IF NOT EXISTS ref_organisations (id text PRIMARY KEY, kind text NOT NULL, name text NOT NULL);
      INSERT INTO ref_organisations (id, kind, name) VALUES
        ${SEED_ORGANISATIONS.map((o) => `(${q(o.id)}, ${q(o.kind)}, ${q(o.name)})`).join(',\n        ')}
      ON CONFLICT DO NOTHING;
      ALTER TABLE case_list ADD COLUMN IF NOT EXISTS for_steering_group boolean NOT NULL DEFAULT false;
      UPDATE case_list l SET for_steering_group = true FROM case_details d
       WHERE d.case_id = l.case_id AND jsonb_path_exists(d.state, '$.proposals[*] ? (@.submittedOn != null)');`,
  },
  {
    id: 'case-coordination/006-involved-organisations',
    // A partner's cases are those its organisation leads or takes part in an intervention of, or was forwarded; a
    // seat at the care table no longer counts. The list's column is computed again from the snapshots.
    sql: `
      UPDATE case_list l SET involved_partners = coalesce((
        SELECT array_agg(DISTINCT o ORDER BY o) FROM (
          SELECT i->>'leadOrganisation' AS o FROM jsonb_array_elements(d.state->'interventions') i
          UNION SELECT jsonb_array_elements_text(i->'participants') FROM jsonb_array_elements(d.state->'interventions') i
          UNION SELECT d.state->'triage'->>'forwardedTo'
        ) x WHERE o IS NOT NULL), '{}')
      FROM case_details d WHERE d.case_id = l.case_id;`,
  },
  {
    id: 'case-coordination/007-idempotency-fingerprints-expire',
    // Idempotency records kept an unsalted SHA-256 of each request: with a copy of the table a guessed body (a name)
    // could be confirmed, even after the subject was erased. They now keep an HMAC under a key derived from the master
    // key, and expire (BAKEN_IDEMPOTENCY_TTL_HOURS). An old hash cannot be turned into an HMAC, so the existing records
    // are deleted: a client repeating a request sent before the upgrade has it processed as a new one.
    sql: `
      DELETE FROM idempotency_keys;
      ALTER TABLE idempotency_keys RENAME COLUMN request_hash TO request_hmac;
      ALTER TABLE idempotency_keys ADD COLUMN expires_at timestamptz NOT NULL;
      CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at);`,
  },
  {
    id: 'case-coordination/008-links-and-name-index',
    // Links between cases, read from both sides; and the keyed blind index of subjects' names (no name in it).
    sql: `
      CREATE TABLE IF NOT EXISTS case_links (
        case_id uuid NOT NULL,
        linked_case_id uuid NOT NULL,
        reason text NOT NULL,
        linked_by text NOT NULL,
        PRIMARY KEY (case_id, linked_case_id)
      );
      CREATE INDEX IF NOT EXISTS case_links_linked ON case_links (linked_case_id);
      CREATE TABLE IF NOT EXISTS subject_name_index (
        token bytea NOT NULL,
        subject_id uuid NOT NULL,
        case_id uuid NOT NULL,
        PRIMARY KEY (token, subject_id)
      );
      CREATE INDEX IF NOT EXISTS subject_name_index_subject ON subject_name_index (subject_id);
      CREATE INDEX IF NOT EXISTS subject_name_index_case ON subject_name_index (case_id);`,
  },
  // The Zorgtafel's sessions: kept with the case migrations, which every process that serves cases runs.
  ...sessionMigrations,
  {
    id: 'case-coordination/009-reference-data-as-events',
    // The reference data an administrator changes through events (ADR 62): these tables are their projection. Seeded
    // rows keep no author; their history starts here. The intervention catalogue starts as the code's enumeration.
    sql: `
      ALTER TABLE ref_organisations ADD COLUMN IF NOT EXISTS identity_claim text;
      ALTER TABLE ref_organisations ADD COLUMN IF NOT EXISTS active boolean NOT NULL DEFAULT true;
      ALTER TABLE ref_organisations ADD COLUMN IF NOT EXISTS changed_by text;
      ALTER TABLE ref_organisations ADD COLUMN IF NOT EXISTS changed_at timestamptz;
      ALTER TABLE ref_municipalities ADD COLUMN IF NOT EXISTS valid_from date;
      ALTER TABLE ref_municipalities ADD COLUMN IF NOT EXISTS valid_until date;
      ALTER TABLE ref_municipalities ADD COLUMN IF NOT EXISTS changed_by text;
      ALTER TABLE ref_municipalities ADD COLUMN IF NOT EXISTS changed_at timestamptz;
      CREATE TABLE IF NOT EXISTS ref_deadline_periods (
        global_position bigint PRIMARY KEY,
        effective_from timestamptz NOT NULL,
        periods jsonb NOT NULL,
        changed_by text NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ref_intervention_types (
        type text PRIMARY KEY,
        level text NOT NULL,
        label text NOT NULL,
        retired boolean NOT NULL DEFAULT false,
        changed_by text,
        changed_at timestamptz
      );
      INSERT INTO ref_intervention_types (type, level, label) VALUES
        ${Object.entries(INTERVENTION_LEVEL_BY_TYPE)
          .map(([type, level]) => `(${q(type)}, ${q(level)}, ${q(INTERVENTION_TYPE[type as InterventionType])})`)
          .join(',\n        ')}
      ON CONFLICT DO NOTHING;`,
  },
];
