import {
  triageRef,
  type BusinessDate,
  type CaseEvent,
  type DeadlineKind,
  type OrganisationId,
  type Urgency,
} from '../domain';
import { missedAt, type DeadlineRules } from './deadline-rules';

/** A deadline the workflow keeps track of until its work is done or the case closes. */
export interface TrackedDeadline {
  /** Id of the event that started the work (receipt, reopening, submission, execution); also the job id. */
  deadlineId: string;
  kind: DeadlineKind;
  /** The case id or `reopening-<n>` (triage), the proposal id, the intervention id, `forward-<n>`, the action point id. */
  ref: string;
  dueOn: BusinessDate;
}

/** What the workflow remembers of one case. */
export interface DeadlineCase {
  caseId: string;
  reference: string;
  district: string;
  coordinator: string | null;
  reopenings: number;
  /** The urgency known of the case (at intake, then at triage): how soon a (new) triage is due. */
  urgency?: Urgency | null;
  /** How often the case was forwarded. */
  forwardings?: number;
  /** Lead partner per planned intervention. */
  leadPartners: Record<string, OrganisationId>;
  open: TrackedDeadline[];
}

export type DeadlineWorkflowState = DeadlineCase | null;

/** One event of a case, as the workflow reads it from the log. */
export interface DeadlineInput {
  eventId: string;
  caseId: string;
  recordedAt: Date;
  event: CaseEvent;
  /** The event's place in the log: picks the deadline periods in force when it was written (ADR 62). */
  globalPosition?: string;
}

export interface OpenedDeadline extends TrackedDeadline {
  caseId: string;
  reference: string;
  district: string;
  /** The business date the work started on. */
  startedOn: BusinessDate;
  /** Triage: the assigned coordinator, if any. */
  coordinator: string | null;
  /**
   * The organisation whose work it is besides the coordinator: the partner leading the intervention (effect
   * follow-up), the partner the case was forwarded to (its feedback), the organisation owning an action point.
   */
  leadPartner: OrganisationId | null;
  /** An action point owned by one person: that person's username. */
  owner?: string | null;
}

/**
 * What a deadline's job carries. Only `deadlineId` is read when it runs (the rest is there for people reading the
 * queue board): the escalation takes the case, kind, reference and due date from the `deadlines` table.
 */
export interface DeadlineJob {
  deadlineId: string;
  caseId: string;
  kind: DeadlineKind;
  ref: string;
  dueOn: BusinessDate;
}

/** `done`: the work was done (late or not). `cancelled`: the case closed first. `replaced`: a deferral moved it. */
export type CompletedAs = 'done' | 'cancelled' | 'replaced';

export type DeadlineOutput =
  | { type: 'Open'; deadline: OpenedDeadline }
  /** Send `RecordDeadlineMissed` at `at` unless the work is done by then. */
  | { type: 'Schedule'; job: DeadlineJob; at: Date }
  | { type: 'Assign'; deadlineId: string; coordinator: string }
  | { type: 'Complete'; deadlineId: string; outcome: CompletedAs; on: BusinessDate }
  | { type: 'RecordMissed'; deadlineId: string; at: Date };

export interface DeadlineWorkflow {
  initialState(): DeadlineWorkflowState;
  /** What to do about one event, given what is known of the case before it. */
  decide(input: DeadlineInput, state: DeadlineWorkflowState): DeadlineOutput[];
  /** What is known of the case after the event. */
  evolve(state: DeadlineWorkflowState, input: DeadlineInput): DeadlineWorkflowState;
  /** `decide` and `evolve` in one step. */
  process(
    state: DeadlineWorkflowState,
    input: DeadlineInput,
  ): { state: DeadlineWorkflowState; outputs: DeadlineOutput[] };
}

/**
 * The deadline process manager: a pure decide/evolve over the events of one case. Work that starts opens a deadline
 * and schedules its escalation; the work being done completes it, late or not; closing the case cancels every
 * deadline still open; a recorded `DeadlineMissed` marks it. Due dates come from `rules`, so the same events always
 * give the same deadlines for the same configuration.
 */
export function createDeadlineWorkflow(rules: DeadlineRules): DeadlineWorkflow {
  const start = (
    state: DeadlineCase,
    input: DeadlineInput,
    kind: DeadlineKind,
    ref: string,
    startedOn: BusinessDate,
    extra: { coordinator?: string | null; leadPartner?: OrganisationId | null; owner?: string | null } = {},
  ): DeadlineOutput[] => {
    const dueOn = rules.dueOn(kind, startedOn, state.urgency ?? null, input.globalPosition);
    const deadline: OpenedDeadline = {
      deadlineId: input.eventId,
      kind,
      ref,
      dueOn,
      caseId: state.caseId,
      reference: state.reference,
      district: state.district,
      startedOn,
      coordinator: extra.coordinator ?? null,
      leadPartner: extra.leadPartner ?? null,
      owner: extra.owner ?? null,
    };
    return [
      { type: 'Open', deadline },
      {
        type: 'Schedule',
        job: { deadlineId: input.eventId, caseId: state.caseId, kind, ref, dueOn },
        at: missedAt(dueOn),
      },
    ];
  };

  const complete = (
    state: DeadlineCase,
    matches: (d: TrackedDeadline) => boolean,
    outcome: CompletedAs,
    on: BusinessDate,
  ): DeadlineOutput[] =>
    state.open.filter(matches).map((d) => ({ type: 'Complete', deadlineId: d.deadlineId, outcome, on }));

  /** The stuurploeg's deadlines of a proposal: its decision, or the revisit of its latest deferral. */
  const awaitingSteeringGroup = (proposalId: string) => (d: TrackedDeadline) =>
    (d.kind === 'proposal_decision' || d.kind === 'proposal_revisit') && d.ref === proposalId;

  const decide = (input: DeadlineInput, state: DeadlineWorkflowState): DeadlineOutput[] => {
    const { event } = input;
    if (event.type === 'SignalRegistered') {
      if (state !== null) return [];
      return start(observe(state, input)!, input, 'triage', triageRef(input.caseId, 0), event.data.receivedOn);
    }
    if (state === null) return [];
    switch (event.type) {
      case 'CoordinatorAssigned':
        return state.open
          .filter((d) => d.kind === 'triage')
          .map((d) => ({ type: 'Assign', deadlineId: d.deadlineId, coordinator: event.data.coordinator }));
      case 'SignalTriaged': {
        const { decidedOn, decision, forwardedTo } = event.data;
        const triaged = complete(state, (d) => d.kind === 'triage', 'done', decidedOn);
        if (decision !== 'forward') return triaged;
        // A forward leaves the case with the partner until its feedback: a new forwarding replaces an older one.
        const forwarded = observe(state, input)!;
        return [
          ...triaged,
          ...complete(state, (d) => d.kind === 'forward_feedback', 'replaced', decidedOn),
          ...start(forwarded, input, 'forward_feedback', `forward-${forwarded.forwardings}`, decidedOn, {
            coordinator: state.coordinator,
            leadPartner: forwardedTo ?? null,
          }),
        ];
      }
      case 'ForwardFeedbackRecorded':
        return complete(state, (d) => d.kind === 'forward_feedback', 'done', event.data.receivedOn);
      case 'ActionPointAdded': {
        const { actionPointId, dueOn, ownerKind, owner, ownerOrganisation } = event.data;
        return start(state, input, 'action_point', actionPointId, dueOn, {
          coordinator: state.coordinator,
          leadPartner: ownerOrganisation,
          owner: ownerKind === 'user' ? owner : null,
        });
      }
      case 'ActionPointCompleted':
        return complete(
          state,
          (d) => d.kind === 'action_point' && d.ref === event.data.actionPointId,
          'done',
          event.data.completedOn,
        );
      case 'ProposalSubmitted':
        return start(state, input, 'proposal_decision', event.data.proposalId, event.data.submittedOn);
      case 'ProposalVoteCast': {
        const { proposalId, vote, decidedOn, revisitOn } = event.data;
        if (vote !== 'deferred' || revisitOn === undefined) return [];
        // A deferral replaces the decision deadline (or the previous revisit) by its revisit date.
        return [
          ...complete(state, awaitingSteeringGroup(proposalId), 'replaced', decidedOn),
          ...start(state, input, 'proposal_revisit', proposalId, revisitOn),
        ];
      }
      case 'ProposalApproved': {
        const { proposalId, decidedOn, evaluateOn } = event.data;
        return [
          ...complete(state, awaitingSteeringGroup(proposalId), 'done', decidedOn),
          ...(evaluateOn ? start(state, input, 'proposal_evaluation', proposalId, evaluateOn) : []),
        ];
      }
      case 'ProposalRejected':
      case 'ProposalDecided':
        return complete(state, awaitingSteeringGroup(event.data.proposalId), 'done', event.data.decidedOn);
      case 'ProposalEvaluated':
        return complete(
          state,
          (d) => d.kind === 'proposal_evaluation' && d.ref === event.data.proposalId,
          'done',
          event.data.evaluatedOn,
        );
      case 'InterventionExecuted':
        return start(state, input, 'effect_follow_up', event.data.interventionId, event.data.executedOn, {
          leadPartner: state.leadPartners[event.data.interventionId] ?? null,
        });
      case 'InterventionEffectRecorded':
        return complete(
          state,
          (d) => d.kind === 'effect_follow_up' && d.ref === event.data.interventionId,
          'done',
          event.data.observedOn,
        );
      case 'CaseClosed':
        return complete(state, () => true, 'cancelled', event.data.closedOn);
      case 'CaseReopened':
        return start(state, input, 'triage', triageRef(state.caseId, state.reopenings + 1), event.data.reopenedOn, {
          coordinator: state.coordinator,
        });
      case 'DeadlineMissed': {
        const { kind, ref, dueOn } = event.data;
        const missed = state.open.find((d) => d.kind === kind && d.ref === ref && d.dueOn === dueOn);
        return missed ? [{ type: 'RecordMissed', deadlineId: missed.deadlineId, at: input.recordedAt }] : [];
      }
      default:
        return [];
    }
  };

  /** The facts about the case that deadlines depend on, before the deadline changes are applied. */
  const observe = (state: DeadlineWorkflowState, input: DeadlineInput): DeadlineWorkflowState => {
    const { event } = input;
    if (event.type === 'SignalRegistered') {
      if (state !== null) return state;
      const { reference, district, urgency } = event.data;
      return {
        caseId: input.caseId,
        reference,
        district,
        coordinator: null,
        reopenings: 0,
        urgency: urgency ?? null,
        forwardings: 0,
        leadPartners: {},
        open: [],
      };
    }
    if (state === null) return null;
    switch (event.type) {
      case 'CoordinatorAssigned':
        return { ...state, coordinator: event.data.coordinator };
      case 'SignalTriaged':
        return {
          ...state,
          urgency: event.data.urgency,
          forwardings: (state.forwardings ?? 0) + (event.data.decision === 'forward' ? 1 : 0),
        };
      case 'InterventionPlanned':
        return {
          ...state,
          leadPartners: { ...state.leadPartners, [event.data.interventionId]: event.data.leadOrganisation },
        };
      case 'CaseReopened':
        return { ...state, reopenings: state.reopenings + 1 };
      default:
        return state;
    }
  };

  const apply = (state: DeadlineCase, output: DeadlineOutput): DeadlineCase => {
    switch (output.type) {
      case 'Open': {
        const { deadlineId, kind, ref, dueOn } = output.deadline;
        return { ...state, open: [...state.open, { deadlineId, kind, ref, dueOn }] };
      }
      case 'Complete':
        return { ...state, open: state.open.filter((d) => d.deadlineId !== output.deadlineId) };
      case 'Schedule':
      case 'Assign':
      case 'RecordMissed':
        return state;
    }
  };

  const process = (state: DeadlineWorkflowState, input: DeadlineInput) => {
    const outputs = decide(input, state);
    const observed = observe(state, input);
    return { state: observed === null ? null : outputs.reduce(apply, observed), outputs };
  };

  return {
    initialState: () => null,
    decide,
    evolve: (state, input) => process(state, input).state,
    process,
  };
}
