/**
 * Dutch names of the API's enumeration values (DOMAIN.md): the UI shows these, the API speaks the English values.
 * The words live in one catalogue, `@baken/labels`, shared with the CSV and XLSX exports.
 */
import { CASE_STATUS, listOf, lowerFirst } from '@baken/labels';

export {
  ACCESS_ACTION,
  CASE_STATUS,
  CLOSE_OUTCOME,
  COMPETENT_FOR_LEVEL,
  DEADLINE_KIND,
  EFFECT,
  EVENT_TYPE,
  EXPLOITATION_FORM,
  FORWARD_FEEDBACK,
  INTERVENTION_LEVEL,
  INTERVENTION_STATUS,
  LINK_REASON,
  SECTOR,
  INTERVENTION_TYPE,
  PARTNER,
  PROPOSAL_DECISION,
  PROPOSAL_STATUS,
  REOPEN_REASON,
  ROLE,
  SOURCE_TYPE,
  STEERING_VOTE,
  SUBJECT_ROLE,
  TARGET_STATUS,
  TRIAGE_DECISION,
  URGENCY,
  VULNERABILITY,
  label,
  listOf,
  lowerFirst,
} from '@baken/labels';

export type CaseStatus = keyof typeof CASE_STATUS;

/**
 * The purposes the screens offer to record a person's consent for. The API takes any purpose (`scope`); one these
 * names do not know is shown as it was recorded.
 */
export const CONSENT_SCOPE = {
  share_with_care_partners: 'Gegevens delen met de zorgpartners',
  share_with_chain_partners: 'Gegevens delen met de ketenpartners (politie, OM, gemeente)',
} as const;

/** Options for a select or a group of checkboxes, in the order of the names. */
export function optionsOf<T extends Readonly<Record<string, string>>>(
  names: T,
): { value: keyof T & string; label: string }[] {
  return Object.entries(names).map(([value, name]) => ({ value: value as keyof T & string, label: name }));
}

/**
 * Labels as one phrase, as a sentence would say them: `Seksuele uitbuiting en arbeidsuitbuiting`. The first keeps its
 * capital (it starts the value shown); the others lose theirs, abbreviations excepted (`RIEC`).
 */
export function phraseOf(labels: readonly string[]): string {
  return listOf(labels.map((l, i) => (i === 0 ? l : lowerFirst(l))));
}

/** A number and its noun, singular for one: `1 bespreking`, `3 besprekingen`, `0 casussen`. */
export function countOf(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
