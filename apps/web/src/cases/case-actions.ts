import {
  api,
  ifMatch,
  settle,
  type CaseDetail,
  type CaseProposal,
  type Organisation,
  type Result,
  type Schemas,
  type User,
} from '../api/client';
import type { Option } from '../components/option';
import { personOptions, type PersonName } from '../people/people';
import { formatDate, todayInAmsterdam } from '../dates';
import {
  CLOSE_OUTCOME,
  COMPETENT_FOR_LEVEL,
  CONSENT_SCOPE,
  EFFECT,
  EXPLOITATION_FORM,
  FORWARD_FEEDBACK,
  LINK_REASON,
  SECTOR,
  VULNERABILITY,
  INTERVENTION_TYPE,
  PARTNER,
  REOPEN_REASON,
  STEERING_VOTE,
  SUBJECT_ROLE,
  TRIAGE_DECISION,
  URGENCY,
  label,
  listOf,
  optionsOf,
} from '../i18n/labels';

/**
 * The buttons of a case and their forms. The API says which actions the user may take now (`allowedActions`, on the
 * case and on each proposal, intervention and subject: the domain's rules and the access policy together); the page
 * shows a button for each one it has a form for, in this order, and asks nothing of its own.
 */
export const ACTION_LABEL = {
  AssignCoordinator: 'Toewijzen',
  ReclassifyCase: 'Classificatie corrigeren',
  LinkCase: 'Casus koppelen',
  Triage: 'Triage vastleggen',
  RecordForwardFeedback: 'Terugkoppeling vastleggen',
  RecordCareTableMeeting: 'Zorgtafel vastleggen',
  CompleteActionPoint: 'Actiepunt afronden',
  DraftProposal: 'Voorstel opstellen',
  ReviseProposal: 'Voorstel aanpassen',
  SubmitProposal: 'Voorstel indienen',
  WithdrawProposal: 'Voorstel intrekken',
  DecideProposal: 'Stemmen',
  EvaluateProposal: 'Evaluatie vastleggen',
  PlanIntervention: 'Interventie plannen',
  RecordInterventionExecuted: 'Uitvoering vastleggen',
  RecordInterventionEffect: 'Effect vastleggen',
  CancelIntervention: 'Interventie annuleren',
  AddSubject: 'Persoon toevoegen',
  RecordConsent: 'Toestemming vastleggen',
  DiscloseSubject: 'Persoon bekendmaken',
  RevokeDisclosure: 'Bekendmaking intrekken',
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
  const parts: Actionable[] = [
    c,
    ...(c.proposals ?? []),
    ...(c.interventions ?? []),
    ...(c.subjects ?? []),
    ...(c.actionPoints ?? []),
  ];
  const allowed = new Set(parts.flatMap((p) => p.allowedActions ?? []));
  return (Object.keys(ACTION_LABEL) as CaseAction[]).filter((action) => allowed.has(action));
}

/** The proposals, interventions or subjects the API allows `action` on. */
export function partsAllowing<T extends Actionable>(parts: readonly T[] | undefined, action: CaseAction): T[] {
  return (parts ?? []).filter((p) => p.allowedActions?.includes(action));
}

/** One measure of a proposal as the form holds it: an intervention type and the organisation that would lead it. */
export interface MeasureRow {
  type: string;
  leadOrganisation: string;
}

export type Value = string | string[] | MeasureRow[];
export type Values = Record<string, Value>;
type Outcome = Schemas['CommandOutcomeResponse'];

export type FieldSpec =
  | {
      kind: 'date';
      name: string;
      label: string;
      required?: boolean;
      initial?: string;
      description?: string;
      /** A plan (a planned date, a revisit or evaluation date) may lie in the future; a record of the past may not. */
      future?: boolean;
    }
  | {
      kind: 'text' | 'textarea';
      name: string;
      label: string;
      required?: boolean;
      initial?: string;
      description?: string;
      maxLength?: number;
    }
  | {
      kind: 'measures';
      name: string;
      label: string;
      required?: boolean;
      description?: string;
      initial?: MeasureRow[];
      types: Option[];
      organisations: Option[];
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
  | {
      kind: 'checkboxes';
      name: string;
      label: string;
      required?: boolean;
      description?: string;
      options: Option[];
      initial?: string[];
    };

export interface ActionSpec {
  intro?: string;
  fields: FieldSpec[];
  /** Extra checks in the browser, after the required fields. */
  check?(values: Values): Record<string, string>;
  send(values: Values): Promise<Result<Outcome>>;
  done: string;
}

export const str = (v: Value | undefined) => (typeof v === 'string' ? v : '');
export const list = (v: Value | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
export const rows = (v: Value | undefined): MeasureRow[] =>
  Array.isArray(v) ? v.filter((x): x is MeasureRow => typeof x === 'object') : [];
const optional = (v: Value | undefined) => (str(v).trim() ? str(v).trim() : undefined);
/** A chosen option: the options come from the label dictionaries, whose keys are the API's enumeration values. */
const chosen = <T extends Record<string, string>>(_names: T, v: Value | undefined) => str(v) as keyof T & string;

/**
 * What a form needs besides the case: the organisations that may lead or take part in work on it, and the
 * coordinators of its district to assign, by name (or whether their list is still loading or failed to load).
 */
export interface ActionContext {
  organisations: readonly Organisation[];
  /** The intervention catalogue (`null` while loading or unavailable: the built-in types are offered then). */
  interventionTypes?: readonly { type: string; label: string; retired: boolean }[] | null;
  coordinators?: readonly PersonName[] | 'loading' | 'failed';
}

/** The types to choose from: the administrator's catalogue without retired types, or the built-in ones until it loads. */
const typeOptions = (context: ActionContext): Option[] =>
  context.interventionTypes
    ? context.interventionTypes.filter((t) => !t.retired).map((t) => ({ value: t.type, label: t.label }))
    : optionsOf(INTERVENTION_TYPE);
type InterventionType = Schemas['MeasureRequest']['type'];

/** The proposal's body from the form: the narrative, what the stuurploeg reads, and the measures. */
const proposalBody = (v: Values): Schemas['ProposalRequest'] => ({
  summary: str(v.summary).trim(),
  steeringSummary: str(v.steeringSummary).trim(),
  measures: rows(v.measures).map((m) => ({ type: m.type as InterventionType, leadOrganisation: m.leadOrganisation })),
});

/** The fields of a proposal, filled with `p` when it is revised. */
function proposalFields(organisations: Option[], types: Option[], p?: CaseProposal): FieldSpec[] {
  return [
    {
      kind: 'textarea',
      name: 'summary',
      label: 'Voorstel',
      required: true,
      maxLength: 4000,
      initial: p?.summary ?? '',
      description: 'Het voorstel zoals de Zorgtafel het deed. Alleen de zorgcoördinatie leest dit.',
    },
    {
      kind: 'textarea',
      name: 'steeringSummary',
      label: 'Samenvatting voor de stuurploeg',
      required: true,
      maxLength: 4000,
      initial: p?.steeringSummary ?? '',
      description: 'Wat de stuurploeg leest: zonder namen en zonder details over zorg of hulpverlening.',
    },
    {
      kind: 'measures',
      name: 'measures',
      label: 'Maatregelen',
      required: true,
      description:
        'Per maatregel de organisatie die hem uitvoert. Na instemming van de stuurploeg wordt elke maatregel een geplande interventie.',
      initial: p?.measures.map((m) => ({ type: m.type, leadOrganisation: m.leadOrganisation })) ?? [
        { type: '', leadOrganisation: '' },
      ],
      types,
      organisations,
    },
  ];
}

/** What the stuurploeg reads of a proposal, in one paragraph: its summary, its measures and who still must assent. */
export function steeringIntro(p: CaseProposal, organisationName: (id: string) => string): string {
  const measures = listOf(
    p.measures.map(
      (m) => `${label(INTERVENTION_TYPE, m.type).toLowerCase()} (${organisationName(m.leadOrganisation)})`,
    ),
  );
  const votes = listOf(
    p.votes.map((v) => `${organisationName(v.organisation)}: ${label(STEERING_VOTE, v.decision).toLowerCase()}`),
  );
  return [
    p.steeringSummary ? `Het voorstel: ${p.steeringSummary}` : null,
    measures ? `Maatregelen: ${measures}.` : null,
    votes ? `Stemmen tot nu toe: ${votes}.` : 'Er is nog niet gestemd.',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * "nog nodig: …" — whose assent a submitted proposal still needs (API `stillNeeded`), in Dutch. Each competent
 * organisation still needed is also one of the organisations and members still needed; only the rest is counted.
 */
export function stillNeededText(still: Schemas['StillNeededResponse']): string {
  const competent = still.levels.filter((level) => level in COMPETENT_FOR_LEVEL);
  const otherOrganisations = Math.max(0, still.organisations - competent.length);
  const otherMembers = Math.max(0, still.members - competent.length - otherOrganisations);
  const needs = [
    ...competent.map((level) => label(COMPETENT_FOR_LEVEL, level)),
    ...(otherOrganisations === 0
      ? []
      : [
          `nog ${otherOrganisations === 1 ? 'één' : otherOrganisations}${competent.length ? ' andere' : ''} ${
            otherOrganisations === 1 ? 'organisatie' : 'organisaties'
          }`,
        ]),
    ...(otherMembers === 0 ? [] : [otherMembers === 1 ? 'nog één lid' : `nog ${otherMembers} leden`]),
  ];
  return needs.length ? `nog nodig: ${listOf(needs)}` : 'voldoende instemming';
}

const YES_NO: Option[] = [
  { value: 'true', label: 'Ja' },
  { value: 'false', label: 'Nee' },
  { value: '', label: 'Niet vastgelegd' },
];

const CONSENT_GIVEN: Option[] = [
  { value: 'true', label: 'Gegeven' },
  { value: 'false', label: 'Geweigerd' },
];

/** A subject in a select: the name where the reader may see it, the pseudonym and the role. */
const subjectOption = (s: Schemas['CaseSubjectResponse']): Option => ({
  value: s.subjectId,
  label: `${s.name ? `${s.name} ` : ''}(${s.pseudonym}, ${label(SUBJECT_ROLE, s.role).toLowerCase()})`,
});

/** The form of an action: its fields, how it is sent, and what is said when it is done. */
export function specFor(action: CaseAction, c: CaseDetail, user: User, context: ActionContext): ActionSpec {
  const caseId = c.caseId;
  const headers = ifMatch(c.version);
  const path = { caseId };
  const today = todayInAmsterdam();
  const date = (name: string, text: string, future = false): FieldSpec => ({
    kind: 'date',
    name,
    label: text,
    required: true,
    initial: today,
    future,
  });
  const organisationName = (id: string) => context.organisations.find((o) => o.id === id)?.name ?? id;
  const organisations: Option[] = context.organisations.map((o) => ({ value: o.id, label: o.name }));
  const interventionOption = (i: Schemas['CaseInterventionResponse']): Option => ({
    value: i.interventionId,
    label: `${label(INTERVENTION_TYPE, i.type)} – ${organisationName(i.leadOrganisation)}, gepland ${formatDate(i.plannedOn)}${i.executedOn ? `, uitgevoerd ${formatDate(i.executedOn)}` : ''}`,
  });
  /** A select of the interventions the API allows `allowing` on, chosen already when there is one. */
  const interventionField = (allowing: CaseAction): FieldSpec => {
    const options = partsAllowing(c.interventions, allowing).map(interventionOption);
    return {
      kind: 'select',
      name: 'interventionId',
      label: 'Interventie',
      required: true,
      options,
      initial: options.length === 1 ? options[0].value : '',
    };
  };
  const [drafted] = partsAllowing(c.proposals, 'SubmitProposal');
  const [submitted] = partsAllowing(c.proposals, 'DecideProposal');
  const checkMeasures = (v: Values): Record<string, string> =>
    rows(v.measures).some((m) => !m.type || !m.leadOrganisation)
      ? { measures: 'Kies bij elke maatregel de soort en de organisatie die hem uitvoert.' }
      : {};

  switch (action) {
    case 'AssignCoordinator': {
      const current = c.coordinator ?? (user.role === 'coordinator' ? user.username : '');
      const coordinators = context.coordinators ?? 'loading';
      const options = personOptions(typeof coordinators === 'string' ? [] : coordinators, current);
      return {
        fields: [
          {
            kind: 'select',
            name: 'coordinator',
            label: 'Zorgcoördinator',
            required: true,
            initial: current,
            options,
            description:
              coordinators === 'loading'
                ? 'De zorgcoördinatoren van het district worden geladen…'
                : coordinators === 'failed'
                  ? 'De zorgcoördinatoren van het district konden niet worden geladen. Probeer het later opnieuw.'
                  : coordinators.length === 0
                    ? 'Er is nog geen zorgcoördinator van dit district bekend. Wie eenmaal heeft ingelogd, staat in deze lijst.'
                    : 'Een van de zorgcoördinatoren van het district van de casus.',
          },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/assign', {
              params: { path },
              headers,
              body: { coordinator: str(v.coordinator) },
            }),
          ),
        done: 'De zorgcoördinator is toegewezen.',
      };
    }
    case 'ReclassifyCase':
      return {
        intro:
          'Als de Zorgtafel vaststelt wat er aan de hand is. Rapportages tellen de casus vanaf nu zo, ook voor eerdere kwartalen; wie de cijfers opvraagt zoals ze eerder bekend waren, ziet de oude.',
        fields: [
          date('decidedOn', 'Vastgesteld op'),
          {
            kind: 'checkboxes',
            name: 'forms',
            label: 'Uitbuitingsvorm',
            required: true,
            options: optionsOf(EXPLOITATION_FORM),
            initial: c.forms ?? [],
          },
          {
            kind: 'checkboxes',
            name: 'vulnerabilities',
            label: 'Kwetsbaarheid',
            options: optionsOf(VULNERABILITY),
            initial: c.vulnerabilities ?? [],
          },
          { kind: 'select', name: 'sector', label: 'Sector', options: optionsOf(SECTOR), initial: c.sector ?? '' },
          { kind: 'textarea', name: 'rationale', label: 'Onderbouwing', required: true, maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/classification', {
              params: { path },
              headers,
              body: {
                decidedOn: str(v.decidedOn),
                forms: list(v.forms) as Schemas['ReclassifyCaseRequest']['forms'],
                vulnerabilities: list(v.vulnerabilities) as Schemas['ReclassifyCaseRequest']['vulnerabilities'],
                sector: (optional(v.sector) ?? undefined) as Schemas['ReclassifyCaseRequest']['sector'],
                rationale: str(v.rationale).trim(),
              },
            }),
          ),
        done: 'De classificatie is gecorrigeerd.',
      };
    case 'LinkCase':
      return {
        intro: 'Beide casussen tonen de koppeling.',
        fields: [
          {
            kind: 'text',
            name: 'reference',
            label: 'Casusnummer',
            required: true,
            maxLength: 20,
            description: 'Het casusnummer van de andere casus, bijvoorbeeld ZWB-2026-00012.',
          },
          { kind: 'radio', name: 'reason', label: 'Reden', required: true, options: optionsOf(LINK_REASON) },
        ],
        send: async (v) => {
          const reference = str(v.reference).trim().toUpperCase();
          const found = await settle(api.GET('/api/cases', { params: { query: { q: reference, pageSize: 5 } } }));
          if (!found.ok) return found;
          const other = found.data.items.find((item) => item.reference === reference);
          if (!other)
            return {
              ok: false,
              problem: {
                status: 400,
                title: 'Bad request',
                detail: 'No case with that reference.',
                errors: [{ field: 'reference', message: 'Geen casus met dit nummer die u mag inzien.' }],
              },
            };
          return settle(
            api.POST('/api/cases/{caseId}/links', {
              params: { path },
              headers,
              body: {
                caseId: other.caseId,
                reason: chosen(LINK_REASON, v.reason) as Schemas['LinkCaseRequest']['reason'],
              },
            }),
          );
        },
        done: 'De casussen zijn gekoppeld.',
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
        intro:
          'Een voorstel voor een integrale aanpak, dat daarna aan de stuurploeg wordt voorgelegd. Elke bevoegde organisatie stemt in met haar eigen maatregelen.',
        fields: proposalFields(organisations, typeOptions(context)),
        check: checkMeasures,
        send: (v) =>
          settle(api.POST('/api/cases/{caseId}/proposals', { params: { path }, headers, body: proposalBody(v) })),
        done: 'Het voorstel is opgesteld. Dien het in als het klaar is.',
      };
    case 'ReviseProposal': {
      const [draft] = partsAllowing(c.proposals, 'ReviseProposal');
      return {
        intro: 'Het conceptvoorstel aanpassen. Pas na indiening ziet de stuurploeg het.',
        fields: proposalFields(organisations, typeOptions(context), draft),
        check: checkMeasures,
        send: (v) =>
          settle(
            api.PUT('/api/cases/{caseId}/proposals/{proposalId}', {
              params: { path: { caseId, proposalId: draft?.proposalId ?? '' } },
              headers,
              body: proposalBody(v),
            }),
          ),
        done: 'Het voorstel is aangepast.',
      };
    }
    case 'SubmitProposal':
      return {
        intro: drafted ? steeringIntro(drafted, organisationName) : undefined,
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
        intro: submitted
          ? `${steeringIntro(submitted, organisationName)} U stemt namens ${organisationName(user.organisation ?? '')}.`
          : undefined,
        fields: [
          date('decidedOn', 'Datum van uw stem'),
          { kind: 'radio', name: 'decision', label: 'Uw stem', required: true, options: optionsOf(STEERING_VOTE) },
          {
            kind: 'textarea',
            name: 'rationale',
            label: 'Onderbouwing',
            maxLength: 4000,
            description: 'Verplicht bij afwijzen en aanhouden.',
          },
          {
            kind: 'date',
            name: 'revisitOn',
            label: 'Opnieuw bespreken op',
            future: true,
            description: 'Alleen bij aanhouden: wanneer de stuurploeg het voorstel opnieuw bespreekt.',
          },
          {
            kind: 'textarea',
            name: 'conditions',
            label: 'Voorwaarden',
            maxLength: 4000,
            description: 'Alleen bij instemmen, als u voorwaarden stelt.',
          },
          {
            kind: 'date',
            name: 'evaluateOn',
            label: 'Evalueren op',
            future: true,
            description: 'Alleen bij instemmen: wanneer de zorgcoördinatie de aanpak evalueert.',
          },
        ],
        check: (v): Record<string, string> => {
          const vote = str(v.decision);
          const problems: Record<string, string> = {};
          if (vote !== 'approved' && !str(v.rationale).trim())
            problems.rationale = 'Onderbouw waarom u afwijst of aanhoudt.';
          if (vote === 'deferred' && !str(v.revisitOn)) problems.revisitOn = 'Kies wanneer het voorstel terugkomt.';
          else if (vote === 'deferred' && str(v.revisitOn) <= str(v.decidedOn))
            problems.revisitOn = 'Kies een datum na de datum van uw stem.';
          return problems;
        },
        send: (v) => {
          const vote = chosen(STEERING_VOTE, v.decision);
          return settle(
            api.POST('/api/cases/{caseId}/proposals/{proposalId}/decision', {
              params: { path: { caseId, proposalId: submitted?.proposalId ?? '' } },
              headers,
              body: {
                decidedOn: str(v.decidedOn),
                decision: vote,
                rationale: optional(v.rationale),
                ...(vote === 'deferred' && { revisitOn: str(v.revisitOn) }),
                ...(vote === 'approved' && { conditions: optional(v.conditions), evaluateOn: optional(v.evaluateOn) }),
              },
            }),
          );
        },
        done: 'Uw stem is vastgelegd.',
      };
    case 'EvaluateProposal': {
      const [approved] = partsAllowing(c.proposals, 'EvaluateProposal');
      return {
        intro: approved
          ? `De aanpak die de stuurploeg op ${formatDate(approved.decidedOn)} goedkeurde${approved.evaluateOn ? `, te evalueren op ${formatDate(approved.evaluateOn)}` : ''}.`
          : undefined,
        fields: [
          date('evaluatedOn', 'Datum evaluatie'),
          { kind: 'textarea', name: 'conclusion', label: 'Conclusie', required: true, maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/proposals/{proposalId}/evaluation', {
              params: { path: { caseId, proposalId: approved?.proposalId ?? '' } },
              headers,
              body: { evaluatedOn: str(v.evaluatedOn), conclusion: str(v.conclusion).trim() },
            }),
          ),
        done: 'De evaluatie is vastgelegd.',
      };
    }
    case 'PlanIntervention':
      return {
        fields: [
          {
            kind: 'select',
            name: 'type',
            label: 'Soort interventie',
            required: true,
            options: context.interventionTypes
              ? context.interventionTypes.filter((t) => !t.retired).map((t) => ({ value: t.type, label: t.label }))
              : optionsOf(INTERVENTION_TYPE),
          },
          {
            kind: 'select',
            name: 'leadOrganisation',
            label: 'Trekker',
            required: true,
            options: organisations,
            description: 'De organisatie die de interventie uitvoert.',
          },
          {
            kind: 'checkboxes',
            name: 'participants',
            label: 'Doen ook mee',
            options: organisations,
            description: 'Organisaties die meedoen, bijvoorbeeld bij een gezamenlijke controle.',
          },
          date('plannedOn', 'Datum planning', true),
          {
            kind: 'textarea',
            name: 'brief',
            label: 'Opdracht',
            maxLength: 4000,
            description:
              'Wat de uitvoerende organisaties moeten weten: de enige tekst van de casus die zij lezen. Noem geen namen; maak een persoon zo nodig apart bekend.',
          },
        ],
        check: (v): Record<string, string> =>
          list(v.participants).includes(str(v.leadOrganisation))
            ? { participants: 'De trekker doet al mee; kies hier alleen de andere organisaties.' }
            : {},
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/interventions', {
              params: { path },
              headers,
              body: {
                type: str(v.type),
                leadOrganisation: str(v.leadOrganisation),
                participants: list(v.participants),
                plannedOn: str(v.plannedOn),
                brief: optional(v.brief),
              },
            }),
          ),
        done: 'De interventie is gepland.',
      };
    case 'RecordInterventionExecuted': {
      return {
        fields: [
          interventionField('RecordInterventionExecuted'),
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
    case 'RecordForwardFeedback':
      return {
        intro: c.forwarding
          ? `De casus is op ${formatDate(c.forwarding.forwardedOn)} doorgezet naar ${label(PARTNER, c.forwarding.forwardedTo)}. Bij weigering komt hij terug in triage; na acceptatie sluit de zorgcoördinator hem als de partner heeft teruggekoppeld.`
          : undefined,
        fields: [
          date('receivedOn', 'Datum terugkoppeling'),
          {
            kind: 'radio',
            name: 'feedback',
            label: 'Terugkoppeling',
            required: true,
            options: optionsOf(FORWARD_FEEDBACK),
          },
          { kind: 'textarea', name: 'note', label: 'Toelichting', maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/forward-feedback', {
              params: { path },
              headers,
              body: {
                receivedOn: str(v.receivedOn),
                feedback: chosen(FORWARD_FEEDBACK, v.feedback),
                note: optional(v.note),
              },
            }),
          ),
        done: 'De terugkoppeling is vastgelegd.',
      };
    case 'CompleteActionPoint': {
      const options = partsAllowing(c.actionPoints, 'CompleteActionPoint').map((a) => ({
        value: a.actionPointId,
        label: `${a.description} (uiterlijk ${formatDate(a.dueOn)})`,
      }));
      return {
        fields: [
          {
            kind: 'select',
            name: 'actionPointId',
            label: 'Actiepunt',
            required: true,
            options,
            initial: options.length === 1 ? options[0].value : '',
          },
          date('completedOn', 'Afgerond op'),
          { kind: 'textarea', name: 'note', label: 'Toelichting', maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/action-points/{actionPointId}/completion', {
              params: { path: { caseId, actionPointId: str(v.actionPointId) } },
              headers,
              body: { completedOn: str(v.completedOn), note: optional(v.note) },
            }),
          ),
        done: 'Het actiepunt is afgerond.',
      };
    }
    case 'CancelIntervention': {
      return {
        intro:
          'Een geplande interventie die niet doorgaat. In de rapportages telt zij als geannuleerd, niet als lopend.',
        fields: [
          interventionField('CancelIntervention'),
          date('cancelledOn', 'Geannuleerd op'),
          { kind: 'textarea', name: 'reason', label: 'Reden', required: true, maxLength: 4000 },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/interventions/{interventionId}/cancellation', {
              params: { path: { caseId, interventionId: str(v.interventionId) } },
              headers,
              body: { cancelledOn: str(v.cancelledOn), reason: str(v.reason).trim() },
            }),
          ),
        done: 'De interventie is geannuleerd.',
      };
    }
    case 'RecordInterventionEffect': {
      return {
        fields: [
          interventionField('RecordInterventionEffect'),
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
    case 'AddSubject':
      return {
        intro:
          'Een slachtoffer, verdachte of andere betrokkene van deze casus. De persoonsgegevens worden versleuteld opgeslagen; wie ze niet nodig heeft, ziet alleen het pseudoniem.',
        fields: [
          { kind: 'select', name: 'role', label: 'Rol', required: true, options: optionsOf(SUBJECT_ROLE) },
          { kind: 'text', name: 'name', label: 'Naam', maxLength: 200 },
          { kind: 'date', name: 'birthDate', label: 'Geboortedatum' },
          { kind: 'text', name: 'nationality', label: 'Nationaliteit', maxLength: 100 },
          {
            kind: 'textarea',
            name: 'notes',
            label: 'Aantekeningen',
            maxLength: 4000,
            description: 'Alleen wat nodig is voor de aanpak; ook dit wordt versleuteld opgeslagen.',
          },
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/subjects', {
              params: { path },
              headers,
              body: {
                role: chosen(SUBJECT_ROLE, v.role),
                name: optional(v.name),
                birthDate: optional(v.birthDate),
                nationality: optional(v.nationality),
                notes: optional(v.notes),
              },
            }),
          ),
        done: 'De persoon is toegevoegd.',
      };
    case 'RecordConsent': {
      const subjects = partsAllowing(c.subjects, 'RecordConsent').map(subjectOption);
      return {
        intro: 'Leg vast waarvoor de persoon toestemming gaf of weigerde, en wanneer.',
        fields: [
          {
            kind: 'select',
            name: 'subjectId',
            label: 'Persoon',
            required: true,
            options: subjects,
            initial: subjects.length === 1 ? subjects[0].value : '',
          },
          { kind: 'radio', name: 'scope', label: 'Doel', required: true, options: optionsOf(CONSENT_SCOPE) },
          { kind: 'radio', name: 'given', label: 'Toestemming', required: true, options: CONSENT_GIVEN },
          date('recordedOn', 'Datum'),
        ],
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/subjects/{subjectId}/consents', {
              params: { path: { caseId, subjectId: str(v.subjectId) } },
              headers,
              body: { scope: str(v.scope), given: str(v.given) === 'true', recordedOn: str(v.recordedOn) },
            }),
          ),
        done: 'De toestemming is vastgelegd.',
      };
    }
    case 'DiscloseSubject': {
      const interventions = partsAllowing(c.interventions, 'DiscloseSubject').map(interventionOption);
      const subjects = (c.subjects ?? [])
        .filter((s) => !s.erased && s.name)
        .map((s) => ({
          value: s.subjectId,
          label: `${s.name} (${s.pseudonym}, ${label(SUBJECT_ROLE, s.role).toLowerCase()})`,
        }));
      return {
        intro:
          'De organisaties die de interventie uitvoeren, zien daarna de naam, geboortedatum en nationaliteit van deze persoon. De bekendmaking en de reden worden vastgelegd; u kunt haar intrekken.',
        fields: [
          {
            kind: 'select',
            name: 'interventionId',
            label: 'Interventie',
            required: true,
            options: interventions,
            initial: interventions.length === 1 ? interventions[0].value : '',
          },
          {
            kind: 'select',
            name: 'subjectId',
            label: 'Persoon',
            required: true,
            options: subjects,
            initial: subjects.length === 1 ? subjects[0].value : '',
          },
          { kind: 'textarea', name: 'reason', label: 'Reden', required: true, maxLength: 4000 },
        ],
        check: (v): Record<string, string> =>
          c.interventions
            ?.find((i) => i.interventionId === str(v.interventionId))
            ?.disclosedSubjects.includes(str(v.subjectId))
            ? { subjectId: 'Deze persoon is al bekendgemaakt aan deze interventie.' }
            : {},
        send: (v) =>
          settle(
            api.POST('/api/cases/{caseId}/interventions/{interventionId}/disclosures', {
              params: { path: { caseId, interventionId: str(v.interventionId) } },
              headers,
              body: { subjectId: str(v.subjectId), reason: str(v.reason).trim() },
            }),
          ),
        done: 'De persoon is bekendgemaakt aan de uitvoerders van de interventie.',
      };
    }
    case 'RevokeDisclosure': {
      const subjectName = (id: string) => {
        const s = c.subjects?.find((x) => x.subjectId === id);
        return s ? `${s.name ?? s.pseudonym} (${s.pseudonym})` : id;
      };
      const options = partsAllowing(c.interventions, 'RevokeDisclosure').flatMap((i) =>
        i.disclosedSubjects.map((subjectId) => ({
          value: `${i.interventionId}/${subjectId}`,
          label: `${subjectName(subjectId)} – ${interventionOption(i).label}`,
        })),
      );
      return {
        fields: [
          {
            kind: 'select',
            name: 'disclosure',
            label: 'Bekendmaking',
            required: true,
            options,
            initial: options.length === 1 ? options[0].value : '',
          },
        ],
        send: (v) => {
          const [interventionId, subjectId] = str(v.disclosure).split('/');
          return settle(
            api.DELETE('/api/cases/{caseId}/interventions/{interventionId}/disclosures/{subjectId}', {
              params: { path: { caseId, interventionId, subjectId } },
              headers,
            }),
          );
        },
        done: 'De bekendmaking is ingetrokken: de uitvoerders zien weer alleen het pseudoniem.',
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
      const options = partsAllowing(c.subjects, 'EraseSubjectPersonalData').map(subjectOption);
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
