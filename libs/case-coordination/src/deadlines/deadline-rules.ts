import { addDays, addWorkingDays, startOfBusinessDate, type HolidayCalendar } from '@baken/platform';
import type { BusinessDate, DeadlineKind, Urgency } from '../domain';

export interface DeadlinePeriods {
  /** Triage of a signal of normal or unknown urgency. */
  triageWorkingDays: number;
  triageHighWorkingDays: number;
  triageAcuteWorkingDays: number;
  proposalDecisionDays: number;
  effectFollowUpDays: number;
  forwardFeedbackWorkingDays: number;
}

/** When each kind of work is due, counted from the business date that started it (DOMAIN.md "Deadlines"). */
export interface DeadlineRules {
  /**
   * `urgency`: for triage, the urgency known when the work started (`null`: unknown, as normal). `globalPosition`: the
   * place in the log of the event that started it, which picks the periods in force then (the latest when absent).
   */
  dueOn(kind: DeadlineKind, startedOn: BusinessDate, urgency?: Urgency | null, globalPosition?: string): BusinessDate;
}

/** The periods in force for an event at a place in the log (the latest when absent). */
export type DeadlinePeriodsAt = (globalPosition?: string) => DeadlinePeriods;

/**
 * Triage: working days after receipt or reopening (weekends and public holidays skipped), fewer for an acute or high
 * urgency. A forwarded case's feedback: working days after the triage that forwarded it. Proposal decision and effect
 * follow-up: calendar days after submission or execution, also when that lands on a weekend. A revisit, an evaluation
 * and an action point are due on the date that was named for them.
 */
export function deadlineRules(
  periodsOrSource: DeadlinePeriods | DeadlinePeriodsAt,
  holidays: HolidayCalendar,
): DeadlineRules {
  const periodsAt: DeadlinePeriodsAt = typeof periodsOrSource === 'function' ? periodsOrSource : () => periodsOrSource;
  return {
    dueOn(kind, startedOn, urgency = null, globalPosition) {
      const periods = periodsAt(globalPosition);
      switch (kind) {
        case 'triage':
          return addWorkingDays(startedOn, triageWorkingDays(periods, urgency), holidays);
        case 'forward_feedback':
          return addWorkingDays(startedOn, periods.forwardFeedbackWorkingDays, holidays);
        case 'proposal_decision':
          return addDays(startedOn, periods.proposalDecisionDays);
        case 'effect_follow_up':
          return addDays(startedOn, periods.effectFollowUpDays);
        case 'proposal_revisit':
        case 'proposal_evaluation':
        case 'action_point':
          // Due on the date named: the revisit date of a deferral, the evaluation date of an approval, an action point's.
          return startedOn;
      }
    },
  };
}

/**
 * The instant a deadline counts as missed: the start of the day after `dueOn`, Europe/Amsterdam (the domain's
 * `isOverdue` on that day's business date).
 */
export const missedAt = (dueOn: BusinessDate): Date => startOfBusinessDate(addDays(dueOn, 1));

/** Working days for triage at an urgency: acute and high are sooner; normal and unknown take the usual period. */
const triageWorkingDays = (periods: DeadlinePeriods, urgency: Urgency | null): number =>
  urgency === 'acute'
    ? periods.triageAcuteWorkingDays
    : urgency === 'high'
      ? periods.triageHighWorkingDays
      : periods.triageWorkingDays;
