import type { NotifiableProgrammeEvent } from './notification-events';
import type { Notice, Recipient } from './notification-rules';

/** What the rules remember of an action between its events: the status of its latest progress update. */
export type ProgrammeActionStatuses = ReadonlyMap<string, string>;

/** Every programme lead (ketenregisseur) of the region. */
export const PROGRAMME_LEADS: Recipient = { kind: 'role', role: 'programme_lead', district: null, organisation: null };

/**
 * Who is told about the programme (DOMAIN.md "Programme monitor": the programme lead is notified when an action turns
 * red or passes its due moment without "done"). Pure, over the programme's events in log order, so a rebuild gives
 * the same notifications:
 * - a progress update with status `red` on an action whose latest update was not red: the programme leads;
 * - `ProgrammeActionOverdue` (recorded once per due moment by the system): the programme leads.
 */
export function decideProgrammeNotices(event: NotifiableProgrammeEvent, statuses: ProgrammeActionStatuses): Notice[] {
  switch (event.type) {
    case 'ProgrammeProgressRecorded': {
      const { actionId, on, status } = event.data;
      if (status !== 'red' || statuses.get(actionId) === 'red') return [];
      return [{ recipient: PROGRAMME_LEADS, subject: { kind: 'programme_action_red', actionId, on } }];
    }
    case 'ProgrammeActionOverdue': {
      const { actionId, dueBy } = event.data;
      return [{ recipient: PROGRAMME_LEADS, subject: { kind: 'programme_action_overdue', actionId, dueBy } }];
    }
  }
}

/** The statuses after the event: a progress update is the action's latest. */
export function evolveProgrammeStatuses(
  statuses: ProgrammeActionStatuses,
  event: NotifiableProgrammeEvent,
): ProgrammeActionStatuses {
  if (event.type !== 'ProgrammeProgressRecorded') return statuses;
  return new Map(statuses).set(event.data.actionId, event.data.status);
}
