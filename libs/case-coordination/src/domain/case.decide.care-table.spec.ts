import { caseDecider } from './case.decider';
import {
  BusinessDateInFuture,
  CaseNotFound,
  CaseStatusForbidsCommand,
  DateBeforeSubmission,
  DuplicateId,
  FourEyesViolation,
  OpenProposalExists,
  ProposalNotDrafted,
  ProposalNotFound,
  ProposalNotSubmitted,
} from './case.errors';
import { DeciderSpecification } from './testing/specification';
import {
  COORDINATOR,
  DECIDED_ON,
  HELD_ON,
  MEETING_ID,
  OTHER_COORDINATOR,
  PROPOSAL_ID,
  STEERING_MEMBER,
  SUBMITTED_ON,
  TOMORROW,
  atCareTable,
  awaitingSteeringGroup,
  caseClosed,
  caseReopened,
  careTableMeetingRecorded,
  type CommandFields,
  commandOf,
  inExecution,
  inTriage,
  proposalDecided,
  proposalDrafted,
  proposalSubmitted,
  signalTriaged,
  withDraftedProposal,
} from './testing/case.fixtures';

const { given } = DeciderSpecification.for(caseDecider);

describe('RecordCareTableMeeting', () => {
  const recordMeeting = (fields: Partial<CommandFields<'RecordCareTableMeeting'>> = {}) =>
    commandOf('RecordCareTableMeeting', {
      meetingId: 'meeting-2',
      heldOn: HELD_ON,
      participants: ['police_avim', 'shelter'],
      conclusions: 'Shelter place found.',
      ...fields,
    });

  it('records a meeting at the care table', () => {
    given(atCareTable)
      .when(recordMeeting({ victimInformed: true }))
      .then([
        careTableMeetingRecorded({
          meetingId: 'meeting-2',
          participants: ['police_avim', 'shelter'],
          conclusions: 'Shelter place found.',
          victimInformed: true,
        }),
      ]);
  });

  it('records further meetings while the approach is carried out', () => {
    given(inExecution)
      .when(recordMeeting())
      .then([
        careTableMeetingRecorded({
          meetingId: 'meeting-2',
          participants: ['police_avim', 'shelter'],
          conclusions: 'Shelter place found.',
        }),
      ]);
  });

  it('refuses a meeting while the case is still in triage', () => {
    given(inTriage).when(recordMeeting()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a meeting id that was used before', () => {
    given(atCareTable)
      .when(recordMeeting({ meetingId: MEETING_ID }))
      .thenThrows(DuplicateId);
  });

  it('refuses a meeting held in the future', () => {
    given(atCareTable)
      .when(recordMeeting({ heldOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses a meeting on a case that does not exist', () => {
    given([]).when(recordMeeting()).thenThrows(CaseNotFound);
  });
});

describe('DraftProposal', () => {
  const draft = (proposalId = PROPOSAL_ID) =>
    commandOf('DraftProposal', {
      proposalId,
      summary: 'Joint inspection and shelter for the workers.',
      proposedInterventions: ['labour_inspection', 'shelter_placement'],
    });

  it('drafts a proposal in the name of the actor', () => {
    given(atCareTable).when(draft()).then([proposalDrafted()]);
  });

  it('drafts a new proposal after the steering group rejected the previous one', () => {
    given([...awaitingSteeringGroup, proposalDecided({ decision: 'rejected' })])
      .when(draft('proposal-2'))
      .then([proposalDrafted({ proposalId: 'proposal-2' })]);
  });

  it('refuses a second open proposal', () => {
    given(withDraftedProposal)
      .when(draft('proposal-2'))
      .thenThrows(OpenProposalExists, (error) => expect(error.message).toContain(PROPOSAL_ID));
  });

  it('refuses a proposal id that was used before', () => {
    given([...awaitingSteeringGroup, proposalDecided({ decision: 'rejected' })])
      .when(draft())
      .thenThrows(DuplicateId);
  });

  it('refuses a proposal outside the care table', () => {
    given(inExecution).when(draft('proposal-2')).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a proposal on a case that does not exist', () => {
    given([]).when(draft()).thenThrows(CaseNotFound);
  });
});

describe('SubmitProposal', () => {
  const submit = (fields: Partial<CommandFields<'SubmitProposal'>> = {}, actor = COORDINATOR) =>
    commandOf('SubmitProposal', { proposalId: PROPOSAL_ID, submittedOn: SUBMITTED_ON, ...fields }, { actor });

  it('submits the drafted proposal to the steering group', () => {
    given(withDraftedProposal).when(submit()).then([proposalSubmitted()]);
  });

  it('records who submitted it', () => {
    given(withDraftedProposal)
      .when(submit({}, OTHER_COORDINATOR))
      .then([proposalSubmitted({ submittedBy: OTHER_COORDINATOR })]);
  });

  it('refuses an unknown proposal', () => {
    given(withDraftedProposal)
      .when(submit({ proposalId: 'proposal-9' }))
      .thenThrows(ProposalNotFound);
  });

  it('refuses to submit a proposal twice', () => {
    given(awaitingSteeringGroup).when(submit()).thenThrows(ProposalNotDrafted);
  });

  it('refuses to submit a decided proposal', () => {
    given(inExecution).when(submit()).thenThrows(ProposalNotDrafted);
  });

  it('refuses a drafted proposal once the case has left the care table', () => {
    given([
      ...withDraftedProposal,
      caseClosed(),
      caseReopened({ reopenedOn: '2024-05-27', reason: 'new_information' }),
      signalTriaged({ decidedOn: '2024-05-28', decision: 'start_care' }),
    ])
      .when(submit({ submittedOn: '2024-05-29' }))
      .thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses a submission date in the future', () => {
    given(withDraftedProposal)
      .when(submit({ submittedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses a submission on a case that does not exist', () => {
    given([]).when(submit()).thenThrows(CaseNotFound);
  });
});

describe('WithdrawProposal', () => {
  const withdraw = (proposalId = PROPOSAL_ID) =>
    commandOf('WithdrawProposal', { proposalId, reason: 'Wrong approach.' });
  const withdrawn = {
    type: 'ProposalWithdrawn',
    data: { proposalId: PROPOSAL_ID, reason: 'Wrong approach.', withdrawnBy: COORDINATOR },
  } as const;

  it('withdraws a drafted proposal, after which a new one may be drafted', () => {
    given(withDraftedProposal).when(withdraw()).then([withdrawn]);
    given([...withDraftedProposal, withdrawn])
      .when(
        commandOf('DraftProposal', { proposalId: 'proposal-2', summary: 'Another.', proposedInterventions: ['other'] }),
      )
      .then([proposalDrafted({ proposalId: 'proposal-2', summary: 'Another.', proposedInterventions: ['other'] })]);
  });

  it('refuses to withdraw a submitted, decided or withdrawn proposal, or an unknown one', () => {
    given(awaitingSteeringGroup).when(withdraw()).thenThrows(ProposalNotDrafted);
    given(inExecution).when(withdraw()).thenThrows(ProposalNotDrafted);
    given([...withDraftedProposal, withdrawn])
      .when(withdraw())
      .thenThrows(ProposalNotDrafted);
    given(withDraftedProposal).when(withdraw('proposal-9')).thenThrows(ProposalNotFound);
  });
});

describe('DecideProposal', () => {
  const decide = (fields: Partial<CommandFields<'DecideProposal'>> = {}, actor = STEERING_MEMBER) =>
    commandOf(
      'DecideProposal',
      { proposalId: PROPOSAL_ID, decidedOn: DECIDED_ON, decision: 'approved', ...fields },
      { actor },
    );

  it('approves a submitted proposal', () => {
    given(awaitingSteeringGroup).when(decide()).then([proposalDecided()]);
  });

  it('rejects a submitted proposal, with notes', () => {
    given(awaitingSteeringGroup)
      .when(decide({ decision: 'rejected', notes: 'Ask the tax authority first.' }))
      .then([proposalDecided({ decision: 'rejected', notes: 'Ask the tax authority first.' })]);
  });

  it('accepts a decision on the day of submission', () => {
    given(awaitingSteeringGroup)
      .when(decide({ decidedOn: SUBMITTED_ON }))
      .then([proposalDecided({ decidedOn: SUBMITTED_ON })]);
  });

  it('refuses an unknown proposal', () => {
    given(awaitingSteeringGroup)
      .when(decide({ proposalId: 'proposal-9' }))
      .thenThrows(ProposalNotFound);
  });

  it('refuses a proposal that was not submitted', () => {
    given(withDraftedProposal).when(decide()).thenThrows(ProposalNotSubmitted);
  });

  it('refuses a proposal that was already decided', () => {
    given(inExecution).when(decide()).thenThrows(ProposalNotSubmitted);
  });

  it('refuses a decision by the person who drafted the proposal', () => {
    given([...withDraftedProposal, proposalSubmitted({ submittedBy: OTHER_COORDINATOR })])
      .when(decide({}, COORDINATOR))
      .thenThrows(FourEyesViolation, (error) => expect(error.message).toContain('drafted'));
  });

  it('refuses a decision by the person who submitted the proposal', () => {
    given([...withDraftedProposal, proposalSubmitted({ submittedBy: OTHER_COORDINATOR })])
      .when(decide({}, OTHER_COORDINATOR))
      .thenThrows(FourEyesViolation, (error) => expect(error.message).toContain('submitted'));
  });

  it('refuses a decision date before the submission', () => {
    given(awaitingSteeringGroup)
      .when(decide({ decidedOn: '2024-03-17' }))
      .thenThrows(DateBeforeSubmission);
  });

  it('refuses a decision date in the future', () => {
    given(awaitingSteeringGroup)
      .when(decide({ decidedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses a decision on a case that does not exist', () => {
    given([]).when(decide()).thenThrows(CaseNotFound);
  });
});
