/** The parts of the notification screens that need no browser: their words, and how they keep each other current. */

/** The screen the bell links to. */
export const NOTIFICATIONS_PATH = '/meldingen';

/**
 * The roles that are handed work, and the programme lead (told about the programme's actions), get notifications; the
 * API gives everyone else an empty list.
 */
export const ROLES_WITH_NOTIFICATIONS: readonly string[] = [
  'coordinator',
  'steering_group',
  'partner',
  'programme_lead',
];

/** The bell's accessible name: `Meldingen (3 ongelezen)`, or `Meldingen` when nothing is unread. */
export function bellLabel(unread: number): string {
  return unread > 0 ? `Meldingen (${unread} ongelezen)` : 'Meldingen';
}

/** What a badge shows: the number, and `99+` beyond that. */
export function bellCount(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/** The API's notification kinds in Dutch (a kind this version does not know is shown as `Melding`). */
export const NOTIFICATION_KIND: Readonly<Record<string, string>> = {
  deadline_missed: 'Termijn verstreken',
  coordinator_assigned: 'Casus toegewezen',
  case_forwarded: 'Casus doorverwezen',
  forward_feedback_recorded: 'Terugkoppeling op doorverwijzing',
  proposal_submitted: 'Voorstel ter besluitvorming',
  intervention_planned: 'Interventie gepland',
  action_point_added: 'Actiepunt',
  programme_action_red: 'Actie op rood',
  programme_action_overdue: 'Actie over de termijn',
};

export const kindLabel = (kind: string): string => NOTIFICATION_KIND[kind] ?? 'Melding';

/**
 * A caption for the notifications shown: `5 meldingen, waarvan 2 ongelezen`; while older ones are still to be loaded
 * `De nieuwste 20 meldingen; 12 ongelezen in totaal` (the number unread counts every page).
 */
export function listCaption(shown: number, unread: number, more = false): string {
  if (more) return `De nieuwste ${shown} meldingen${unread > 0 ? `; ${unread} ongelezen in totaal` : ''}`;
  const count = shown === 1 ? '1 melding' : `${shown} meldingen`;
  return unread > 0 ? `${count}, waarvan ${unread} ongelezen` : count;
}

/** Where a notification leads: its case, or for an action of the programme the programme monitor. */
export function notificationTarget(notification: { caseId: string | null; reference: string }): {
  path: string;
  text: string;
} {
  return notification.caseId
    ? { path: `/casussen/${notification.caseId}`, text: `Casus ${notification.reference} openen` }
    : { path: '/programmamonitor', text: `Actie ${notification.reference} in de programmamonitor` };
}
