import type { CaseEvent } from './case.events';
import { newSubject, registered, STATUS_AFTER_TRIAGE } from './case.evolve';
import type { CaseState, OpenCase } from './case.state';

/**
 * The state of a case after `events`, from no case at all: always equal to `events.reduce(evolve, null)`, but built
 * in one draft that only this replay can see and that it changes in place. `evolve` returns a new state for every
 * event and so copies the state's lists each time — a case with a thousand care-table meetings costs half a million
 * copied entries to replay; this costs a thousand. Use it where a whole stream is folded at once (time travel,
 * history, rebuilds); `evolve` stays the pure, one-event definition, and the tests hold the two equal for every
 * event type.
 *
 * Nothing it returns is shared with the events or with any other state, except sealed personal data, which `evolve`
 * shares too and which is never changed.
 */
export function replay(events: Iterable<CaseEvent>): CaseState {
  let draft: CaseState = null;
  for (const event of events) draft = applyInPlace(draft, event);
  return draft;
}

/** Each case mirrors the same case of `evolve`, mutating objects that `draft` owns instead of copying them. */
function applyInPlace(draft: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'SignalRegistered') return registered(event);
  if (draft === null) return draft;
  const state: OpenCase = draft;

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
      state.careTableMeetings.push({ meetingId, heldOn, participants: [...participants], conclusions, victimInformed: victimInformed ?? null });
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
      for (const p of state.proposals) {
        if (p.proposalId !== proposalId) continue;
        p.status = 'submitted';
        p.submittedOn = submittedOn;
        p.submittedBy = submittedBy;
      }
      state.status = 'awaiting_steering_group';
      return state;
    }

    case 'ProposalDecided': {
      const { proposalId, decidedOn, decision, notes, decidedBy } = event.data;
      for (const p of state.proposals) {
        if (p.proposalId !== proposalId) continue;
        p.status = decision;
        p.decision = decision;
        p.decidedOn = decidedOn;
        p.decidedBy = decidedBy;
        p.notes = notes ?? null;
      }
      state.status = decision === 'approved' ? 'in_execution' : 'at_care_table';
      return state;
    }

    case 'InterventionPlanned': {
      const { interventionId, type, level, leadPartner, plannedOn, description } = event.data;
      state.interventions.push({
        interventionId, type, level, leadPartner, plannedOn, description: description ?? null,
        executedOn: null, executionNotes: null, effects: [],
      });
      return state;
    }

    case 'InterventionExecuted': {
      const { interventionId, executedOn, notes } = event.data;
      for (const i of state.interventions) {
        if (i.interventionId !== interventionId) continue;
        i.executedOn = executedOn;
        i.executionNotes = notes ?? null;
      }
      return state;
    }

    case 'InterventionEffectRecorded': {
      const { interventionId, observedOn, effect, description } = event.data;
      for (const i of state.interventions) {
        if (i.interventionId === interventionId) i.effects.push({ effect, observedOn, description: description ?? null });
      }
      return state;
    }

    case 'SubjectAdded':
      state.subjects.push(newSubject(event.data));
      return state;

    case 'ConsentRecorded': {
      const { subjectId, scope, given, recordedOn } = event.data;
      for (const s of state.subjects) {
        if (s.subjectId === subjectId) s.consents.push({ scope, given, recordedOn });
      }
      return state;
    }

    case 'SubjectPersonalDataErased':
      for (const s of state.subjects) {
        if (s.subjectId !== event.data.subjectId) continue;
        s.personalData = null;
        s.erased = true;
      }
      return state;

    case 'CaseClosed': {
      const { closedOn, outcome, rationale } = event.data;
      state.status = 'closed';
      state.closedOn = closedOn;
      state.outcome = outcome;
      state.closeRationale = rationale;
      return state;
    }

    case 'CaseReopened': {
      const { reopenedOn, reason } = event.data;
      state.status = 'in_triage';
      state.closedOn = null;
      state.outcome = null;
      state.closeRationale = null;
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
