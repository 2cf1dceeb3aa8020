/** Dutch names of the API's enumeration values (DOMAIN.md): the UI shows these, the API speaks the English values. */

export const CASE_STATUS = {
  signal_received: 'Signaal ontvangen',
  in_triage: 'In triage',
  at_care_table: 'Zorgtafel',
  awaiting_steering_group: 'Wacht op stuurploeg',
  in_execution: 'In uitvoering',
  closed: 'Afgesloten',
} as const;
export type CaseStatus = keyof typeof CASE_STATUS;

export const EXPLOITATION_FORM = {
  sexual: 'Seksuele uitbuiting',
  labour: 'Arbeidsuitbuiting',
  criminal: 'Criminele uitbuiting',
  organ_removal: 'Orgaanverwijdering',
  unknown: 'Onbekend',
} as const;

export const VULNERABILITY = {
  minor: 'Minderjarig',
  mild_intellectual_disability: 'Licht verstandelijke beperking',
  labour_migrant: 'Arbeidsmigrant',
  sex_worker: 'Sekswerker',
} as const;

export const SOURCE_TYPE = {
  police: 'Politie',
  labour_inspectorate: 'Nederlandse Arbeidsinspectie',
  municipality: 'Gemeente',
  care_provider: 'Zorgaanbieder',
  veilig_thuis: 'Veilig Thuis',
  school: 'School',
  public: 'Burger',
  victim: 'Slachtoffer zelf',
  other: 'Anders',
} as const;

export const SUBJECT_ROLE = {
  victim: 'Slachtoffer',
  suspect: 'Verdachte',
  facilitator: 'Facilitator',
  other: 'Anders',
} as const;

export const URGENCY = { acute: 'Acuut', high: 'Hoog', normal: 'Normaal' } as const;

export const TRIAGE_DECISION = {
  refer_to_care_table: 'Naar de Zorgtafel',
  start_care: 'Zorg starten',
  forward: 'Doorverwijzen',
  no_further_action: 'Geen verdere actie',
} as const;

export const PARTNER = {
  police_avim: 'Politie (AVIM)',
  public_prosecutor: 'Openbaar Ministerie',
  labour_inspectorate: 'Nederlandse Arbeidsinspectie',
  riec: 'RIEC',
  tax_authority: 'Belastingdienst',
  municipality: 'Gemeente',
  care_coordinator: 'Zorgcoördinator',
  veilig_thuis: 'Veilig Thuis',
  shelter: 'Opvang',
  youth_care: 'Jeugdzorg',
  probation: 'Reclassering',
  other: 'Anders',
} as const;

export const INTERVENTION_TYPE = {
  criminal_investigation: 'Strafrechtelijk onderzoek',
  stop_talk: 'Stopgesprek',
  contact_ban: 'Contactverbod',
  premises_closure: 'Sluiting van een pand',
  licence_revocation: 'Intrekking van een vergunning',
  bibob_screening: 'Bibob-toets',
  administrative_fine: 'Bestuurlijke boete',
  fiscal_action: 'Fiscale actie',
  labour_inspection: 'Arbeidsinspectie',
  shelter_placement: 'Plaatsing in de opvang',
  care_referral: 'Verwijzing naar zorg',
  residence_support: 'Ondersteuning bij verblijf',
  other: 'Anders',
} as const;

export const INTERVENTION_LEVEL = {
  criminal: 'Strafrechtelijk',
  administrative: 'Bestuurlijk',
  fiscal: 'Fiscaal',
  labour_law: 'Arbeidsrechtelijk',
  care: 'Zorg',
  other: 'Overig',
} as const;

export const EFFECT = {
  exploitation_stopped: 'Uitbuiting gestopt',
  victim_safe: 'Slachtoffer veilig',
  victim_in_care: 'Slachtoffer in zorg',
  perpetrator_disrupted: 'Dader verstoord',
  suspect_arrested: 'Verdachte aangehouden',
  prosecution_started: 'Vervolging gestart',
  premises_closed: 'Pand gesloten',
  sanction_imposed: 'Sanctie opgelegd',
  no_effect: 'Geen effect',
  adverse_effect: 'Averechts effect',
  unknown: 'Onbekend',
} as const;

export const CLOSE_OUTCOME = {
  victim_safe_and_supported: 'Slachtoffer veilig en ondersteund',
  exploitation_stopped: 'Uitbuiting gestopt',
  forwarded: 'Doorverwezen',
  no_exploitation_found: 'Geen uitbuiting vastgesteld',
  no_further_action: 'Geen verdere actie',
  lost_contact: 'Contact verloren',
  other: 'Anders',
} as const;

export const REOPEN_REASON = {
  revictimization: 'Opnieuw slachtoffer',
  new_information: 'Nieuwe informatie',
  closed_in_error: 'Ten onrechte gesloten',
} as const;

export const PROPOSAL_STATUS = { drafted: 'Concept', submitted: 'Ingediend', approved: 'Goedgekeurd', rejected: 'Afgewezen' } as const;
export const PROPOSAL_DECISION = { approved: 'Goedkeuren', rejected: 'Afwijzen' } as const;

export const DEADLINE_KIND = {
  triage: 'Triage',
  proposal_decision: 'Besluit op voorstel',
  effect_follow_up: 'Effect vastleggen',
} as const;

export const ROLE = {
  coordinator: 'Zorgcoördinator',
  liaison: 'Aandachtsfunctionaris mensenhandel',
  partner: 'Ketenpartner',
  steering_group: 'Stuurploeg',
  analyst: 'Analist',
  auditor: 'Auditor',
  admin: 'Beheerder',
  system: 'Systeem',
} as const;

export const TARGET_STATUS = {
  not_started: 'Nog niet begonnen',
  green: 'Groen: norm gehaald',
  orange: 'Oranje: op schema, norm nog niet gehaald',
  red: 'Rood: achter op de norm',
} as const;

export const ACCESS_ACTION = {
  read_case: 'Casus ingezien',
  read_history: 'Geschiedenis ingezien',
  time_travel: 'Eerdere versie ingezien',
  verify_chain: 'Hashketen gecontroleerd',
  read_access_log: 'Toegangslog ingezien',
} as const;

export const EVENT_TYPE = {
  SignalRegistered: 'Signaal geregistreerd',
  CoordinatorAssigned: 'Zorgcoördinator toegewezen',
  SignalTriaged: 'Triage vastgelegd',
  CareTableMeetingRecorded: 'Zorgtafel vastgelegd',
  ProposalDrafted: 'Voorstel opgesteld',
  ProposalSubmitted: 'Voorstel ingediend',
  ProposalDecided: 'Besluit vastgelegd',
  InterventionPlanned: 'Interventie gepland',
  InterventionExecuted: 'Uitvoering vastgelegd',
  InterventionEffectRecorded: 'Effect vastgelegd',
  SubjectAdded: 'Persoon toegevoegd',
  ConsentRecorded: 'Toestemming vastgelegd',
  SubjectPersonalDataErased: 'Persoonsgegevens gewist',
  CaseClosed: 'Casus gesloten',
  CaseReopened: 'Casus heropend',
  DeadlineMissed: 'Termijn verstreken',
} as const;

/** The Dutch name of a value, or the value itself when this version of the UI does not know it. */
export function label<T extends Record<string, string>>(names: T, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return (names as Record<string, string>)[value] ?? value;
}

/** Options for a select or a group of checkboxes, in the order of the names. */
export function optionsOf<T extends Record<string, string>>(names: T): { value: keyof T & string; label: string }[] {
  return Object.entries(names).map(([value, name]) => ({ value: value as keyof T & string, label: name }));
}

/** Dutch names joined as a sentence list: "a, b en c". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}
