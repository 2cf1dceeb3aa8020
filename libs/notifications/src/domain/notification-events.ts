/**
 * The case events notifications are made of, with only the fields they read: the case stream's events as
 * `libs/case-coordination/src/domain/case.ts` defines them (`notifications.subscriber.ts` checks at compile time that
 * those still fit). Free text (summaries, descriptions, notes) is never read, so it cannot end up in a notification.
 */
export type NotifiableEvent =
  | { type: 'SignalRegistered'; data: { reference: string; district: string } }
  | { type: 'CoordinatorAssigned'; data: { coordinator: string } }
  | { type: 'SignalTriaged'; data: { decision: string; forwardedTo?: string } }
  | { type: 'ForwardFeedbackRecorded'; data: { receivedOn: string; feedback: 'accepted' | 'declined' } }
  | { type: 'ProposalSubmitted'; data: { proposalId: string; submittedOn: string } }
  | {
      type: 'InterventionPlanned';
      data: {
        interventionId: string;
        type: string;
        leadOrganisation: string;
        participants?: string[];
        plannedOn: string;
      };
    }
  | {
      type: 'ActionPointAdded';
      data: {
        actionPointId: string;
        owner: string;
        ownerKind: 'organisation' | 'user';
        ownerOrganisation: string | null;
        dueOn: string;
      };
    }
  | { type: 'ActionPointCompleted'; data: { actionPointId: string } }
  | { type: 'DeadlineMissed'; data: { kind: string; dueOn: string; ref: string } };

export type NotifiableEventType = NotifiableEvent['type'];

/** The events the notifications subscriber reads; its checkpoint moves only on these. */
export const NOTIFIABLE_EVENT_TYPES: readonly NotifiableEventType[] = [
  'SignalRegistered',
  'CoordinatorAssigned',
  'SignalTriaged',
  'ForwardFeedbackRecorded',
  'ProposalSubmitted',
  'InterventionPlanned',
  'ActionPointAdded',
  'ActionPointCompleted',
  'DeadlineMissed',
];

/** Deadlines that are the stuurploeg's work: their escalation also reaches the steering group's chair. */
export const STEERING_DEADLINE_KINDS: readonly string[] = ['proposal_decision', 'proposal_revisit'];

/**
 * The programme monitor's events notifications are made of (`libs/programme`, ADR 60), with only the fields they
 * read: the programme lead is told when an action turns red and when one passes its due moment without "done".
 * Notes are never read.
 */
export type NotifiableProgrammeEvent =
  | { type: 'ProgrammeProgressRecorded'; data: { actionId: string; on: string; status: string } }
  | { type: 'ProgrammeActionOverdue'; data: { actionId: string; dueBy: string } };

export type NotifiableProgrammeEventType = NotifiableProgrammeEvent['type'];

export const NOTIFIABLE_PROGRAMME_EVENT_TYPES: readonly NotifiableProgrammeEventType[] = [
  'ProgrammeProgressRecorded',
  'ProgrammeActionOverdue',
];
