import { caseDecider } from './case.decider';
import {
  BusinessDateInFuture,
  CaseNotFound,
  CaseStatusForbidsCommand,
  DuplicateId,
  NoMeasures,
  OpenProposalExists,
  ProposalNotDrafted,
  ProposalNotFound,
} from './case.errors';
import { DeciderSpecification } from './testing/specification';
import {
  COORDINATOR,
  HELD_ON,
  MEETING_ID,
  OTHER_COORDINATOR,
  PROPOSAL_ID,
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
  MEASURES,
  proposalDecided,
  proposalDrafted,
  proposalSubmitted,
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
      measures: MEASURES,
    });

  it('drafts a proposal in the name of the actor', () => {
    given(atCareTable).when(draft()).then([proposalDrafted()]);
  });

  it('keeps the steering summary the stuurploeg reads', () => {
    given(atCareTable)
      .when(
        commandOf('DraftProposal', {
          proposalId: PROPOSAL_ID,
          summary: 'S.',
          steeringSummary: 'For the stuurploeg.',
          measures: MEASURES,
        }),
      )
      .then([proposalDrafted({ summary: 'S.', steeringSummary: 'For the stuurploeg.' })]);
  });

  it('drafts a new proposal after the steering group rejected the previous one', () => {
    given([...awaitingSteeringGroup, proposalDecided({ decision: 'rejected' })])
      .when(draft('proposal-2'))
      .then([proposalDrafted({ proposalId: 'proposal-2' })]);
  });

  it('drafts a follow-up proposal while the approach is carried out', () => {
    given(inExecution)
      .when(draft('proposal-2'))
      .then([proposalDrafted({ proposalId: 'proposal-2' })]);
  });

  it('refuses a proposal without measures', () => {
    given(atCareTable)
      .when(commandOf('DraftProposal', { proposalId: PROPOSAL_ID, summary: 'S.', measures: [] }))
      .thenThrows(NoMeasures);
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

  it('refuses a proposal before the care table', () => {
    given(inTriage).when(draft('proposal-2')).thenThrows(CaseStatusForbidsCommand);
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

  it('submits a follow-up proposal while the approach is carried out', () => {
    given([...inExecution, proposalDrafted({ proposalId: 'proposal-2' })])
      .when(submit({ proposalId: 'proposal-2' }))
      .then([proposalSubmitted({ proposalId: 'proposal-2' })]);
  });

  it('refuses a drafted proposal of a case that is back in triage (a draft left by an earlier closure)', () => {
    given([...withDraftedProposal, caseClosed(), caseReopened({ reopenedOn: '2024-05-27', reason: 'new_information' })])
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
