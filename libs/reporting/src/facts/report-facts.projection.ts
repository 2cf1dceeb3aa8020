import { Injectable } from '@nestjs/common';
import type { Sql, StoredEvent } from '@baken/event-store';
import type { SubscriberDefinition } from '@baken/platform';
import type { ShadowRebuildable } from '../rebuild/projection-rebuild';
import {
  caseIdsOf,
  closedCaseIdsOf,
  interventionIdsOf,
  projectFacts,
  projectSpells,
  REPORTED_EVENT_TYPES,
  type CaseRow,
  type InterventionRow,
  type ReportedEvent,
  type SpellRow,
} from './report-facts';

/** Subscriber id of the reporting projection: names its checkpoint and lock. Never change it once deployed. */
export const REPORT_FACTS_PROJECTION = 'reporting-facts';

const SPELL_RECORD = `r(opened_event_id uuid, case_id text, district text, opened_version int, opened_on date, opened_recorded_at timestamptz,
  received_on date, closed_event_id uuid, closed_on date, closed_recorded_at timestamptz)`;

/**
 * The tables this projection owns, in the order the reports take them (facts first): a rebuild locks them in this
 * order before it swaps them.
 */
export const REPORT_FACT_TABLES = [
  'reporting_facts',
  'reporting_case_spells',
  'reporting_cases',
  'reporting_case_classifications',
  'reporting_interventions',
] as const;

/**
 * The indexes only the reports read, and the facts' primary key (a rebuild writes each fact once): the projection itself
 * looks rows up by the other keys and `reporting_case_spells_case`. A rebuild builds these once at its end (see
 * `ShadowTables`).
 */
const REPORT_INDEXES = [
  'reporting_facts_pkey',
  'reporting_cases_district_received',
  'reporting_facts_kind_district_date',
  'reporting_facts_case_kind',
  'reporting_facts_ref_kind',
  'reporting_case_spells_open',
  'reporting_case_spells_closure_recorded',
  'reporting_interventions_open',
  'reporting_interventions_end_recorded',
];

/**
 * The asynchronous read model every report answers from: one row per case, one per intervention, one per countable
 * fact, and one per spell a case was open. Rows are keyed by case, intervention and event id, and a spell is closed only
 * once, so a batch delivered twice changes nothing. Fed by the checkpointed subscription: the rows and the checkpoint commit together.
 */
@Injectable()
export class ReportFactsProjection {
  definition(): SubscriberDefinition & ShadowRebuildable {
    return {
      name: REPORT_FACTS_PROJECTION,
      eventTypes: REPORTED_EVENT_TYPES,
      batchSize: 500,
      handle: (tx, events) => this.handle(tx, events),
      reset: (tx) => this.reset(tx),
      shadowRebuild: {
        tables: REPORT_FACT_TABLES,
        deferredIndexes: REPORT_INDEXES,
        handle: (tx, events) => this.handle(tx, events, { fresh: true }),
      },
    };
  }

  /**
   * Applies a batch. `fresh`: the tables were created empty for a rebuild that reads each event once, so no fact can be
   * there already, and the facts table has no primary key to check against until the rebuild's end.
   */
  async handle(
    tx: Sql,
    events: readonly (StoredEvent | ReportedEvent)[],
    options: { fresh?: boolean } = {},
  ): Promise<void> {
    if (events.length === 0) return;
    const caseIds = caseIdsOf(events);
    const latestSpells = await loadLatestSpells(tx, caseIds);
    const known = {
      cases: await loadCases(tx, caseIds),
      interventions: await loadInterventions(tx, interventionIdsOf(events)),
      closedCases: new Set([...latestSpells.values()].filter((s) => s.closedEventId !== null).map((s) => s.caseId)),
      knownVictimCases: await loadKnownVictimCases(tx, events, caseIds),
      unendedInterventions: await loadUnendedInterventions(tx, closedCaseIdsOf(events)),
    };
    const batch = projectFacts(events, known);
    if (batch.cases.length) {
      await tx.query(
        `INSERT INTO reporting_cases (case_id, district, municipality, source, received_on, recorded_at)
         SELECT case_id, district, municipality, source, received_on, recorded_at
         FROM jsonb_to_recordset($1::jsonb) AS r(case_id text, district text, municipality text, source text, received_on date, recorded_at timestamptz)
         ON CONFLICT (case_id) DO NOTHING`,
        [
          JSON.stringify(
            batch.cases.map((c) => ({
              case_id: c.caseId,
              district: c.district,
              municipality: c.municipality,
              source: c.source,
              received_on: c.receivedOn,
              recorded_at: c.recordedAt,
            })),
          ),
        ],
      );
    }
    if (batch.classifications.length) {
      await tx.query(
        `INSERT INTO reporting_case_classifications (event_id, case_id, stream_version, recorded_at, decided_on, forms, vulnerabilities, sector)
         SELECT event_id, case_id, stream_version, recorded_at, decided_on, forms, vulnerabilities, sector
         FROM jsonb_to_recordset($1::jsonb)
           AS r(event_id uuid, case_id text, stream_version int, recorded_at timestamptz, decided_on date, forms text[],
                vulnerabilities text[], sector text)
         ON CONFLICT (event_id) DO NOTHING`,
        [
          JSON.stringify(
            batch.classifications.map((c) => ({
              event_id: c.eventId,
              case_id: c.caseId,
              stream_version: c.streamVersion,
              recorded_at: c.recordedAt,
              decided_on: c.decidedOn,
              forms: c.forms,
              vulnerabilities: c.vulnerabilities,
              sector: c.sector,
            })),
          ),
        ],
      );
    }
    if (batch.interventions.length) {
      await tx.query(
        `INSERT INTO reporting_interventions (intervention_id, case_id, district, intervention_type, level, lead_organisation, participants,
                                              planned_on, recorded_at)
         SELECT intervention_id, case_id, district, intervention_type, level, lead_organisation, participants, planned_on, recorded_at
         FROM jsonb_to_recordset($1::jsonb)
           AS r(intervention_id text, case_id text, district text, intervention_type text, level text, lead_organisation text,
                participants text[], planned_on date, recorded_at timestamptz)
         ON CONFLICT (intervention_id) DO NOTHING`,
        [
          JSON.stringify(
            batch.interventions.map((i) => ({
              intervention_id: i.interventionId,
              case_id: i.caseId,
              district: i.district,
              intervention_type: i.interventionType,
              level: i.level,
              lead_organisation: i.leadOrganisation,
              participants: i.participants,
              planned_on: i.plannedOn,
              recorded_at: i.recordedAt,
            })),
          ),
        ],
      );
    }
    if (batch.interventionEnds.length) {
      // An intervention ends once; a redelivered batch finds it ended already.
      await tx.query(
        `UPDATE reporting_interventions i
         SET ended_event_id = r.event_id, ended_as = r.ended_as, ended_on = r.ended_on, ended_recorded_at = r.recorded_at
         FROM jsonb_to_recordset($1::jsonb) AS r(intervention_id text, event_id uuid, ended_as text, ended_on date, recorded_at timestamptz)
         WHERE i.intervention_id = r.intervention_id AND i.ended_event_id IS NULL`,
        [
          JSON.stringify(
            batch.interventionEnds.map((e) => ({
              intervention_id: e.interventionId,
              event_id: e.eventId,
              ended_as: e.endedAs,
              ended_on: e.endedOn,
              recorded_at: e.recordedAt,
            })),
          ),
        ],
      );
    }
    if (batch.facts.length) {
      // One array per column: PostgreSQL reads typed arrays two to three times faster than the same rows as JSON, and
      // facts are most of what the projection writes.
      const facts = batch.facts;
      await tx.query(
        `INSERT INTO reporting_facts (event_id, case_id, stream_version, kind, occurred_on, recorded_at, district, outcome, ref,
                                      intervention_type, intervention_level)
         SELECT event_id, case_id, stream_version, kind, occurred_on, recorded_at, district, outcome, ref, intervention_type, intervention_level
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::date[], $6::timestamptz[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[])
           AS r(event_id, case_id, stream_version, kind, occurred_on, recorded_at, district, outcome, ref, intervention_type, intervention_level)
         ${options.fresh ? '' : 'ON CONFLICT (event_id) DO NOTHING'}`,
        [
          facts.map((f) => f.eventId),
          facts.map((f) => f.caseId),
          facts.map((f) => f.streamVersion),
          facts.map((f) => f.kind),
          facts.map((f) => f.occurredOn),
          facts.map((f) => f.recordedAt),
          facts.map((f) => f.district),
          facts.map((f) => f.outcome),
          facts.map((f) => f.ref),
          facts.map((f) => f.interventionType),
          facts.map((f) => f.level),
        ],
      );
    }
    const spells = projectSpells(batch.facts, latestSpells);
    const spellJson = (rows: SpellRow[]) =>
      JSON.stringify(
        rows.map((r) => ({
          opened_event_id: r.openedEventId,
          case_id: r.caseId,
          district: r.district,
          opened_version: r.openedVersion,
          opened_on: r.openedOn,
          opened_recorded_at: r.openedRecordedAt,
          received_on: r.receivedOn,
          closed_event_id: r.closedEventId,
          closed_on: r.closedOn,
          closed_recorded_at: r.closedRecordedAt,
        })),
      );
    if (spells.opened.length) {
      await tx.query(
        `INSERT INTO reporting_case_spells (opened_event_id, case_id, district, opened_version, opened_on, opened_recorded_at, received_on,
                                            closed_event_id, closed_on, closed_recorded_at)
         SELECT opened_event_id, case_id, district, opened_version, opened_on, opened_recorded_at, received_on, closed_event_id, closed_on, closed_recorded_at
         FROM jsonb_to_recordset($1::jsonb) AS ${SPELL_RECORD}
         ON CONFLICT (opened_event_id) DO NOTHING`,
        [spellJson(spells.opened)],
      );
    }
    if (spells.closed.length) {
      await tx.query(
        `UPDATE reporting_case_spells s
         SET closed_event_id = r.closed_event_id, closed_on = r.closed_on, closed_recorded_at = r.closed_recorded_at
         FROM jsonb_to_recordset($1::jsonb) AS ${SPELL_RECORD}
         WHERE s.opened_event_id = r.opened_event_id AND s.closed_event_id IS NULL`,
        [spellJson(spells.closed)],
      );
    }
  }

  /**
   * Empties the tables before a rebuild. `DELETE`, not `TRUNCATE`: a rebuild runs in one transaction, and
   * `TRUNCATE` would lock out every report until it commits, where `DELETE` lets them read the old rows meanwhile.
   */
  async reset(tx: Sql): Promise<void> {
    for (const table of [...REPORT_FACT_TABLES].reverse()) await tx.query(`DELETE FROM ${table}`);
  }
}

async function loadCases(tx: Sql, ids: string[]): Promise<Map<string, CaseRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{
    case_id: string;
    district: string;
    municipality: string;
    source: string;
    received_on: string;
    recorded_at: Date;
  }>(
    `SELECT case_id, district, municipality, source, to_char(received_on, 'YYYY-MM-DD') AS received_on, recorded_at
     FROM reporting_cases WHERE case_id = ANY($1::text[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.case_id,
      {
        caseId: r.case_id,
        district: r.district,
        municipality: r.municipality,
        source: r.source,
        receivedOn: r.received_on,
        recordedAt: r.recorded_at,
      },
    ]),
  );
}

async function loadInterventions(tx: Sql, ids: string[]): Promise<Map<string, InterventionRow>> {
  return ids.length === 0 ? new Map() : readInterventions(tx, 'intervention_id = ANY($1::text[])', ids);
}

/** The interventions of the cases a batch closes that have not ended yet. */
async function loadUnendedInterventions(tx: Sql, caseIds: string[]): Promise<Map<string, InterventionRow>> {
  return caseIds.length === 0
    ? new Map()
    : readInterventions(tx, 'case_id = ANY($1::text[]) AND ended_event_id IS NULL', caseIds);
}

async function readInterventions(tx: Sql, where: string, ids: string[]): Promise<Map<string, InterventionRow>> {
  const { rows } = await tx.query<{
    intervention_id: string;
    case_id: string;
    district: string;
    intervention_type: string;
    level: string;
    lead_organisation: string;
    participants: string[];
    planned_on: string;
    recorded_at: Date;
  }>(
    `SELECT intervention_id, case_id, district, intervention_type, level, lead_organisation, participants,
            to_char(planned_on, 'YYYY-MM-DD') AS planned_on, recorded_at
     FROM reporting_interventions WHERE ${where}`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.intervention_id,
      {
        interventionId: r.intervention_id,
        caseId: r.case_id,
        district: r.district,
        interventionType: r.intervention_type,
        level: r.level,
        leadOrganisation: r.lead_organisation,
        participants: r.participants,
        plannedOn: r.planned_on,
        recordedAt: r.recorded_at,
      },
    ]),
  );
}

/** Of the cases of a batch with links, those counted already as a case of a known victim. */
async function loadKnownVictimCases(
  tx: Sql,
  events: readonly ReportedEvent[],
  caseIds: string[],
): Promise<Set<string>> {
  if (!events.some((e) => e.type === 'CaseLinked')) return new Set();
  const { rows } = await tx.query<{ case_id: string }>(
    `SELECT DISTINCT case_id FROM reporting_facts WHERE case_id = ANY($1::text[]) AND kind = 'case_of_known_victim'`,
    [caseIds],
  );
  return new Set(rows.map((r) => r.case_id));
}

async function loadLatestSpells(tx: Sql, caseIds: string[]): Promise<Map<string, SpellRow>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await tx.query<{
    opened_event_id: string;
    case_id: string;
    district: string;
    opened_version: number;
    opened_on: string;
    opened_recorded_at: Date;
    received_on: string;
    closed_event_id: string | null;
    closed_on: string | null;
    closed_recorded_at: Date | null;
  }>(
    `SELECT DISTINCT ON (case_id) opened_event_id, case_id, district, opened_version, to_char(opened_on, 'YYYY-MM-DD') AS opened_on,
            opened_recorded_at, to_char(received_on, 'YYYY-MM-DD') AS received_on, closed_event_id,
            to_char(closed_on, 'YYYY-MM-DD') AS closed_on, closed_recorded_at
     FROM reporting_case_spells WHERE case_id = ANY($1::text[])
     ORDER BY case_id, opened_version DESC`,
    [caseIds],
  );
  return new Map(
    rows.map((r) => [
      r.case_id,
      {
        openedEventId: r.opened_event_id,
        caseId: r.case_id,
        district: r.district,
        openedVersion: r.opened_version,
        openedOn: r.opened_on,
        openedRecordedAt: r.opened_recorded_at,
        receivedOn: r.received_on,
        closedEventId: r.closed_event_id,
        closedOn: r.closed_on,
        closedRecordedAt: r.closed_recorded_at,
      },
    ]),
  );
}
