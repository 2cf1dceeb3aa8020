import {
  CLOSE_OUTCOMES,
  REOPEN_REASONS,
  TRIAGE_DECISIONS,
  type CloseOutcome,
  type ReopenReason,
  type TriageDecision,
} from '@baken/case-coordination';
import type { Sql } from '@baken/event-store';
import { byGroup, groupKeys, groupsExclusive, knownAt, type GroupBy } from '../../shared/breakdown';

export interface FlowParams {
  from: string;
  to: string;
  districts: readonly string[];
  asKnownAt: Date | null;
  /**
   * The business date the figures stand on: facts are counted up to the earlier of `to` and `asOf`, and open cases
   * and interventions on that day. Without it, up to `to`, with open cases on `openCasesOn`.
   */
  asOf?: string;
  /** The date open cases are counted on when no `asOf` is given (default `to`). */
  openCasesOn?: string;
  groupBy?: GroupBy | null;
}
export const STAGES = [
  'receiptToTriage',
  'triageToCareTable',
  'submissionToDecision',
  'submissionToApproval',
  'executionToFirstEffect',
] as const;
export type Stage = (typeof STAGES)[number];

export interface StageDuration {
  /** Pairs of stages completed in the period. */
  count: number;
  /** Days between the two business dates; null without pairs. */
  medianDays: number | null;
  p90Days: number | null;
}

/** Age bands of open cases, in days since the signal was received. */
export const AGE_BANDS = [
  { band: '0-30', minDays: 0, maxDays: 30 },
  { band: '31-90', minDays: 31, maxDays: 90 },
  { band: '91-180', minDays: 91, maxDays: 180 },
  { band: '181-365', minDays: 181, maxDays: 365 },
  { band: '366+', minDays: 366, maxDays: null },
] as const;

/** The figures of the flow, for the whole selection and for each group of a breakdown. */
export interface FlowFigures {
  signalsReceived: number;
  triageDecisions: { total: number; byDecision: Record<TriageDecision, number> };
  careTable: { referrals: number; meetings: number; casesDiscussed: number };
  /** `deferred`: deferrals by stuurploeg members (a proposal may be deferred more than once). */
  proposals: { submitted: number; approved: number; rejected: number; deferred: number };
  interventionsExecuted: number;
  /**
   * Planned (by `plannedOn`), executed and cancelled (by their dates) in the period; `open`: planned for the day
   * counted or earlier and by then neither executed nor cancelled, nor left when its case was closed. A cancelled
   * intervention is never open.
   */
  interventions: { planned: number; executed: number; cancelled: number; open: number };
  casesClosed: { total: number; byOutcome: Record<CloseOutcome, number> };
  reopenings: { total: number; byReason: Record<ReopenReason, number> };
  /**
   * Repeat victimhood: reopenings for `revictimization`, and new cases linked `same_victim` to a case that was closed
   * when they were linked (counted by the new case's receipt).
   */
  repeatVictimisation: { total: number; reopenings: number; newCasesOfKnownVictims: number };
  stageDurations: Record<Stage, StageDuration>;
  openCases: {
    asOf: string;
    total: number;
    byAge: { band: string; minDays: number; maxDays: number | null; count: number }[];
  };
}

export interface FlowGroup extends FlowFigures {
  /** The group's value (district, municipality, vulnerability, … id); null: not recorded. */
  group: string | null;
}

export interface FlowResult extends FlowFigures {
  from: string;
  to: string;
  /** The business date the figures stand on; null when the caller gave none. */
  asOf: string | null;
  district: string | null;
  districts: string[];
  asKnownAt: string | null;
  groupBy: GroupBy | null;
  /** Whether every fact counts in exactly one group, so that the groups sum to the totals; null without a breakdown. */
  groupsExclusive: boolean | null;
  groups: FlowGroup[];
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const oneDecimal = (n: number | string | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);

const KNOWN = knownAt('$4');
const IN_PERIOD = (alias: string) =>
  `${alias}.district = ANY($1::text[]) AND ${alias}.occurred_on BETWEEN $2::date AND $3::date AND ${alias}.recorded_at <= ${KNOWN}`;
const INTERVENTION_KINDS = `('intervention_planned', 'intervention_executed', 'intervention_cancelled', 'intervention_effect_recorded')`;
/** The groups of a fact: an intervention's facts by their intervention, the others by their case. */
const factGroups = (groupBy: GroupBy | null, f: string) =>
  groupKeys(
    groupBy,
    {
      caseId: `${f}.case_id`,
      district: `${f}.district`,
      interventionId: `CASE WHEN ${f}.kind IN ${INTERVENTION_KINDS} THEN ${f}.ref END`,
    },
    KNOWN,
  );

const COUNTS_SQL = (groupBy: GroupBy | null) => `
  SELECT f.kind, f.outcome, g.g AS grp, count(*)::int AS n, count(DISTINCT f.case_id)::int AS cases
  FROM reporting_facts f
  CROSS JOIN LATERAL (${factGroups(groupBy, 'f')}) g
  WHERE f.kind IN ('signal_received', 'triage_decided', 'care_table_meeting_held', 'proposal_submitted', 'proposal_decided',
                   'proposal_deferred', 'intervention_planned', 'intervention_executed', 'intervention_cancelled', 'case_closed',
                   'case_reopened', 'case_of_known_victim')
    AND ${IN_PERIOD('f')}
  GROUP BY f.kind, f.outcome, g.g`;

/**
 * Stage durations, each pair counted in the period in which its second stage falls (and in the groups of that fact):
 * - receipt → triage: the case's first triage (in the order recorded) against its `receivedOn`;
 * - triage → first care table: a care-table meeting whose case's latest triage before it was a referral to the care
 *   table, and which is the first meeting since that triage;
 * - submission → decision: a proposal's decision against its submission;
 * - submission → approval: the assent lead time, an approval against its submission;
 * - execution → first effect: an intervention's earliest observed effect against its execution.
 */
const DURATIONS_SQL = (groupBy: GroupBy | null) => `
  WITH durations AS (
    SELECT 'receiptToTriage' AS stage, g.g AS grp,
           (t.occurred_on - (SELECT c.received_on FROM reporting_cases c WHERE c.case_id = t.case_id)) AS days
    FROM reporting_facts t
    CROSS JOIN LATERAL (${factGroups(groupBy, 't')}) g
    WHERE t.kind = 'triage_decided' AND ${IN_PERIOD('t')}
      AND NOT EXISTS (
        SELECT 1 FROM reporting_facts p
        WHERE p.case_id = t.case_id AND p.kind = 'triage_decided' AND p.stream_version < t.stream_version AND p.recorded_at <= ${KNOWN})
    UNION ALL
    SELECT 'triageToCareTable', g.g, (m.occurred_on - t.occurred_on)
    FROM reporting_facts m
    JOIN LATERAL (
      SELECT p.occurred_on, p.outcome, p.stream_version FROM reporting_facts p
      WHERE p.case_id = m.case_id AND p.kind = 'triage_decided' AND p.stream_version < m.stream_version AND p.recorded_at <= ${KNOWN}
      ORDER BY p.stream_version DESC LIMIT 1
    ) t ON t.outcome = 'refer_to_care_table'
    CROSS JOIN LATERAL (${factGroups(groupBy, 'm')}) g
    WHERE m.kind = 'care_table_meeting_held' AND ${IN_PERIOD('m')}
      AND NOT EXISTS (
        SELECT 1 FROM reporting_facts p
        WHERE p.case_id = m.case_id AND p.kind = 'care_table_meeting_held'
          AND p.stream_version > t.stream_version AND p.stream_version < m.stream_version AND p.recorded_at <= ${KNOWN})
    UNION ALL
    SELECT 'submissionToDecision', g.g, (d.occurred_on - s.occurred_on)
    FROM reporting_facts d
    JOIN reporting_facts s ON s.ref = d.ref AND s.kind = 'proposal_submitted' AND s.case_id = d.case_id AND s.recorded_at <= ${KNOWN}
    CROSS JOIN LATERAL (${factGroups(groupBy, 'd')}) g
    WHERE d.kind = 'proposal_decided' AND ${IN_PERIOD('d')}
    UNION ALL
    SELECT 'submissionToApproval', g.g, (d.occurred_on - s.occurred_on)
    FROM reporting_facts d
    JOIN reporting_facts s ON s.ref = d.ref AND s.kind = 'proposal_submitted' AND s.case_id = d.case_id AND s.recorded_at <= ${KNOWN}
    CROSS JOIN LATERAL (${factGroups(groupBy, 'd')}) g
    WHERE d.kind = 'proposal_decided' AND d.outcome = 'approved' AND ${IN_PERIOD('d')}
    UNION ALL
    SELECT 'executionToFirstEffect', g.g, (e.occurred_on - x.occurred_on)
    FROM reporting_facts e
    JOIN reporting_facts x ON x.ref = e.ref AND x.kind = 'intervention_executed' AND x.case_id = e.case_id AND x.recorded_at <= ${KNOWN}
    CROSS JOIN LATERAL (${factGroups(groupBy, 'e')}) g
    WHERE e.kind = 'intervention_effect_recorded' AND ${IN_PERIOD('e')}
      AND NOT EXISTS (
        SELECT 1 FROM reporting_facts p
        WHERE p.ref = e.ref AND p.kind = 'intervention_effect_recorded' AND p.recorded_at <= ${KNOWN}
          AND (p.occurred_on, p.stream_version) < (e.occurred_on, e.stream_version))
  )
  SELECT stage, grp, count(*)::int AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
  FROM durations GROUP BY stage, grp`;

const OPEN_KNOWN = knownAt('$3');

/**
 * Cases open on a date, as known at an instant: the spells that contain the date (by the range index), plus the
 * spells whose closure on or before the date was recorded only after the instant. Counted per age band, the age
 * being the days since the signal was received. Reads the open cases, not every case ever received.
 */
const OPEN_CASES_SQL = (groupBy: GroupBy | null) => `
  WITH open_spells AS (
    SELECT s.case_id, s.district, s.received_on FROM reporting_case_spells s
    WHERE daterange(s.opened_on, s.closed_on, '[)') @> $2::date
      AND s.district = ANY($1::text[]) AND s.opened_recorded_at <= ${OPEN_KNOWN}
    UNION
    SELECT s.case_id, s.district, s.received_on FROM reporting_case_spells s
    WHERE s.closed_recorded_at > ${OPEN_KNOWN} AND s.closed_on <= $2::date AND s.opened_on <= $2::date
      AND s.district = ANY($1::text[]) AND s.opened_recorded_at <= ${OPEN_KNOWN}
  ), open_cases AS (
    SELECT g.g AS grp, ($2::date - s.received_on) AS age
    FROM open_spells s CROSS JOIN LATERAL (${groupKeys(groupBy, { caseId: 's.case_id', district: 's.district' }, OPEN_KNOWN)}) g
  )
  SELECT grp, ${AGE_BANDS.map((b, i) => `count(*) FILTER (WHERE age >= ${b.minDays}${b.maxDays === null ? '' : ` AND age <= ${b.maxDays}`})::int AS b${i}`).join(', ')}
  FROM open_cases GROUP BY grp`;

/**
 * Interventions open on a date, as known at an instant: planned for that day or earlier and not ended by then
 * (executed, cancelled, or left when the case was closed) — found like open cases, through the range index on
 * `daterange(planned_on, ended_on)`. A plan cancelled before its day ends on that day, and is never open.
 */
const OPEN_INTERVENTIONS_SQL = (groupBy: GroupBy | null) => `
  WITH open_interventions AS (
    SELECT i.intervention_id, i.case_id, i.district FROM reporting_interventions i
    WHERE daterange(i.planned_on, i.ended_on, '[)') @> $2::date
      AND i.district = ANY($1::text[]) AND i.recorded_at <= ${OPEN_KNOWN}
    UNION
    SELECT i.intervention_id, i.case_id, i.district FROM reporting_interventions i
    WHERE i.ended_recorded_at > ${OPEN_KNOWN} AND i.ended_on <= $2::date AND i.planned_on <= $2::date
      AND i.district = ANY($1::text[]) AND i.recorded_at <= ${OPEN_KNOWN}
  )
  SELECT g.g AS grp, count(*)::int AS n
  FROM open_interventions i
  CROSS JOIN LATERAL (${groupKeys(groupBy, { caseId: 'i.case_id', district: 'i.district', interventionId: 'i.intervention_id' }, OPEN_KNOWN)}) g
  GROUP BY g.g`;

function emptyFigures(openCasesOn: string): FlowFigures {
  return {
    signalsReceived: 0,
    triageDecisions: { total: 0, byDecision: zeros(TRIAGE_DECISIONS) },
    careTable: { referrals: 0, meetings: 0, casesDiscussed: 0 },
    proposals: { submitted: 0, approved: 0, rejected: 0, deferred: 0 },
    interventionsExecuted: 0,
    interventions: { planned: 0, executed: 0, cancelled: 0, open: 0 },
    casesClosed: { total: 0, byOutcome: zeros(CLOSE_OUTCOMES) },
    reopenings: { total: 0, byReason: zeros(REOPEN_REASONS) },
    repeatVictimisation: { total: 0, reopenings: 0, newCasesOfKnownVictims: 0 },
    stageDurations: Object.fromEntries(STAGES.map((s) => [s, { count: 0, medianDays: null, p90Days: null }])) as Record<
      Stage,
      StageDuration
    >,
    openCases: { asOf: openCasesOn, total: 0, byAge: AGE_BANDS.map((b) => ({ ...b, count: 0 })) },
  };
}

/** The flow's figures per group (one group, null, without a breakdown). */
async function figuresByGroup(
  sql: Sql,
  params: { districts: readonly string[]; from: string; until: string; asKnownAt: Date | null; openOn: string },
  groupBy: GroupBy | null,
): Promise<Map<string | null, FlowFigures>> {
  const groups = new Map<string | null, FlowFigures>();
  const of = (group: string | null) => {
    let figures = groups.get(group);
    if (!figures) groups.set(group, (figures = emptyFigures(params.openOn)));
    return figures;
  };
  if (groupBy === null) of(null);
  if (groupBy === 'district') params.districts.forEach(of);
  const period = [params.districts, params.from, params.until, params.asKnownAt];

  const counts = await sql.query<{
    kind: string;
    outcome: string | null;
    grp: string | null;
    n: number;
    cases: number;
  }>(COUNTS_SQL(groupBy), period);
  for (const { kind, outcome, grp, n, cases } of counts.rows) {
    const r = of(grp);
    switch (kind) {
      case 'signal_received':
        r.signalsReceived += n;
        break;
      case 'triage_decided':
        r.triageDecisions.total += n;
        r.triageDecisions.byDecision[outcome as TriageDecision] =
          (r.triageDecisions.byDecision[outcome as TriageDecision] ?? 0) + n;
        if (outcome === 'refer_to_care_table') r.careTable.referrals += n;
        break;
      case 'care_table_meeting_held':
        r.careTable.meetings += n;
        r.careTable.casesDiscussed += cases;
        break;
      case 'proposal_submitted':
        r.proposals.submitted += n;
        break;
      case 'proposal_decided':
        if (outcome === 'approved') r.proposals.approved += n;
        if (outcome === 'rejected') r.proposals.rejected += n;
        break;
      case 'proposal_deferred':
        r.proposals.deferred += n;
        break;
      case 'intervention_planned':
        r.interventions.planned += n;
        break;
      case 'intervention_executed':
        r.interventionsExecuted += n;
        r.interventions.executed += n;
        break;
      case 'intervention_cancelled':
        r.interventions.cancelled += n;
        break;
      case 'case_closed':
        r.casesClosed.total += n;
        r.casesClosed.byOutcome[outcome as CloseOutcome] = (r.casesClosed.byOutcome[outcome as CloseOutcome] ?? 0) + n;
        break;
      case 'case_reopened':
        r.reopenings.total += n;
        r.reopenings.byReason[outcome as ReopenReason] = (r.reopenings.byReason[outcome as ReopenReason] ?? 0) + n;
        if (outcome === 'revictimization') r.repeatVictimisation.reopenings += n;
        break;
      case 'case_of_known_victim':
        r.repeatVictimisation.newCasesOfKnownVictims += n;
        break;
    }
  }
  for (const r of groups.values())
    r.repeatVictimisation.total = r.repeatVictimisation.reopenings + r.repeatVictimisation.newCasesOfKnownVictims;

  const durations = await sql.query<{
    stage: Stage;
    grp: string | null;
    n: number;
    median: number | string | null;
    p90: number | string | null;
  }>(DURATIONS_SQL(groupBy), period);
  for (const d of durations.rows)
    of(d.grp).stageDurations[d.stage] = { count: d.n, medianDays: oneDecimal(d.median), p90Days: oneDecimal(d.p90) };

  const onDay = [params.districts, params.openOn, params.asKnownAt];
  const open = await sql.query<Record<string, number> & { grp: string | null }>(OPEN_CASES_SQL(groupBy), onDay);
  for (const row of open.rows) {
    const r = of(row.grp);
    r.openCases.byAge = AGE_BANDS.map((b, i) => ({ ...b, count: row[`b${i}`] ?? 0 }));
    r.openCases.total = r.openCases.byAge.reduce((sum, b) => sum + b.count, 0);
  }
  const openInterventions = await sql.query<{ grp: string | null; n: number }>(OPEN_INTERVENTIONS_SQL(groupBy), onDay);
  for (const row of openInterventions.rows) of(row.grp).interventions.open = row.n;
  return groups;
}

/**
 * Case flow over `[from, to]` by business date, up to `asOf` when that is earlier: what came in, what was decided and
 * done, how long it took, what is open at the end; for the whole selection and, with `groupBy`, per group.
 */
export async function flowReport(sql: Sql, params: FlowParams): Promise<FlowResult> {
  const until = params.asOf !== undefined && params.asOf < params.to ? params.asOf : params.to;
  const openOn = params.asOf !== undefined ? until : (params.openCasesOn ?? params.to);
  const groupBy = params.groupBy ?? null;
  const result: FlowResult = {
    from: params.from,
    to: params.to,
    asOf: params.asOf ?? null,
    district: params.districts.length === 1 ? params.districts[0] : null,
    districts: [...params.districts],
    asKnownAt: params.asKnownAt?.toISOString() ?? null,
    groupBy,
    groupsExclusive: groupBy === null ? null : groupsExclusive(groupBy, 'flow'),
    groups: [],
    ...emptyFigures(openOn),
  };
  if (params.districts.length === 0) return result;
  const query = { districts: params.districts, from: params.from, until, asKnownAt: params.asKnownAt, openOn };
  Object.assign(result, (await figuresByGroup(sql, query, null)).get(null));
  if (groupBy !== null)
    result.groups = [...(await figuresByGroup(sql, query, groupBy)).entries()]
      .map(([group, figures]) => ({ group, ...figures }))
      .sort(byGroup);
  return result;
}
