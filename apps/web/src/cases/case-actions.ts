import { api, ifMatch, settle, type CaseDetail, type Result, type Schemas, type User } from '../api/client';
import type { Option } from '../components/option';
import { formatDate, todayInAmsterdam } from '../dates';
import {
  CLOSE_OUTCOME,
  EFFECT,
  INTERVENTION_TYPE,
  PARTNER,
  PROPOSAL_DECISION,
  REOPEN_REASON,
  SUBJECT_ROLE,
  TRIAGE_DECISION,
  URGENCY,
  label,
  optionsOf,
} from '../i18n/labels';

/**
 * The buttons of a case and their forms. The API says which actions the user may take now (`allowedActions`, on the
 * case and on each proposal, intervention and subject: the domain's rules and the access policy together); the page
 * shows a button for each one it has a form for, in this order, and asks nothing of its own.
 */
export const ACTION_LABEL = {
  AssignCoordinator: 'Toewijzen',
  Triage: 'Triage vastleggen',
  RecordCareTableMeeting: 'Zorgtafel vastleggen',
  DraftProposal: 'Voorstel opstellen',
  SubmitProposal: 'Voorstel indienen',
  WithdrawProposal: 'Voorstel intrekken',
  DecideProposal: 'Besluit vastleggen',
  PlanIntervention: 'Interventie plannen',
  RecordInterventionExecuted: 'Uitvoering vastleggen',
  RecordInterventionEffect: 'Effect vastleggen',
  CloseCase: 'Casus sluiten',
  ReopenCase: 'Casus heropenen',
  EraseSubjectPersonalData: 'Persoonsgegevens wissen',
} as const;

export type CaseAction = keyof typeof ACTION_LABEL;

interface Actionable {
  allowedActions?: readonly string[];
}

/** The actions with a form that the API allows on the case or on any of its parts, in button order. */
export function offeredActions(c: CaseDetail): CaseAction[] {
  const parts: Actionable[] = [c, ...(c.proposals ?? []), ...(c.interventions ?? []), ...(c.subjects ?? [])];
  const allowed = new Set(parts.flatMap((p) => p.allowedActions ?? []));
  return (Object.keys(ACTION_LABEL) as CaseAction[]).filter((action) => allowed.has(action));
}

/** The proposals, interventions or subjects the API allows `action` on. */
export function partsAllowing<T extends Actionable>(parts: readonly T[] | undefined, action: CaseAction): T[] {
  return (parts ?? []).filter((p) => p.allowedActions?.includes(action));
}

export type Values = Record<string, string | string[]>;
type Outcome = Schemas['CommandOutcomeResponse'];

export type FieldSpec =
  | {
      kind: 'date' | 'text' | 'textarea';
      name: string;
      label: string;
      required?: boolean;
      initial?: string;
      description?: string;
      maxLength?: number;
    }
  | {
      kind: 'select' | 'radio';
      name: string;
      label: string;
      required?: boolean;
      initial?: string;
      description?: string;
      options: Option[];
    }
  | { kind: 'checkboxes'; name: string; label: string; required?: boolean; description?: string; options: Option[] };

export interface ActionSpec {
  intro?: string;
  fields: FieldSpec[];
  /** Extra checks in the browser, after the required fields. */
  check?(values: Values): Record<string, string>;
  send(values: Values): Promise<Result<Outcome>>;
  done: string;
}

export const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
export const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : []);
const optional = (v: string | string[] | undefined) => (str(v).trim() ? str(v).trim() : undefined);
/** A chosen option: the options come from the label dictionaries, whose keys are the API's enumeration values. */
const chosen = <T extends Record<string, string>>(_names: T, v: string | string[] | undefined) =>
  str(v) as keyof T & string;

const YES_NO: Option[] = [
  { value: 'true', label: 'Ja' },
  { value: 'false', label: 'Nee' },
  { value: '', label: 'Niet vastgelegd' },
];

/** The form of an action: its fields, how it is sent, and what is said when it is done. */
export function specFor(action: CaseAction, c: CaseDetail, user: User): ActionSpec {
  const caseId = c.caseId;
  const headers = ifMatch(c.version);
  const path = { caseId };
  const today = todayInAmsterdam();
  const date = (name: string, text: string): FieldSpec => ({
    kind: 'date',
    name,
    label: text,
    required: true,
    initial: today,
  });
  const interventionOption = (i: Schemas['CaseInterventionResponse']): Option => ({
    value: i.interventionId,
    label: `${label(INTERVENTION_TYPE, i.type)} – ${label(PARTNER, i.leadPartner)}, gepland ${formatDate(i.plannedOn)}${i.executedOn ? `, uitgevoerd ${formatDate(i.executedOn)}` : ''}`,
  });
  const [drafted] = partsAllowing(c.proposals, 'SubmitProposal');
  const [submitted] = partsAllowing(c.proposals, 'DecideProposal');

  switch (action) {
    case 'AssignCoordinator':
      return {
        fields: [
          {
            kind: 'text',
            name: 'coordinator',
            label: 'Zorgcoördinator',
            required: true,
            initial: c.coordinator ?? (user.role === 'coordinator' ? user.username : ''),
            description:
              'De gebruikersnaam van de zorgcoördinator van het district, bijvoorbeeld coordinator.de-baronie.',
            maxLength: 100,
          },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/assign', {
              params: { path },
              headers,
              body: { coordinator: str(v.coordinator).trim() },
            }),
          ),
        done: 'De zorgcoördinator is toegewezen.',
      };
    case 'Triage':
      return {
        fields: [
          date('decidedOn', 'Datum besluit'),
          { kind: 'radio', name: 'urgency', label: 'Urgentie', required: true, options: optionsOf(URGENCY) },
          { kind: 'select', name: 'decision', label: 'Besluit', required: true, options: optionsOf(TRIAGE_DECISION) },
          { kind: 'textarea', name: 'rationale', label: 'Onderbouwing', required: true, maxLength: 4000 },
          {
            kind: 'select',
            name: 'forwardedTo',
            label: 'Doorverwezen naar',
            options: optionsOf(PARTNER),
            description: 'Alleen bij het besluit Doorverwijzen.',
          },
        ],
        check: (v): Record<string, string> =>
          str(v.decision) === 'forward' && !str(v.forwardedTo)
            ? { forwardedTo: 'Kies de ketenpartner waarnaar u doorverwijst.' }
            : {},
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/triage', {
              params: { path },
              headers,
              body: {
                decidedOn: str(v.decidedOn),
                urgency: chosen(URGENCY, v.urgency),
                decision: chosen(TRIAGE_DECISION, v.decision),
                rationale: str(v.rationale).trim(),
                forwardedTo: str(v.decision) === 'forward' ? chosen(PARTNER, v.forwardedTo) : undefined,
              },
            }),
          ),
        done: 'De triage is vastgelegd.',
      };
    case 'RecordCareTableMeeting':
      return {
        fields: [
          date('heldOn', 'Datum zorgtafel'),
          {
            kind: 'checkboxes',
            name: 'participants',
            label: 'Deelnemers',
            required: true,
            options: optionsOf(PARTNER),
          },
          { kind: 'textarea', name: 'conclusions', label: 'Conclusies', required: true, maxLength: 4000 },
          { kind: 'radio', name: 'victimInformed', label: 'Slachtoffer geïnformeerd', options: YES_NO, initial: '' },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/care-table-meetings', {
              params: { path },
              headers,
              body: {
                heldOn: str(v.heldOn),
                participants: list(v.participants) as Schemas['RecordCareTableMeetingRequest']['participants'],
                conclusions: str(v.conclusions).trim(),
                victimInformed: str(v.victimInformed) === '' ? undefined : str(v.victimInformed) === 'true',
              },
            }),
          ),
        done: 'De zorgtafel is vastgelegd.',
      };
    case 'DraftProposal':
      return {
        intro: 'Een voorstel voor een integrale aanpak, dat daarna aan de stuurploeg wordt voorgelegd.',
        fields: [
          { kind: 'textarea', name: 'summary', label: 'Voorstel', required: true, maxLength: 4000 },
          {
            kind: 'checkboxes',
            name: 'proposedInterventions',
            label: 'Voorgestelde interventies',
            required: true,
            options: optionsOf(INTERVENTION_TYPE),
          },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/proposals', {
              params: { path },
              headers,
              body: {
                summary: str(v.summary).trim(),
                proposedInterventions: list(
                  v.proposedInterventions,
                ) as Schemas['DraftProposalRequest']['proposedInterventions'],
              },
            }),
          ),
        done: 'Het voorstel is opgesteld.',
      };
    case 'SubmitProposal':
      return {
        intro: drafted ? `Het voorstel: ${drafted.summary}` : undefined,
        fields: [date('submittedOn', 'Datum indiening')],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/proposals/{proposalId}/submit', {
              params: { path: { caseId, proposalId: drafted?.proposalId ?? '' } },
              headers,
              body: { submittedOn: str(v.submittedOn) },
            }),
          ),
        done: 'Het voorstel is ingediend bij de stuurploeg.',
      };
    case 'WithdrawProposal': {
      const [withdrawable] = partsAllowing(c.proposals, 'WithdrawProposal');
      return {
        intro: withdrawable ? `Het voorstel: ${withdrawable.summary}` : undefined,
        fields: [{ kind: 'textarea', name: 'reason', label: 'Reden', required: true, maxLength: 4000 }],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/proposals/{proposalId}/withdrawal', {
              params: { path: { caseId, proposalId: withdrawable?.proposalId ?? '' } },
              headers,
              body: { reason: str(v.reason).trim() },
            }),
          ),
        done: 'Het voorstel is ingetrokken.',
      };
    }
    case 'DecideProposal':
      return {
        intro: submitted ? `Het voorstel: ${submitted.summary}` : undefined,
        fields: [
          date('decidedOn', 'Datum besluit'),
          { kind: 'radio', name: 'decision', label: 'Besluit', required: true, options: optionsOf(PROPOSAL_DECISION) },
          { kind: 'textarea', name: 'notes', label: 'Toelichting', maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/proposals/{proposalId}/decision', {
              params: { path: { caseId, proposalId: submitted?.proposalId ?? '' } },
              headers,
              body: {
                decidedOn: str(v.decidedOn),
                decision: chosen(PROPOSAL_DECISION, v.decision),
                notes: optional(v.notes),
              },
            }),
          ),
        done: 'Het besluit van de stuurploeg is vastgelegd.',
      };
    case 'PlanIntervention':
      return {
        fields: [
          {
            kind: 'select',
            name: 'type',
            label: 'Soort interventie',
            required: true,
            options: optionsOf(INTERVENTION_TYPE),
          },
          {
            kind: 'select',
            name: 'leadPartner',
            label: 'Trekker',
            required: true,
            options: optionsOf(PARTNER),
            description: 'De ketenpartner die de interventie uitvoert.',
          },
          date('plannedOn', 'Datum planning'),
          { kind: 'textarea', name: 'description', label: 'Omschrijving', maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/interventions', {
              params: { path },
              headers,
              body: {
                type: chosen(INTERVENTION_TYPE, v.type),
                leadPartner: chosen(PARTNER, v.leadPartner),
                plannedOn: str(v.plannedOn),
                description: optional(v.description),
              },
            }),
          ),
        done: 'De interventie is gepland.',
      };
    case 'RecordInterventionExecuted': {
      const options = partsAllowing(c.interventions, 'RecordInterventionExecuted').map(interventionOption);
      return {
        fields: [
          {
            kind: 'select',
            name: 'interventionId',
            label: 'Interventie',
            required: true,
            options,
            initial: options.length === 1 ? options[0].value : '',
          },
          date('executedOn', 'Datum uitvoering'),
          { kind: 'textarea', name: 'notes', label: 'Toelichting', maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/interventions/{interventionId}/execution', {
              params: { path: { caseId, interventionId: str(v.interventionId) } },
              headers,
              body: { executedOn: str(v.executedOn), notes: optional(v.notes) },
            }),
          ),
        done: 'De uitvoering van de interventie is vastgelegd.',
      };
    }
    case 'RecordInterventionEffect': {
      const options = partsAllowing(c.interventions, 'RecordInterventionEffect').map(interventionOption);
      return {
        fields: [
          {
            kind: 'select',
            name: 'interventionId',
            label: 'Interventie',
            required: true,
            options,
            initial: options.length === 1 ? options[0].value : '',
          },
          date('observedOn', 'Datum waarneming'),
          { kind: 'select', name: 'effect', label: 'Effect', required: true, options: optionsOf(EFFECT) },
          { kind: 'textarea', name: 'description', label: 'Toelichting', maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/interventions/{interventionId}/effects', {
              params: { path: { caseId, interventionId: str(v.interventionId) } },
              headers,
              body: {
                observedOn: str(v.observedOn),
                effect: chosen(EFFECT, v.effect),
                description: optional(v.description),
              },
            }),
          ),
        done: 'Het effect is vastgelegd.',
      };
    }
    case 'CloseCase':
      return {
        fields: [
          date('closedOn', 'Datum sluiting'),
          { kind: 'select', name: 'outcome', label: 'Uitkomst', required: true, options: optionsOf(CLOSE_OUTCOME) },
          { kind: 'textarea', name: 'rationale', label: 'Onderbouwing', required: true, maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/close', {
              params: { path },
              headers,
              body: {
                closedOn: str(v.closedOn),
                outcome: chosen(CLOSE_OUTCOME, v.outcome),
                rationale: str(v.rationale).trim(),
              },
            }),
          ),
        done: 'De casus is gesloten.',
      };
    case 'ReopenCase':
      return {
        fields: [
          date('reopenedOn', 'Datum heropening'),
          { kind: 'radio', name: 'reason', label: 'Reden', required: true, options: optionsOf(REOPEN_REASON) },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/reopen', {
              params: { path },
              headers,
              body: { reopenedOn: str(v.reopenedOn), reason: chosen(REOPEN_REASON, v.reason) },
            }),
          ),
        done: 'De casus is heropend en staat weer in triage.',
      };
    case 'EraseSubjectPersonalData': {
      const options = partsAllowing(c.subjects, 'EraseSubjectPersonalData').map((s) => ({
        value: s.subjectId,
        label: `${s.name ? `${s.name} ` : ''}(${s.pseudonym}, ${label(SUBJECT_ROLE, s.role).toLowerCase()})`,
      }));
      return {
        intro:
          'Wissen maakt de persoonsgegevens overal onleesbaar, ook in de geschiedenis en in exports. Dit kan niet ongedaan worden gemaakt. Het pseudoniem blijft.',
        fields: [
          {
            kind: 'select',
            name: 'subjectId',
            label: 'Persoon',
            required: true,
            options,
            initial: options.length === 1 ? options[0].value : '',
          },
          {
            kind: 'checkboxes',
            name: 'confirm',
            label: 'Bevestiging',
            required: true,
            options: [{ value: 'yes', label: 'Ik begrijp dat dit niet ongedaan kan worden' }],
          },
        ],
        send: (v) =>
          settle(
            api.DELETE('/api/cases/{caseId}/subjects/{subjectId}/personal-data', {
              params: { path: { caseId, subjectId: str(v.subjectId) } },
              headers,
            }),
          ),
        done: 'De persoonsgegevens zijn gewist.',
      };
    }
  }
}
