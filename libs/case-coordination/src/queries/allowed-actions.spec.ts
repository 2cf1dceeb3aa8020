import type { Actor, Role } from '@baken/access';
import { fold, type CaseEvent, type OpenCase } from '../domain';
import {
  atCareTable,
  awaitingSteeringGroup,
  closed,
  COORDINATOR,
  DISTRICT,
  inExecution,
  interventionExecuted,
  interventionPlanned,
  inTriage,
  INTERVENTION_ID,
  LIAISON,
  PROPOSAL_ID,
  proposalSubmitted,
  registered,
  STEERING_MEMBER,
  subjectPersonalDataErased,
  SUSPECT_ID,
  subjectAdded,
  VICTIM_ID,
  withDraftedProposal,
  withDraftedProposal as drafted,
  withExecutedIntervention,
  ACTION_POINT_ID,
  actionPointAdded,
  forwarded,
} from '../domain/testing/case.fixtures';
import { allowedActionsOf } from './case-queries.service';

const actor = (role: Role, username: string, extra: Partial<Actor> = {}): Actor => ({
  username,
  role,
  districts: [DISTRICT],
  municipality: null,
  organisation: null,
  ...extra,
});
const coordinator = actor('coordinator', COORDINATOR, { organisation: 'care_coordinator' });
const steering = actor('steering_group', STEERING_MEMBER, { organisation: 'riec' });
const inspectorate = actor('partner', 'partner.labour-inspectorate', {
  districts: [],
  organisation: 'labour_inspectorate',
});
const police = actor('partner', 'partner.police-avim', { districts: [], organisation: 'police_avim' });

const caseAfter = (events: readonly CaseEvent[]): OpenCase => fold(events)!;
const OTHER_INTERVENTION = 'intervention-2';
const plannedAndExecuted = [
  ...withExecutedIntervention,
  interventionPlanned({ interventionId: OTHER_INTERVENTION, leadOrganisation: 'police_avim' }),
];

describe('the actions a case offers an actor: the rules of the case and the access policy together', () => {
  it('offers assignment for a new signal, and triage once assigned', () => {
    expect(allowedActionsOf(coordinator, caseAfter(registered)).case).toEqual([
      'AssignCoordinator',
      'ReclassifyCase',
      'LinkCase',
      'AddSubject',
    ]);
    expect(allowedActionsOf(coordinator, caseAfter(inTriage)).case).toEqual([
      'AssignCoordinator',
      'ReclassifyCase',
      'LinkCase',
      'Triage',
      'AddSubject',
    ]);
  });

  it('offers the care table, a proposal, an intervention and closing at the care table', () => {
    expect(allowedActionsOf(coordinator, caseAfter(atCareTable)).case).toEqual([
      'ReclassifyCase',
      'LinkCase',
      'RecordCareTableMeeting',
      'DraftProposal',
      'PlanIntervention',
      'AddSubject',
      'CloseCase',
    ]);
  });

  it('offers submitting a drafted proposal instead of drafting another', () => {
    const actions = allowedActionsOf(coordinator, caseAfter(withDraftedProposal));
    expect(actions.case).toEqual([
      'ReclassifyCase',
      'LinkCase',
      'RecordCareTableMeeting',
      'PlanIntervention',
      'AddSubject',
      'CloseCase',
    ]);
    expect(actions.proposals).toEqual({ [PROPOSAL_ID]: ['SubmitProposal', 'WithdrawProposal', 'ReviseProposal'] });
  });

  it('does not offer closing while a proposal awaits the steering group, and offers the decision to the steering group only', () => {
    const awaiting = caseAfter(awaitingSteeringGroup);
    expect(allowedActionsOf(coordinator, awaiting)).toMatchObject({
      case: ['ReclassifyCase', 'LinkCase', 'PlanIntervention', 'AddSubject'],
      proposals: { [PROPOSAL_ID]: [] },
    });
    expect(allowedActionsOf(steering, awaiting)).toMatchObject({
      case: [],
      proposals: { [PROPOSAL_ID]: ['DecideProposal'] },
    });
  });

  it('does not offer the decision to a steering group member who submitted the proposal (four eyes)', () => {
    const submittedBySteering = caseAfter([...drafted, proposalSubmitted({ submittedBy: STEERING_MEMBER })]);
    expect(allowedActionsOf(steering, submittedBySteering).proposals).toEqual({ [PROPOSAL_ID]: [] });
  });

  it('offers execution of planned interventions, effects of executed ones, disclosure to each and a follow-up proposal while in execution', () => {
    const actions = allowedActionsOf(coordinator, caseAfter(plannedAndExecuted));
    expect(actions.case).toEqual([
      'ReclassifyCase',
      'LinkCase',
      'RecordCareTableMeeting',
      'DraftProposal',
      'PlanIntervention',
      'AddSubject',
      'CloseCase',
    ]);
    expect(actions.interventions).toEqual({
      [INTERVENTION_ID]: ['RecordInterventionEffect', 'DiscloseSubject'],
      [OTHER_INTERVENTION]: ['RecordInterventionExecuted', 'CancelIntervention', 'DiscloseSubject'],
    });
  });

  it('offers a partner only the execution and effects of the interventions it leads', () => {
    const c = caseAfter(plannedAndExecuted);
    expect(allowedActionsOf(inspectorate, c)).toMatchObject({
      case: [],
      interventions: { [INTERVENTION_ID]: ['RecordInterventionEffect'], [OTHER_INTERVENTION]: [] },
    });
    expect(allowedActionsOf(police, c)).toMatchObject({
      case: [],
      interventions: { [INTERVENTION_ID]: [], [OTHER_INTERVENTION]: ['RecordInterventionExecuted'] },
    });
  });

  it('offers the owner of an open action point its completion, and the partner a forwarded case’s feedback', () => {
    const withPoint = caseAfter([...plannedAndExecuted, actionPointAdded({ ownerOrganisation: 'police_avim' })]);
    expect(allowedActionsOf(police, withPoint).actionPoints).toEqual({ [ACTION_POINT_ID]: ['CompleteActionPoint'] });
    expect(allowedActionsOf(inspectorate, withPoint).actionPoints).toEqual({ [ACTION_POINT_ID]: [] });
    expect(allowedActionsOf(coordinator, withPoint).actionPoints).toEqual({
      [ACTION_POINT_ID]: ['CompleteActionPoint'],
    });
    const forwardedCase = caseAfter(forwarded);
    expect(allowedActionsOf(police, forwardedCase).case).toEqual(['RecordForwardFeedback']);
    expect(allowedActionsOf(inspectorate, forwardedCase).case).toEqual([]);
    expect(allowedActionsOf(coordinator, forwardedCase).case).toEqual([
      'ReclassifyCase',
      'LinkCase',
      'RecordForwardFeedback',
      'AddSubject',
      'CloseCase',
    ]);
  });

  it('offers reopening a closed case and effects still, but no execution', () => {
    const c = caseAfter([
      ...closed.slice(0, -1),
      interventionPlanned({ interventionId: OTHER_INTERVENTION }),
      ...closed.slice(-1),
    ]);
    const actions = allowedActionsOf(coordinator, c);
    expect(actions.case).toEqual(['LinkCase', 'ReopenCase']);
    expect(actions.interventions).toEqual({
      [INTERVENTION_ID]: ['RecordInterventionEffect'],
      [OTHER_INTERVENTION]: [],
    });
  });

  it('offers erasure of each person who still has personal data, in any status, and consent only on an open case', () => {
    const withSuspect = [...inExecution, subjectAdded()];
    expect(allowedActionsOf(coordinator, caseAfter(withSuspect)).subjects).toEqual({
      [VICTIM_ID]: ['RecordConsent', 'EraseSubjectPersonalData'],
      [SUSPECT_ID]: ['RecordConsent', 'EraseSubjectPersonalData'],
    });
    const erasedAndClosed = [
      ...withSuspect,
      interventionPlanned(),
      interventionExecuted(),
      subjectPersonalDataErased(),
      ...closed.slice(-1),
    ];
    expect(allowedActionsOf(coordinator, caseAfter(erasedAndClosed)).subjects).toEqual({
      [VICTIM_ID]: [],
      [SUSPECT_ID]: ['EraseSubjectPersonalData'],
    });
  });

  it('offers nothing to roles that only read', () => {
    for (const reader of [
      actor('liaison', LIAISON, { municipality: 'breda' }),
      actor('auditor', 'auditor'),
      actor('analyst', 'analyst'),
      actor('admin', 'admin'),
    ]) {
      const actions = allowedActionsOf(reader, caseAfter(plannedAndExecuted));
      expect(
        [
          actions.case,
          ...Object.values(actions.interventions),
          ...Object.values(actions.proposals),
          ...Object.values(actions.subjects),
        ].flat(),
      ).toEqual([]);
    }
  });
});
