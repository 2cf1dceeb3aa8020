import type { OpenCase } from './case';
import type { BusinessDate, DeadlineKind } from './enumerations';

/**
 * The rules of DOMAIN.md "Deadlines" that do not depend on a calendar: which work a deadline watches, whether that
 * work is still open, and when it is overdue. The case list's flag, the deadline workflow's escalation job and the
 * work queue all ask these functions; none keeps a copy of its own.
 */

/** A deadline as the case knows it: what kind of work, and which part of the case (`ref`) it watches. */
export interface DeadlineRef {
  kind: DeadlineKind;
  /**
   * The case id or `reopening-<n>` (triage), the proposal id (decision, revisit, evaluation), the intervention id
   * (effect follow-up), `forward-<n>` (the n-th forwarding's feedback), the action point id.
   */
  ref: string;
  /** Its due date: a revisit is due on the date the latest deferral named. */
  dueOn?: BusinessDate;
}

/** The reference of the triage deadline: the case id for the first triage, `reopening-<n>` after the n-th reopening. */
export const triageRef = (caseId: string, reopenings: number): string =>
  reopenings === 0 ? caseId : `reopening-${reopenings}`;

/**
 * Whether the work a deadline asks for is still not done in the case as it is now. Nothing is open on a closed case,
 * and a triage deadline belongs to one round of triage: after a later reopening it is over, whatever the status.
 */
export function isWorkOpen(state: OpenCase, deadline: DeadlineRef): boolean {
  if (state.status === 'closed') return false;
  switch (deadline.kind) {
    case 'triage':
      return (
        (state.status === 'signal_received' || state.status === 'in_triage') &&
        deadline.ref === triageRef(state.caseId, state.reopenings.length)
      );
    case 'proposal_decision':
      // A deferral replaces the decision deadline by its revisit date.
      return state.proposals.some(
        (p) => p.proposalId === deadline.ref && p.status === 'submitted' && p.revisitOn === null,
      );
    case 'proposal_revisit':
      return state.proposals.some(
        (p) =>
          p.proposalId === deadline.ref &&
          p.status === 'submitted' &&
          p.revisitOn !== null &&
          p.revisitOn === (deadline.dueOn ?? p.revisitOn),
      );
    case 'proposal_evaluation':
      return state.proposals.some(
        (p) =>
          p.proposalId === deadline.ref && p.status === 'approved' && p.evaluateOn !== null && p.evaluation === null,
      );
    case 'effect_follow_up':
      return state.interventions.some(
        (i) => i.interventionId === deadline.ref && i.executedOn !== null && i.effects.length === 0,
      );
    case 'forward_feedback':
      return (
        state.status === 'forwarded' && state.forwarding?.ref === deadline.ref && state.forwarding.feedback === null
      );
    case 'action_point':
      return state.actionPoints.some((a) => a.actionPointId === deadline.ref && a.completedOn === null);
  }
}

/**
 * Work is due by the end of its due date, so it is overdue once `today` (a business date, Europe/Amsterdam) is after
 * `dueOn` — or as soon as the system has recorded the deadline as missed.
 */
export const isOverdue = (deadline: { dueOn: BusinessDate; missed?: boolean }, today: BusinessDate): boolean =>
  deadline.missed === true || deadline.dueOn < today;

/** The case list's `overdue` flag: a deadline recorded as missed whose work is still open. */
export const hasOpenMissedDeadline = (state: OpenCase): boolean =>
  state.missedDeadlines.some((missed) => isWorkOpen(state, missed));
