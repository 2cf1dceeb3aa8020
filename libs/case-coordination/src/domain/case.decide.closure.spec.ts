import { caseDecider } from './case.decider';
import {
  BusinessDateInFuture,
  CaseNotFound,
  CaseStatusForbidsCommand,
  DateBeforeClosure,
  DateBeforeReceipt,
  ProposalAwaitsDecision,
} from './case.errors';
import { DeciderSpecification } from './testing/specification';
import {
  CLOSED_ON,
  INTERVENTION_ID,
  SYSTEM,
  TODAY,
  TOMORROW,
  atCareTable,
  awaitingSteeringGroup,
  caseClosed,
  caseReopened,
  closed,
  type CommandFields,
  commandOf,
  deadlineMissed,
  inExecution,
  inTriage,
  registered,
  withDraftedProposal,
  PROPOSAL_ID,
  COORDINATOR,
} from './testing/case.fixtures';

const { given } = DeciderSpecification.for(caseDecider);

describe('CloseCase', () => {
  const close = (fields: Partial<CommandFields<'CloseCase'>> = {}) =>
    commandOf('CloseCase', {
      closedOn: CLOSED_ON,
      outcome: 'exploitation_stopped',
      rationale: 'Premises closed, workers in shelter.',
      ...fields,
    });

  it('closes a case whose approach has been carried out', () => {
    given(inExecution).when(close()).then([caseClosed()]);
  });

  it('closes a case at the care table', () => {
    given(atCareTable)
      .when(close({ outcome: 'lost_contact', rationale: 'Victim left the country.' }))
      .then([caseClosed({ outcome: 'lost_contact', rationale: 'Victim left the country.' })]);
  });

  it('closes a case with a proposal that was only drafted, withdrawing the draft', () => {
    given(withDraftedProposal)
      .when(close())
      .then([
        {
          type: 'ProposalWithdrawn',
          data: { proposalId: PROPOSAL_ID, reason: 'The case was closed.', withdrawnBy: COORDINATOR },
        },
        caseClosed(),
      ]);
  });

  it('refuses to close while a proposal awaits the steering group', () => {
    given(awaitingSteeringGroup)
      .when(close())
      .thenThrows(ProposalAwaitsDecision, (error) => expect(error.message).toContain('proposal-1'));
  });

  it('refuses to close a case in triage', () => {
    given(inTriage).when(close()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses to close a closed case', () => {
    given(closed).when(close()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a closing date before the signal was received', () => {
    given(inExecution)
      .when(close({ closedOn: '2024-03-03' }))
      .thenThrows(DateBeforeReceipt);
  });

  it('refuses a closing date in the future', () => {
    given(inExecution)
      .when(close({ closedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses to close a case that does not exist', () => {
    given([]).when(close()).thenThrows(CaseNotFound);
  });
});

describe('ReopenCase', () => {
  const reopen = (fields: Partial<CommandFields<'ReopenCase'>> = {}) =>
    commandOf('ReopenCase', { reopenedOn: TODAY, reason: 'revictimization', ...fields });

  it('reopens a closed case', () => {
    given(closed).when(reopen()).then([caseReopened()]);
  });

  it('reopens on the day the case was closed', () => {
    given(closed)
      .when(reopen({ reopenedOn: CLOSED_ON, reason: 'closed_in_error' }))
      .then([caseReopened({ reopenedOn: CLOSED_ON, reason: 'closed_in_error' })]);
  });

  it('reopens a case closed at triage', () => {
    given([...inTriage, caseClosed({ closedOn: '2024-03-07', outcome: 'forwarded' })])
      .when(reopen({ reason: 'new_information' }))
      .then([caseReopened({ reason: 'new_information' })]);
  });

  it('refuses to reopen an open case', () => {
    given(inExecution).when(reopen()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a reopening date before the closure', () => {
    given(closed)
      .when(reopen({ reopenedOn: '2024-05-19' }))
      .thenThrows(DateBeforeClosure);
  });

  it('refuses a reopening date in the future', () => {
    given(closed)
      .when(reopen({ reopenedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses to reopen a case that does not exist', () => {
    given([]).when(reopen()).thenThrows(CaseNotFound);
  });
});

describe('RecordDeadlineMissed', () => {
  const missed = (fields: Partial<CommandFields<'RecordDeadlineMissed'>> = {}) =>
    commandOf(
      'RecordDeadlineMissed',
      {
        kind: 'effect_follow_up',
        dueOn: '2024-05-28',
        ref: INTERVENTION_ID,
        ...fields,
      },
      { actor: SYSTEM },
    );

  it('records a missed deadline', () => {
    given(inExecution).when(missed()).then([deadlineMissed()]);
  });

  it('records a missed triage deadline on a new signal', () => {
    given(registered)
      .when(missed({ kind: 'triage', dueOn: '2024-03-11', ref: 'case' }))
      .then([deadlineMissed({ kind: 'triage', dueOn: '2024-03-11', ref: 'case' })]);
  });

  it('records nothing when the same deadline was already recorded', () => {
    given([...inExecution, deadlineMissed()])
      .when(missed())
      .then([]);
  });

  it('records nothing for a deadline already recorded, even after closure', () => {
    given([...inExecution, deadlineMissed(), caseClosed()])
      .when(missed())
      .then([]);
  });

  it('records the same deadline again when it falls due on another date', () => {
    given([...inExecution, deadlineMissed()])
      .when(missed({ dueOn: '2024-05-29' }))
      .then([deadlineMissed({ dueOn: '2024-05-29' })]);
  });

  it('records a deadline of another kind with the same ref and date', () => {
    given([...awaitingSteeringGroup, deadlineMissed({ ref: 'proposal-1' })])
      .when(missed({ kind: 'proposal_decision', ref: 'proposal-1' }))
      .then([deadlineMissed({ kind: 'proposal_decision', ref: 'proposal-1' })]);
  });

  it('refuses a new missed deadline on a closed case', () => {
    given(closed).when(missed()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a due date in the future', () => {
    given(inExecution)
      .when(missed({ dueOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses a missed deadline on a case that does not exist', () => {
    given([]).when(missed()).thenThrows(CaseNotFound);
  });
});
