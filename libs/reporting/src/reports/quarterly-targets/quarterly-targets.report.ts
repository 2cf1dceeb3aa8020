import type { Sql } from '@baken/event-store';
import { classificationAsKnown, knownAt } from '../../shared/breakdown';
import { targetsAsKnownAt, type TargetDefinition } from '../../targets/target-definition';
import {
  calendarYear,
  countedUntil,
  quarter as quarterOfYear,
  quartersWithin,
  targetStatus,
  type Quarter,
  type ReportPeriod,
  type TargetPeriod,
  type TargetStatus,
} from '../../targets/quarter';

export interface QuarterlyTargetsParams {
  year: number;
  /** The quarter reported; ignored for `period: 'year'`. */
  quarter: Quarter['quarter'] | null;
  /** A quarter (default) or the whole year. */
  period?: TargetPeriod;
  /** The business date the status is evaluated on. */
  asOf: string;
  /** Count only facts recorded up to this instant, and cases as classified then; all when null. */
  asKnownAt: Date | null;
  /** The districts to report, in this order. */
  districts: readonly string[];
}

export interface TargetResult {
  targetId: string;
  title: string;
  actual: number;
  /** The norm for the period reported: a quarterly target's minimum once per quarter it applies to in a year. */
  target: number;
  status: TargetStatus;
  /** Whether the target is set per quarter or per year. */
  targetPeriod: TargetPeriod;
}

export interface QuarterlyTargetsResult {
  year: number;
  /** null for a year. */
  quarter: number | null;
  period: TargetPeriod;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  asKnownAt: string | null;
  districts: { district: string; targets: TargetResult[] }[];
}

const KNOWN = knownAt('$4');

/**
 * Per target (given as JSON in `$5`: the versions known at `asKnownAt`, each with its effective validity), the facts of
 * its kind, district and period within that validity, through `reporting_facts_kind_district_date`. LATERAL keeps it
 * so: planned as a plain join, the facts were found by date alone — reading the index over the whole log. Forms and
 * vulnerabilities are the case's as known at `asKnownAt`; an organisation counts where it leads the intervention or
 * takes part in it.
 */
const ACTUALS_SQL = `
  SELECT t.id AS target_id, c.district, c.n
  FROM jsonb_to_recordset($5::jsonb) AS t(id text, event_kind text, forms text[], vulnerabilities text[],
    intervention_types text[], intervention_levels text[], organisations text[], valid_from date, valid_until date)
  CROSS JOIN LATERAL (
    SELECT f.district, count(*)::int AS n
    FROM reporting_facts f
    LEFT JOIN LATERAL (${classificationAsKnown('f.case_id', KNOWN)}) cl
      ON t.forms IS NOT NULL OR t.vulnerabilities IS NOT NULL
    WHERE f.kind = t.event_kind
      AND f.district = ANY($1::text[])
      AND f.occurred_on BETWEEN GREATEST($2::date, COALESCE(t.valid_from, $2::date))
                            AND LEAST($3::date, COALESCE(t.valid_until, $3::date))
      AND f.recorded_at <= ${KNOWN}
      AND (t.forms IS NULL OR cl.forms && t.forms)
      AND (t.vulnerabilities IS NULL OR cl.vulnerabilities && t.vulnerabilities)
      AND (t.intervention_types IS NULL OR f.intervention_type = ANY(t.intervention_types))
      AND (t.intervention_levels IS NULL OR f.intervention_level = ANY(t.intervention_levels))
      AND (t.organisations IS NULL OR EXISTS (
        SELECT 1 FROM reporting_interventions i
        WHERE i.intervention_id = f.ref AND (i.lead_organisation = ANY(t.organisations) OR i.participants && t.organisations)))
    GROUP BY f.district
  ) c`;

/** The last day a target applies: its `validUntil` or, when retired earlier, its last day before retirement. */
const lastDayOf = (t: TargetDefinition): string | null =>
  t.retiredOn !== null && (t.validUntil === null || t.retiredOn < t.validUntil) ? t.retiredOn : t.validUntil;

/** Whether a target applies to any day of the period. */
const applies = (t: TargetDefinition, p: ReportPeriod) => {
  const last = lastDayOf(t);
  return (t.validFrom === null || t.validFrom <= p.end) && (last === null || last >= p.start);
};

/**
 * Each target's actual per district: the facts of its kind dated from the period's first day up to `asOf` (the last
 * day at most) — the figures as they stood on `asOf` — filtered as the target says, recorded up to `asKnownAt`. A
 * quarter reports the quarterly targets; a year reports the yearly ones and the quarterly ones against their minimum
 * for every quarter of the year they apply to. A target outside its validity, or retired before the period, is
 * `not_applicable`. The targets are those known at `asKnownAt`: of each the version recorded last by then (ADR 61).
 */
export async function quarterlyTargetsReport(
  sql: Sql,
  params: QuarterlyTargetsParams,
): Promise<QuarterlyTargetsResult> {
  const period: TargetPeriod = params.period ?? 'quarter';
  const p: ReportPeriod =
    period === 'year' ? calendarYear(params.year) : quarterOfYear(params.year, params.quarter ?? 1);
  const targets = (await targetsAsKnownAt(sql, params.asKnownAt)).filter(
    (t) => period === 'year' || t.period === 'quarter',
  );
  const norm = (t: TargetDefinition) =>
    period === 'year' && t.period === 'quarter'
      ? t.minimum * quartersWithin(params.year, t.validFrom, lastDayOf(t)).length
      : t.minimum;
  const counted = targets.filter((t) => applies(t, p));
  const until = countedUntil(p, params.asOf);
  const actuals = new Map<string, number>();
  if (until !== null && counted.length > 0 && params.districts.length > 0) {
    const { rows } = await sql.query<{ target_id: string; district: string; n: number }>(ACTUALS_SQL, [
      params.districts,
      p.start,
      until,
      params.asKnownAt,
      JSON.stringify(
        counted.map((t) => ({
          id: t.id,
          event_kind: t.event,
          forms: t.forms,
          vulnerabilities: t.vulnerabilities,
          intervention_types: t.interventionTypes,
          intervention_levels: t.interventionLevels,
          organisations: t.organisations,
          valid_from: t.validFrom,
          valid_until: lastDayOf(t),
        })),
      ),
    ]);
    for (const r of rows) actuals.set(`${r.target_id}|${r.district}`, r.n);
  }
  return {
    year: params.year,
    quarter: period === 'year' ? null : (p as Quarter).quarter,
    period,
    periodStart: p.start,
    periodEnd: p.end,
    asOf: params.asOf,
    asKnownAt: params.asKnownAt?.toISOString() ?? null,
    districts: params.districts.map((district) => ({
      district,
      targets: targets.map((t) => {
        const actual = actuals.get(`${t.id}|${district}`) ?? 0;
        const target = norm(t);
        return {
          targetId: t.id,
          title: t.title,
          actual,
          target,
          status: applies(t, p) ? targetStatus(actual, target, p, params.asOf) : 'not_applicable',
          targetPeriod: t.period,
        };
      }),
    })),
  };
}
