/** API enumerations of DOMAIN.md. The arrays drive validation; the types drive the domain. */
export const EXPLOITATION_FORMS = ['sexual', 'labour', 'criminal', 'organ_removal', 'unknown'] as const;
export type ExploitationForm = (typeof EXPLOITATION_FORMS)[number];

export const VULNERABILITIES = ['minor', 'mild_intellectual_disability', 'labour_migrant', 'sex_worker'] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

export const SOURCE_TYPES = [
  'police',
  'labour_inspectorate',
  'municipality',
  'riec',
  'care_and_safety_house',
  'care_provider',
  'veilig_thuis',
  'school',
  'public',
  'victim',
  'other',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Where the exploitation takes place; optional and correctable. */
export const SECTORS = [
  'agriculture_horticulture',
  'logistics_distribution',
  'construction',
  'hospitality',
  'car_wash',
  'beauty_nail_salon',
  'cleaning',
  'sex_industry',
  'domestic_work',
  'drug_crime',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** Why two cases are linked. */
export const LINK_REASONS = ['same_victim', 'same_suspect', 'same_location', 'same_network'] as const;
export type LinkReason = (typeof LINK_REASONS)[number];

export const SUBJECT_ROLES = ['victim', 'suspect', 'facilitator', 'other'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export const URGENCIES = ['acute', 'high', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const TRIAGE_DECISIONS = ['refer_to_care_table', 'start_care', 'forward', 'no_further_action'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

export const PARTNERS = [
  'police_avim',
  'public_prosecutor',
  'labour_inspectorate',
  'riec',
  'tax_authority',
  'municipality',
  'care_coordinator',
  'care_and_safety_house',
  'veilig_thuis',
  'shelter',
  'youth_care',
  'probation',
  'other',
] as const;
export type Partner = (typeof PARTNERS)[number];

export const INTERVENTION_LEVEL_BY_TYPE = {
  criminal_investigation: 'criminal',
  stop_talk: 'criminal',
  contact_ban: 'criminal',
  premises_closure: 'administrative',
  licence_revocation: 'administrative',
  bibob_screening: 'administrative',
  administrative_fine: 'administrative',
  fiscal_action: 'fiscal',
  labour_inspection: 'labour_law',
  shelter_placement: 'care',
  care_referral: 'care',
  residence_support: 'care',
  other: 'other',
} as const;
export type InterventionType = keyof typeof INTERVENTION_LEVEL_BY_TYPE;
export type InterventionLevel = (typeof INTERVENTION_LEVEL_BY_TYPE)[InterventionType];
export const INTERVENTION_TYPES = Object.keys(INTERVENTION_LEVEL_BY_TYPE) as InterventionType[];
export const INTERVENTION_LEVELS = ['criminal', 'administrative', 'fiscal', 'labour_law', 'care', 'other'] as const;

export const EFFECTS = [
  'exploitation_stopped',
  'victim_safe',
  'victim_in_care',
  'perpetrator_disrupted',
  'suspect_arrested',
  'prosecution_started',
  'premises_closed',
  'sanction_imposed',
  'no_effect',
  'adverse_effect',
  'unknown',
] as const;
export type Effect = (typeof EFFECTS)[number];

export const CLOSE_OUTCOMES = [
  'victim_safe_and_supported',
  'exploitation_stopped',
  'forwarded',
  'no_exploitation_found',
  'no_further_action',
  'lost_contact',
  'other',
] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export const REOPEN_REASONS = ['revictimization', 'new_information', 'closed_in_error'] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];

/** The receiving partner's answer to a forwarded case. */
export const FORWARD_FEEDBACKS = ['accepted', 'declined'] as const;
export type ForwardFeedback = (typeof FORWARD_FEEDBACKS)[number];

/** Whether an action point is owned by an organisation (every user acting for it) or by one person. */
export const ACTION_POINT_OWNER_KINDS = ['organisation', 'user'] as const;
export type ActionPointOwnerKind = (typeof ACTION_POINT_OWNER_KINDS)[number];

export const PROPOSAL_DECISIONS = ['approved', 'rejected'] as const;
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number];

/** A steering-group member's vote: `approved` is an assent; the proposal is decided by the rule of all votes. */
export const STEERING_VOTES = ['approved', 'rejected', 'deferred'] as const;
export type SteeringVote = (typeof STEERING_VOTES)[number];

export const DEADLINE_KINDS = [
  'triage',
  'proposal_decision',
  'effect_follow_up',
  'proposal_revisit',
  'proposal_evaluation',
  'forward_feedback',
  'action_point',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const CASE_STATUSES = [
  'signal_received',
  'in_triage',
  'forwarded',
  'at_care_table',
  'awaiting_steering_group',
  'in_execution',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A calendar date `YYYY-MM-DD` (Europe/Amsterdam). Lexical order is chronological order. */
export type BusinessDate = string;
