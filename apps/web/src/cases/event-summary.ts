import { formatDate } from '../dates';
import {
  CLOSE_OUTCOME,
  DEADLINE_KIND,
  EFFECT,
  EVENT_TYPE,
  EXPLOITATION_FORM,
  INTERVENTION_TYPE,
  PARTNER,
  PROPOSAL_STATUS,
  REOPEN_REASON,
  ROLE,
  STEERING_VOTE,
  SUBJECT_ROLE,
  TRIAGE_DECISION,
  URGENCY,
  countOf,
  label,
  listOf,
  lowerFirst,
} from '../i18n/labels';

type Data = Record<string, unknown>;

const s = (data: Data, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
const names = (data: Data, key: string, dictionary: Record<string, string>) =>
  listOf((Array.isArray(data[key]) ? (data[key] as string[]) : []).map((v) => label(dictionary, v)));

/** The name of an organisation id; without reference data its kind (`municipality:breda` → Gemeente (breda)). */
export type OrganisationNames = (id: string) => string;
const kindOf: OrganisationNames = (id) => {
  const [kind, slug] = id.split(':');
  return slug ? `${label(PARTNER, kind)} (${slug})` : label(PARTNER, kind);
};

const measuresOf = (data: Data, organisation: OrganisationNames) =>
  listOf(
    (Array.isArray(data.measures) ? (data.measures as Data[]) : []).map(
      (m) => `${label(INTERVENTION_TYPE, s(m, 'type')).toLowerCase()} (${organisation(s(m, 'leadOrganisation'))})`,
    ),
  ) || 'geen';

/** The title of an event in the timeline. */
export function eventTitle(type: string): string {
  return label(EVENT_TYPE, type);
}

/**
 * One line, in Dutch, with what an event recorded (business dates, decisions); never personal data of subjects. The
 * names of organisations and of the people who work on the case come from `organisation` and `personName`.
 */
export function eventSummary(
  type: string,
  data: Data,
  organisation: OrganisationNames = kindOf,
  personName: (username: string) => string = (username) => username,
): string {
  switch (type) {
    case 'SignalRegistered':
      return `Ontvangen op ${formatDate(s(data, 'receivedOn'))}; ${names(data, 'forms', EXPLOITATION_FORM).toLowerCase()}.`;
    case 'CoordinatorAssigned':
      return `Zorgcoördinator: ${personName(s(data, 'coordinator'))}.`;
    case 'SignalTriaged':
      return `${label(TRIAGE_DECISION, s(data, 'decision'))}, urgentie ${label(URGENCY, s(data, 'urgency')).toLowerCase()}; besloten op ${formatDate(s(data, 'decidedOn'))}.${s(data, 'forwardedTo') ? ` Doorverwezen naar ${label(PARTNER, s(data, 'forwardedTo'))}.` : ''}`;
    case 'CareTableMeetingRecorded':
      return `Gehouden op ${formatDate(s(data, 'heldOn'))} met ${names(data, 'participants', PARTNER)}.`;
    case 'ProposalDrafted':
    case 'ProposalRevised':
      return `Maatregelen: ${measuresOf(data, organisation)}.`;
    case 'ProposalSubmitted':
      return `Ingediend op ${formatDate(s(data, 'submittedOn'))}.`;
    case 'ProposalVoteCast':
      return `${organisation(s(data, 'organisation'))}: ${label(STEERING_VOTE, s(data, 'vote')).toLowerCase()} op ${formatDate(s(data, 'decidedOn'))}.${s(data, 'revisitOn') ? ` Opnieuw bespreken op ${formatDate(s(data, 'revisitOn'))}.` : ''}`;
    case 'ProposalApproved':
      return `Goedgekeurd op ${formatDate(s(data, 'decidedOn'))}.${s(data, 'evaluateOn') ? ` Evaluatie op ${formatDate(s(data, 'evaluateOn'))}.` : ''}`;
    case 'ProposalRejected':
      return `Afgewezen op ${formatDate(s(data, 'decidedOn'))}.`;
    case 'ProposalEvaluated':
      return `Geëvalueerd op ${formatDate(s(data, 'evaluatedOn'))}.`;
    case 'ProposalDecided':
      return `${label(PROPOSAL_STATUS, s(data, 'decision'))} op ${formatDate(s(data, 'decidedOn'))}.`;
    case 'InterventionPlanned':
      return `${label(INTERVENTION_TYPE, s(data, 'type'))} door ${organisation(s(data, 'leadOrganisation') || s(data, 'leadPartner'))}, gepland op ${formatDate(s(data, 'plannedOn'))}.`;
    case 'InterventionExecuted':
      return `Uitgevoerd op ${formatDate(s(data, 'executedOn'))}.`;
    case 'InterventionEffectRecorded':
      return `${label(EFFECT, s(data, 'effect'))}, waargenomen op ${formatDate(s(data, 'observedOn'))}.`;
    case 'SubjectAdded':
      return `${label(SUBJECT_ROLE, s(data, 'role'))} ${s(data, 'pseudonym')}.`;
    case 'ConsentRecorded':
      return `Toestemming ${data.given === true ? 'gegeven' : 'geweigerd'} op ${formatDate(s(data, 'recordedOn'))}.`;
    case 'SubjectPersonalDataErased':
      return 'De persoonsgegevens van een persoon zijn gewist.';
    case 'NarrativeRedacted':
      return `De naam van de gewiste persoon is uit ${typeof data.restatedTexts === 'number' ? countOf(data.restatedTexts, 'tekst', 'teksten') : 'de teksten'} gehaald.`;
    case 'SubjectDisclosed':
      return 'Een persoon is bij naam bekendgemaakt aan de uitvoerders van een interventie.';
    case 'SubjectDisclosureRevoked':
      return 'Een bekendmaking aan de uitvoerders van een interventie is ingetrokken.';
    case 'CaseClosed':
      return `${label(CLOSE_OUTCOME, s(data, 'outcome'))}; gesloten op ${formatDate(s(data, 'closedOn'))}.`;
    case 'CaseReopened':
      return `${label(REOPEN_REASON, s(data, 'reason'))}; heropend op ${formatDate(s(data, 'reopenedOn'))}.`;
    case 'DeadlineMissed':
      return `${label(DEADLINE_KIND, s(data, 'kind'))} was uiterlijk op ${formatDate(s(data, 'dueOn'))}.`;
    default:
      return '';
  }
}

/**
 * Who recorded an event, by name when `personName` knows it: `Anouk de Vries (zorgcoördinator)`, else the username;
 * or the system.
 */
export function eventActor(
  actor: { username: string | null; role: string | null },
  personName: (username: string) => string = (username) => username,
): string {
  if (!actor.username || actor.role === 'system') return 'het systeem';
  const who = personName(actor.username);
  return actor.role ? `${who} (${lowerFirst(label(ROLE, actor.role))})` : who;
}
