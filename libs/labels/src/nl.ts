/**
 * The Dutch names of the API's enumeration values (DOMAIN.md): the one catalogue behind the screens and every
 * export. The API speaks the English values; people read these. Labels start with a capital, as in the UI; a
 * sentence or an export that needs lower case derives it with `lowerFirst`, never with a second copy of the words.
 *
 * Pure and bundle-safe: it runs in the browser as well as in the API, so it imports nothing but types.
 */
import type {
  CaseStatus,
  CloseOutcome,
  DeadlineKind,
  Effect,
  ExploitationForm,
  InterventionLevel,
  InterventionType,
  Partner,
  ProposalDecision,
  SteeringVote,
  ReopenReason,
  SourceType,
  SubjectRole,
  TriageDecision,
  Urgency,
  Vulnerability,
  Sector,
  LinkReason,
} from '../../case-coordination/src/domain/enumerations';
import type { CaseEventType, ProposalStatus } from '../../case-coordination/src/domain/case';

/*
 * Value sets owned by modules the browser must not load (access, reporting). Written out here so that this file stays
 * free of them; nl.spec.ts holds each equal to its owner.
 */
type Role =
  | 'coordinator'
  | 'liaison'
  | 'partner'
  | 'steering_group'
  | 'analyst'
  | 'programme_lead'
  | 'auditor'
  | 'admin'
  | 'system';
type AccessAction = 'read_case' | 'read_history' | 'time_travel' | 'verify_chain' | 'read_access_log' | 'read_dossier';
type TargetStatus = 'not_started' | 'green' | 'orange' | 'red' | 'not_applicable';
type TargetPeriod = 'quarter' | 'year';
type ProgressStatus = 'green' | 'orange' | 'red' | 'done' | 'not_started';
type ReportGroupBy = 'district' | 'municipality' | 'vulnerability' | 'source' | 'form' | 'sector' | 'leadOrganisation';

/** The Dutch name of every value of one value set, in the order the UI offers them. */
export type Labels<T extends string> = Readonly<Record<T, string>>;

export const CASE_STATUS: Labels<CaseStatus> = {
  signal_received: 'Signaal ontvangen',
  in_triage: 'In triage',
  forwarded: 'Doorgezet naar partner',
  at_care_table: 'Zorgtafel',
  awaiting_steering_group: 'Wacht op stuurploeg',
  in_execution: 'In uitvoering',
  closed: 'Afgesloten',
};

export const EXPLOITATION_FORM: Labels<ExploitationForm> = {
  sexual: 'Seksuele uitbuiting',
  labour: 'Arbeidsuitbuiting',
  criminal: 'Criminele uitbuiting',
  organ_removal: 'Gedwongen orgaanverwijdering',
  unknown: 'Onbekend',
};

export const VULNERABILITY: Labels<Vulnerability> = {
  minor: 'Minderjarig',
  mild_intellectual_disability: 'Licht verstandelijke beperking',
  labour_migrant: 'Arbeidsmigrant',
  sex_worker: 'Sekswerker',
};

export const SOURCE_TYPE: Labels<SourceType> = {
  police: 'Politie',
  labour_inspectorate: 'Nederlandse Arbeidsinspectie',
  municipality: 'Gemeente',
  riec: 'RIEC',
  care_and_safety_house: 'Zorg- en Veiligheidshuis',
  care_provider: 'Zorgaanbieder',
  veilig_thuis: 'Veilig Thuis',
  school: 'School',
  public: 'Burger',
  victim: 'Slachtoffer zelf',
  other: 'Anders',
};

export const SUBJECT_ROLE: Labels<SubjectRole> = {
  victim: 'Slachtoffer',
  suspect: 'Verdachte',
  facilitator: 'Faciliteerder',
  other: 'Anders',
};

export const URGENCY: Labels<Urgency> = { acute: 'Acuut', high: 'Hoog', normal: 'Normaal' };

export const SECTOR: Labels<Sector> = {
  agriculture_horticulture: 'Land- en tuinbouw',
  logistics_distribution: 'Logistiek en distributie',
  construction: 'Bouw',
  hospitality: 'Horeca',
  car_wash: 'Autowasstraat',
  beauty_nail_salon: 'Schoonheids- en nagelsalon',
  cleaning: 'Schoonmaak',
  sex_industry: 'Seksbranche',
  domestic_work: 'Huishoudelijk werk',
  drug_crime: 'Drugscriminaliteit',
  other: 'Anders',
};

export const LINK_REASON: Labels<LinkReason> = {
  same_victim: 'Zelfde slachtoffer',
  same_suspect: 'Zelfde verdachte',
  same_location: 'Zelfde locatie',
  same_network: 'Zelfde netwerk',
};

export const FORWARD_FEEDBACK: Labels<'accepted' | 'declined'> = {
  accepted: 'Geaccepteerd door de partner',
  declined: 'Geweigerd door de partner',
};

export const ACTION_POINT_OWNER_KIND: Labels<'organisation' | 'user'> = {
  organisation: 'Organisatie',
  user: 'Persoon',
};

export const INTERVENTION_STATUS: Labels<'planned' | 'executed' | 'cancelled'> = {
  planned: 'Gepland',
  executed: 'Uitgevoerd',
  cancelled: 'Geannuleerd',
};

/** The decision as the coordinator takes it ("Besluit: Doorverwijzen"). */
export const TRIAGE_DECISION: Labels<TriageDecision> = {
  refer_to_care_table: 'Naar de Zorgtafel',
  start_care: 'Zorg starten',
  forward: 'Doorverwijzen',
  no_further_action: 'Geen verdere actie',
};

export const PARTNER: Labels<Partner> = {
  police_avim: 'Politie (AVIM)',
  public_prosecutor: 'Openbaar Ministerie',
  labour_inspectorate: 'Nederlandse Arbeidsinspectie',
  riec: 'RIEC',
  tax_authority: 'Belastingdienst',
  municipality: 'Gemeente',
  care_coordinator: 'Zorgcoördinator',
  care_and_safety_house: 'Zorg- en Veiligheidshuis',
  veilig_thuis: 'Veilig Thuis',
  shelter: 'Opvang',
  youth_care: 'Jeugdzorg',
  probation: 'Reclassering',
  other: 'Anders',
};

export const INTERVENTION_TYPE: Labels<InterventionType> = {
  criminal_investigation: 'Strafrechtelijk onderzoek',
  stop_talk: 'Stopgesprek',
  contact_ban: 'Contactverbod',
  premises_closure: 'Sluiting van een pand',
  licence_revocation: 'Intrekking van een vergunning',
  bibob_screening: 'Bibob-toets',
  administrative_fine: 'Bestuurlijke boete',
  fiscal_action: 'Fiscale maatregel',
  labour_inspection: 'Arbeidsinspectie/controle',
  shelter_placement: 'Plaatsing in de opvang',
  care_referral: 'Verwijzing naar zorg',
  residence_support: 'Ondersteuning bij verblijf',
  other: 'Overig',
};

export const INTERVENTION_LEVEL: Labels<InterventionLevel> = {
  criminal: 'Strafrechtelijk',
  administrative: 'Bestuurlijk',
  fiscal: 'Fiscaal',
  labour_law: 'Arbeidsrechtelijk',
  care: 'Zorg',
  other: 'Overig',
};

export const EFFECT: Labels<Effect> = {
  exploitation_stopped: 'Uitbuiting gestopt',
  victim_safe: 'Slachtoffer veilig',
  victim_in_care: 'Slachtoffer in zorg',
  perpetrator_disrupted: 'Dader verstoord',
  suspect_arrested: 'Verdachte aangehouden',
  prosecution_started: 'Vervolging ingesteld',
  premises_closed: 'Pand gesloten',
  sanction_imposed: 'Sanctie opgelegd',
  no_effect: 'Geen effect',
  adverse_effect: 'Averechts effect',
  unknown: 'Onbekend',
};

export const CLOSE_OUTCOME: Labels<CloseOutcome> = {
  victim_safe_and_supported: 'Slachtoffer veilig en ondersteund',
  exploitation_stopped: 'Uitbuiting gestopt',
  forwarded: 'Doorverwezen',
  no_exploitation_found: 'Geen uitbuiting vastgesteld',
  no_further_action: 'Geen verdere actie',
  lost_contact: 'Contact verloren',
  other: 'Overig',
};

export const REOPEN_REASON: Labels<ReopenReason> = {
  revictimization: 'Herhaald slachtofferschap',
  new_information: 'Nieuwe informatie',
  closed_in_error: 'Ten onrechte gesloten',
};

export const PROPOSAL_STATUS: Labels<ProposalStatus> = {
  drafted: 'Concept',
  submitted: 'Ingediend',
  approved: 'Goedgekeurd',
  rejected: 'Afgewezen',
  withdrawn: 'Ingetrokken',
};

/** The vote as a steering-group member casts it. */
export const PROPOSAL_DECISION: Labels<ProposalDecision> = { approved: 'Goedkeuren', rejected: 'Afwijzen' };

/** A member's vote in the stuurploeg. */
export const STEERING_VOTE: Labels<SteeringVote> = {
  approved: 'Instemmen',
  rejected: 'Afwijzen',
  deferred: 'Aanhouden',
};

/** Why a level of measures needs a competent organisation's assent: who, and for which measure. */
export const COMPETENT_FOR_LEVEL: Labels<'administrative' | 'criminal' | 'fiscal' | 'labour_law'> = {
  administrative: 'gemeente (bestuurlijke maatregel)',
  criminal: 'OM (strafrechtelijke maatregel)',
  fiscal: 'Belastingdienst (fiscale maatregel)',
  labour_law: 'Arbeidsinspectie (arbeidsrechtelijke maatregel)',
};

export const DEADLINE_KIND: Labels<DeadlineKind> = {
  triage: 'Triage',
  proposal_decision: 'Besluit op voorstel',
  effect_follow_up: 'Effect vastleggen',
  proposal_revisit: 'Uitgesteld voorstel opnieuw bespreken',
  proposal_evaluation: 'Besluit evalueren',
  forward_feedback: 'Terugkoppeling op doorgezette casus',
  action_point: 'Actiepunt van de Zorgtafel',
};

export const ROLE: Labels<Role> = {
  coordinator: 'Zorgcoördinator',
  liaison: 'Aandachtsfunctionaris mensenhandel',
  partner: 'Ketenpartner',
  steering_group: 'Stuurploeg',
  analyst: 'Analist',
  programme_lead: 'Ketenregisseur',
  auditor: 'Auditor',
  admin: 'Beheerder',
  system: 'Systeem',
};

/** A quarterly target's status: the colour and what it means, so the word carries it without the colour. */
export const TARGET_STATUS: Labels<TargetStatus> = {
  not_started: 'Nog niet begonnen',
  green: 'Groen: norm gehaald',
  orange: 'Oranje: op schema, norm nog niet gehaald',
  red: 'Rood: achter op de norm',
  not_applicable: 'Niet van toepassing in deze periode',
};

/** An action of the programme monitor: its colour and what it means, so the word carries it without the colour. */
export const PROGRESS_STATUS: Labels<ProgressStatus> = {
  green: 'Groen – op koers',
  orange: 'Oranje – aandacht nodig',
  red: 'Rood – niet op koers',
  done: 'Afgerond',
  not_started: 'Nog niet gestart',
};

/** Whether a target is set per quarter or per year. */
export const TARGET_PERIOD: Labels<TargetPeriod> = { quarter: 'Per kwartaal', year: 'Per jaar' };

/** What a report's figures can be broken down by (`groupBy`). */
export const REPORT_GROUP_BY: Labels<ReportGroupBy> = {
  district: 'District',
  municipality: 'Gemeente',
  vulnerability: 'Kwetsbaarheid',
  source: 'Bron van het signaal',
  form: 'Uitbuitingsvorm',
  sector: 'Sector',
  leadOrganisation: 'Leidende organisatie',
};

/** The group of a breakdown for the cases (or interventions) without a value: nothing recorded. */
export const REPORT_GROUP_NOT_RECORDED: Labels<ReportGroupBy> = {
  district: 'District onbekend',
  municipality: 'Gemeente onbekend',
  vulnerability: 'Geen kwetsbaarheid vastgelegd',
  source: 'Bron onbekend',
  form: 'Geen uitbuitingsvorm vastgelegd',
  sector: 'Sector niet vastgelegd',
  leadOrganisation: 'Zonder interventie',
};

export const ACCESS_ACTION: Labels<AccessAction> = {
  read_case: 'Casus ingezien',
  read_history: 'Geschiedenis ingezien',
  time_travel: 'Eerdere versie ingezien',
  verify_chain: 'Hashketen gecontroleerd',
  read_access_log: 'Toegangslog ingezien',
  read_dossier: 'Dossier opgevraagd',
};

export const EVENT_TYPE: Labels<CaseEventType> = {
  SignalRegistered: 'Signaal geregistreerd',
  CoordinatorAssigned: 'Zorgcoördinator toegewezen',
  SignalTriaged: 'Triage vastgelegd',
  ForwardFeedbackRecorded: 'Terugkoppeling van partner vastgelegd',
  CareTableMeetingRecorded: 'Zorgtafel vastgelegd',
  ActionPointAdded: 'Actiepunt afgesproken',
  ActionPointCompleted: 'Actiepunt afgerond',
  ProposalDrafted: 'Voorstel opgesteld',
  ProposalRevised: 'Voorstel bijgewerkt',
  ProposalVoteCast: 'Stem van de stuurploeg',
  ProposalApproved: 'Voorstel goedgekeurd',
  ProposalRejected: 'Voorstel afgewezen',
  ProposalEvaluated: 'Besluit geëvalueerd',
  ProposalWithdrawn: 'Voorstel ingetrokken',
  ProposalSubmitted: 'Voorstel ingediend',
  ProposalDecided: 'Besluit vastgelegd (door één lid)',
  InterventionPlanned: 'Interventie gepland',
  InterventionExecuted: 'Uitvoering vastgelegd',
  InterventionCancelled: 'Interventie geannuleerd',
  CaseReclassified: 'Classificatie gecorrigeerd',
  CaseLinked: 'Casus gekoppeld',
  InterventionEffectRecorded: 'Effect vastgelegd',
  SubjectAdded: 'Persoon toegevoegd',
  ConsentRecorded: 'Toestemming vastgelegd',
  SubjectPersonalDataErased: 'Persoonsgegevens gewist',
  SubjectDisclosed: 'Persoon bekendgemaakt aan een interventie',
  SubjectDisclosureRevoked: 'Bekendmaking ingetrokken',
  NarrativeRedacted: 'Naam uit de teksten gehaald',
  CaseClosed: 'Casus gesloten',
  CaseReopened: 'Casus heropend',
  DeadlineMissed: 'Termijn verstreken',
};

/** The Dutch name of a value, or the value itself when this version of the catalogue does not know it. */
export function label<T extends Readonly<Record<string, string>>>(names: T, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return (names as Readonly<Record<string, string>>)[value] ?? value;
}

/**
 * A label inside a sentence or after a colon: its first letter in lower case ("Gesloten: doorverwezen"). An
 * abbreviation keeps its capitals ("RIEC"). Meant for the labels of decisions, outcomes and reasons, not for the
 * names of organisations.
 */
export function lowerFirst(text: string): string {
  if (text.length > 1 && text[1] === text[1].toUpperCase() && text[1] !== text[1].toLowerCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Dutch names joined as a sentence list: "a, b en c". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

const DUTCH_DATE = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** A business date (`YYYY-MM-DD`) as Dutch text: `16 maart 2026`. */
export function dateText(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return DUTCH_DATE.format(new Date(Date.UTC(year, month - 1, day)));
}

const DUTCH_INSTANT = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as a Dutch date and time in Amsterdam: `5 maart 2026 om 10:01`. */
export function instantText(instant: Date | string): string {
  // Node formats `5 maart 2026 om 10:01`; some ICU versions put a comma instead of `om`.
  return DUTCH_INSTANT.format(new Date(instant)).replace(/,\s*/, ' om ');
}
