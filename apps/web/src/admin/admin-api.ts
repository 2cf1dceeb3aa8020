import type { Result, Schemas } from '../api/client';

/** The administrator's reference data as the API sends it (API.md v2 "Admin"). */

export interface Changed {
  changedBy: string | null;
  changedAt: string | null;
}

export type Target = Schemas['TargetResponse'];
export type TargetEvent = Target['event'];
export type TargetHistoryEntry = Schemas['TargetVersionResponse'];
export type CreateTarget = Schemas['CreateTargetRequest'];
export type ChangeTarget = Schemas['ChangeTargetRequest'];
export type AdminOrganisation = Schemas['AdminOrganisationResponse'];
export type AdminDistrict = Schemas['AdminDistrictResponse'];
export type AdminMunicipality = Schemas['AdminMunicipalityResponse'];
export type CatalogueType = Schemas['AdminInterventionTypeResponse'];
export type DeadlinePeriods = Schemas['DeadlinePeriodsResponse'];

export const DEADLINE_PERIOD_KEYS = [
  'triageWorkingDays',
  'triageHighWorkingDays',
  'triageAcuteWorkingDays',
  'forwardFeedbackWorkingDays',
  'proposalDecisionDays',
  'effectFollowUpDays',
] as const;

export type DeadlinePeriodKey = (typeof DEADLINE_PERIOD_KEYS)[number];

/** The `items` of a list's answer, as the list itself. */
export async function itemsOf<T>(request: Promise<Result<{ items: T[] }>>): Promise<Result<T[]>> {
  const result = await request;
  return result.ok ? { ...result, data: result.data.items } : result;
}
