import { STEERING_DEADLINE_KINDS, type NotifiableEvent } from './notification-events';

/** The roles a notification can be addressed to: in a district, or (the programme lead) in the whole region. */
export type RecipientRole = 'coordinator' | 'steering_group' | 'programme_lead';

/**
 * Who a notification is for:
 * - `user`: one person (`organisation` is the one the person acts for, when the event names it: webhooks go there);
 * - `organisation`: every user acting for it;
 * - `role`: every user with the role in the district (in the region when `district` is `null`), or only those of
 *   `organisation` (the stuurploeg's chair).
 */
export type Recipient =
  | { kind: 'user'; username: string; organisation: string | null }
  | { kind: 'organisation'; organisation: string }
  | { kind: 'role'; role: RecipientRole; district: string | null; organisation: string | null };

/** What a notification says, as facts; `notification-text.ts` puts them into Dutch. Never narrative. */
export type NotificationSubject =
  | { kind: 'deadline_missed'; deadlineKind: string; dueOn: string }
  | { kind: 'coordinator_assigned' }
  | { kind: 'case_forwarded' }
  | { kind: 'forward_feedback_recorded'; feedback: 'accepted' | 'declined' }
  | { kind: 'proposal_submitted'; submittedOn: string }
  | { kind: 'intervention_planned'; interventionType: string; plannedOn: string; part: 'lead' | 'participant' }
  | { kind: 'action_point_added'; dueOn: string }
  | { kind: 'programme_action_red'; actionId: string; on: string }
  | { kind: 'programme_action_overdue'; actionId: string; dueBy: string };

export type NotificationKind = NotificationSubject['kind'];

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'deadline_missed',
  'coordinator_assigned',
  'case_forwarded',
  'forward_feedback_recorded',
  'proposal_submitted',
  'intervention_planned',
  'action_point_added',
  'programme_action_red',
  'programme_action_overdue',
];

/** One notification to one recipient. */
export interface Notice {
  recipient: Recipient;
  subject: NotificationSubject;
}

/** What the rules remember of a case between its events. */
export interface NotificationCase {
  caseId: string;
  reference: string;
  district: string;
  /** The assigned coordinator; `null` until one is assigned (then every coordinator of the district is told). */
  coordinator: string | null;
  /** The owner of each open action point, for the escalation of its deadline. */
  actionPoints: Record<string, ActionPointOwner>;
}

export interface ActionPointOwner {
  owner: string;
  ownerKind: 'organisation' | 'user';
  ownerOrganisation: string | null;
}

/** One event of a case as the rules read it from the log. */
export interface NotificationInput {
  eventId: string;
  caseId: string;
  recordedAt: Date;
  /** The username of whoever recorded the event (`system` for escalations). */
  actor: string | null;
  event: NotifiableEvent;
}

export interface NotificationRulesOptions {
  /**
   * The organisation whose steering-group members chair a district's stuurploeg (the RIEC in Zeeland-West-Brabant):
   * a missed steering deadline reaches them besides the coordinator.
   */
  chairOrganisation: string;
}

export interface NotificationRules {
  /** Who is told what about one event, given what is known of the case before it. */
  decide(input: NotificationInput, state: NotificationCase | null): Notice[];
  /** What is known of the case after the event. */
  evolve(state: NotificationCase | null, input: NotificationInput): NotificationCase | null;
}

/** A stable key per recipient: names the notification (with the event id) and de-duplicates recipients. */
export function recipientKey(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'user':
      return `user:${recipient.username}`;
    case 'organisation':
      return `organisation:${recipient.organisation}`;
    case 'role':
      return `role:${recipient.role}:${recipient.district ?? 'region'}${recipient.organisation ? `:${recipient.organisation}` : ''}`;
  }
}

/**
 * Who is told about which case event (DOMAIN.md "Deadlines": nothing is only recorded and never seen). A pure
 * decide/evolve over the events of one case, so a rebuild from the log gives the same notifications:
 * - `DeadlineMissed`: the case's coordinator (the assigned one, else every coordinator of the district); for the
 *   stuurploeg's deadlines also its chair; for an action point also its owner.
 * - Work handed to someone: `CoordinatorAssigned` the coordinator; `InterventionPlanned` its lead and participating
 *   organisations; a triage that forwards the case the organisation it goes to; `ProposalSubmitted` the district's
 *   steering group; `ActionPointAdded` its owner; `ForwardFeedbackRecorded` the coordinator.
 * Nobody is told of their own act: a person who assigns the case to themselves gets no notification of it.
 */
export function createNotificationRules(options: NotificationRulesOptions): NotificationRules {
  const coordinatorOf = (state: NotificationCase): Recipient =>
    state.coordinator
      ? { kind: 'user', username: state.coordinator, organisation: null }
      : { kind: 'role', role: 'coordinator', district: state.district, organisation: null };

  const ownerOf = ({ owner, ownerKind, ownerOrganisation }: ActionPointOwner): Recipient =>
    ownerKind === 'user'
      ? { kind: 'user', username: owner, organisation: ownerOrganisation }
      : { kind: 'organisation', organisation: owner };

  const recipientsFor = (state: NotificationCase, event: NotifiableEvent): Notice[] => {
    switch (event.type) {
      case 'DeadlineMissed': {
        const { kind, dueOn, ref } = event.data;
        const subject: NotificationSubject = { kind: 'deadline_missed', deadlineKind: kind, dueOn };
        const chair: Recipient[] = STEERING_DEADLINE_KINDS.includes(kind)
          ? [
              {
                kind: 'role',
                role: 'steering_group',
                district: state.district,
                organisation: options.chairOrganisation,
              },
            ]
          : [];
        const owner = kind === 'action_point' && state.actionPoints[ref] ? [ownerOf(state.actionPoints[ref])] : [];
        return [coordinatorOf(state), ...chair, ...owner].map((recipient) => ({ recipient, subject }));
      }
      case 'CoordinatorAssigned':
        return [
          {
            recipient: { kind: 'user', username: event.data.coordinator, organisation: null },
            subject: { kind: 'coordinator_assigned' },
          },
        ];
      case 'SignalTriaged': {
        const { decision, forwardedTo } = event.data;
        if (decision !== 'forward' || !forwardedTo) return [];
        return [
          { recipient: { kind: 'organisation', organisation: forwardedTo }, subject: { kind: 'case_forwarded' } },
        ];
      }
      case 'ForwardFeedbackRecorded':
        return [
          {
            recipient: coordinatorOf(state),
            subject: { kind: 'forward_feedback_recorded', feedback: event.data.feedback },
          },
        ];
      case 'ProposalSubmitted':
        return [
          {
            recipient: { kind: 'role', role: 'steering_group', district: state.district, organisation: null },
            subject: { kind: 'proposal_submitted', submittedOn: event.data.submittedOn },
          },
        ];
      case 'InterventionPlanned': {
        const { type, leadOrganisation, participants = [], plannedOn } = event.data;
        const about = (part: 'lead' | 'participant'): NotificationSubject => ({
          kind: 'intervention_planned',
          interventionType: type,
          plannedOn,
          part,
        });
        return [
          { recipient: { kind: 'organisation', organisation: leadOrganisation }, subject: about('lead') },
          ...participants
            .filter((organisation) => organisation !== leadOrganisation)
            .map((organisation): Notice => ({
              recipient: { kind: 'organisation', organisation },
              subject: about('participant'),
            })),
        ];
      }
      case 'ActionPointAdded':
        return [{ recipient: ownerOf(event.data), subject: { kind: 'action_point_added', dueOn: event.data.dueOn } }];
      case 'SignalRegistered':
      case 'ActionPointCompleted':
        return [];
    }
  };

  const decide = (input: NotificationInput, state: NotificationCase | null): Notice[] => {
    if (state === null) return [];
    const seen = new Set<string>();
    return recipientsFor(state, input.event).filter(({ recipient }) => {
      const key = recipientKey(recipient);
      if (seen.has(key)) return false;
      seen.add(key);
      return !(recipient.kind === 'user' && recipient.username === input.actor);
    });
  };

  const evolve = (state: NotificationCase | null, input: NotificationInput): NotificationCase | null => {
    const { event } = input;
    if (event.type === 'SignalRegistered') {
      if (state !== null) return state;
      const { reference, district } = event.data;
      return { caseId: input.caseId, reference, district, coordinator: null, actionPoints: {} };
    }
    if (state === null) return null;
    switch (event.type) {
      case 'CoordinatorAssigned':
        return { ...state, coordinator: event.data.coordinator };
      case 'ActionPointAdded': {
        const { actionPointId, owner, ownerKind, ownerOrganisation } = event.data;
        return {
          ...state,
          actionPoints: { ...state.actionPoints, [actionPointId]: { owner, ownerKind, ownerOrganisation } },
        };
      }
      case 'ActionPointCompleted': {
        const { [event.data.actionPointId]: _done, ...open } = state.actionPoints;
        return { ...state, actionPoints: open };
      }
      default:
        return state;
    }
  };

  return { decide, evolve };
}
