import type {
  CaseCommandType,
  CommandContext,
  CommandOf,
  CaseEvent,
  Measure,
  CaseEventType,
  EventOf,
  SealedPersonalData,
} from '../case';

/** Fixed ids, people and dates for the tests of the case decider. The people are invented. */
export const CASE_ID = '3f2b6c1e-8a4d-4e7b-9c21-5d0a7e9b4f10';
export const REFERENCE = 'BAR-2024-0042';
export const DISTRICT = 'de-baronie';
export const DE_BARONIE = [
  'alphen-chaam',
  'altena',
  'baarle-nassau',
  'breda',
  'drimmelen',
  'etten-leur',
  'geertruidenberg',
  'oosterhout',
  'zundert',
] as const;

export const LIAISON = 'user-liaison-breda';
export const COORDINATOR = 'user-coordinator-baronie-1';
export const OTHER_COORDINATOR = 'user-coordinator-baronie-2';
export const STEERING_MEMBER = 'user-steering-baronie';
export const SYSTEM = 'system';

export const VICTIM_ID = 'subject-victim-1';
export const SUSPECT_ID = 'subject-suspect-1';
export const MEETING_ID = 'meeting-1';
export const PROPOSAL_ID = 'proposal-1';
export const INTERVENTION_ID = 'intervention-1';
export const ACTION_POINT_ID = 'action-point-1';
export const SESSION_ID = 'session-1';
export const FEEDBACK_ON = '2024-03-12';
export const DUE_ON = '2024-03-28';

export const RECEIVED_ON = '2024-03-04';
export const TRIAGED_ON = '2024-03-07';
export const HELD_ON = '2024-03-14';
export const SUBMITTED_ON = '2024-03-18';
export const DECIDED_ON = '2024-03-25';
export const PLANNED_ON = '2024-03-26';
export const EXECUTED_ON = '2024-04-02';
export const OBSERVED_ON = '2024-04-16';
export const CLOSED_ON = '2024-05-20';
export const TODAY = '2024-05-31';
export const TOMORROW = '2024-06-01';

/** The measures of the fixture proposal: a labour inspection (labour law: the inspectorate is competent) and shelter. */
export const MEASURES: Measure[] = [
  { type: 'labour_inspection', leadOrganisation: 'labour_inspectorate' },
  { type: 'shelter_placement', leadOrganisation: 'shelter:sterk-huis' },
];

export const SEALED: SealedPersonalData = {
  alg: 'A256GCM',
  iv: 'aXYtMQ==',
  ciphertext: 'Y2lwaGVydGV4dA==',
  tag: 'dGFnLTE=',
};

/** The fields of a command of type `T`, without its type and context. */
export type CommandFields<T extends CaseCommandType> = Omit<CommandOf<T>, keyof CommandContext | 'type'>;

/** A command from the coordinator today, unless `context` says otherwise. */
export const commandOf = <T extends CaseCommandType>(
  type: T,
  fields: CommandFields<T>,
  context: Partial<CommandContext> = {},
): CommandOf<T> => ({ actor: COORDINATOR, today: TODAY, ...context, type, ...fields }) as CommandOf<T>;

const event =
  <T extends CaseEventType>(type: T) =>
  (data: EventOf<T>['data']): EventOf<T> =>
    ({ type, data }) as EventOf<T>;

type Data<T extends CaseEventType> = Partial<EventOf<T>['data']>;

export const signalRegistered = (data: Data<'SignalRegistered'> = {}) =>
  event('SignalRegistered')({
    caseId: CASE_ID,
    reference: REFERENCE,
    district: DISTRICT,
    municipality: 'breda',
    receivedOn: RECEIVED_ON,
    source: { type: 'municipality', organisation: 'Gemeente Breda' },
    forms: ['labour'],
    vulnerabilities: ['labour_migrant'],
    summary: 'Workers housed above a car wash, passports kept by the employer.',
    subjects: [{ subjectId: VICTIM_ID, role: 'victim', pseudonym: 'S-7Q2K', personalData: SEALED }],
    registeredBy: LIAISON,
    ...data,
  });
export const coordinatorAssigned = (data: Data<'CoordinatorAssigned'> = {}) =>
  event('CoordinatorAssigned')({ coordinator: COORDINATOR, ...data });
export const signalTriaged = (data: Data<'SignalTriaged'> = {}) =>
  event('SignalTriaged')({
    decidedOn: TRIAGED_ON,
    urgency: 'high',
    decision: 'refer_to_care_table',
    rationale: 'Several indicators of labour exploitation.',
    ...data,
  });
export const forwardFeedbackRecorded = (data: Data<'ForwardFeedbackRecorded'> = {}) =>
  event('ForwardFeedbackRecorded')({
    receivedOn: FEEDBACK_ON,
    feedback: 'accepted',
    recordedBy: COORDINATOR,
    organisation: 'care_coordinator',
    ...data,
  });
export const actionPointAdded = (data: Data<'ActionPointAdded'> = {}) =>
  event('ActionPointAdded')({
    actionPointId: ACTION_POINT_ID,
    meetingId: MEETING_ID,
    description: 'Check the workers’ housing with the municipality.',
    owner: 'labour_inspectorate',
    ownerKind: 'organisation',
    ownerOrganisation: 'labour_inspectorate',
    dueOn: DUE_ON,
    ...data,
  });
export const actionPointCompleted = (data: Data<'ActionPointCompleted'> = {}) =>
  event('ActionPointCompleted')({
    actionPointId: ACTION_POINT_ID,
    completedOn: TODAY,
    completedBy: COORDINATOR,
    ...data,
  });
export const interventionCancelled = (data: Data<'InterventionCancelled'> = {}) =>
  event('InterventionCancelled')({
    interventionId: INTERVENTION_ID,
    cancelledOn: TODAY,
    reason: 'The business closed before the inspection.',
    cancelledBy: COORDINATOR,
    ...data,
  });
export const careTableMeetingRecorded = (data: Data<'CareTableMeetingRecorded'> = {}) =>
  event('CareTableMeetingRecorded')({
    meetingId: MEETING_ID,
    heldOn: HELD_ON,
    participants: ['police_avim', 'labour_inspectorate', 'municipality'],
    conclusions: 'Inspect the premises jointly.',
    ...data,
  });
export const proposalDrafted = (data: Data<'ProposalDrafted'> = {}) =>
  event('ProposalDrafted')({
    proposalId: PROPOSAL_ID,
    summary: 'Joint inspection and shelter for the workers.',
    measures: MEASURES,
    draftedBy: COORDINATOR,
    ...data,
  });
export const proposalRevised = (data: Data<'ProposalRevised'> = {}) =>
  event('ProposalRevised')({
    proposalId: PROPOSAL_ID,
    summary: 'Joint inspection, shelter and a premises closure.',
    steeringSummary: 'Closure of the car wash and a joint inspection.',
    measures: MEASURES,
    revisedBy: COORDINATOR,
    ...data,
  });
export const proposalSubmitted = (data: Data<'ProposalSubmitted'> = {}) =>
  event('ProposalSubmitted')({
    proposalId: PROPOSAL_ID,
    submittedOn: SUBMITTED_ON,
    submittedBy: COORDINATOR,
    ...data,
  });
export const proposalDecided = (data: Data<'ProposalDecided'> = {}) =>
  event('ProposalDecided')({
    proposalId: PROPOSAL_ID,
    decidedOn: DECIDED_ON,
    decision: 'approved',
    decidedBy: STEERING_MEMBER,
    ...data,
  });
export const voteCast = (data: Data<'ProposalVoteCast'> = {}) =>
  event('ProposalVoteCast')({
    proposalId: PROPOSAL_ID,
    vote: 'approved',
    decidedOn: DECIDED_ON,
    voter: STEERING_MEMBER,
    organisation: 'riec',
    ...data,
  });
export const proposalApproved = (data: Data<'ProposalApproved'> = {}) =>
  event('ProposalApproved')({ proposalId: PROPOSAL_ID, decidedOn: DECIDED_ON, ...data });
export const proposalRejected = (data: Data<'ProposalRejected'> = {}) =>
  event('ProposalRejected')({
    proposalId: PROPOSAL_ID,
    decidedOn: DECIDED_ON,
    rationale: 'Ask the tax authority first.',
    ...data,
  });
export const proposalEvaluated = (data: Data<'ProposalEvaluated'> = {}) =>
  event('ProposalEvaluated')({
    proposalId: PROPOSAL_ID,
    evaluatedOn: TODAY,
    conclusion: 'The workers are safe; the car wash is closed.',
    evaluatedBy: COORDINATOR,
    ...data,
  });
export const interventionPlanned = (data: Data<'InterventionPlanned'> = {}) =>
  event('InterventionPlanned')({
    interventionId: INTERVENTION_ID,
    type: 'labour_inspection',
    level: 'labour_law',
    leadOrganisation: 'labour_inspectorate',
    participants: [],
    plannedOn: PLANNED_ON,
    ...data,
  });
export const interventionExecuted = (data: Data<'InterventionExecuted'> = {}) =>
  event('InterventionExecuted')({ interventionId: INTERVENTION_ID, executedOn: EXECUTED_ON, ...data });
export const interventionEffectRecorded = (data: Data<'InterventionEffectRecorded'> = {}) =>
  event('InterventionEffectRecorded')({
    interventionId: INTERVENTION_ID,
    observedOn: OBSERVED_ON,
    effect: 'exploitation_stopped',
    ...data,
  });
export const subjectAdded = (data: Data<'SubjectAdded'> = {}) =>
  event('SubjectAdded')({
    subjectId: SUSPECT_ID,
    role: 'suspect',
    pseudonym: 'S-3M8P',
    personalData: SEALED,
    ...data,
  });
export const consentRecorded = (data: Data<'ConsentRecorded'> = {}) =>
  event('ConsentRecorded')({
    subjectId: VICTIM_ID,
    scope: 'share_with_shelter',
    given: true,
    recordedOn: HELD_ON,
    ...data,
  });
export const subjectPersonalDataErased = (data: Data<'SubjectPersonalDataErased'> = {}) =>
  event('SubjectPersonalDataErased')({ subjectId: VICTIM_ID, ...data });
export const narrativeRedacted = (data: Data<'NarrativeRedacted'> = {}) =>
  event('NarrativeRedacted')({
    subjectId: VICTIM_ID,
    texts: [{ version: 1, field: 'summary', text: 'Signal about S-7Q2K.' }],
    ...data,
  });
export const subjectDisclosed = (data: Data<'SubjectDisclosed'> = {}) =>
  event('SubjectDisclosed')({
    interventionId: INTERVENTION_ID,
    subjectId: VICTIM_ID,
    reason: 'The shelter needs her name to take her in.',
    disclosedBy: COORDINATOR,
    ...data,
  });
export const subjectDisclosureRevoked = (data: Data<'SubjectDisclosureRevoked'> = {}) =>
  event('SubjectDisclosureRevoked')({
    interventionId: INTERVENTION_ID,
    subjectId: VICTIM_ID,
    revokedBy: COORDINATOR,
    ...data,
  });
export const caseClosed = (data: Data<'CaseClosed'> = {}) =>
  event('CaseClosed')({
    closedOn: CLOSED_ON,
    outcome: 'exploitation_stopped',
    rationale: 'Premises closed, workers in shelter.',
    ...data,
  });
export const caseReopened = (data: Data<'CaseReopened'> = {}) =>
  event('CaseReopened')({ reopenedOn: TODAY, reason: 'revictimization', ...data });
export const deadlineMissed = (data: Data<'DeadlineMissed'> = {}) =>
  event('DeadlineMissed')({ kind: 'effect_follow_up', dueOn: '2024-05-28', ref: INTERVENTION_ID, ...data });

/** Histories that bring a case into each phase of its lifecycle. */
export const registered: CaseEvent[] = [signalRegistered()];
export const inTriage: CaseEvent[] = [...registered, coordinatorAssigned()];
export const atCareTable: CaseEvent[] = [...inTriage, signalTriaged(), careTableMeetingRecorded()];
export const withDraftedProposal: CaseEvent[] = [...atCareTable, proposalDrafted()];
export const awaitingSteeringGroup: CaseEvent[] = [...withDraftedProposal, proposalSubmitted()];
export const inExecution: CaseEvent[] = [...awaitingSteeringGroup, proposalDecided()];
export const withPlannedIntervention: CaseEvent[] = [...inExecution, interventionPlanned()];
export const withExecutedIntervention: CaseEvent[] = [...withPlannedIntervention, interventionExecuted()];
export const closed: CaseEvent[] = [...withExecutedIntervention, caseClosed()];
export const forwarded: CaseEvent[] = [...inTriage, signalTriaged({ decision: 'forward', forwardedTo: 'police_avim' })];
export const withActionPoint: CaseEvent[] = [...atCareTable, actionPointAdded()];
