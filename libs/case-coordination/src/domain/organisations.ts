import { PARTNERS, type InterventionLevel, type Partner } from './enumerations';

/**
 * An organisation (DOMAIN.md "Organisations"): the regional ones are named by their kind (`riec`, `police_avim`,
 * `public_prosecutor`…), municipalities `municipality:<slug>` and shelters `shelter:<slug>`. Older records may name a
 * kind where an organisation is meant (`municipality`); those are read as they are.
 */
export type OrganisationId = string;

const ORGANISATION_ID = /^(?:[a-z_]+|(?:municipality|shelter):[a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Whether `id` is written as an organisation id (whether it exists is the reference data's to say). */
export const isOrganisationId = (id: string): boolean => ORGANISATION_ID.test(id);

/** The kind of an organisation: `municipality:breda` is a `municipality`; `null` for an id of no known kind. */
export function organisationKind(id: OrganisationId): Partner | null {
  const kind = id.split(':')[0];
  return (PARTNERS as readonly string[]).includes(kind) ? (kind as Partner) : null;
}

/**
 * Which kind of organisation commits each level of measures in the stuurploeg: the mayor (a municipality of the case's
 * district) administrative ones, the public prosecutor criminal ones, the tax authority fiscal ones and the labour
 * inspectorate labour-law ones. Care and other measures need no competent organisation.
 */
export const COMPETENT_KIND: Readonly<Partial<Record<InterventionLevel, Partner>>> = {
  administrative: 'municipality',
  criminal: 'public_prosecutor',
  fiscal: 'tax_authority',
  labour_law: 'labour_inspectorate',
};

/**
 * The organisation that leads a measure of `level` when a proposal names only its type (API v1): the competent one,
 * the case's own municipality for administrative measures, and the care coordination for care and other measures.
 */
export function defaultLeadOrganisation(level: InterventionLevel, caseMunicipality: string): OrganisationId {
  if (level === 'administrative') return `municipality:${caseMunicipality}`;
  return COMPETENT_KIND[level] ?? 'care_coordinator';
}

/** Whether `organisation` is competent for `level` on a case of a district with these municipalities. */
export function isCompetentFor(
  level: InterventionLevel,
  organisation: OrganisationId,
  districtMunicipalities: readonly string[],
): boolean {
  const kind = COMPETENT_KIND[level];
  if (kind === undefined) return true;
  if (organisationKind(organisation) !== kind) return false;
  return kind !== 'municipality' || districtMunicipalities.includes(organisation.slice('municipality:'.length));
}
