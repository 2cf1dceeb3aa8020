import type { CaseEvent, EventOf } from './case.events';
import type { CaseState, OpenCase, SubjectState } from './case.state';
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

const newSubject = (subject: EventOf<'SubjectAdded'>['data']): SubjectState => ({
  subjectId: subject.subjectId,
  role: subject.role,
  pseudonym: subject.pseudonym,
  personalData: subject.personalData,
  erased: false,
  consents: [],
});

/** The state a registered signal starts; every list in it is new. */
const registered = ({ data }: EventOf<'SignalRegistered'>): OpenCase => ({
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
 * The one definition of what an event does to a case: applies `event` to `draft`, changing the draft in place, and
 * returns the state after it (a new object only for `SignalRegistered`). Only the owner of a draft may call it; everyone
 * else uses {@link evolve} or {@link fold}, which never change what they are given.
 *
 * Total: it never throws. Events that do not fit the state (anything before `SignalRegistered`, an unknown proposal
 * id) leave it unchanged; `decide` never produces them. The state shares no list with the event, only sealed personal
 * data, which is never changed.
 */
export function apply(draft: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'SignalRegistered') return registered(event);
  if (draft === null) return draft;
  const state: OpenCase = draft;
  const proposal = (proposalId: string) => state.proposals.find((p) => p.proposalId === proposalId);
  const intervention = (interventionId: string) => state.interventions.find((i) => i.interventionId === interventionId);
  const subject = (subjectId: string) => state.subjects.find((s) => s.subjectId === subjectId);

  switch (event.type) {
    case 'CoordinatorAssigned':
      state.status = 'in_triage';
      state.coordinator = event.data.coordinator;
      return state;

    case 'SignalTriaged': {
      const { decidedOn, urgency, decision, rationale, forwardedTo } = event.data;
      state.status = STATUS_AFTER_TRIAGE[decision] ?? state.status;
      state.urgency = urgency;
      state.triage = { decidedOn, urgency, decision, rationale, forwardedTo: forwardedTo ?? null };
      return state;
    }

    case 'CareTableMeetingRecorded': {
      const { meetingId, heldOn, participants, conclusions, victimInformed } = event.data;
      state.careTableMeetings.push({
        meetingId, heldOn, participants: [...participants], conclusions, victimInformed: victimInformed ?? null,
      });
      return state;
    }

    case 'ProposalDrafted': {
      const { proposalId, summary, proposedInterventions, draftedBy } = event.data;
      state.proposals.push({
        proposalId, status: 'drafted', summary, proposedInterventions: [...proposedInterventions], draftedBy,
        submittedBy: null, submittedOn: null, decision: null, decidedOn: null, decidedBy: null, notes: null,
      });
      return state;
    }

    case 'ProposalSubmitted': {
      const { proposalId, submittedOn, submittedBy } = event.data;
      const p = proposal(proposalId);
      if (p) Object.assign(p, { status: 'submitted', submittedOn, submittedBy });
      state.status = 'awaiting_steering_group';
      return state;
    }

    case 'ProposalDecided': {
      const { proposalId, decidedOn, decision, notes, decidedBy } = event.data;
      const p = proposal(proposalId);
      if (p) Object.assign(p, { status: decision, decision, decidedOn, decidedBy, notes: notes ?? null });
      state.status = decision === 'approved' ? 'in_execution' : 'at_care_table';
      return state;
    }

    case 'InterventionPlanned': {
      const { interventionId, type, level, leadPartner, participants, plannedOn, description } = event.data;
      state.interventions.push({
        interventionId, type, level, leadPartner, participants: [...participants], plannedOn, description: description ?? null,
        executedOn: null, executionNotes: null, effects: [],
      });
      return state;
    }

    case 'InterventionExecuted': {
      const { interventionId, executedOn, notes } = event.data;
      const i = intervention(interventionId);
      if (i) Object.assign(i, { executedOn, executionNotes: notes ?? null });
      return state;
    }

    case 'InterventionEffectRecorded': {
      const { interventionId, observedOn, effect, description } = event.data;
      intervention(interventionId)?.effects.push({ effect, observedOn, description: description ?? null });
      return state;
    }

    case 'SubjectAdded':
      state.subjects.push(newSubject(event.data));
      return state;

    case 'ConsentRecorded': {
      const { subjectId, scope, given, recordedOn } = event.data;
      subject(subjectId)?.consents.push({ scope, given, recordedOn });
      return state;
    }

    case 'SubjectPersonalDataErased': {
      const s = subject(event.data.subjectId);
      if (s) Object.assign(s, { personalData: null, erased: true });
      return state;
    }

    case 'CaseClosed': {
      const { closedOn, outcome, rationale } = event.data;
      Object.assign(state, { status: 'closed', closedOn, outcome, closeRationale: rationale });
      return state;
    }

    case 'CaseReopened': {
      const { reopenedOn, reason } = event.data;
      Object.assign(state, { status: 'in_triage', closedOn: null, outcome: null, closeRationale: null });
      state.reopenings.push({ reopenedOn, reason });
      return state;
    }

    case 'DeadlineMissed': {
      const { kind, dueOn, ref } = event.data;
      state.missedDeadlines.push({ kind, dueOn, ref });
      return state;
    }

    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

/** Applies one event to the state of a case, purely: the state it is given is never changed. */
export const evolve = (state: CaseState, event: CaseEvent): CaseState => apply(structuredClone(state), event);

/**
 * The state after `events`, applied in order to `from` (by default: no case yet). Pure like {@link evolve} and always
 * equal to `events.reduce(evolve, from)`, but it copies `from` once instead of once per event: a case with a thousand
 * care-table meetings costs a thousand steps to fold, not half a million copied entries.
 */
export function fold(events: Iterable<CaseEvent>, from: CaseState = null): CaseState {
  let draft = structuredClone(from);
  for (const event of events) draft = apply(draft, event);
  return draft;
}
