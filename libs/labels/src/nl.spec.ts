import { ROLES } from '../../access/src/actor';
import type { AccessLogAction } from '../../access/src/access-log/access-log.service';
import { CASE_EVENT_TYPES, PROPOSAL_STATUSES } from '../../case-coordination/src/domain/case';
import * as enumerations from '../../case-coordination/src/domain/enumerations';
import { GROUP_BY, type GroupBy } from '../../reporting/src/shared/breakdown';
import {
  TARGET_PERIODS,
  TARGET_STATUSES,
  type TargetPeriod,
  type TargetStatus,
} from '../../reporting/src/targets/quarter';
import * as nl from './nl';

/** Each enumeration of enumerations.ts (by the name of its array) and its labels. */
const BY_ENUMERATION: Record<string, Readonly<Record<string, string>>> = {
  CASE_STATUSES: nl.CASE_STATUS,
  EXPLOITATION_FORMS: nl.EXPLOITATION_FORM,
  VULNERABILITIES: nl.VULNERABILITY,
  SOURCE_TYPES: nl.SOURCE_TYPE,
  SUBJECT_ROLES: nl.SUBJECT_ROLE,
  URGENCIES: nl.URGENCY,
  TRIAGE_DECISIONS: nl.TRIAGE_DECISION,
  PARTNERS: nl.PARTNER,
  INTERVENTION_TYPES: nl.INTERVENTION_TYPE,
  INTERVENTION_LEVELS: nl.INTERVENTION_LEVEL,
  EFFECTS: nl.EFFECT,
  CLOSE_OUTCOMES: nl.CLOSE_OUTCOME,
  REOPEN_REASONS: nl.REOPEN_REASON,
  PROPOSAL_DECISIONS: nl.PROPOSAL_DECISION,
  STEERING_VOTES: nl.STEERING_VOTE,
  DEADLINE_KINDS: nl.DEADLINE_KIND,
  FORWARD_FEEDBACKS: nl.FORWARD_FEEDBACK,
  ACTION_POINT_OWNER_KINDS: nl.ACTION_POINT_OWNER_KIND,
  SECTORS: nl.SECTOR,
  LINK_REASONS: nl.LINK_REASON,
};

const enumerationArrays = Object.entries(enumerations as Record<string, unknown>).filter(
  (entry): entry is [string, readonly string[]] => Array.isArray(entry[1]),
);

/** Value sets kept apart from enumerations.ts, each with its values. */
const ACCESS_LOG_ACTIONS = [
  'read_case',
  'read_history',
  'time_travel',
  'read_dossier',
  'verify_chain',
  'read_access_log',
] as const satisfies readonly AccessLogAction[];
const OTHER_VALUE_SETS: [string, readonly string[], Readonly<Record<string, string>>][] = [
  ['proposal status', PROPOSAL_STATUSES, nl.PROPOSAL_STATUS],
  ['role', ROLES, nl.ROLE],
  ['access action', ACCESS_LOG_ACTIONS, nl.ACCESS_ACTION],
  ['target status', TARGET_STATUSES, nl.TARGET_STATUS],
  ['target period', TARGET_PERIODS, nl.TARGET_PERIOD],
  ['report breakdown', GROUP_BY, nl.REPORT_GROUP_BY],
  ['report group without a value', GROUP_BY, nl.REPORT_GROUP_NOT_RECORDED],
  ['event type', CASE_EVENT_TYPES, nl.EVENT_TYPE],
];

/* The catalogue's own key types are the owners' types, no more and no less (checked by the type checker). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameKeys: [
  Same<keyof typeof nl.ROLE, (typeof ROLES)[number]>,
  Same<keyof typeof nl.ACCESS_ACTION, AccessLogAction>,
  Same<keyof typeof nl.TARGET_STATUS, TargetStatus>,
  Same<keyof typeof nl.TARGET_PERIOD, TargetPeriod>,
  Same<keyof typeof nl.REPORT_GROUP_BY, GroupBy>,
  Same<keyof typeof nl.EVENT_TYPE, (typeof CASE_EVENT_TYPES)[number]>,
  Same<(typeof ACCESS_LOG_ACTIONS)[number], AccessLogAction>,
] = [true, true, true, true, true, true, true];

function expectLabelled(values: readonly string[], names: Readonly<Record<string, string>>) {
  expect(values.filter((value) => !names[value]?.trim())).toEqual([]);
  expect(Object.keys(names).filter((value) => !values.includes(value))).toEqual([]);
  const valuesByName = new Map<string, string[]>();
  for (const value of values) {
    const name = names[value].trim().toLowerCase();
    valuesByName.set(name, [...(valuesByName.get(name) ?? []), value]);
  }
  expect([...valuesByName.values()].filter((shared) => shared.length > 1)).toEqual([]);
}

describe('the Dutch label catalogue', () => {
  it('has labels for every enumeration of the domain', () => {
    expect(enumerationArrays.map(([name]) => name).sort()).toEqual(Object.keys(BY_ENUMERATION).sort());
  });

  it.each(enumerationArrays)('names every value of %s, each differently', (name, values) => {
    expectLabelled(values, BY_ENUMERATION[name]);
  });

  it.each(OTHER_VALUE_SETS)('names every %s, each differently', (_name, values, names) => {
    expect(sameKeys.every(Boolean)).toBe(true);
    expectLabelled(values, names);
  });

  it('starts every label with a capital', () => {
    const all = [...Object.values(BY_ENUMERATION), ...OTHER_VALUE_SETS.map(([, , names]) => names)].flatMap((names) =>
      Object.values(names),
    );
    expect(all.filter((name) => name.charAt(0) !== name.charAt(0).toUpperCase())).toEqual([]);
  });
});

describe('lowerFirst', () => {
  it('puts a label in lower case for use inside a sentence', () => {
    expect(nl.lowerFirst(nl.CLOSE_OUTCOME.forwarded)).toBe('doorverwezen');
    expect(nl.lowerFirst(nl.TRIAGE_DECISION.refer_to_care_table)).toBe('naar de Zorgtafel');
    expect(nl.lowerFirst(nl.REOPEN_REASON.revictimization)).toBe('herhaald slachtofferschap');
  });

  it('leaves abbreviations and empty text alone', () => {
    expect(nl.lowerFirst('RIEC')).toBe('RIEC');
    expect(nl.lowerFirst('')).toBe('');
    expect(nl.lowerFirst('Ö')).toBe('ö');
  });
});

describe('label and listOf', () => {
  it('names a known value, shows an unknown one as it is, and nothing as nothing', () => {
    expect(nl.label(nl.EFFECT, 'prosecution_started')).toBe('Vervolging ingesteld');
    expect(nl.label(nl.EFFECT, 'something_new')).toBe('something_new');
    expect(nl.label(nl.EFFECT, null)).toBe('');
  });

  it('joins names as a Dutch list', () => {
    expect(nl.listOf([])).toBe('');
    expect(nl.listOf(['a'])).toBe('a');
    expect(nl.listOf(['a', 'b', 'c'])).toBe('a, b en c');
  });
});
