import type {
  ActionPointState,
  CaseCommand,
  CaseCommandType,
  CommandContext,
  CommandOf,
  CaseEvent,
  CaseState,
  InterventionState,
  OpenCase,
  ProposalState,
  SubjectState,
} from './case';
import {
  BusinessDateInFuture,
  CaseAlreadyExists,
  CaseNotFound,
  CaseStatusForbidsCommand,
  CoordinatorNotInDistrict,
  DateBeforeClosure,
  DateBeforeExecution,
  DateBeforePlanned,
  DateBeforeReceipt,
  DateBeforeSubmission,
  DomainError,
  DuplicateId,
  AlreadyDisclosed,
  AlreadyVoted,
  DateBeforeDecision,
  NotDisclosed,
  NoMeasures,
  ProposalAlreadyEvaluated,
  ProposalNotApproved,
  RevisitNotAfterDecision,
  ForwardRequiresPartner,
  FourEyesViolation,
  InterventionAlreadyExecuted,
  InterventionNotExecuted,
  InterventionNotFound,
  MunicipalityNotInDistrict,
  NoExploitationForm,
  OpenProposalExists,
  ProposalAwaitsDecision,
  ProposalNotDrafted,
  ProposalNotFound,
  ProposalNotSubmitted,
  SubjectAlreadyErased,
  SubjectNotFound,
  ActionPointAlreadyCompleted,
  ActionPointNotFound,
  DateTooEarly,
  DueBeforeMeeting,
  ForwardFeedbackAlreadyRecorded,
  InterventionCancelled,
  AlreadyLinked,
  LinkToItself,
} from './case.errors';
import { type BusinessDate, CASE_STATUSES, type CaseStatus, INTERVENTION_LEVEL_BY_TYPE } from './enumerations';
import { assentShortfall, conditionsOf, evaluateOnOf, isApproved } from './steering-decision';

const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((status) => status !== 'closed');

/** What a guard may look at besides the case: who acts, and the part of the case the command acts on. */
export interface Attempt {
  actor: string;
  proposalId?: string;
  interventionId?: string;
  subjectId?: string;
  actionPointId?: string;
}

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

const requireProposal = (state: OpenCase, proposalId = ''): ProposalState => {
  const proposal = state.proposals.find((p) => p.proposalId === proposalId);
  if (proposal === undefined) throw new ProposalNotFound(proposalId);
  return proposal;
};

const requireIntervention = (state: OpenCase, interventionId = ''): InterventionState => {
  const intervention = state.interventions.find((i) => i.interventionId === interventionId);
  if (intervention === undefined) throw new InterventionNotFound(interventionId);
  return intervention;
};

const requireActionPoint = (state: OpenCase, actionPointId = ''): ActionPointState => {
  const point = state.actionPoints.find((a) => a.actionPointId === actionPointId);
  if (point === undefined) throw new ActionPointNotFound(actionPointId);
  return point;
};

/** An intervention that is planned and neither executed nor cancelled. */
const requirePlannedIntervention = (state: OpenCase, interventionId?: string): InterventionState => {
  const intervention = requireIntervention(state, interventionId);
  if (intervention.executedOn !== null) {
    throw new InterventionAlreadyExecuted(intervention.interventionId, intervention.executedOn);
  }
  if (intervention.cancelledOn !== null) {
    throw new InterventionCancelled(intervention.interventionId, intervention.cancelledOn);
  }
  return intervention;
};

const requireSubject = (state: OpenCase, subjectId = ''): SubjectState => {
  const subject = state.subjects.find((s) => s.subjectId === subjectId);
  if (subject === undefined) throw new SubjectNotFound(subjectId);
  return subject;
};

/** A proposal that is still a draft, with its case. */
const draftedProposal = (state: CaseState, attempt: Attempt) => {
  const current = existingCase(state);
  const proposal = requireProposal(current, attempt.proposalId);
  if (proposal.status !== 'drafted') throw new ProposalNotDrafted(proposal.proposalId, proposal.status);
  return { current, proposal };
};

/** The text and measures of a drafted or revised proposal; at least one measure. */
const proposalText = ({
  proposalId,
  summary,
  steeringSummary,
  measures,
}: CommandOf<'DraftProposal' | 'ReviseProposal'>) => {
  if (measures.length === 0) throw new NoMeasures();
  return {
    proposalId,
    summary,
    ...(steeringSummary !== undefined && { steeringSummary }),
    measures: measures.map(({ type, leadOrganisation, level }) => ({
      type,
      leadOrganisation,
      ...(level !== undefined && { level }),
    })),
  };
};

/** A case in one of `allowed`. */
const inStatus =
  (type: CaseCommandType, allowed: readonly CaseStatus[]) =>
  (state: CaseState): OpenCase => {
    const current = existingCase(state);
    requireStatus(current, type, allowed);
    return current;
  };

/**
 * One command's rules, split in two. `guard` holds every rule about the case as it is (its status, the state of the
 * proposal, intervention or subject acted on, who may not act): it throws the broken rule, and it alone decides both
 * whether `decide` may go on and which actions the case offers now ({@link allowedCommands}). `decide` holds the rules
 * about the command's own fields (dates, ids) and makes the events.
 */
interface CommandRule<T extends CaseCommandType> {
  guard: (state: CaseState, attempt: Attempt) => OpenCase;
  decide: (command: CommandOf<T>, current: OpenCase) => CaseEvent[];
}

type Rules = { [T in Exclude<CaseCommandType, 'RegisterSignal'>]: CommandRule<T> };

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

  const {
    caseId,
    reference,
    district,
    municipality,
    receivedOn,
    source,
    forms,
    vulnerabilities,
    summary,
    urgency,
    sector,
  } = command;
  return [
    {
      type: 'SignalRegistered',
      data: {
        caseId,
        reference,
        district,
        municipality,
        receivedOn,
        source: { type: source.type, ...(source.organisation !== undefined && { organisation: source.organisation }) },
        forms: [...forms],
        vulnerabilities: [...vulnerabilities],
        summary,
        subjects: command.subjects.map(({ subjectId, role, pseudonym, personalData }) => ({
          subjectId,
          role,
          pseudonym,
          personalData,
        })),
        registeredBy: command.actor,
        ...(urgency !== undefined && { urgency }),
        ...(sector !== undefined && { sector }),
      },
    },
  ];
};

const RULES: Rules = {
  /**
   * The classification as the care table established it, in any state but closed: at least one form (`unknown` when
   * it is still not known), decided on or after receipt and not in the future.
   */
  ReclassifyCase: {
    guard: inStatus('ReclassifyCase', OPEN_STATUSES),
    decide: (command, current) => {
      const { decidedOn, forms, vulnerabilities, sector, rationale } = command;
      requireNotInFuture(command, 'decidedOn', decidedOn);
      if (decidedOn < current.receivedOn) throw new DateBeforeReceipt('decidedOn', decidedOn, current.receivedOn);
      if (forms.length === 0) throw new NoExploitationForm();
      return [
        {
          type: 'CaseReclassified',
          data: {
            decidedOn,
            forms: [...new Set(forms)],
            vulnerabilities: [...new Set(vulnerabilities)],
            ...(sector !== undefined && { sector }),
            rationale,
          },
        },
      ];
    },
  },

  /** A link to another case, in any status, once per pair as seen from this case. */
  LinkCase: {
    guard: existingCase,
    decide: (command, current) => {
      const { linkedCaseId, linkedReference, reason } = command;
      if (linkedCaseId === current.caseId) throw new LinkToItself();
      if (current.links.some((l) => l.caseId === linkedCaseId)) throw new AlreadyLinked(linkedCaseId);
      return [{ type: 'CaseLinked', data: { linkedCaseId, linkedReference, reason, linkedBy: command.actor } }];
    },
  },

  /** Assigning again while in triage is a reassignment; the event names the coordinator it replaces. */
  AssignCoordinator: {
    guard: inStatus('AssignCoordinator', ['signal_received', 'in_triage']),
    decide: (command, current) => {
      if (!command.coordinatorDistricts.includes(current.district)) {
        throw new CoordinatorNotInDistrict(command.coordinator, current.district);
      }
      return [
        {
          type: 'CoordinatorAssigned',
          data: {
            coordinator: command.coordinator,
            ...(current.coordinator !== null && { previousCoordinator: current.coordinator }),
          },
        },
      ];
    },
  },

  /**
   * `no_further_action` ends the case at once: a `CaseClosed` on the triage date with the triage rationale follows the
   * `SignalTriaged`. `forward` hands the case to a partner: it stays `forwarded` until the partner's feedback.
   * `forwardedTo` is recorded only with `forward`.
   */
  Triage: {
    guard: inStatus('Triage', ['in_triage']),
    decide: (command, current) => {
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
      if (decision === 'no_further_action') {
        return [
          triaged,
          { type: 'CaseClosed', data: { closedOn: decidedOn, outcome: 'no_further_action', rationale } },
        ];
      }
      return [triaged];
    },
  },

  /** The partner's answer to the current forwarding, once: `declined` returns the case to triage. */
  RecordForwardFeedback: {
    guard: (state) => {
      const current = inStatus('RecordForwardFeedback', ['forwarded'])(state);
      if (current.forwarding?.feedback)
        throw new ForwardFeedbackAlreadyRecorded(current.forwarding.feedback.receivedOn);
      return current;
    },
    decide: (command, current) => {
      const { receivedOn, feedback, note, organisation } = command;
      requireNotInFuture(command, 'receivedOn', receivedOn);
      const forwardedOn = current.forwarding?.forwardedOn ?? current.receivedOn;
      if (receivedOn < forwardedOn)
        throw new DateTooEarly('receivedOn', receivedOn, forwardedOn, 'the case was forwarded');
      return [
        {
          type: 'ForwardFeedbackRecorded',
          data: { receivedOn, feedback, ...(note !== undefined && { note }), recordedBy: command.actor, organisation },
        },
      ];
    },
  },

  /** A meeting of the Zorgtafel about the case, with the action points it agreed (each due on or after the meeting). */
  RecordCareTableMeeting: {
    guard: inStatus('RecordCareTableMeeting', ['at_care_table', 'in_execution']),
    decide: (command, current) => {
      requireNotInFuture(command, 'heldOn', command.heldOn);
      if (current.careTableMeetings.some((m) => m.meetingId === command.meetingId)) {
        throw new DuplicateId('meeting', command.meetingId);
      }
      const { meetingId, heldOn, participants, conclusions, victimInformed, sessionId, actionPoints = [] } = command;
      const seen = new Set(current.actionPoints.map((a) => a.actionPointId));
      for (const point of actionPoints) {
        if (seen.has(point.actionPointId)) throw new DuplicateId('action point', point.actionPointId);
        seen.add(point.actionPointId);
        if (point.dueOn < heldOn) throw new DueBeforeMeeting(point.actionPointId, point.dueOn, heldOn);
      }
      return [
        {
          type: 'CareTableMeetingRecorded',
          data: {
            meetingId,
            heldOn,
            participants: [...participants],
            conclusions,
            ...(victimInformed !== undefined && { victimInformed }),
            ...(sessionId !== undefined && { sessionId }),
          },
        },
        ...actionPoints.map(
          ({ actionPointId, description, owner, ownerKind, ownerOrganisation, dueOn }): CaseEvent => ({
            type: 'ActionPointAdded',
            data: {
              actionPointId,
              meetingId,
              ...(sessionId !== undefined && { sessionId }),
              description,
              owner,
              ownerKind,
              ownerOrganisation,
              dueOn,
            },
          }),
        ),
      ];
    },
  },

  /**
   * An open action point, completed by its owner or the coordinator, on or after the meeting that agreed it. Allowed
   * in every status, closed included: the work agreed may be finished after the case closed.
   */
  CompleteActionPoint: {
    guard: (state, attempt) => {
      const current = existingCase(state);
      const point = requireActionPoint(current, attempt.actionPointId);
      if (point.completedOn !== null) throw new ActionPointAlreadyCompleted(point.actionPointId, point.completedOn);
      return current;
    },
    decide: (command, current) => {
      const point = requireActionPoint(current, command.actionPointId);
      const { actionPointId, completedOn, note } = command;
      requireNotInFuture(command, 'completedOn', completedOn);
      if (completedOn < point.agreedOn) {
        throw new DateTooEarly('completedOn', completedOn, point.agreedOn, 'the meeting that agreed it');
      }
      return [
        {
          type: 'ActionPointCompleted',
          data: { actionPointId, completedOn, ...(note !== undefined && { note }), completedBy: command.actor },
        },
      ];
    },
  },

  /** At the care table, or in execution for a follow-up proposal; one open (drafted or submitted) proposal at a time. */
  DraftProposal: {
    guard: (state) => {
      const current = inStatus('DraftProposal', ['at_care_table', 'in_execution'])(state);
      const open = current.proposals.find((p) => p.status === 'drafted' || p.status === 'submitted');
      if (open !== undefined) throw new OpenProposalExists(open.proposalId);
      return current;
    },
    decide: (command, current) => {
      if (current.proposals.some((p) => p.proposalId === command.proposalId)) {
        throw new DuplicateId('proposal', command.proposalId);
      }
      return [{ type: 'ProposalDrafted', data: { ...proposalText(command), draftedBy: command.actor } }];
    },
  },

  /** A draft can be edited until it is submitted. */
  ReviseProposal: {
    guard: (state, attempt) => draftedProposal(state, attempt).current,
    decide: (command) => [{ type: 'ProposalRevised', data: { ...proposalText(command), revisedBy: command.actor } }],
  },

  /**
   * The proposal is checked before the case status, so that submitting twice answers `ProposalNotDrafted`.
   * A drafted proposal can outlive its care-table phase (closing the case leaves it drafted), hence the status check.
   */
  SubmitProposal: {
    guard: (state, attempt) => {
      const current = existingCase(state);
      const proposal = requireProposal(current, attempt.proposalId);
      if (proposal.status !== 'drafted') throw new ProposalNotDrafted(proposal.proposalId, proposal.status);
      requireStatus(current, 'SubmitProposal', ['at_care_table', 'in_execution']);
      return current;
    },
    decide: (command) => {
      requireNotInFuture(command, 'submittedOn', command.submittedOn);
      return [
        {
          type: 'ProposalSubmitted',
          data: { proposalId: command.proposalId, submittedOn: command.submittedOn, submittedBy: command.actor },
        },
      ];
    },
  },

  /** A draft may be withdrawn until it is submitted, also after the case has left the care table. */
  WithdrawProposal: {
    guard: (state, attempt) => draftedProposal(state, attempt).current,
    decide: ({ proposalId, reason, actor }) => [
      { type: 'ProposalWithdrawn', data: { proposalId, reason, withdrawnBy: actor } },
    ],
  },

  /**
   * No status check of its own: a submitted proposal exists only while the case awaits the steering group
   * (submitting moves it there, and only a decision moves it on).
   */
  /**
   * One member's vote. No status check of its own: a submitted proposal exists only while the case awaits the steering
   * group. The member who drafted or submitted the proposal may not vote on it, and nobody votes twice. A rejection
   * decides at once; an assent approves the proposal when the assents meet the rule of `assentShortfall`, and then every
   * measure becomes a planned intervention on the approval date.
   */
  DecideProposal: {
    guard: (state, attempt) => {
      const current = existingCase(state);
      const proposal = requireProposal(current, attempt.proposalId);
      if (proposal.status !== 'submitted') throw new ProposalNotSubmitted(proposal.proposalId, proposal.status);
      if (attempt.actor === proposal.draftedBy)
        throw new FourEyesViolation(proposal.proposalId, attempt.actor, 'drafted');
      if (attempt.actor === proposal.submittedBy)
        throw new FourEyesViolation(proposal.proposalId, attempt.actor, 'submitted');
      if (proposal.votes.some((v) => v.username === attempt.actor))
        throw new AlreadyVoted(proposal.proposalId, attempt.actor);
      return current;
    },
    decide: (command, current) => {
      const proposal = requireProposal(current, command.proposalId);
      const { proposalId, decidedOn, decision, rationale, revisitOn, conditions, evaluateOn } = command;
      requireNotInFuture(command, 'decidedOn', decidedOn);
      if (proposal.submittedOn !== null && decidedOn < proposal.submittedOn) {
        throw new DateBeforeSubmission(proposalId, decidedOn, proposal.submittedOn);
      }
      if (decision === 'deferred' && (revisitOn === undefined || revisitOn <= decidedOn)) {
        throw new RevisitNotAfterDecision(revisitOn ?? '(none)', decidedOn);
      }
      const vote: CaseEvent = {
        type: 'ProposalVoteCast',
        data: {
          proposalId,
          vote: decision,
          decidedOn,
          ...(rationale !== undefined && { rationale }),
          ...(decision === 'deferred' && { revisitOn }),
          ...(decision === 'approved' && conditions !== undefined && { conditions }),
          ...(decision === 'approved' && evaluateOn !== undefined && { evaluateOn }),
          voter: command.actor,
          organisation: command.organisation,
        },
      };
      if (decision === 'rejected') {
        return [vote, { type: 'ProposalRejected', data: { proposalId, decidedOn, rationale: rationale ?? '' } }];
      }
      if (decision === 'deferred') return [vote];
      const assents = [
        ...proposal.votes.filter((v) => v.vote === 'approved'),
        {
          username: command.actor,
          organisation: command.organisation,
          conditions: conditions ?? null,
          evaluateOn: evaluateOn ?? null,
        },
      ];
      const levels = proposal.measures.map((m) => m.level);
      if (!isApproved(assentShortfall(levels, assents, command.districtMunicipalities))) return [vote];
      const approvedConditions = conditionsOf(assents);
      const approvedEvaluateOn = evaluateOnOf(assents);
      return [
        vote,
        {
          type: 'ProposalApproved',
          data: {
            proposalId,
            decidedOn,
            ...(approvedConditions !== undefined && { conditions: approvedConditions }),
            ...(approvedEvaluateOn !== undefined && { evaluateOn: approvedEvaluateOn }),
          },
        },
        ...proposal.measures.map((measure, i): CaseEvent => {
          const interventionId = command.interventionIds[i];
          if (interventionId === undefined)
            throw new Error('DecideProposal needs an intervention id for every measure');
          if (current.interventions.some((x) => x.interventionId === interventionId))
            throw new DuplicateId('intervention', interventionId);
          const { type, level, leadOrganisation } = measure;
          return {
            type: 'InterventionPlanned',
            data: { interventionId, type, level, leadOrganisation, participants: [], plannedOn: decidedOn, proposalId },
          };
        }),
      ];
    },
  },

  /** An approved proposal is evaluated once, on or after its approval. */
  EvaluateProposal: {
    guard: (state, attempt) => {
      const current = existingCase(state);
      const proposal = requireProposal(current, attempt.proposalId);
      if (proposal.status !== 'approved') throw new ProposalNotApproved(proposal.proposalId, proposal.status);
      if (proposal.evaluation !== null) throw new ProposalAlreadyEvaluated(proposal.proposalId);
      return current;
    },
    decide: (command, current) => {
      const proposal = requireProposal(current, command.proposalId);
      const { proposalId, evaluatedOn, conclusion } = command;
      requireNotInFuture(command, 'evaluatedOn', evaluatedOn);
      if (proposal.decidedOn !== null && evaluatedOn < proposal.decidedOn) {
        throw new DateBeforeDecision(proposalId, evaluatedOn, proposal.decidedOn);
      }
      return [{ type: 'ProposalEvaluated', data: { proposalId, evaluatedOn, conclusion, evaluatedBy: command.actor } }];
    },
  },

  /** `plannedOn` may lie in the future: it is a plan. Its execution and effects may not. */
  PlanIntervention: {
    guard: inStatus('PlanIntervention', ['at_care_table', 'awaiting_steering_group', 'in_execution']),
    decide: (command, current) => {
      if (current.interventions.some((i) => i.interventionId === command.interventionId)) {
        throw new DuplicateId('intervention', command.interventionId);
      }
      const { interventionId, interventionType, leadOrganisation, participants = [], plannedOn, description } = command;
      return [
        {
          type: 'InterventionPlanned',
          data: {
            interventionId,
            type: interventionType,
            level: command.interventionLevel ?? INTERVENTION_LEVEL_BY_TYPE[interventionType],
            leadOrganisation,
            participants: [...new Set(participants)].filter((p) => p !== leadOrganisation),
            plannedOn,
            ...(description !== undefined && { description }),
          },
        },
      ];
    },
  },

  RecordInterventionExecuted: {
    guard: (state, attempt) => {
      const current = inStatus('RecordInterventionExecuted', OPEN_STATUSES)(state);
      requirePlannedIntervention(current, attempt.interventionId);
      return current;
    },
    decide: (command, current) => {
      const intervention = requireIntervention(current, command.interventionId);
      requireNotInFuture(command, 'executedOn', command.executedOn);
      if (command.executedOn < intervention.plannedOn) {
        throw new DateBeforePlanned(intervention.interventionId, command.executedOn, intervention.plannedOn);
      }
      const { interventionId, executedOn, notes } = command;
      return [
        { type: 'InterventionExecuted', data: { interventionId, executedOn, ...(notes !== undefined && { notes }) } },
      ];
    },
  },

  /** A plan that will not happen, with a reason; it counts as cancelled, never as pending. */
  CancelIntervention: {
    guard: (state, attempt) => {
      const current = inStatus('CancelIntervention', OPEN_STATUSES)(state);
      requirePlannedIntervention(current, attempt.interventionId);
      return current;
    },
    decide: ({ interventionId, cancelledOn, reason, actor, today }) => {
      requireNotInFuture({ actor, today }, 'cancelledOn', cancelledOn);
      return [{ type: 'InterventionCancelled', data: { interventionId, cancelledOn, reason, cancelledBy: actor } }];
    },
  },

  /**
   * Allowed in every status, closed included: effects are observed over time, often after the case
   * has been closed, and the region wants to learn from them.
   */
  RecordInterventionEffect: {
    guard: (state, attempt) => {
      const current = existingCase(state);
      const intervention = requireIntervention(current, attempt.interventionId);
      if (intervention.executedOn === null) throw new InterventionNotExecuted(intervention.interventionId);
      return current;
    },
    decide: (command, current) => {
      const intervention = requireIntervention(current, command.interventionId);
      requireNotInFuture(command, 'observedOn', command.observedOn);
      if (intervention.executedOn !== null && command.observedOn < intervention.executedOn) {
        throw new DateBeforeExecution(intervention.interventionId, command.observedOn, intervention.executedOn);
      }
      const { interventionId, observedOn, effect, description } = command;
      return [
        {
          type: 'InterventionEffectRecorded',
          data: { interventionId, observedOn, effect, ...(description !== undefined && { description }) },
        },
      ];
    },
  },

  /**
   * Without a subject named (the actions on offer), whether some subject could be disclosed to the intervention, or
   * revoked from it.
   */
  DiscloseSubject: {
    guard: (state, attempt) => {
      const current = inStatus('DiscloseSubject', OPEN_STATUSES)(state);
      const intervention = requireIntervention(current, attempt.interventionId);
      const disclosable = (s: SubjectState) =>
        !s.erased && s.personalData !== null && !intervention.disclosedSubjects.includes(s.subjectId);
      if (attempt.subjectId === undefined) {
        if (!current.subjects.some(disclosable)) throw new SubjectNotFound('');
        return current;
      }
      const subject = requireSubject(current, attempt.subjectId);
      if (subject.erased) throw new SubjectAlreadyErased(subject.subjectId);
      if (intervention.disclosedSubjects.includes(subject.subjectId))
        throw new AlreadyDisclosed(subject.subjectId, intervention.interventionId);
      return current;
    },
    decide: ({ interventionId, subjectId, reason, actor }) => [
      { type: 'SubjectDisclosed', data: { interventionId, subjectId, reason, disclosedBy: actor } },
    ],
  },

  RevokeDisclosure: {
    guard: (state, attempt) => {
      const current = existingCase(state);
      const intervention = requireIntervention(current, attempt.interventionId);
      if (attempt.subjectId === undefined) {
        if (intervention.disclosedSubjects.length === 0) throw new NotDisclosed('', intervention.interventionId);
        return current;
      }
      if (!intervention.disclosedSubjects.includes(attempt.subjectId))
        throw new NotDisclosed(attempt.subjectId, intervention.interventionId);
      return current;
    },
    decide: ({ interventionId, subjectId, actor }) => [
      { type: 'SubjectDisclosureRevoked', data: { interventionId, subjectId, revokedBy: actor } },
    ],
  },

  AddSubject: {
    guard: inStatus('AddSubject', OPEN_STATUSES),
    decide: (command, current) => {
      if (current.subjects.some((s) => s.subjectId === command.subjectId)) {
        throw new DuplicateId('subject', command.subjectId);
      }
      const { subjectId, role, pseudonym, personalData } = command;
      return [{ type: 'SubjectAdded', data: { subjectId, role, pseudonym, personalData } }];
    },
  },

  RecordConsent: {
    guard: (state, attempt) => {
      const current = inStatus('RecordConsent', OPEN_STATUSES)(state);
      requireSubject(current, attempt.subjectId);
      return current;
    },
    decide: (command) => {
      requireNotInFuture(command, 'recordedOn', command.recordedOn);
      const { subjectId, scope, given, recordedOn } = command;
      return [{ type: 'ConsentRecorded', data: { subjectId, scope, given, recordedOn } }];
    },
  },

  /** Allowed in every status, closed included: the right to erasure does not end with the case. */
  EraseSubjectPersonalData: {
    guard: (state, attempt) => {
      const current = existingCase(state);
      const subject = requireSubject(current, attempt.subjectId);
      if (subject.erased) throw new SubjectAlreadyErased(subject.subjectId);
      return current;
    },
    decide: ({ subjectId, restated }) => [
      { type: 'SubjectPersonalDataErased', data: { subjectId } },
      ...(restated?.length
        ? [{ type: 'NarrativeRedacted' as const, data: { subjectId, texts: restated.map((t) => ({ ...t })) } }]
        : []),
    ],
  },

  /**
   * A submitted proposal is reported as `ProposalAwaitsDecision` before the status is checked: the case is
   * then `awaiting_steering_group`, and naming the proposal tells the user what to do.
   */
  CloseCase: {
    guard: (state) => {
      const current = existingCase(state);
      const awaiting = current.proposals.find((p) => p.status === 'submitted');
      if (awaiting !== undefined) throw new ProposalAwaitsDecision(awaiting.proposalId);
      requireStatus(current, 'CloseCase', ['at_care_table', 'in_execution', 'forwarded']);
      return current;
    },
    decide: (command, current) => {
      requireNotInFuture(command, 'closedOn', command.closedOn);
      if (command.closedOn < current.receivedOn) {
        throw new DateBeforeReceipt('closedOn', command.closedOn, current.receivedOn);
      }
      const { closedOn, outcome, rationale } = command;
      // Closing the case withdraws its draft: nothing is left to submit.
      const withdrawn = current.proposals.filter((p) => p.status === 'drafted');
      return [
        ...withdrawn.map(({ proposalId }): CaseEvent => ({
          type: 'ProposalWithdrawn',
          data: { proposalId, reason: 'The case was closed.', withdrawnBy: command.actor },
        })),
        { type: 'CaseClosed', data: { closedOn, outcome, rationale } },
      ];
    },
  },

  ReopenCase: {
    guard: inStatus('ReopenCase', ['closed']),
    decide: (command, current) => {
      requireNotInFuture(command, 'reopenedOn', command.reopenedOn);
      if (current.closedOn !== null && command.reopenedOn < current.closedOn) {
        throw new DateBeforeClosure(command.reopenedOn, current.closedOn);
      }
      return [{ type: 'CaseReopened', data: { reopenedOn: command.reopenedOn, reason: command.reason } }];
    },
  },

  /**
   * Idempotent: a deadline (same kind, ref and due date) already recorded as missed yields no events, so a
   * retried job does no harm, even after the case has been closed. A new miss on a closed case is refused.
   */
  RecordDeadlineMissed: {
    guard: existingCase,
    decide: (command, current) => {
      const { kind, dueOn, ref } = command;
      if (current.missedDeadlines.some((d) => d.kind === kind && d.ref === ref && d.dueOn === dueOn)) return [];
      requireStatus(current, command.type, OPEN_STATUSES);
      requireNotInFuture(command, 'dueOn', dueOn);
      return [{ type: 'DeadlineMissed', data: { kind, dueOn, ref } }];
    },
  },
};

/**
 * Decides what happens to a case on a command: the events to append, or a `DomainError` naming the
 * broken rule. Pure: the actor and today's business date come in on the command.
 */
export const decide = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  if (command.type === 'RegisterSignal') return registerSignal(command, state);
  const rule = RULES[command.type] as CommandRule<typeof command.type>;
  return rule.decide(command as never, rule.guard(state, command));
};

/** What each action acts on: the case as a whole, or one of its proposals, interventions or subjects. */
export const ACTION_TARGETS = {
  AssignCoordinator: 'case',
  ReclassifyCase: 'case',
  LinkCase: 'case',
  Triage: 'case',
  RecordForwardFeedback: 'case',
  RecordCareTableMeeting: 'case',
  DraftProposal: 'case',
  PlanIntervention: 'case',
  AddSubject: 'case',
  CloseCase: 'case',
  ReopenCase: 'case',
  SubmitProposal: 'proposal',
  DecideProposal: 'proposal',
  WithdrawProposal: 'proposal',
  ReviseProposal: 'proposal',
  EvaluateProposal: 'proposal',
  RecordInterventionExecuted: 'intervention',
  RecordInterventionEffect: 'intervention',
  CancelIntervention: 'intervention',
  DiscloseSubject: 'intervention',
  RevokeDisclosure: 'intervention',
  RecordConsent: 'subject',
  EraseSubjectPersonalData: 'subject',
  CompleteActionPoint: 'actionPoint',
} as const satisfies Partial<Record<CaseCommandType, 'case' | 'proposal' | 'intervention' | 'subject' | 'actionPoint'>>;

/** Commands a person can choose to take on a case (not the registration that creates it, nor the system's own). */
export type CaseActionType = keyof typeof ACTION_TARGETS;
type ActionsOn<Target> = {
  [A in CaseActionType]: (typeof ACTION_TARGETS)[A] extends Target ? A : never;
}[CaseActionType];

/** The actions the rules of the case allow now, on the case and on each proposal, intervention and subject. */
export interface AllowedCommands {
  case: ActionsOn<'case'>[];
  proposals: Record<string, ActionsOn<'proposal'>[]>;
  interventions: Record<string, ActionsOn<'intervention'>[]>;
  subjects: Record<string, ActionsOn<'subject'>[]>;
  actionPoints: Record<string, ActionsOn<'actionPoint'>[]>;
}

const passes = (type: CaseActionType, state: CaseState, attempt: Attempt): boolean => {
  try {
    RULES[type].guard(state, attempt);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
};

/**
 * The actions `actor` could take on the case as it is, by the same guards `decide` applies: an action listed here is
 * refused only for what the command itself carries (a date in the future, a coordinator of another district). Whether
 * the actor's role may take it at all is the access policy's to say.
 */
export function allowedCommands(state: OpenCase, actor: string): AllowedCommands {
  const types = Object.keys(ACTION_TARGETS) as CaseActionType[];
  const on = <T extends 'case' | 'proposal' | 'intervention' | 'subject' | 'actionPoint'>(
    target: T,
    attempt: Attempt,
  ) => types.filter((type) => ACTION_TARGETS[type] === target && passes(type, state, attempt)) as ActionsOn<T>[];
  return {
    case: on('case', { actor }),
    proposals: Object.fromEntries(
      state.proposals.map((p) => [p.proposalId, on('proposal', { actor, proposalId: p.proposalId })]),
    ),
    interventions: Object.fromEntries(
      state.interventions.map((i) => [
        i.interventionId,
        on('intervention', { actor, interventionId: i.interventionId }),
      ]),
    ),
    subjects: Object.fromEntries(
      state.subjects.map((s) => [s.subjectId, on('subject', { actor, subjectId: s.subjectId })]),
    ),
    actionPoints: Object.fromEntries(
      state.actionPoints.map((a) => [a.actionPointId, on('actionPoint', { actor, actionPointId: a.actionPointId })]),
    ),
  };
}
