import type { CaseEvent, EventOf } from './case.events';
import type { CaseState, InterventionState, OpenCase, ProposalState, SubjectState } from './case.state';
import type { CaseStatus, TriageDecision } from './enumerations';

/**
 * Status after triage. `forward` and `no_further_action` leave the status alone: `decide` emits a
 * `CaseClosed` right after the `SignalTriaged`, and that event closes the case.
 */
export const STATUS_AFTER_TRIAGE: Record<TriageDecision, CaseStatus | null> = {
  refer_to_care_table: 'at_care_table',
  start_care: 'in_execution',
  forward: null,
  no_further_action: null,
};

const replaceWhere = <T>(items: readonly T[], matches: (item: T) => boolean, update: (item: T) => T): T[] =>
  items.map((item) => (matches(item) ? update(item) : item));

const updateProposal = (state: OpenCase, proposalId: string, update: (p: ProposalState) => ProposalState): OpenCase => ({
  ...state,
  proposals: replaceWhere(state.proposals, (p) => p.proposalId === proposalId, update),
});

const updateIntervention = (
  state: OpenCase, interventionId: string, update: (i: InterventionState) => InterventionState,
): OpenCase => ({
  ...state,
  interventions: replaceWhere(state.interventions, (i) => i.interventionId === interventionId, update),
});

const updateSubject = (state: OpenCase, subjectId: string, update: (s: SubjectState) => SubjectState): OpenCase => ({
  ...state,
  subjects: replaceWhere(state.subjects, (s) => s.subjectId === subjectId, update),
});

export const newSubject = (subject: EventOf<'SubjectAdded'>['data']): SubjectState => ({
  subjectId: subject.subjectId,
  role: subject.role,
  pseudonym: subject.pseudonym,
  personalData: subject.personalData,
  erased: false,
  consents: [],
});

/** The state a registered signal starts; every list in it is new. */
export const registered = ({ data }: EventOf<'SignalRegistered'>): OpenCase => ({
  status: 'signal_received',
  caseId: data.caseId,
  reference: data.reference,
  district: data.district,
  municipality: data.municipality,
  receivedOn: data.receivedOn,
  registeredBy: data.registeredBy,
  source: { type: data.source.type, organisation: data.source.organisation ?? null },
  forms: [...data.forms],
  vulnerabilities: [...data.vulnerabilities],
  summary: data.summary,
  coordinator: null,
  urgency: null,
  triage: null,
  subjects: data.subjects.map(newSubject),
  careTableMeetings: [],
  proposals: [],
  interventions: [],
  closedOn: null,
  outcome: null,
  closeRationale: null,
  reopenings: [],
  missedDeadlines: [],
});

/**
 * Applies one event to the state of a case. Pure and total: it never throws, never reads a clock and
 * returns new objects. Events that do not fit the state (for instance anything before `SignalRegistered`,
 * or an unknown proposal id) leave it unchanged; `decide` never produces them.
 */
export const evolve = (state: CaseState, event: CaseEvent): CaseState => {
  if (event.type === 'SignalRegistered') return registered(event);
  if (state === null) return state;

  switch (event.type) {
    case 'CoordinatorAssigned':
      return { ...state, status: 'in_triage', coordinator: event.data.coordinator };

    case 'SignalTriaged': {
      const { decidedOn, urgency, decision, rationale, forwardedTo } = event.data;
      return {
        ...state,
        status: STATUS_AFTER_TRIAGE[decision] ?? state.status,
        urgency,
        triage: { decidedOn, urgency, decision, rationale, forwardedTo: forwardedTo ?? null },
      };
    }

    case 'CareTableMeetingRecorded': {
      const { meetingId, heldOn, participants, conclusions, victimInformed } = event.data;
      return {
        ...state,
        careTableMeetings: [
          ...state.careTableMeetings,
          { meetingId, heldOn, participants: [...participants], conclusions, victimInformed: victimInformed ?? null },
        ],
      };
    }

    case 'ProposalDrafted': {
      const { proposalId, summary, proposedInterventions, draftedBy } = event.data;
      return {
        ...state,
        proposals: [
          ...state.proposals,
          {
            proposalId, status: 'drafted', summary, proposedInterventions: [...proposedInterventions], draftedBy,
            submittedBy: null, submittedOn: null, decision: null, decidedOn: null, decidedBy: null, notes: null,
          },
        ],
      };
    }

    case 'ProposalSubmitted': {
      const { proposalId, submittedOn, submittedBy } = event.data;
      return {
        ...updateProposal(state, proposalId, (p) => ({ ...p, status: 'submitted', submittedOn, submittedBy })),
        status: 'awaiting_steering_group',
      };
    }

    case 'ProposalDecided': {
      const { proposalId, decidedOn, decision, notes, decidedBy } = event.data;
      return {
        ...updateProposal(state, proposalId, (p) => ({
          ...p, status: decision, decision, decidedOn, decidedBy, notes: notes ?? null,
        })),
        status: decision === 'approved' ? 'in_execution' : 'at_care_table',
      };
    }

    case 'InterventionPlanned': {
      const { interventionId, type, level, leadPartner, plannedOn, description } = event.data;
      return {
        ...state,
        interventions: [
          ...state.interventions,
          {
            interventionId, type, level, leadPartner, plannedOn, description: description ?? null,
            executedOn: null, executionNotes: null, effects: [],
          },
        ],
      };
    }

    case 'InterventionExecuted': {
      const { interventionId, executedOn, notes } = event.data;
      return updateIntervention(state, interventionId, (i) => ({ ...i, executedOn, executionNotes: notes ?? null }));
    }

    case 'InterventionEffectRecorded': {
      const { interventionId, observedOn, effect, description } = event.data;
      return updateIntervention(state, interventionId, (i) => ({
        ...i, effects: [...i.effects, { effect, observedOn, description: description ?? null }],
      }));
    }

    case 'SubjectAdded':
      return { ...state, subjects: [...state.subjects, newSubject(event.data)] };

    case 'ConsentRecorded': {
      const { subjectId, scope, given, recordedOn } = event.data;
      return updateSubject(state, subjectId, (s) => ({ ...s, consents: [...s.consents, { scope, given, recordedOn }] }));
    }

    case 'SubjectPersonalDataErased':
      return updateSubject(state, event.data.subjectId, (s) => ({ ...s, personalData: null, erased: true }));

    case 'CaseClosed': {
      const { closedOn, outcome, rationale } = event.data;
      return { ...state, status: 'closed', closedOn, outcome, closeRationale: rationale };
    }

    case 'CaseReopened': {
      const { reopenedOn, reason } = event.data;
      return {
        ...state,
        status: 'in_triage',
        closedOn: null,
        outcome: null,
        closeRationale: null,
        reopenings: [...state.reopenings, { reopenedOn, reason }],
      };
    }

    case 'DeadlineMissed': {
      const { kind, dueOn, ref } = event.data;
      return { ...state, missedDeadlines: [...state.missedDeadlines, { kind, dueOn, ref }] };
    }

    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};
