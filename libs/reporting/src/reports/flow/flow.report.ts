import {
  CLOSE_OUTCOMES,
  REOPEN_REASONS,
  TRIAGE_DECISIONS,
  type CloseOutcome,
  type ReopenReason,
  type TriageDecision,
} from '@baken/case-coordination';
import type { Sql } from '@baken/event-store';

export interface FlowParams {
  from: string;
  to: string;
  districts: readonly string[];
  asKnownAt: Date | null;
  /** The date open cases are counted on (the period's end, or today when that is earlier). */
  openCasesOn: string;
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

export interface FlowResult {
  from: string;
  to: string;
  district: string | null;
  districts: string[];
  asKnownAt: string | null;
  signalsReceived: number;
  triageDecisions: { total: number; byDecision: Record<TriageDecision, number> };
  careTable: { referrals: number; meetings: number; casesDiscussed: number };
  /** `deferred`: deferrals by stuurploeg members (a proposal may be deferred more than once). */
  proposals: { submitted: number; approved: number; rejected: number; deferred: number };
  interventionsExecuted: number;
  casesClosed: { total: number; byOutcome: Record<CloseOutcome, number> };
  reopenings: { total: number; byReason: Record<ReopenReason, number> };
  stageDurations: Record<Stage, StageDuration>;
  openCases: {
    asOf: string;
    total: number;
    byAge: { band: string; minDays: number; maxDays: number | null; count: number }[];
  };
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const oneDecimal = (n: number | string | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);

const KNOWN = `COALESCE($4::timestamptz, 'infinity')`;
const IN_PERIOD = (alias: string) =>
  `${alias}.district = ANY($1::text[]) AND ${alias}.occurred_on BETWEEN $2::date AND $3::date AND ${alias}.recorded_at <= ${KNOWN}`;

/**
 * Stage durations, each pair counted in the period in which its second stage falls:
 * - receipt → triage: the case's first triage (in the order recorded) against its `receivedOn`;
 * - triage → first care table: a care-table meeting whose case's latest triage before it was a referral to the care
 *   table, and which is the first meeting since that triage;
 * - submission → decision: a proposal's decision against its submission;
 * - submission → approval: the assent lead time, an approval against its submission;
 * - execution → first effect: an intervention's earliest observed effect against its execution.
 */
const DURATIONS_SQL = `
  WITH durations AS (
    SELECT 'receiptToTriage' AS stage, (t.occurred_on - (SELECT c.received_on FROM reporting_cases c WHERE c.case_id = t.case_id)) AS days
    FROM reporting_facts t
    WHERE t.kind = 'triage_decided' AND ${IN_PERIOD('t')}
      AND NOT EXISTS (
        SELECT 1 FROM reporting_facts p
        WHERE p.case_id = t.case_id AND p.kind = 'triage_decided' AND p.stream_version < t.stream_version AND p.recorded_at <= ${KNOWN})
    UNION ALL
    SELECT 'triageToCareTable', (m.occurred_on - t.occurred_on)
    FROM reporting_facts m
    JOIN LATERAL (
      SELECT p.occurred_on, p.outcome, p.stream_version FROM reporting_facts p
      WHERE p.case_id = m.case_id AND p.kind = 'triage_decided' AND p.stream_version < m.stream_version AND p.recorded_at <= ${KNOWN}
      ORDER BY p.stream_version DESC LIMIT 1
    ) t ON t.outcome = 'refer_to_care_table'
    WHERE m.kind = 'care_table_meeting_held' AND ${IN_PERIOD('m')}
      AND NOT EXISTS (
        SELECT 1 FROM reporting_facts p
        WHERE p.case_id = m.case_id AND p.kind = 'care_table_meeting_held'
          AND p.stream_version > t.stream_version AND p.stream_version < m.stream_version AND p.recorded_at <= ${KNOWN})
    UNION ALL
    SELECT 'submissionToDecision', (d.occurred_on - s.occurred_on)
    FROM reporting_facts d
    JOIN reporting_facts s ON s.ref = d.ref AND s.kind = 'proposal_submitted' AND s.case_id = d.case_id AND s.recorded_at <= ${KNOWN}
    WHERE d.kind = 'proposal_decided' AND ${IN_PERIOD('d')}
    UNION ALL
    SELECT 'submissionToApproval', (d.occurred_on - s.occurred_on)
    FROM reporting_facts d
    JOIN reporting_facts s ON s.ref = d.ref AND s.kind = 'proposal_submitted' AND s.case_id = d.case_id AND s.recorded_at <= ${KNOWN}
    WHERE d.kind = 'proposal_decided' AND d.outcome = 'approved' AND ${IN_PERIOD('d')}
    UNION ALL
    SELECT 'executionToFirstEffect', (e.occurred_on - x.occurred_on)
    FROM reporting_facts e
    JOIN reporting_facts x ON x.ref = e.ref AND x.kind = 'intervention_executed' AND x.case_id = e.case_id AND x.recorded_at <= ${KNOWN}
    WHERE e.kind = 'intervention_effect_recorded' AND ${IN_PERIOD('e')}
      AND NOT EXISTS (
        SELECT 1 FROM reporting_facts p
        WHERE p.ref = e.ref AND p.kind = 'intervention_effect_recorded' AND p.recorded_at <= ${KNOWN}
          AND (p.occurred_on, p.stream_version) < (e.occurred_on, e.stream_version))
  )
  SELECT stage, count(*)::int AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
  FROM durations GROUP BY stage`;

/**
 * Cases open on a date, as known at an instant: the spells that contain the date (by the range index), plus the
 * spells whose closure on or before the date was recorded only after the instant. Counted per age band, the age
 * being the days since the signal was received. Reads the open cases, not every case ever received.
 */
const OPEN_CASES_SQL = `
  WITH open_spells AS (
    SELECT s.case_id, s.received_on FROM reporting_case_spells s
    WHERE daterange(s.opened_on, s.closed_on, '[)') @> $2::date
      AND s.district = ANY($1::text[]) AND s.opened_recorded_at <= COALESCE($3::timestamptz, 'infinity')
    UNION
    SELECT s.case_id, s.received_on FROM reporting_case_spells s
    WHERE s.closed_recorded_at > COALESCE($3::timestamptz, 'infinity') AND s.closed_on <= $2::date AND s.opened_on <= $2::date
      AND s.district = ANY($1::text[]) AND s.opened_recorded_at <= COALESCE($3::timestamptz, 'infinity')
  ), open_cases AS (SELECT ($2::date - received_on) AS age FROM open_spells)
  SELECT ${AGE_BANDS.map((b, i) => `count(*) FILTER (WHERE age >= ${b.minDays}${b.maxDays === null ? '' : ` AND age <= ${b.maxDays}`})::int AS b${i}`).join(', ')}
  FROM open_cases`;

/** Case flow over `[from, to]` by business date: what came in, what was decided and done, how long it took, what is open. */
export async function flowReport(sql: Sql, params: FlowParams): Promise<FlowResult> {
  const result: FlowResult = {
    from: params.from,
    to: params.to,
    district: params.districts.length === 1 ? params.districts[0] : null,
    districts: [...params.districts],
    asKnownAt: params.asKnownAt?.toISOString() ?? null,
    signalsReceived: 0,
    triageDecisions: { total: 0, byDecision: zeros(TRIAGE_DECISIONS) },
    careTable: { referrals: 0, meetings: 0, casesDiscussed: 0 },
    proposals: { submitted: 0, approved: 0, rejected: 0, deferred: 0 },
    interventionsExecuted: 0,
    casesClosed: { total: 0, byOutcome: zeros(CLOSE_OUTCOMES) },
    reopenings: { total: 0, byReason: zeros(REOPEN_REASONS) },
    stageDurations: Object.fromEntries(STAGES.map((s) => [s, { count: 0, medianDays: null, p90Days: null }])) as Record<
      Stage,
      StageDuration
    >,
    openCases: { asOf: params.openCasesOn, total: 0, byAge: AGE_BANDS.map((b) => ({ ...b, count: 0 })) },
  };
  if (params.districts.length === 0) return result;
  const period = [params.districts, params.from, params.to, params.asKnownAt];

  const counts = await sql.query<{ kind: string; outcome: string | null; n: number; cases: number }>(
    `SELECT f.kind, f.outcome, count(*)::int AS n, count(DISTINCT f.case_id)::int AS cases
     FROM reporting_facts f
     WHERE f.kind IN ('signal_received', 'triage_decided', 'care_table_meeting_held', 'proposal_submitted', 'proposal_decided',
                      'proposal_deferred', 'intervention_executed', 'case_closed', 'case_reopened')
       AND ${IN_PERIOD('f')}
     GROUP BY f.kind, f.outcome`,
    period,
  );
  for (const { kind, outcome, n, cases } of counts.rows) {
    switch (kind) {
      case 'signal_received':
        result.signalsReceived += n;
        break;
      case 'triage_decided':
        result.triageDecisions.total += n;
        result.triageDecisions.byDecision[outcome as TriageDecision] =
          (result.triageDecisions.byDecision[outcome as TriageDecision] ?? 0) + n;
        if (outcome === 'refer_to_care_table') result.careTable.referrals += n;
        break;
      case 'care_table_meeting_held':
        result.careTable.meetings += n;
        result.careTable.casesDiscussed += cases;
        break;
      case 'proposal_submitted':
        result.proposals.submitted += n;
        break;
      case 'proposal_decided':
        if (outcome === 'approved') result.proposals.approved += n;
        if (outcome === 'rejected') result.proposals.rejected += n;
        break;
      case 'proposal_deferred':
        result.proposals.deferred += n;
        break;
      case 'intervention_executed':
        result.interventionsExecuted += n;
        break;
      case 'case_closed':
        result.casesClosed.total += n;
        result.casesClosed.byOutcome[outcome as CloseOutcome] =
          (result.casesClosed.byOutcome[outcome as CloseOutcome] ?? 0) + n;
        break;
      case 'case_reopened':
        result.reopenings.total += n;
        result.reopenings.byReason[outcome as ReopenReason] =
          (result.reopenings.byReason[outcome as ReopenReason] ?? 0) + n;
        break;
    }
  }

  const durations = await sql.query<{
    stage: Stage;
    n: number;
    median: number | string | null;
    p90: number | string | null;
  }>(DURATIONS_SQL, period);
  for (const d of durations.rows)
    result.stageDurations[d.stage] = { count: d.n, medianDays: oneDecimal(d.median), p90Days: oneDecimal(d.p90) };

  const open = await sql.query<Record<string, number>>(OPEN_CASES_SQL, [
    params.districts,
    params.openCasesOn,
    params.asKnownAt,
  ]);
  result.openCases.byAge = AGE_BANDS.map((b, i) => ({ ...b, count: open.rows[0]?.[`b${i}`] ?? 0 }));
  result.openCases.total = result.openCases.byAge.reduce((sum, b) => sum + b.count, 0);
  return result;
}
