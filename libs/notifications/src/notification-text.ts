import { dateText, INTERVENTION_TYPE, label, lowerFirst } from '@baken/labels';
import type { NotificationSubject, Recipient } from './domain/notification-rules';

/** The work a missed deadline was about, inside a sentence: "Termijn verstreken: triage van casus …". */
const MISSED_WORK: Readonly<Record<string, string>> = {
  triage: 'triage',
  proposal_decision: 'besluit van de stuurploeg over het voorstel',
  proposal_revisit: 'herbespreking van het uitgestelde voorstel',
  proposal_evaluation: 'evaluatie van het besluit van de stuurploeg',
  effect_follow_up: 'vastleggen van het effect van een interventie',
  forward_feedback: 'terugkoppeling op de doorverwijzing',
  action_point: 'actiepunt',
};

/**
 * A notification in Dutch: the case reference (for the programme: the action's id), the kind of work and its dates, never narrative or personal data
 * (no summaries, no names). The same facts always give the same text, so a rebuild writes the same rows.
 */
export function notificationText(subject: NotificationSubject, recipient: Recipient, reference: string): string {
  const casus = `casus ${reference}`;
  switch (subject.kind) {
    case 'deadline_missed':
      return `Termijn verstreken: ${MISSED_WORK[subject.deadlineKind] ?? 'werk'} van ${casus} (uiterlijk ${dateText(subject.dueOn)})`;
    case 'coordinator_assigned':
      return `Casus ${reference} is aan u toegewezen`;
    case 'case_forwarded':
      return `Casus ${reference} is naar uw organisatie doorverwezen`;
    case 'forward_feedback_recorded':
      return subject.feedback === 'accepted'
        ? `Doorverwijzing van ${casus} is geaccepteerd`
        : `Doorverwijzing van ${casus} is afgewezen; de casus is terug in triage`;
    case 'proposal_submitted':
      return `Voorstel bij ${casus} ter besluitvorming voorgelegd aan de stuurploeg (ingediend ${dateText(subject.submittedOn)})`;
    case 'intervention_planned': {
      const what = lowerFirst(label(INTERVENTION_TYPE, subject.interventionType));
      const when = `gepland op ${dateText(subject.plannedOn)}`;
      return subject.part === 'lead'
        ? `Interventie onder leiding van uw organisatie bij ${casus}: ${what}, ${when}`
        : `Uw organisatie neemt deel aan een interventie bij ${casus}: ${what}, ${when}`;
    }
    case 'action_point_added':
      return `Actiepunt voor ${recipient.kind === 'user' ? 'u' : 'uw organisatie'} bij ${casus}, uiterlijk ${dateText(subject.dueOn)}`;
    case 'programme_action_red':
      return `Actie ${subject.actionId} van het actieprogramma staat op rood (voortgang van ${dateText(subject.on)})`;
    case 'programme_action_overdue':
      return `Actie ${subject.actionId} van het actieprogramma is niet afgerond binnen de geplande termijn (uiterlijk ${dateText(subject.dueBy)})`;
  }
}
