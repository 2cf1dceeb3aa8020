import type { BusinessDate, DeadlineKind, OpenCase } from '../domain';
import { addDays, addWorkingDays, startOfBusinessDate, type HolidayCalendar } from './working-days';

export interface DeadlinePeriods {
  triageWorkingDays: number;
  proposalDecisionDays: number;
  effectFollowUpDays: number;
}

export const DEFAULT_DEADLINE_PERIODS: DeadlinePeriods = { triageWorkingDays: 5, proposalDecisionDays: 30, effectFollowUpDays: 56 };

/** When each kind of work is due, counted from the business date that started it (DOMAIN.md "Deadlines"). */
export interface DeadlineRules {
  dueOn(kind: DeadlineKind, startedOn: BusinessDate): BusinessDate;
}

/**
 * Triage: working days after receipt or reopening (weekends and public holidays skipped). Proposal decision and
 * effect follow-up: calendar days after submission or execution, also when that lands on a weekend.
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
      }
    },
  };
}

/**
 * Work is due by the end of its due date: the deadline is missed once the next day has begun in Europe/Amsterdam,
 * that is when `today` (a business date) is after `dueOn`.
 */
export const isMissed = (dueOn: BusinessDate, today: BusinessDate): boolean => dueOn < today;

/** The instant a deadline counts as missed: the start of the day after `dueOn`, Europe/Amsterdam. */
export const missedAt = (dueOn: BusinessDate): Date => startOfBusinessDate(addDays(dueOn, 1));

/** The reference of the triage deadline: the case id for the first triage, `reopening-<n>` after the n-th reopening. */
export const triageRef = (caseId: string, reopenings: number): string => (reopenings === 0 ? caseId : `reopening-${reopenings}`);

/**
 * Whether the work a deadline asks for is still not done in the case as it is now. A triage deadline belongs to
 * one round of triage: after a later reopening it is over, whatever the status.
 */
export function isWorkOpen(state: OpenCase, deadline: { kind: DeadlineKind; ref: string }): boolean {
  if (state.status === 'closed') return false;
  switch (deadline.kind) {
    case 'triage':
      return (state.status === 'signal_received' || state.status === 'in_triage') &&
        deadline.ref === triageRef(state.caseId, state.reopenings.length);
    case 'proposal_decision':
      return state.proposals.some((p) => p.proposalId === deadline.ref && p.status === 'submitted');
    case 'effect_follow_up':
      return state.interventions.some((i) => i.interventionId === deadline.ref && i.executedOn !== null && i.effects.length === 0);
  }
}
