import { addDays, addWorkingDays, startOfBusinessDate, type HolidayCalendar } from '@baken/platform';
import type { BusinessDate, DeadlineKind } from '../domain';

export interface DeadlinePeriods {
  triageWorkingDays: number;
  proposalDecisionDays: number;
  effectFollowUpDays: number;
}

/** When each kind of work is due, counted from the business date that started it (DOMAIN.md "Deadlines"). */
export interface DeadlineRules {
  dueOn(kind: DeadlineKind, startedOn: BusinessDate): BusinessDate;
}

/**
 * Triage: working days after receipt or reopening (weekends and public holidays skipped). Proposal decision and
 * effect follow-up: calendar days after submission or execution, also when that lands on a weekend. A revisit and an
 * evaluation are due on the date the stuurploeg named.
 */
export function deadlineRules(periods: DeadlinePeriods, holidays: HolidayCalendar): DeadlineRules {
  return {
    dueOn(kind, startedOn) {
      switch (kind) {
        case 'triage':
          return addWorkingDays(startedOn, periods.triageWorkingDays, holidays);
        case 'proposal_decision':
          return addDays(startedOn, periods.proposalDecisionDays);
        case 'effect_follow_up':
          return addDays(startedOn, periods.effectFollowUpDays);
        case 'proposal_revisit':
        case 'proposal_evaluation':
          // Due on the date the stuurploeg named: the revisit date of a deferral, the evaluation date of an approval.
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
