import type {
  CloseOutcome, Effect, ExploitationForm, InterventionLevel, InterventionType, ReopenReason, TriageDecision,
} from '@baken/case-coordination';
import type { TargetStatus } from '../targets/quarter';

/** Dutch labels for the values that exports show; the JSON keeps the API values. */
export const INTERVENTION_TYPE_NL: Record<InterventionType, string> = {
  criminal_investigation: 'Strafrechtelijk onderzoek',
  stop_talk: 'Stopgesprek',
  contact_ban: 'Contactverbod',
  premises_closure: 'Sluiting pand',
  licence_revocation: 'Intrekking vergunning',
  bibob_screening: 'Bibob-toets',
  administrative_fine: 'Bestuurlijke boete',
  fiscal_action: 'Fiscale maatregel',
  labour_inspection: 'Arbeidsinspectie',
  shelter_placement: 'Plaatsing in opvang',
  care_referral: 'Verwijzing naar zorg',
  residence_support: 'Ondersteuning verblijf',
  other: 'Overig',
};

export const INTERVENTION_LEVEL_NL: Record<InterventionLevel, string> = {
  criminal: 'Strafrechtelijk',
  administrative: 'Bestuurlijk',
  fiscal: 'Fiscaal',
  labour_law: 'Arbeidsrechtelijk',
  care: 'Zorg',
  other: 'Overig',
};

export const EFFECT_NL: Record<Effect, string> = {
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

export const TRIAGE_DECISION_NL: Record<TriageDecision, string> = {
  refer_to_care_table: 'naar de Zorgtafel',
  start_care: 'zorg gestart',
  forward: 'doorgezet',
  no_further_action: 'geen verdere actie',
};

export const CLOSE_OUTCOME_NL: Record<CloseOutcome, string> = {
  victim_safe_and_supported: 'slachtoffer veilig en ondersteund',
  exploitation_stopped: 'uitbuiting gestopt',
  forwarded: 'doorgezet',
  no_exploitation_found: 'geen uitbuiting vastgesteld',
  no_further_action: 'geen verdere actie',
  lost_contact: 'contact verloren',
  other: 'overig',
};

export const REOPEN_REASON_NL: Record<ReopenReason, string> = {
  revictimization: 'herhaald slachtofferschap',
  new_information: 'nieuwe informatie',
  closed_in_error: 'ten onrechte gesloten',
};

export const FORM_NL: Record<ExploitationForm, string> = {
  sexual: 'seksuele uitbuiting',
  labour: 'arbeidsuitbuiting',
  criminal: 'criminele uitbuiting',
  organ_removal: 'orgaanverwijdering',
  unknown: 'onbekend',
};

export const TARGET_STATUS_NL: Record<TargetStatus, string> = {
  not_started: 'niet gestart',
  green: 'groen',
  orange: 'oranje',
  red: 'rood',
};
