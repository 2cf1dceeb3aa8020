import type { CaseCommandType } from './case';
import type { BusinessDate, CaseStatus } from './enumerations';

/**
 * `not_found`: the thing a command refers to does not exist (HTTP 404).
 * `conflict`: the command breaks a rule of the domain in the current state (HTTP 409).
 */
export type DomainErrorKind = 'not_found' | 'conflict';

export const NOT_FOUND_ERROR_CODES = [
  'CaseNotFound',
  'ProposalNotFound',
  'InterventionNotFound',
  'SubjectNotFound',
  'ActionPointNotFound',
] as const;

export const CONFLICT_ERROR_CODES = [
  'CaseAlreadyExists',
  'MunicipalityNotInDistrict',
  'NoExploitationForm',
  'BusinessDateInFuture',
  'CaseStatusForbidsCommand',
  'CoordinatorNotInDistrict',
  'ForwardRequiresPartner',
  'OpenProposalExists',
  'ProposalNotDrafted',
  'ProposalNotSubmitted',
  'FourEyesViolation',
  'InterventionAlreadyExecuted',
  'InterventionNotExecuted',
  'DateBeforeReceipt',
  'DateBeforeSubmission',
  'DateBeforePlanned',
  'DateBeforeExecution',
  'DateBeforeClosure',
  'ProposalAwaitsDecision',
  'SubjectAlreadyErased',
  'DuplicateId',
  'AlreadyVoted',
  'NoMeasures',
  'RevisitNotAfterDecision',
  'ProposalNotApproved',
  'ProposalAlreadyEvaluated',
  'DateBeforeDecision',
  'AlreadyDisclosed',
  'NotDisclosed',
  'ForwardFeedbackAlreadyRecorded',
  'ActionPointAlreadyCompleted',
  'InterventionCancelled',
  'DueBeforeMeeting',
  'DateTooEarly',
  'AlreadyLinked',
  'LinkToItself',
] as const;

/**
 * Problem types of rules that API.md names itself (`/problems/<name>`); every other rule's type is its code.
 */
export const PROBLEM_NAMES: Partial<Record<DomainErrorCode, string>> = {
  AlreadyVoted: 'already-voted',
  FourEyesViolation: 'four-eyes',
};

export type DomainErrorCode = (typeof NOT_FOUND_ERROR_CODES)[number] | (typeof CONFLICT_ERROR_CODES)[number];

/** Values that explain the error to an API client; plain strings so they serialise as they are. */
export type DomainErrorDetails = Readonly<Record<string, string | readonly string[]>>;

const NOT_FOUND: ReadonlySet<string> = new Set(NOT_FOUND_ERROR_CODES);

/** A broken rule of the domain. `code` names the rule, `message` explains it in English. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly kind: DomainErrorKind;
  readonly details: DomainErrorDetails;

  constructor(code: DomainErrorCode, message: string, details: DomainErrorDetails = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.kind = NOT_FOUND.has(code) ? 'not_found' : 'conflict';
    this.details = details;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

export class CaseNotFound extends DomainError {
  /** `decide` does not know the stream it was read from; the caller may pass the id. */
  constructor(caseId?: string) {
    super(
      'CaseNotFound',
      caseId === undefined ? 'The case does not exist.' : `Case ${caseId} does not exist.`,
      caseId === undefined ? {} : { caseId },
    );
  }
}

export class CaseAlreadyExists extends DomainError {
  constructor(caseId: string) {
    super('CaseAlreadyExists', `Case ${caseId} already exists; a signal can be registered only once.`, { caseId });
  }
}

export class MunicipalityNotInDistrict extends DomainError {
  constructor(municipality: string, district: string) {
    super('MunicipalityNotInDistrict', `Municipality ${municipality} does not belong to district ${district}.`, {
      municipality,
      district,
    });
  }
}

export class NoExploitationForm extends DomainError {
  constructor() {
    super(
      'NoExploitationForm',
      'A signal needs at least one exploitation form (use "unknown" when it is not known yet).',
    );
  }
}

export class BusinessDateInFuture extends DomainError {
  constructor(field: string, date: BusinessDate, today: BusinessDate) {
    super('BusinessDateInFuture', `${field} ${date} lies in the future (today is ${today}).`, { field, date, today });
  }
}

export class CaseStatusForbidsCommand extends DomainError {
  constructor(command: CaseCommandType, status: CaseStatus, allowed: readonly CaseStatus[]) {
    super(
      'CaseStatusForbidsCommand',
      `${command} is not allowed while the case is ${status}; it is allowed in: ${allowed.join(', ')}.`,
      { command, status, allowed },
    );
  }
}

export class CoordinatorNotInDistrict extends DomainError {
  constructor(coordinator: string, district: string) {
    super('CoordinatorNotInDistrict', `Coordinator ${coordinator} does not serve district ${district}.`, {
      coordinator,
      district,
    });
  }
}

export class ForwardRequiresPartner extends DomainError {
  constructor() {
    super('ForwardRequiresPartner', 'A triage decision to forward the case must name the partner it is forwarded to.');
  }
}

export class OpenProposalExists extends DomainError {
  constructor(openProposalId: string) {
    super(
      'OpenProposalExists',
      `Proposal ${openProposalId} is still open; a case has at most one drafted or submitted proposal.`,
      { openProposalId },
    );
  }
}

export class ProposalNotFound extends DomainError {
  constructor(proposalId: string) {
    super('ProposalNotFound', `Proposal ${proposalId} does not exist on this case.`, { proposalId });
  }
}

export class ProposalNotDrafted extends DomainError {
  constructor(proposalId: string, status: string) {
    super('ProposalNotDrafted', `Proposal ${proposalId} is ${status}; only a drafted proposal can be submitted.`, {
      proposalId,
      status,
    });
  }
}

export class ProposalNotSubmitted extends DomainError {
  constructor(proposalId: string, status: string) {
    super('ProposalNotSubmitted', `Proposal ${proposalId} is ${status}; only a submitted proposal can be decided.`, {
      proposalId,
      status,
    });
  }
}

export class FourEyesViolation extends DomainError {
  constructor(proposalId: string, actor: string, role: 'drafted' | 'submitted') {
    super('FourEyesViolation', `${actor} ${role} proposal ${proposalId} and may therefore not vote on it.`, {
      proposalId,
      actor,
      role,
    });
  }
}

export class AlreadyVoted extends DomainError {
  constructor(proposalId: string, actor: string) {
    super('AlreadyVoted', `${actor} has voted on proposal ${proposalId} already; each member votes once.`, {
      proposalId,
      actor,
    });
  }
}

export class NoMeasures extends DomainError {
  constructor() {
    super(
      'NoMeasures',
      'A proposal needs at least one measure (an intervention type with the organisation that leads it).',
    );
  }
}

export class RevisitNotAfterDecision extends DomainError {
  constructor(revisitOn: BusinessDate, decidedOn: BusinessDate) {
    super(
      'RevisitNotAfterDecision',
      `A deferral must name a revisit date after the vote (${decidedOn}); got ${revisitOn}.`,
      {
        revisitOn,
        decidedOn,
      },
    );
  }
}

export class ProposalNotApproved extends DomainError {
  constructor(proposalId: string, status: string) {
    super('ProposalNotApproved', `Proposal ${proposalId} is ${status}; only an approved proposal is evaluated.`, {
      proposalId,
      status,
    });
  }
}

export class ProposalAlreadyEvaluated extends DomainError {
  constructor(proposalId: string) {
    super('ProposalAlreadyEvaluated', `Proposal ${proposalId} has been evaluated already.`, { proposalId });
  }
}

export class DateBeforeDecision extends DomainError {
  constructor(proposalId: string, date: BusinessDate, decidedOn: BusinessDate) {
    super('DateBeforeDecision', `The date ${date} lies before proposal ${proposalId} was approved (${decidedOn}).`, {
      proposalId,
      date,
      decidedOn,
    });
  }
}

export class InterventionNotFound extends DomainError {
  constructor(interventionId: string) {
    super('InterventionNotFound', `Intervention ${interventionId} does not exist on this case.`, { interventionId });
  }
}

export class InterventionAlreadyExecuted extends DomainError {
  constructor(interventionId: string, executedOn: BusinessDate) {
    super('InterventionAlreadyExecuted', `Intervention ${interventionId} was already executed on ${executedOn}.`, {
      interventionId,
      executedOn,
    });
  }
}

export class InterventionNotExecuted extends DomainError {
  constructor(interventionId: string) {
    super(
      'InterventionNotExecuted',
      `Intervention ${interventionId} has not been executed yet; effects can be recorded only after execution.`,
      { interventionId },
    );
  }
}

export class DateBeforeReceipt extends DomainError {
  constructor(field: string, date: BusinessDate, receivedOn: BusinessDate) {
    super('DateBeforeReceipt', `${field} ${date} lies before the signal was received (${receivedOn}).`, {
      field,
      date,
      receivedOn,
    });
  }
}

export class DateBeforeSubmission extends DomainError {
  constructor(proposalId: string, decidedOn: BusinessDate, submittedOn: BusinessDate) {
    super(
      'DateBeforeSubmission',
      `decidedOn ${decidedOn} lies before proposal ${proposalId} was submitted (${submittedOn}).`,
      { proposalId, decidedOn, submittedOn },
    );
  }
}

export class DateBeforePlanned extends DomainError {
  constructor(interventionId: string, executedOn: BusinessDate, plannedOn: BusinessDate) {
    super(
      'DateBeforePlanned',
      `executedOn ${executedOn} lies before intervention ${interventionId} was planned (${plannedOn}).`,
      { interventionId, executedOn, plannedOn },
    );
  }
}

export class DateBeforeExecution extends DomainError {
  constructor(interventionId: string, observedOn: BusinessDate, executedOn: BusinessDate) {
    super(
      'DateBeforeExecution',
      `observedOn ${observedOn} lies before intervention ${interventionId} was executed (${executedOn}).`,
      { interventionId, observedOn, executedOn },
    );
  }
}

export class DateBeforeClosure extends DomainError {
  constructor(reopenedOn: BusinessDate, closedOn: BusinessDate) {
    super('DateBeforeClosure', `reopenedOn ${reopenedOn} lies before the case was closed (${closedOn}).`, {
      reopenedOn,
      closedOn,
    });
  }
}

export class ProposalAwaitsDecision extends DomainError {
  constructor(proposalId: string) {
    super(
      'ProposalAwaitsDecision',
      `Proposal ${proposalId} awaits a decision of the steering group; the case cannot be closed before it is decided.`,
      { proposalId },
    );
  }
}

export class SubjectNotFound extends DomainError {
  constructor(subjectId: string) {
    super('SubjectNotFound', `Subject ${subjectId} does not exist on this case.`, { subjectId });
  }
}

export class SubjectAlreadyErased extends DomainError {
  constructor(subjectId: string) {
    super('SubjectAlreadyErased', `The personal data of subject ${subjectId} has already been erased.`, { subjectId });
  }
}

export class AlreadyDisclosed extends DomainError {
  constructor(subjectId: string, interventionId: string) {
    super('AlreadyDisclosed', `Subject ${subjectId} is disclosed to intervention ${interventionId} already.`, {
      subjectId,
      interventionId,
    });
  }
}

export class NotDisclosed extends DomainError {
  constructor(subjectId: string, interventionId: string) {
    super('NotDisclosed', `Subject ${subjectId} is not disclosed to intervention ${interventionId}.`, {
      subjectId,
      interventionId,
    });
  }
}

export type IdKind = 'subject' | 'meeting' | 'proposal' | 'intervention' | 'action point';

export class DuplicateId extends DomainError {
  constructor(idKind: IdKind, id: string) {
    super('DuplicateId', `The ${idKind} id ${id} is already used on this case.`, { idKind, id });
  }
}

export class ForwardFeedbackAlreadyRecorded extends DomainError {
  constructor(receivedOn: BusinessDate) {
    super(
      'ForwardFeedbackAlreadyRecorded',
      `The partner's feedback on this forwarding was recorded already (received on ${receivedOn}); close the case once the partner has reported back.`,
      { receivedOn },
    );
  }
}

export class ActionPointNotFound extends DomainError {
  constructor(actionPointId: string) {
    super('ActionPointNotFound', `Action point ${actionPointId} is not part of this case.`, { actionPointId });
  }
}

export class ActionPointAlreadyCompleted extends DomainError {
  constructor(actionPointId: string, completedOn: BusinessDate) {
    super('ActionPointAlreadyCompleted', `Action point ${actionPointId} was completed on ${completedOn}.`, {
      actionPointId,
      completedOn,
    });
  }
}

export class InterventionCancelled extends DomainError {
  constructor(interventionId: string, cancelledOn: BusinessDate) {
    super(
      'InterventionCancelled',
      `Intervention ${interventionId} was cancelled on ${cancelledOn}; plan a new one if it is to happen after all.`,
      { interventionId, cancelledOn },
    );
  }
}

export class DueBeforeMeeting extends DomainError {
  constructor(actionPointId: string, dueOn: BusinessDate, heldOn: BusinessDate) {
    super(
      'DueBeforeMeeting',
      `Action point ${actionPointId} is due on ${dueOn}, before the meeting that agreed it (${heldOn}).`,
      { actionPointId, dueOn, heldOn },
    );
  }
}

/** A date before the event it answers: feedback before the forwarding, a completion before the meeting. */
export class DateTooEarly extends DomainError {
  constructor(field: string, date: BusinessDate, earliest: BusinessDate, what: string) {
    super('DateTooEarly', `${field} ${date} lies before ${what} (${earliest}).`, { field, date, earliest });
  }
}

export class AlreadyLinked extends DomainError {
  constructor(caseId: string) {
    super('AlreadyLinked', `This case is linked to case ${caseId} already.`, { caseId });
  }
}

export class LinkToItself extends DomainError {
  constructor() {
    super('LinkToItself', 'A case cannot be linked to itself; choose another case.');
  }
}
