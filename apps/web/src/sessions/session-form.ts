import { messagesFor, type Problem, type ProblemMessages } from '../api/problems';
import type { Option } from '../components/option';
import { isIsoDate } from '../dates';
import { listOf } from '../i18n/labels';

/** Limits of the API (API.md v2: care-table sessions and action points). */
export const CONCLUSIONS_MAX = 4000;
export const ACTION_POINT_DESCRIPTION_MAX = 1000;

/** The length of a text as the API counts it: a character outside the basic plane (an emoji) is one. */
const lengthOf = (text: string) => [...text].length;

/** Sessions from today on, soonest first, and those before today, latest first. */
export function splitByDate<T extends { plannedOn: string }>(
  sessions: readonly T[],
  today: string,
): { upcoming: T[]; past: T[] } {
  const upcoming = sessions.filter((s) => s.plannedOn >= today).sort((a, b) => a.plannedOn.localeCompare(b.plannedOn));
  const past = sessions.filter((s) => s.plannedOn < today).sort((a, b) => b.plannedOn.localeCompare(a.plannedOn));
  return { upcoming, past };
}

export interface PlanValues {
  district: string;
  plannedOn: string;
  invitees: string[];
  caseIds: string[];
}

/**
 * What is missing or wrong in a plan, by field. A session cannot be changed once planned, so it asks for at least one
 * invited organisation and one case on the agenda; its date may lie ahead.
 */
export function checkPlan(v: PlanValues): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!v.district) problems.district = 'Kies het district.';
  if (!v.plannedOn.trim()) problems.plannedOn = 'Vul de datum van de zorgtafel in.';
  else if (!isIsoDate(v.plannedOn)) problems.plannedOn = 'Vul een geldige datum in.';
  if (v.invitees.length === 0) problems.invitees = 'Kies minstens één organisatie om uit te nodigen.';
  if (v.caseIds.length === 0) problems.caseIds = 'Kies minstens één casus voor de agenda.';
  return problems;
}

/** One action point as the outcome form holds it; `owner` is an organisation id or a username. */
export interface ActionPointRow {
  description: string;
  owner: string;
  dueOn: string;
}

export const blankActionPoint = (): ActionPointRow => ({ description: '', owner: '', dueOn: '' });

export type YesNo = '' | 'yes' | 'no';

export interface OutcomeValues {
  heldOn: string;
  participants: string[];
  conclusions: string;
  victimInformed: YesNo;
  actionPoints: ActionPointRow[];
}

/** The API's field path of a part of an action point row (`actionPoints.0.owner`): the form uses the same names. */
export const actionPointField = (index: number, part: keyof ActionPointRow) => `actionPoints.${index}.${part}`;

/** The fields of the outcome form for `rows` action points, as the API names them in its validation errors. */
export function outcomeFields(rows: number): string[] {
  const fields = ['heldOn', 'participants', 'conclusions', 'victimInformed'];
  for (let i = 0; i < rows; i++)
    fields.push(actionPointField(i, 'description'), actionPointField(i, 'owner'), actionPointField(i, 'dueOn'));
  return fields;
}

/** What is missing or wrong in an outcome, by field; dates may not lie after `today`, due dates not before the meeting. */
export function checkOutcome(v: OutcomeValues, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const heldOnValid = isIsoDate(v.heldOn);
  if (!v.heldOn.trim()) problems.heldOn = 'Vul de datum in waarop de zorgtafel is gehouden.';
  else if (!heldOnValid) problems.heldOn = 'Vul een geldige datum in.';
  else if (v.heldOn > today) problems.heldOn = 'De datum mag niet in de toekomst liggen.';
  if (v.participants.length === 0) problems.participants = 'Kies minstens één deelnemende organisatie.';
  if (!v.conclusions.trim()) problems.conclusions = 'Vul de conclusies in.';
  else if (lengthOf(v.conclusions) > CONCLUSIONS_MAX)
    problems.conclusions = `Gebruik hoogstens ${CONCLUSIONS_MAX} tekens.`;
  v.actionPoints.forEach((row, i) => {
    if (!row.description.trim()) problems[actionPointField(i, 'description')] = 'Vul de omschrijving in.';
    else if (lengthOf(row.description) > ACTION_POINT_DESCRIPTION_MAX)
      problems[actionPointField(i, 'description')] = `Gebruik hoogstens ${ACTION_POINT_DESCRIPTION_MAX} tekens.`;
    if (!row.owner) problems[actionPointField(i, 'owner')] = 'Kies wie het actiepunt uitvoert.';
    if (!row.dueOn.trim()) problems[actionPointField(i, 'dueOn')] = 'Vul de uiterste datum in.';
    else if (!isIsoDate(row.dueOn)) problems[actionPointField(i, 'dueOn')] = 'Vul een geldige datum in.';
    else if (heldOnValid && row.dueOn < v.heldOn)
      problems[actionPointField(i, 'dueOn')] = 'De uiterste datum ligt vóór de zorgtafel.';
  });
  return problems;
}

/** The body of `POST /api/care-table-sessions/{sessionId}/cases/{caseId}/outcome`. */
export function outcomeBody(v: OutcomeValues) {
  return {
    heldOn: v.heldOn,
    participants: v.participants,
    conclusions: v.conclusions.trim(),
    ...(v.victimInformed === '' ? {} : { victimInformed: v.victimInformed === 'yes' }),
    ...(v.actionPoints.length
      ? {
          actionPoints: v.actionPoints.map((row) => ({
            description: row.description.trim(),
            owner: row.owner,
            dueOn: row.dueOn,
          })),
        }
      : {}),
  };
}

/** A person the API knows (`GET /api/people`). */
export interface PersonLike {
  username: string;
  displayName?: string | null;
  role: string;
  organisation?: string | null;
  districts: readonly string[];
}

/** Roles whose people take on action points of a care table: the district's coordinators and liaisons, and partners. */
const OWNER_ROLES = new Set(['coordinator', 'liaison', 'partner']);

/** The people who may own an action point of a session of `district`, by name. */
export function ownerPeople<P extends PersonLike>(people: readonly P[], district: string): P[] {
  return people
    .filter((p) => OWNER_ROLES.has(p.role))
    .filter((p) => p.role === 'partner' || p.districts.includes(district))
    .sort((a, b) => personName(a).localeCompare(personName(b), 'nl'));
}

/** A person by display name, the username when the identity provider gave none. */
export const personName = (p: Pick<PersonLike, 'username' | 'displayName'>) => p.displayName || p.username;

/** The names of organisations in alphabetical order, as a Dutch list ("a, b en c"). */
export function organisationList(ids: readonly string[], organisationName: (id: string) => string): string {
  return listOf(ids.map(organisationName).sort((a, b) => a.localeCompare(b, 'nl')));
}

/** A person as an owner choice: the name, and the organisation the person acts for. */
export function personOption(p: PersonLike, organisationName: (id: string) => string): Option {
  return {
    value: p.username,
    label: p.organisation ? `${personName(p)} (${organisationName(p.organisation)})` : personName(p),
  };
}

/** The owner of an action point in words: an organisation's name or a person's. */
export function ownerText(
  point: { owner: string; ownerKind?: string | null },
  organisationName: (id: string) => string,
  people: readonly PersonLike[] | null,
): string {
  if (point.ownerKind === 'user') {
    const person = people?.find((p) => p.username === point.owner);
    return person ? personName(person) : point.owner;
  }
  return organisationName(point.owner);
}

/** Rules of care-table sessions and action points (HTTP 409 / 404 `code`) in Dutch, and the field they are about. */
const SESSION_MESSAGES: Record<string, { message: string; field?: string }> = {
  DueBeforeMeeting: { message: 'De uiterste datum van een actiepunt ligt vóór de zorgtafel.' },
  DateTooEarly: {
    message: 'De datum ligt vóór de zorgtafel waarop het actiepunt is afgesproken.',
    field: 'completedOn',
  },
  ActionPointAlreadyCompleted: { message: 'Dit actiepunt is al afgerond.' },
  ActionPointNotFound: { message: 'Dit actiepunt bestaat niet (meer) op deze casus.' },
  CaseStatusForbidsCommand: {
    message: 'De uitkomst kan alleen worden vastgelegd voor een casus die aan de Zorgtafel of in uitvoering is.',
  },
};

/** What to tell the user about a problem of a session form; rules of other parts are told as everywhere else. */
export function sessionMessages(problem: Problem, formFields: readonly string[]): ProblemMessages {
  const known = SESSION_MESSAGES[problem.code ?? problem.title];
  if ((problem.status === 409 || problem.status === 404) && known) {
    if (known.field && formFields.includes(known.field))
      return { summary: known.message, fields: { [known.field]: known.message } };
    return { summary: known.message, fields: {} };
  }
  return messagesFor(problem, formFields);
}
