import { hasOpenMissedDeadline, isOverdue, isWorkOpen, triageRef } from './case.deadlines';
import { fold, type CaseEvent, type OpenCase } from './case';
import {
  awaitingSteeringGroup,
  CASE_ID,
  careTableMeetingRecorded,
  caseClosed,
  caseReopened,
  coordinatorAssigned,
  deadlineMissed,
  inTriage,
  interventionEffectRecorded,
  interventionExecuted,
  interventionPlanned,
  INTERVENTION_ID,
  PROPOSAL_ID,
  proposalDecided,
  proposalDrafted,
  proposalSubmitted,
  signalRegistered,
  signalTriaged,
  withExecutedIntervention,
  voteCast,
  proposalApproved,
  proposalRejected,
  proposalEvaluated,
} from './testing/case.fixtures';

const caseAfter = (events: readonly CaseEvent[]): OpenCase => fold(events)!;

describe('when a deadline is overdue', () => {
  it('is overdue from the day after the due date, not on it', () => {
    expect(isOverdue({ dueOn: '2026-03-09' }, '2026-03-09')).toBe(false);
    expect(isOverdue({ dueOn: '2026-03-09' }, '2026-03-10')).toBe(true);
  });

  it('is overdue as soon as the system recorded it as missed', () => {
    expect(isOverdue({ dueOn: '2026-03-09', missed: true }, '2026-03-09')).toBe(true);
    expect(isOverdue({ dueOn: '2026-03-09', missed: false }, '2026-03-09')).toBe(false);
  });
});

describe('whether the work of a deadline is still open', () => {
  const triage = { kind: 'triage' as const, ref: triageRef(CASE_ID, 0) };
  const decision = { kind: 'proposal_decision' as const, ref: PROPOSAL_ID };
  const effect = { kind: 'effect_follow_up' as const, ref: INTERVENTION_ID };
  const executed = [
    signalRegistered(),
    coordinatorAssigned(),
    signalTriaged({ decision: 'start_care' }),
    interventionPlanned(),
    interventionExecuted(),
  ];

  it('keeps triage open until the signal is triaged', () => {
    expect(isWorkOpen(caseAfter([signalRegistered()]), triage)).toBe(true);
    expect(isWorkOpen(caseAfter([signalRegistered(), coordinatorAssigned()]), triage)).toBe(true);
    expect(isWorkOpen(caseAfter([signalRegistered(), coordinatorAssigned(), signalTriaged()]), triage)).toBe(false);
  });

  it('ties a triage deadline to its round: the first one is over once the case was reopened', () => {
    const reopened = caseAfter([
      signalRegistered(),
      coordinatorAssigned(),
      signalTriaged(),
      caseClosed(),
      caseReopened(),
    ]);
    expect(isWorkOpen(reopened, triage)).toBe(false);
    expect(isWorkOpen(reopened, { kind: 'triage', ref: triageRef(CASE_ID, 1) })).toBe(true);
  });

  it('keeps a proposal decision open while the proposal is submitted', () => {
    const submitted = [
      signalRegistered(),
      coordinatorAssigned(),
      signalTriaged(),
      proposalDrafted(),
      proposalSubmitted(),
    ];
    expect(isWorkOpen(caseAfter(submitted), decision)).toBe(true);
    expect(isWorkOpen(caseAfter([...submitted, proposalDecided()]), decision)).toBe(false);
  });

  it('keeps an effect follow-up open until an effect is recorded', () => {
    expect(isWorkOpen(caseAfter(executed), effect)).toBe(true);
    expect(isWorkOpen(caseAfter([...executed, interventionEffectRecorded()]), effect)).toBe(false);
  });

  it('closes all work when the case closes', () => {
    expect(isWorkOpen(caseAfter([...executed, caseClosed()]), effect)).toBe(false);
  });
});

describe("the case list's overdue flag: a missed deadline whose work is still open", () => {
  const missedTriage = deadlineMissed({ kind: 'triage', dueOn: '2024-03-11', ref: triageRef(CASE_ID, 0) });
  const missedDecision = deadlineMissed({ kind: 'proposal_decision', dueOn: '2024-04-17', ref: PROPOSAL_ID });
  const missedEffect = deadlineMissed({ kind: 'effect_follow_up', dueOn: '2024-05-28', ref: INTERVENTION_ID });

  it('is clear while nothing was missed', () => {
    expect(hasOpenMissedDeadline(caseAfter(inTriage))).toBe(false);
    expect(hasOpenMissedDeadline(caseAfter(withExecutedIntervention))).toBe(false);
  });

  it('is set while a missed triage is not done, and clears once it is, even late', () => {
    expect(hasOpenMissedDeadline(caseAfter([...inTriage, missedTriage]))).toBe(true);
    expect(hasOpenMissedDeadline(caseAfter([...inTriage, missedTriage, signalTriaged()]))).toBe(false);
  });

  it('does not count a triage missed before a reopening against the new round, but a miss of the new round', () => {
    const reopened = [
      ...inTriage,
      missedTriage,
      signalTriaged(),
      careTableMeetingRecorded(),
      caseClosed(),
      caseReopened(),
    ];
    expect(hasOpenMissedDeadline(caseAfter(reopened))).toBe(false);
    const missedAgain = deadlineMissed({ kind: 'triage', dueOn: '2024-06-07', ref: triageRef(CASE_ID, 1) });
    expect(hasOpenMissedDeadline(caseAfter([...reopened, missedAgain]))).toBe(true);
  });

  it('is set while a missed decision is awaited, and clears with the decision', () => {
    expect(hasOpenMissedDeadline(caseAfter([...awaitingSteeringGroup, missedDecision]))).toBe(true);
    expect(hasOpenMissedDeadline(caseAfter([...awaitingSteeringGroup, missedDecision, proposalDecided()]))).toBe(false);
  });

  it('is set while a missed effect is not recorded, and clears with the effect', () => {
    expect(hasOpenMissedDeadline(caseAfter([...withExecutedIntervention, missedEffect]))).toBe(true);
    expect(
      hasOpenMissedDeadline(caseAfter([...withExecutedIntervention, missedEffect, interventionEffectRecorded()])),
    ).toBe(false);
  });

  it('is never set on a closed case', () => {
    expect(hasOpenMissedDeadline(caseAfter([...withExecutedIntervention, missedEffect, caseClosed()]))).toBe(false);
  });
});

describe('the deadlines of the stuurploeg and of the evaluation', () => {
  const deferred = [...awaitingSteeringGroup, voteCast({ vote: 'deferred', revisitOn: '2024-04-15' })];

  it('replaces the decision deadline by the revisit date of the latest deferral', () => {
    expect(isWorkOpen(caseAfter(awaitingSteeringGroup), { kind: 'proposal_decision', ref: PROPOSAL_ID })).toBe(true);
    expect(isWorkOpen(caseAfter(deferred), { kind: 'proposal_decision', ref: PROPOSAL_ID })).toBe(false);
    expect(isWorkOpen(caseAfter(deferred), { kind: 'proposal_revisit', ref: PROPOSAL_ID, dueOn: '2024-04-15' })).toBe(
      true,
    );
    const deferredAgain = [
      ...deferred,
      voteCast({ voter: 'nla', organisation: 'labour_inspectorate', vote: 'deferred', revisitOn: '2024-05-01' }),
    ];
    expect(
      isWorkOpen(caseAfter(deferredAgain), { kind: 'proposal_revisit', ref: PROPOSAL_ID, dueOn: '2024-04-15' }),
    ).toBe(false);
    expect(
      isWorkOpen(caseAfter(deferredAgain), { kind: 'proposal_revisit', ref: PROPOSAL_ID, dueOn: '2024-05-01' }),
    ).toBe(true);
    expect(
      isWorkOpen(caseAfter([...deferred, proposalRejected()]), {
        kind: 'proposal_revisit',
        ref: PROPOSAL_ID,
        dueOn: '2024-04-15',
      }),
    ).toBe(false);
  });

  it('keeps an evaluation open from the approval with an evaluation date until the evaluation is recorded', () => {
    const approved = [...awaitingSteeringGroup, proposalApproved({ evaluateOn: '2024-05-01' })];
    expect(isWorkOpen(caseAfter(approved), { kind: 'proposal_evaluation', ref: PROPOSAL_ID })).toBe(true);
    expect(
      isWorkOpen(caseAfter([...approved, proposalEvaluated()]), { kind: 'proposal_evaluation', ref: PROPOSAL_ID }),
    ).toBe(false);
    expect(
      isWorkOpen(caseAfter([...awaitingSteeringGroup, proposalApproved()]), {
        kind: 'proposal_evaluation',
        ref: PROPOSAL_ID,
      }),
    ).toBe(false);
  });
});
