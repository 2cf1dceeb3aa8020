import type { Migration } from '@baken/event-store';

/**
 * The reporting read model (filled by the `reporting-facts` projection) and the quarterly targets (data, seeded with
 * the two targets of the action programme). The indexes serve the report queries: each one reads the facts of one
 * kind, district and period, so its cost follows the facts in the period and not the length of the log
 * (see docs/adr/0020-reporting-from-one-fact-projection.md).
 */
export const reportingMigrations: readonly Migration[] = [
  {
    id: 'reporting/001-report-facts',
    sql: `
      CREATE TABLE reporting_cases (
        case_id      text PRIMARY KEY,
        district     text NOT NULL,
        municipality text NOT NULL,
        forms        text[] NOT NULL,
        received_on  date NOT NULL,
        recorded_at  timestamptz NOT NULL
      );
      CREATE INDEX reporting_cases_district_received ON reporting_cases (district, received_on);

      CREATE TABLE reporting_interventions (
        intervention_id   text PRIMARY KEY,
        case_id           text NOT NULL,
        intervention_type text NOT NULL,
        level             text NOT NULL,
        recorded_at       timestamptz NOT NULL
      );

      CREATE TABLE reporting_facts (
        event_id           uuid PRIMARY KEY,
        case_id            text NOT NULL,
        stream_version     integer NOT NULL,
        kind               text NOT NULL,
        occurred_on        date NOT NULL,
        recorded_at        timestamptz NOT NULL,
        district           text NOT NULL,
        forms              text[] NOT NULL,
        outcome            text,
        ref                text,
        intervention_type  text,
        intervention_level text
      );
      CREATE INDEX reporting_facts_kind_district_date ON reporting_facts (kind, district, occurred_on);
      CREATE INDEX reporting_facts_case_kind ON reporting_facts (case_id, kind, stream_version);
      CREATE INDEX reporting_facts_ref_kind ON reporting_facts (ref, kind, stream_version) WHERE ref IS NOT NULL;`,
  },
  {
    id: 'reporting/002-quarterly-targets',
    sql: `
      CREATE TABLE reporting_targets (
        id                  text PRIMARY KEY,
        position            bigint GENERATED ALWAYS AS IDENTITY,
        title               text NOT NULL,
        event_kind          text NOT NULL,
        forms               text[],
        intervention_types  text[],
        intervention_levels text[],
        minimum             integer NOT NULL CHECK (minimum >= 1),
        created_by          text NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO reporting_targets (id, title, event_kind, forms, intervention_types, intervention_levels, minimum, created_by) VALUES
        ('proposals-sexual-criminal', 'Voorstellen aan de stuurploeg bij seksuele of criminele uitbuiting', 'proposal_submitted',
         ARRAY['sexual', 'criminal'], NULL, NULL, 1, 'actieprogramma'),
        ('labour-inspections', 'Uitgevoerde arbeidsinspecties bij arbeidsuitbuiting', 'intervention_executed',
         ARRAY['labour'], ARRAY['labour_inspection'], NULL, 4, 'actieprogramma')
      ON CONFLICT (id) DO NOTHING;`,
  },
  {
    id: 'reporting/003-case-spells',
    sql: `
      CREATE TABLE reporting_case_spells (
        opened_event_id    uuid PRIMARY KEY,
        case_id            text NOT NULL,
        district           text NOT NULL,
        opened_version     integer NOT NULL,
        opened_on          date NOT NULL,
        opened_recorded_at timestamptz NOT NULL,
        received_on        date NOT NULL,
        closed_event_id    uuid,
        closed_on          date CHECK (closed_on >= opened_on),
        closed_recorded_at timestamptz
      );
      CREATE INDEX reporting_case_spells_case ON reporting_case_spells (case_id, opened_version);
      CREATE INDEX reporting_case_spells_open ON reporting_case_spells USING gist (daterange(opened_on, closed_on, '[)'));
      CREATE INDEX reporting_case_spells_closure_recorded ON reporting_case_spells (closed_recorded_at) WHERE closed_recorded_at IS NOT NULL;`,
  },
  {
    // The targets table holds a handful of rows, far too few for autovacuum ever to analyse it; never analysed, the
    // planner takes it for hundreds of rows (its size in pages, at least ten), and over a long log that made the
    // quarterly-targets report pay for just-in-time compilation on every call. Its statistics, taken once, stay right:
    // the planner scales them by the table's actual size.
    id: 'reporting/004-analyse-targets',
    sql: `ANALYZE reporting_targets;`,
  },
  {
    // Classification as known at a moment, interventions with their lead, participants and end, and the signal's
    // source (issue 16). Every table of the projection changes shape and the new rows come from the whole log, so the
    // projection starts again from the beginning: its rows and its checkpoint are removed, and the subscriber
    // re-projects the log (reports lag meanwhile, as `GET /api/projections` shows).
    id: 'reporting/005-classification-history-and-interventions',
    sql: `
      DELETE FROM reporting_facts;
      DELETE FROM reporting_case_spells;
      DELETE FROM reporting_interventions;
      DELETE FROM reporting_cases;
      DELETE FROM es_checkpoints WHERE subscriber_id = 'reporting-facts';

      ALTER TABLE reporting_cases DROP COLUMN forms, ADD COLUMN source text NOT NULL;
      ALTER TABLE reporting_facts DROP COLUMN forms;

      CREATE TABLE reporting_case_classifications (
        event_id        uuid PRIMARY KEY,
        case_id         text NOT NULL,
        stream_version  integer NOT NULL,
        recorded_at     timestamptz NOT NULL,
        decided_on      date NOT NULL,
        forms           text[] NOT NULL,
        vulnerabilities text[] NOT NULL,
        sector          text
      );
      CREATE INDEX reporting_case_classifications_case ON reporting_case_classifications (case_id, stream_version);

      ALTER TABLE reporting_interventions
        ADD COLUMN district          text NOT NULL,
        ADD COLUMN lead_organisation text NOT NULL,
        ADD COLUMN participants      text[] NOT NULL,
        ADD COLUMN planned_on        date NOT NULL,
        ADD COLUMN ended_event_id    uuid,
        ADD COLUMN ended_as          text CHECK (ended_as IN ('executed', 'cancelled')),
        ADD COLUMN ended_on          date,
        ADD COLUMN ended_recorded_at timestamptz,
        ADD CONSTRAINT reporting_interventions_end_after_plan CHECK (ended_on >= planned_on);
      CREATE INDEX reporting_interventions_case ON reporting_interventions (case_id);
      CREATE INDEX reporting_interventions_open ON reporting_interventions USING gist (daterange(planned_on, ended_on, '[)'));
      CREATE INDEX reporting_interventions_end_recorded ON reporting_interventions (ended_recorded_at) WHERE ended_recorded_at IS NOT NULL;

      ALTER TABLE reporting_targets
        ADD COLUMN period          text NOT NULL DEFAULT 'quarter' CHECK (period IN ('quarter', 'year')),
        ADD COLUMN vulnerabilities text[],
        ADD COLUMN organisations   text[],
        ADD COLUMN valid_from      date,
        ADD COLUMN valid_until     date CHECK (valid_until >= valid_from);
      UPDATE reporting_targets SET valid_from = '2022-01-01' WHERE created_by = 'actieprogramma';
      ANALYZE reporting_targets;`,
  },
  {
    // A plan of a closed case is no longer open work: closing a case ends its interventions that were neither executed
    // nor cancelled. Re-projected from the start, as in 005.
    id: 'reporting/006-interventions-end-with-their-case',
    sql: `
      DELETE FROM reporting_facts;
      DELETE FROM reporting_case_spells;
      DELETE FROM reporting_case_classifications;
      DELETE FROM reporting_interventions;
      DELETE FROM reporting_cases;
      DELETE FROM es_checkpoints WHERE subscriber_id = 'reporting-facts';
      ALTER TABLE reporting_interventions DROP CONSTRAINT reporting_interventions_ended_as_check;
      ALTER TABLE reporting_interventions
        ADD CONSTRAINT reporting_interventions_ended_as_check CHECK (ended_as IN ('executed', 'cancelled', 'case_closed'));`,
  },
  {
    // Targets become events (ADR 61): every version of a target is kept, and `reporting_targets` is the current one.
    // The versions before the log knew of targets are written here: the action programme's two as version 1 recorded
    // at the epoch (they held from the start), any other as recorded when it was added; and the labour norm conditioned
    // on the labour inspectorate taking part, as a new version recorded now, so a report read as known before this
    // migration keeps the old norm.
    id: 'reporting/007-targets-as-events',
    sql: `
      CREATE TABLE reporting_target_versions (
        target_id           text NOT NULL,
        version             integer NOT NULL CHECK (version >= 1),
        kind                text NOT NULL CHECK (kind IN ('defined', 'changed', 'retired')),
        title               text NOT NULL,
        event_kind          text NOT NULL,
        period              text NOT NULL CHECK (period IN ('quarter', 'year')),
        forms               text[],
        vulnerabilities     text[],
        intervention_types  text[],
        intervention_levels text[],
        organisations       text[],
        minimum             integer NOT NULL CHECK (minimum >= 1),
        valid_from          date,
        valid_until         date CHECK (valid_until >= valid_from),
        retired_on          date,
        recorded_at         timestamptz NOT NULL,
        recorded_by         text NOT NULL,
        reason              text,
        event_id            uuid UNIQUE,
        stream_version      integer,
        PRIMARY KEY (target_id, version)
      );

      UPDATE reporting_targets SET created_at = 'epoch' WHERE created_by = 'actieprogramma';
      INSERT INTO reporting_target_versions (target_id, version, kind, title, event_kind, period, forms, vulnerabilities,
        intervention_types, intervention_levels, organisations, minimum, valid_from, valid_until, recorded_at, recorded_by)
      SELECT id, 1, 'defined', title, event_kind, period, forms, vulnerabilities, intervention_types, intervention_levels,
        organisations, minimum, valid_from, valid_until, created_at, created_by
      FROM reporting_targets;
      INSERT INTO reporting_target_versions (target_id, version, kind, title, event_kind, period, forms, vulnerabilities,
        intervention_types, intervention_levels, organisations, minimum, valid_from, valid_until, recorded_at, recorded_by,
        reason)
      SELECT id, 2, 'changed', title, event_kind, period, forms, vulnerabilities, intervention_types, intervention_levels,
        ARRAY['labour_inspectorate'], minimum, valid_from, valid_until, now(), created_by,
        'Alleen arbeidsinspecties waaraan de Nederlandse Arbeidsinspectie deelneemt tellen mee.'
      FROM reporting_targets
      WHERE id = 'labour-inspections' AND created_by = 'actieprogramma' AND organisations IS NULL;

      ALTER TABLE reporting_targets
        ADD COLUMN version    integer,
        ADD COLUMN retired_on date,
        ADD COLUMN changed_by text,
        ADD COLUMN changed_at timestamptz;
      UPDATE reporting_targets t
         SET version = v.version, organisations = v.organisations, changed_by = v.recorded_by, changed_at = v.recorded_at
        FROM (SELECT DISTINCT ON (target_id) * FROM reporting_target_versions ORDER BY target_id, version DESC) v
       WHERE v.target_id = t.id;
      ALTER TABLE reporting_targets
        ALTER COLUMN version SET NOT NULL,
        ALTER COLUMN changed_by SET NOT NULL,
        ALTER COLUMN changed_at SET NOT NULL;
      ANALYZE reporting_targets;
      ANALYZE reporting_target_versions;`,
  },
];
