import type { Sql } from '@baken/event-store';
import { quarter as quarterOfYear, type Quarter } from '../../targets/quarter';
import { flowReport, type FlowResult } from '../flow/flow.report';
import {
  interventionEffectsReport,
  type InterventionEffectsResult,
} from '../intervention-effects/intervention-effects.report';
import { quarterlyTargetsReport, type QuarterlyTargetsResult } from '../quarterly-targets/quarterly-targets.report';

/** The quarters the targets' trend chart shows: the quarter reported and the three before it. */
export const COURSE_QUARTERS = 4;

export interface QuarterlyReportParams {
  year: number;
  quarter: Quarter['quarter'];
  /** The districts reported, in this order. */
  districts: readonly string[];
  /** The clock's business date. */
  today: string;
}

export interface QuarterlyReportFigures {
  period: Quarter;
  /** The date the figures stand on: the quarter's last day, or today while the quarter runs. */
  asOf: string;
  /** The targets of the quarter reported. */
  targets: QuarterlyTargetsResult;
  /** The targets of the last four quarters, oldest first, each as it stood at its end (or today). */
  course: QuarterlyTargetsResult[];
  /** The flow over the quarter per district. */
  flow: FlowResult;
  effects: InterventionEffectsResult;
}

/** The quarter `back` quarters before `q`. */
export function quarterBefore(q: { year: number; quarter: number }, back: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) - back;
  return quarterOfYear(Math.floor(index / 4), ((index % 4) + 1) as Quarter['quarter']);
}

const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * The figures of the quarterly governance report, from the reports the screen shows: the quarterly targets (the
 * quarter and the three before it), the flow per district and the effects of interventions, all as recorded now.
 */
export async function quarterlyReportFigures(sql: Sql, params: QuarterlyReportParams): Promise<QuarterlyReportFigures> {
  const period = quarterOfYear(params.year, params.quarter);
  const asOf = earlier(period.end, params.today);
  const quarters = Array.from({ length: COURSE_QUARTERS }, (_, i) => quarterBefore(period, COURSE_QUARTERS - 1 - i));
  const common = { districts: params.districts, asKnownAt: null };
  const [course, flow, effects] = await Promise.all([
    Promise.all(
      quarters.map((q) =>
        quarterlyTargetsReport(sql, {
          ...common,
          year: q.year,
          quarter: q.quarter,
          period: 'quarter',
          asOf: earlier(q.end, params.today),
        }),
      ),
    ),
    flowReport(sql, { ...common, from: period.start, to: period.end, asOf, groupBy: 'district' }),
    interventionEffectsReport(sql, { ...common, from: period.start, to: period.end, asOf, form: null, groupBy: null }),
  ]);
  return { period, asOf, targets: course[course.length - 1], course, flow, effects };
}
