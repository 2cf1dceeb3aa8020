import type { BusinessDate } from '../domain';
import type { OrganisationId } from '../domain/organisations';

/*
 * A session of a district's Zorgtafel (DOMAIN.md "Care-table sessions and action points"): planned ahead, with the
 * organisations invited and an agenda of cases. It is a stream of its own; what was concluded about each case is
 * recorded on the case (`CareTableMeetingRecorded` naming the session), where its history belongs.
 */

export const SESSION_STREAM_TYPE = 'care-table-session';
export const sessionStreamId = (sessionId: string): string => `${SESSION_STREAM_TYPE}-${sessionId}`;

export interface SessionPlanned {
  type: 'CareTableSessionPlanned';
  data: {
    sessionId: string;
    district: string;
    plannedOn: BusinessDate;
    invitees: OrganisationId[];
    caseIds: string[];
    plannedBy: string;
  };
}

export type SessionEvent = SessionPlanned;

export interface PlanSession {
  type: 'PlanCareTableSession';
  sessionId: string;
  district: string;
  plannedOn: BusinessDate;
  invitees: readonly OrganisationId[];
  caseIds: readonly string[];
  actor: string;
  /** The cases that may go on this district's agenda (open cases of the district), from the read model. */
  eligibleCaseIds: ReadonlySet<string>;
}

export interface SessionState {
  sessionId: string;
  district: string;
  plannedOn: BusinessDate;
  invitees: OrganisationId[];
  caseIds: string[];
  plannedBy: string;
}

export class SessionRuleBroken extends Error {
  constructor(
    readonly code: 'SessionAlreadyPlanned' | 'CaseNotEligible',
    message: string,
    readonly caseIds: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * Plans a session: any date, also in the future (it is a plan); every case on the agenda an open case of the
 * district; the invitees and the agenda without repeats, in the order given.
 */
export function decideSession(command: PlanSession, state: SessionState | null): SessionEvent[] {
  if (state !== null) throw new SessionRuleBroken('SessionAlreadyPlanned', `Session ${state.sessionId} exists.`);
  const caseIds = [...new Set(command.caseIds)];
  const foreign = caseIds.filter((id) => !command.eligibleCaseIds.has(id));
  if (foreign.length > 0) {
    throw new SessionRuleBroken(
      'CaseNotEligible',
      `Only open cases of district ${command.district} can be on its agenda.`,
      foreign,
    );
  }
  const { sessionId, district, plannedOn, actor } = command;
  return [
    {
      type: 'CareTableSessionPlanned',
      data: { sessionId, district, plannedOn, invitees: [...new Set(command.invitees)], caseIds, plannedBy: actor },
    },
  ];
}

export function evolveSession(state: SessionState | null, event: SessionEvent): SessionState | null {
  switch (event.type) {
    case 'CareTableSessionPlanned':
      return { ...event.data, invitees: [...event.data.invitees], caseIds: [...event.data.caseIds] };
    default:
      return state;
  }
}
