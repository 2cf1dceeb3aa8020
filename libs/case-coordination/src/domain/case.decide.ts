import type { CaseCommand, CaseCommandType, CommandContext, CommandOf } from './case.commands';
import {
  BusinessDateInFuture, CaseAlreadyExists, CaseNotFound, CaseStatusForbidsCommand, CoordinatorNotInDistrict,
  DateBeforeClosure, DateBeforeExecution, DateBeforePlanned, DateBeforeReceipt, DateBeforeSubmission, DuplicateId,
  ForwardRequiresPartner, FourEyesViolation, InterventionAlreadyExecuted, InterventionNotExecuted, InterventionNotFound,
  MunicipalityNotInDistrict, NoExploitationForm, OpenProposalExists, ProposalAwaitsDecision, ProposalNotDrafted,
  ProposalNotFound, ProposalNotSubmitted, SubjectAlreadyErased, SubjectNotFound,
} from './case.errors';
import type { CaseEvent } from './case.events';
import type { CaseState, InterventionState, OpenCase, ProposalState, SubjectState } from './case.state';
import { type BusinessDate, CASE_STATUSES, type CaseStatus, INTERVENTION_LEVEL_BY_TYPE } from './enumerations';

const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((status) => status !== 'closed');

const existingCase = (state: CaseState): OpenCase => {
  if (state === null) throw new CaseNotFound();
  return state;
};

const requireStatus = (state: OpenCase, command: CaseCommandType, allowed: readonly CaseStatus[]): void => {
  if (!allowed.includes(state.status)) throw new CaseStatusForbidsCommand(command, state.status, allowed);
};

/** Business dates are `YYYY-MM-DD`, so string order is date order. */
const requireNotInFuture = (command: CommandContext, field: string, date: BusinessDate): void => {
  if (date > command.today) throw new BusinessDateInFuture(field, date, command.today);
};

const requireProposal = (state: OpenCase, proposalId: string): ProposalState => {
  const proposal = state.proposals.find((p) => p.proposalId === proposalId);
  if (proposal === undefined) throw new ProposalNotFound(proposalId);
  return proposal;
};

const requireIntervention = (state: OpenCase, interventionId: string): InterventionState => {
  const intervention = state.interventions.find((i) => i.interventionId === interventionId);
  if (intervention === undefined) throw new InterventionNotFound(interventionId);
  return intervention;
};

const requireSubject = (state: OpenCase, subjectId: string): SubjectState => {
  const subject = state.subjects.find((s) => s.subjectId === subjectId);
  if (subject === undefined) throw new SubjectNotFound(subjectId);
  return subject;
};

const registerSignal = (command: CommandOf<'RegisterSignal'>, state: CaseState): CaseEvent[] => {
  if (state !== null) throw new CaseAlreadyExists(state.caseId);
  requireNotInFuture(command, 'receivedOn', command.receivedOn);
  if (!command.districtMunicipalities.includes(command.municipality)) {
    throw new MunicipalityNotInDistrict(command.municipality, command.district);
  }
  if (command.forms.length === 0) throw new NoExploitationForm();
  const seen = new Set<string>();
  for (const { subjectId } of command.subjects) {
    if (seen.has(subjectId)) throw new DuplicateId('subject', subjectId);
    seen.add(subjectId);
  }

  const { caseId, reference, district, municipality, receivedOn, source, forms, vulnerabilities, summary } = command;
  return [{
    type: 'SignalRegistered',
    data: {
      caseId, reference, district, municipality, receivedOn,
      source: { type: source.type, ...(source.organisation !== undefined && { organisation: source.organisation }) },
      forms: [...forms],
      vulnerabilities: [...vulnerabilities],
      summary,
      subjects: command.subjects.map(({ subjectId, role, pseudonym, personalData }) => ({ subjectId, role, pseudonym, personalData })),
      registeredBy: command.actor,
    },
  }];
};

/** Assigning again while in triage is a reassignment; the event names the coordinator it replaces. */
const assignCoordinator = (command: CommandOf<'AssignCoordinator'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, ['signal_received', 'in_triage']);
  if (!command.coordinatorDistricts.includes(current.district)) {
    throw new CoordinatorNotInDistrict(command.coordinator, current.district);
  }
  return [{
    type: 'CoordinatorAssigned',
    data: {
      coordinator: command.coordinator,
      ...(current.coordinator !== null && { previousCoordinator: current.coordinator }),
    },
  }];
};

/**
 * `forward` and `no_further_action` end the case at once: a `CaseClosed` on the triage date with the
 * triage rationale follows the `SignalTriaged`. `forwardedTo` is recorded only with `forward`.
 */
const triage = (command: CommandOf<'Triage'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, ['in_triage']);
  requireNotInFuture(command, 'decidedOn', command.decidedOn);
  if (command.decidedOn < current.receivedOn) {
    throw new DateBeforeReceipt('decidedOn', command.decidedOn, current.receivedOn);
  }
  const { decidedOn, urgency, decision, rationale, forwardedTo } = command;
  if (decision === 'forward' && forwardedTo === undefined) throw new ForwardRequiresPartner();

  const triaged: CaseEvent = {
    type: 'SignalTriaged',
    data: { decidedOn, urgency, decision, rationale, ...(decision === 'forward' && { forwardedTo }) },
  };
  switch (decision) {
    case 'forward':
      return [triaged, { type: 'CaseClosed', data: { closedOn: decidedOn, outcome: 'forwarded', rationale } }];
    case 'no_further_action':
      return [triaged, { type: 'CaseClosed', data: { closedOn: decidedOn, outcome: 'no_further_action', rationale } }];
    default:
      return [triaged];
  }
};

const recordCareTableMeeting = (command: CommandOf<'RecordCareTableMeeting'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, ['at_care_table', 'in_execution']);
  requireNotInFuture(command, 'heldOn', command.heldOn);
  if (current.careTableMeetings.some((m) => m.meetingId === command.meetingId)) {
    throw new DuplicateId('meeting', command.meetingId);
  }
  const { meetingId, heldOn, participants, conclusions, victimInformed } = command;
  return [{
    type: 'CareTableMeetingRecorded',
    data: {
      meetingId, heldOn, participants: [...participants], conclusions,
      ...(victimInformed !== undefined && { victimInformed }),
    },
  }];
};

const draftProposal = (command: CommandOf<'DraftProposal'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, ['at_care_table']);
  if (current.proposals.some((p) => p.proposalId === command.proposalId)) {
    throw new DuplicateId('proposal', command.proposalId);
  }
  const open = current.proposals.find((p) => p.status === 'drafted' || p.status === 'submitted');
  if (open !== undefined) throw new OpenProposalExists(open.proposalId);

  const { proposalId, summary, proposedInterventions } = command;
  return [{
    type: 'ProposalDrafted',
    data: { proposalId, summary, proposedInterventions: [...proposedInterventions], draftedBy: command.actor },
  }];
};

/**
 * The proposal is checked before the case status, so that submitting twice answers `ProposalNotDrafted`.
 * A drafted proposal can outlive its care-table phase (closing the case leaves it drafted), hence the status check.
 */
const submitProposal = (command: CommandOf<'SubmitProposal'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  const proposal = requireProposal(current, command.proposalId);
  if (proposal.status !== 'drafted') throw new ProposalNotDrafted(proposal.proposalId, proposal.status);
  requireStatus(current, command.type, ['at_care_table']);
  requireNotInFuture(command, 'submittedOn', command.submittedOn);
  return [{
    type: 'ProposalSubmitted',
    data: { proposalId: command.proposalId, submittedOn: command.submittedOn, submittedBy: command.actor },
  }];
};

/**
 * No status check of its own: a submitted proposal exists only while the case awaits the steering group
 * (submitting moves it there, and only a decision moves it on).
 */
const decideProposal = (command: CommandOf<'DecideProposal'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  const proposal = requireProposal(current, command.proposalId);
  if (proposal.status !== 'submitted' || proposal.submittedOn === null) {
    throw new ProposalNotSubmitted(proposal.proposalId, proposal.status);
  }
  if (command.actor === proposal.draftedBy) throw new FourEyesViolation(proposal.proposalId, command.actor, 'drafted');
  if (command.actor === proposal.submittedBy) throw new FourEyesViolation(proposal.proposalId, command.actor, 'submitted');
  requireNotInFuture(command, 'decidedOn', command.decidedOn);
  if (command.decidedOn < proposal.submittedOn) {
    throw new DateBeforeSubmission(proposal.proposalId, command.decidedOn, proposal.submittedOn);
  }
  const { proposalId, decidedOn, decision, notes } = command;
  return [{
    type: 'ProposalDecided',
    data: { proposalId, decidedOn, decision, ...(notes !== undefined && { notes }), decidedBy: command.actor },
  }];
};

const planIntervention = (command: CommandOf<'PlanIntervention'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, ['at_care_table', 'awaiting_steering_group', 'in_execution']);
  requireNotInFuture(command, 'plannedOn', command.plannedOn);
  if (current.interventions.some((i) => i.interventionId === command.interventionId)) {
    throw new DuplicateId('intervention', command.interventionId);
  }
  const { interventionId, interventionType, leadPartner, plannedOn, description } = command;
  return [{
    type: 'InterventionPlanned',
    data: {
      interventionId, type: interventionType, level: INTERVENTION_LEVEL_BY_TYPE[interventionType], leadPartner, plannedOn,
      ...(description !== undefined && { description }),
    },
  }];
};

const recordInterventionExecuted = (command: CommandOf<'RecordInterventionExecuted'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, OPEN_STATUSES);
  const intervention = requireIntervention(current, command.interventionId);
  if (intervention.executedOn !== null) {
    throw new InterventionAlreadyExecuted(intervention.interventionId, intervention.executedOn);
  }
  requireNotInFuture(command, 'executedOn', command.executedOn);
  if (command.executedOn < intervention.plannedOn) {
    throw new DateBeforePlanned(intervention.interventionId, command.executedOn, intervention.plannedOn);
  }
  const { interventionId, executedOn, notes } = command;
  return [{ type: 'InterventionExecuted', data: { interventionId, executedOn, ...(notes !== undefined && { notes }) } }];
};

/**
 * Allowed in every status, closed included: effects are observed over time, often after the case
 * has been closed, and the region wants to learn from them.
 */
const recordInterventionEffect = (command: CommandOf<'RecordInterventionEffect'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  const intervention = requireIntervention(current, command.interventionId);
  if (intervention.executedOn === null) throw new InterventionNotExecuted(intervention.interventionId);
  requireNotInFuture(command, 'observedOn', command.observedOn);
  if (command.observedOn < intervention.executedOn) {
    throw new DateBeforeExecution(intervention.interventionId, command.observedOn, intervention.executedOn);
  }
  const { interventionId, observedOn, effect, description } = command;
  return [{
    type: 'InterventionEffectRecorded',
    data: { interventionId, observedOn, effect, ...(description !== undefined && { description }) },
  }];
};

const addSubject = (command: CommandOf<'AddSubject'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, OPEN_STATUSES);
  if (current.subjects.some((s) => s.subjectId === command.subjectId)) {
    throw new DuplicateId('subject', command.subjectId);
  }
  const { subjectId, role, pseudonym, personalData } = command;
  return [{ type: 'SubjectAdded', data: { subjectId, role, pseudonym, personalData } }];
};

const recordConsent = (command: CommandOf<'RecordConsent'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, OPEN_STATUSES);
  requireSubject(current, command.subjectId);
  requireNotInFuture(command, 'recordedOn', command.recordedOn);
  const { subjectId, scope, given, recordedOn } = command;
  return [{ type: 'ConsentRecorded', data: { subjectId, scope, given, recordedOn } }];
};

/** Allowed in every status, closed included: the right to erasure does not end with the case. */
const eraseSubjectPersonalData = (command: CommandOf<'EraseSubjectPersonalData'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  const subject = requireSubject(current, command.subjectId);
  if (subject.erased) throw new SubjectAlreadyErased(subject.subjectId);
  return [{ type: 'SubjectPersonalDataErased', data: { subjectId: subject.subjectId } }];
};

/**
 * A submitted proposal is reported as `ProposalAwaitsDecision` before the status is checked: the case is
 * then `awaiting_steering_group`, and naming the proposal tells the user what to do.
 */
const closeCase = (command: CommandOf<'CloseCase'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  const awaiting = current.proposals.find((p) => p.status === 'submitted');
  if (awaiting !== undefined) throw new ProposalAwaitsDecision(awaiting.proposalId);
  requireStatus(current, command.type, ['at_care_table', 'in_execution']);
  requireNotInFuture(command, 'closedOn', command.closedOn);
  if (command.closedOn < current.receivedOn) {
    throw new DateBeforeReceipt('closedOn', command.closedOn, current.receivedOn);
  }
  const { closedOn, outcome, rationale } = command;
  return [{ type: 'CaseClosed', data: { closedOn, outcome, rationale } }];
};

const reopenCase = (command: CommandOf<'ReopenCase'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  requireStatus(current, command.type, ['closed']);
  requireNotInFuture(command, 'reopenedOn', command.reopenedOn);
  if (current.closedOn !== null && command.reopenedOn < current.closedOn) {
    throw new DateBeforeClosure(command.reopenedOn, current.closedOn);
  }
  return [{ type: 'CaseReopened', data: { reopenedOn: command.reopenedOn, reason: command.reason } }];
};

/**
 * Idempotent: a deadline (same kind, ref and due date) already recorded as missed yields no events, so a
 * retried job does no harm, even after the case has been closed. A new miss on a closed case is refused.
 */
const recordDeadlineMissed = (command: CommandOf<'RecordDeadlineMissed'>, state: CaseState): CaseEvent[] => {
  const current = existingCase(state);
  const { kind, dueOn, ref } = command;
  if (current.missedDeadlines.some((d) => d.kind === kind && d.ref === ref && d.dueOn === dueOn)) return [];
  requireStatus(current, command.type, OPEN_STATUSES);
  requireNotInFuture(command, 'dueOn', dueOn);
  return [{ type: 'DeadlineMissed', data: { kind, dueOn, ref } }];
};

/**
 * Decides what happens to a case on a command: the events to append, or a `DomainError` naming the
 * broken rule. Pure: the actor and today's business date come in on the command.
 */
export const decide = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  switch (command.type) {
    case 'RegisterSignal': return registerSignal(command, state);
    case 'AssignCoordinator': return assignCoordinator(command, state);
    case 'Triage': return triage(command, state);
    case 'RecordCareTableMeeting': return recordCareTableMeeting(command, state);
    case 'DraftProposal': return draftProposal(command, state);
    case 'SubmitProposal': return submitProposal(command, state);
    case 'DecideProposal': return decideProposal(command, state);
    case 'PlanIntervention': return planIntervention(command, state);
    case 'RecordInterventionExecuted': return recordInterventionExecuted(command, state);
    case 'RecordInterventionEffect': return recordInterventionEffect(command, state);
    case 'AddSubject': return addSubject(command, state);
    case 'RecordConsent': return recordConsent(command, state);
    case 'EraseSubjectPersonalData': return eraseSubjectPersonalData(command, state);
    case 'CloseCase': return closeCase(command, state);
    case 'ReopenCase': return reopenCase(command, state);
    case 'RecordDeadlineMissed': return recordDeadlineMissed(command, state);
    default: {
      const _exhaustive: never = command;
      throw new Error(`Unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
};
