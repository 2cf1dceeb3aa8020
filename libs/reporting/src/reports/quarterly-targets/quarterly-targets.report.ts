import type { Sql } from '@baken/event-store';
import { listTargets } from '../../targets/target-definition';
import {
  countedUntil,
  quarter as quarterOfYear,
  targetStatus,
  type Quarter,
  type TargetStatus,
} from '../../targets/quarter';

export interface QuarterlyTargetsParams {
  year: number;
  quarter: Quarter['quarter'];
  /** The business date the status is evaluated on. */
  asOf: string;
  /** Count only facts recorded up to this instant; all when null. */
  asKnownAt: Date | null;
  /** The districts to report, in this order. */
  districts: readonly string[];
}

export interface TargetResult {
  targetId: string;
  title: string;
  actual: number;
  target: number;
  status: TargetStatus;
}

export interface QuarterlyTargetsResult {
  year: number;
  quarter: number;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  asKnownAt: string | null;
  districts: { district: string; targets: TargetResult[] }[];
}

/**
 * Each target's actual per district: the facts of its kind dated from the quarter's first day up to `asOf` (the last
 * day at most) — the figures as they stood on `asOf` — filtered as the target says, recorded up to `asKnownAt`.
 */
export async function quarterlyTargetsReport(
  sql: Sql,
  params: QuarterlyTargetsParams,
): Promise<QuarterlyTargetsResult> {
  const q = quarterOfYear(params.year, params.quarter);
  const targets = await listTargets(sql);
  const until = countedUntil(q, params.asOf);
  const actuals = new Map<string, number>();
  if (until !== null && targets.length > 0 && params.districts.length > 0) {
    // Per target, the facts of its kind, district and period through `reporting_facts_kind_district_date`. LATERAL
    // keeps it so: the targets table is too small for autovacuum ever to analyse it, and planned as a plain join on an
    // estimate of hundreds of targets, the facts were found by date alone — reading the index over the whole log.
    const { rows } = await sql.query<{ target_id: string; district: string; n: number }>(
      `SELECT t.id AS target_id, c.district, c.n
       FROM reporting_targets t
       CROSS JOIN LATERAL (
         SELECT f.district, count(*)::int AS n
         FROM reporting_facts f
         WHERE f.kind = t.event_kind
           AND f.district = ANY($1::text[])
           AND f.occurred_on BETWEEN $2::date AND $3::date
           AND f.recorded_at <= COALESCE($4::timestamptz, 'infinity')
           AND (t.forms IS NULL OR f.forms && t.forms)
           AND (t.intervention_types IS NULL OR f.intervention_type = ANY(t.intervention_types))
           AND (t.intervention_levels IS NULL OR f.intervention_level = ANY(t.intervention_levels))
         GROUP BY f.district
       ) c`,
      [params.districts, q.start, until, params.asKnownAt],
    );
    for (const r of rows) actuals.set(`${r.target_id}|${r.district}`, r.n);
  }
  return {
    year: q.year,
    quarter: q.quarter,
    periodStart: q.start,
    periodEnd: q.end,
    asOf: params.asOf,
    asKnownAt: params.asKnownAt?.toISOString() ?? null,
    districts: params.districts.map((district) => ({
      district,
      targets: targets.map((t) => {
        const actual = actuals.get(`${t.id}|${district}`) ?? 0;
        return {
          targetId: t.id,
          title: t.title,
          actual,
          target: t.minimum,
          status: targetStatus(actual, t.minimum, q, params.asOf),
        };
      }),
    })),
  };
}
