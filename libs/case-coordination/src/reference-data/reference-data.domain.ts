import { INTERVENTION_LEVELS, PARTNERS, type Partner } from '../domain/enumerations';

/**
 * The reference data an administrator maintains, as events of one stream (ADR 62): organisations, municipalities,
 * deadline periods and the intervention catalogue. Pure: `decide` takes the current state and the command (with who
 * sends it) and answers the events, or a broken rule; `evolve` applies an event to the state.
 */
export const REFERENCE_DATA_STREAM = 'reference-data';

/** The deadline periods an administrator sets (DOMAIN.md "Deadlines"); the configuration's are the defaults. */
export interface DeadlinePeriodValues {
  triageWorkingDays: number;
  triageHighWorkingDays: number;
  triageAcuteWorkingDays: number;
  forwardFeedbackWorkingDays: number;
  proposalDecisionDays: number;
  effectFollowUpDays: number;
}

export const DEADLINE_PERIOD_KEYS: readonly (keyof DeadlinePeriodValues)[] = [
  'triageWorkingDays',
  'triageHighWorkingDays',
  'triageAcuteWorkingDays',
  'forwardFeedbackWorkingDays',
  'proposalDecisionDays',
  'effectFollowUpDays',
];

export interface OrganisationEntry {
  kind: string;
  name: string;
  /** The identity provider's organisation claim that maps a user to it; `null`: its id. */
  identityClaim: string | null;
  active: boolean;
}

export interface MunicipalityEntry {
  name: string;
  district: string;
  /** First and last business date it exists on; `null`: since before the records, or still. */
  validFrom: string | null;
  validUntil: string | null;
}

export interface InterventionTypeEntry {
  level: string;
  label: string;
  retired: boolean;
}

export interface ReferenceState {
  districts: ReadonlySet<string>;
  /** Besides the municipalities' own. */
  organisations: ReadonlyMap<string, OrganisationEntry>;
  municipalities: ReadonlyMap<string, MunicipalityEntry>;
  interventionTypes: ReadonlyMap<string, InterventionTypeEntry>;
}

export type ReferenceCommand =
  | { type: 'AddOrganisation'; by: string; id: string; kind: string; name: string; identityClaim?: string | null }
  | { type: 'ChangeOrganisation'; by: string; id: string; name: string; identityClaim?: string | null; active: boolean }
  | { type: 'AddMunicipality'; by: string; id: string; name: string; district: string; validFrom: string }
  | { type: 'ChangeMunicipality'; by: string; id: string; name: string; validUntil: string | null }
  | { type: 'ChangeDeadlinePeriods'; by: string; periods: DeadlinePeriodValues }
  | { type: 'AddInterventionType'; by: string; interventionType: string; level: string; label: string }
  | { type: 'ChangeInterventionType'; by: string; interventionType: string; label: string; retired: boolean };

export type ReferenceEvent =
  | {
      type: 'OrganisationAdded';
      data: { id: string; kind: string; name: string; identityClaim: string | null; by: string };
    }
  | {
      type: 'OrganisationChanged';
      data: { id: string; name: string; identityClaim: string | null; active: boolean; by: string };
    }
  | {
      type: 'MunicipalityAdded';
      data: { id: string; name: string; district: string; validFrom: string; by: string };
    }
  | { type: 'MunicipalityChanged'; data: { id: string; name: string; validUntil: string | null; by: string } }
  | { type: 'DeadlinePeriodsChanged'; data: DeadlinePeriodValues & { by: string } }
  | {
      type: 'InterventionTypeAdded';
      data: { interventionType: string; level: string; label: string; by: string };
    }
  | {
      type: 'InterventionTypeChanged';
      data: { interventionType: string; label: string; retired: boolean; by: string };
    };

export type ReferenceEventType = ReferenceEvent['type'];
export const REFERENCE_EVENT_TYPES: readonly ReferenceEventType[] = [
  'OrganisationAdded',
  'OrganisationChanged',
  'MunicipalityAdded',
  'MunicipalityChanged',
  'DeadlinePeriodsChanged',
  'InterventionTypeAdded',
  'InterventionTypeChanged',
];

/** A broken rule: `conflict` (409), `not_found` (404) or `invalid` (400, naming the field). */
export class ReferenceRuleBroken extends Error {
  constructor(
    readonly kind: 'conflict' | 'not_found' | 'invalid',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REGIONAL_ID = /^[a-z_]+$/;
export const INTERVENTION_TYPE_ID = /^[a-z][a-z0-9_]*$/;

/**
 * Which ids an organisation of `kind` may have: a regional one is named by its kind, a shelter `shelter:<slug>`; one of
 * kind `other` by a name of its own in lowercase and underscores. Municipalities' organisations follow the
 * municipalities. A message when `id` does not fit, else `null`.
 */
export function organisationIdProblem(id: string, kind: Partner): string | null {
  if (kind === 'municipality') return null;
  if (kind === 'shelter')
    return id.startsWith('shelter:') && SLUG.test(id.slice('shelter:'.length))
      ? null
      : 'a shelter is named shelter:<slug>, e.g. shelter:sterk-huis';
  if (kind === 'other')
    return REGIONAL_ID.test(id) && !(PARTNERS as readonly string[]).includes(id)
      ? null
      : 'an organisation of kind other is named in lowercase letters and underscores, not after a kind';
  return id === kind ? null : `a regional organisation is named by its kind (${kind})`;
}

const claimOf = (id: string, entry: OrganisationEntry) => entry.identityClaim ?? id;

function requireFreeClaim(state: ReferenceState, claim: string, except: string | null): void {
  for (const [id, entry] of state.organisations)
    if (id !== except && claimOf(id, entry) === claim)
      throw new ReferenceRuleBroken('invalid', 'identityClaim', `already maps users to ${id}`);
  if (claim.startsWith('municipality:') && state.municipalities.has(claim.slice('municipality:'.length)))
    throw new ReferenceRuleBroken('invalid', 'identityClaim', `already maps users to ${claim}`);
}

export function decide(command: ReferenceCommand, state: ReferenceState): ReferenceEvent[] {
  switch (command.type) {
    case 'AddOrganisation': {
      const { id, kind, name, by } = command;
      if (!(PARTNERS as readonly string[]).includes(kind))
        throw new ReferenceRuleBroken('invalid', 'kind', `is not a partner kind (${PARTNERS.join(', ')})`);
      if (kind === 'municipality')
        throw new ReferenceRuleBroken(
          'invalid',
          'kind',
          'a municipality’s organisation follows the municipality: add the municipality instead',
        );
      const problem = organisationIdProblem(id, kind as Partner);
      if (problem) throw new ReferenceRuleBroken('invalid', 'id', problem);
      if (state.organisations.has(id))
        throw new ReferenceRuleBroken('conflict', 'id', `The organisation ${id} exists already.`);
      const identityClaim = command.identityClaim ?? null;
      requireFreeClaim(state, identityClaim ?? id, null);
      return [{ type: 'OrganisationAdded', data: { id, kind, name, identityClaim, by } }];
    }
    case 'ChangeOrganisation': {
      const { id, name, active, by } = command;
      if (id.startsWith('municipality:'))
        throw new ReferenceRuleBroken(
          'invalid',
          'id',
          'a municipality’s organisation follows the municipality: change the municipality instead',
        );
      const current = state.organisations.get(id);
      if (!current) throw new ReferenceRuleBroken('not_found', 'id', `The organisation ${id} does not exist.`);
      const identityClaim = command.identityClaim === undefined ? current.identityClaim : command.identityClaim;
      requireFreeClaim(state, identityClaim ?? id, id);
      return [{ type: 'OrganisationChanged', data: { id, name, identityClaim, active, by } }];
    }
    case 'AddMunicipality': {
      const { id, name, district, validFrom, by } = command;
      if (!SLUG.test(id)) throw new ReferenceRuleBroken('invalid', 'id', 'must be a slug such as bergen-op-zoom');
      if (!state.districts.has(district))
        throw new ReferenceRuleBroken(
          'invalid',
          'district',
          `is not a known district (${[...state.districts].join(', ')})`,
        );
      if (state.municipalities.has(id))
        throw new ReferenceRuleBroken('conflict', 'id', `The municipality ${id} exists already.`);
      for (const [orgId, entry] of state.organisations)
        if (claimOf(orgId, entry) === `municipality:${id}`)
          throw new ReferenceRuleBroken('conflict', 'id', `municipality:${id} already maps users to ${orgId}`);
      return [{ type: 'MunicipalityAdded', data: { id, name, district, validFrom, by } }];
    }
    case 'ChangeMunicipality': {
      const { id, name, validUntil, by } = command;
      const current = state.municipalities.get(id);
      if (!current) throw new ReferenceRuleBroken('not_found', 'id', `The municipality ${id} does not exist.`);
      if (validUntil !== null && current.validFrom !== null && validUntil < current.validFrom)
        throw new ReferenceRuleBroken('invalid', 'validUntil', `must not be before validFrom (${current.validFrom})`);
      return [{ type: 'MunicipalityChanged', data: { id, name, validUntil, by } }];
    }
    case 'ChangeDeadlinePeriods':
      return [{ type: 'DeadlinePeriodsChanged', data: { ...command.periods, by: command.by } }];
    case 'AddInterventionType': {
      const { interventionType, level, label, by } = command;
      if (!INTERVENTION_TYPE_ID.test(interventionType))
        throw new ReferenceRuleBroken('invalid', 'type', 'must be lowercase letters, digits and underscores');
      if (!(INTERVENTION_LEVELS as readonly string[]).includes(level))
        throw new ReferenceRuleBroken('invalid', 'level', `is not a level (${INTERVENTION_LEVELS.join(', ')})`);
      if (state.interventionTypes.has(interventionType))
        throw new ReferenceRuleBroken('conflict', 'type', `The intervention type ${interventionType} exists already.`);
      return [{ type: 'InterventionTypeAdded', data: { interventionType, level, label, by } }];
    }
    case 'ChangeInterventionType': {
      const { interventionType, label, retired, by } = command;
      if (!state.interventionTypes.has(interventionType))
        throw new ReferenceRuleBroken('not_found', 'type', `The intervention type ${interventionType} does not exist.`);
      return [{ type: 'InterventionTypeChanged', data: { interventionType, label, retired, by } }];
    }
  }
}

export function evolve(state: ReferenceState, event: ReferenceEvent): ReferenceState {
  switch (event.type) {
    case 'OrganisationAdded': {
      const { id, kind, name, identityClaim } = event.data;
      return {
        ...state,
        organisations: new Map(state.organisations).set(id, { kind, name, identityClaim, active: true }),
      };
    }
    case 'OrganisationChanged': {
      const { id, name, identityClaim, active } = event.data;
      const current = state.organisations.get(id);
      if (!current) return state;
      return {
        ...state,
        organisations: new Map(state.organisations).set(id, { ...current, name, identityClaim, active }),
      };
    }
    case 'MunicipalityAdded': {
      const { id, name, district, validFrom } = event.data;
      return {
        ...state,
        municipalities: new Map(state.municipalities).set(id, { name, district, validFrom, validUntil: null }),
      };
    }
    case 'MunicipalityChanged': {
      const { id, name, validUntil } = event.data;
      const current = state.municipalities.get(id);
      if (!current) return state;
      return { ...state, municipalities: new Map(state.municipalities).set(id, { ...current, name, validUntil }) };
    }
    case 'DeadlinePeriodsChanged':
      return state;
    case 'InterventionTypeAdded': {
      const { interventionType, level, label } = event.data;
      return {
        ...state,
        interventionTypes: new Map(state.interventionTypes).set(interventionType, { level, label, retired: false }),
      };
    }
    case 'InterventionTypeChanged': {
      const { interventionType, label, retired } = event.data;
      const current = state.interventionTypes.get(interventionType);
      if (!current) return state;
      return {
        ...state,
        interventionTypes: new Map(state.interventionTypes).set(interventionType, { ...current, label, retired }),
      };
    }
  }
}

/** Whether a municipality exists on a business date: from its first day up to and including its last. */
export function isValidOn(entry: Pick<MunicipalityEntry, 'validFrom' | 'validUntil'>, date: string): boolean {
  return (
    (entry.validFrom === null || entry.validFrom <= date) && (entry.validUntil === null || date <= entry.validUntil)
  );
}
