import type { BusinessDate, InterventionLevel } from './enumerations';
import { COMPETENT_KIND, isCompetentFor, type OrganisationId } from './organisations';

/** A member's assent to a proposal. */
export interface Assent {
  username: string;
  organisation: OrganisationId;
}

/** What a proposal still lacks to be approved; all zero and empty when it is approved. */
export interface AssentShortfall {
  /** Distinct members still needed (two in all). */
  members: number;
  /** Distinct organisations still needed (two in all). */
  organisations: number;
  /** Levels of its measures whose competent organisation has not assented, in the order of the measures. */
  levels: InterventionLevel[];
}

/**
 * The decision rule of DOMAIN.md "Steering-group decisions": a proposal is approved as soon as its assents come from
 * at least two distinct members, of at least two organisations, and — for every level among its measures that has one
 * — a member of the competent organisation (for administrative measures a municipality of the case's district).
 */
export function assentShortfall(
  levels: readonly InterventionLevel[],
  assents: readonly Assent[],
  districtMunicipalities: readonly string[],
): AssentShortfall {
  const members = new Set(assents.map((a) => a.username)).size;
  const organisations = new Set(assents.map((a) => a.organisation)).size;
  const missing = [...new Set(levels)].filter(
    (level) =>
      COMPETENT_KIND[level] !== undefined &&
      !assents.some((a) => isCompetentFor(level, a.organisation, districtMunicipalities)),
  );
  return { members: Math.max(0, 2 - members), organisations: Math.max(0, 2 - organisations), levels: missing };
}

export const isApproved = (shortfall: AssentShortfall): boolean =>
  shortfall.members === 0 && shortfall.organisations === 0 && shortfall.levels.length === 0;

/** The conditions of an approval: every assenting member's conditions, in the order they voted. */
export const conditionsOf = (assents: readonly { conditions: string | null }[]): string | undefined =>
  assents.flatMap((a) => (a.conditions ? [a.conditions] : [])).join('\n') || undefined;

/** The evaluation date of an approval: the earliest any assenting member asked for. */
export const evaluateOnOf = (assents: readonly { evaluateOn: BusinessDate | null }[]): BusinessDate | undefined =>
  assents.flatMap((a) => (a.evaluateOn ? [a.evaluateOn] : [])).sort()[0];
