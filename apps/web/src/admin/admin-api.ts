import { api, settle, type Result } from '../api/client';

/**
 * The administrator's reference-data endpoints (API.md v2 "Admin"). Those not yet in the generated schema are called
 * through the same client (its authentication, CSRF token and sign-out on 401) without the schema's types; the
 * shapes below are the contract's.
 */

export interface Changed {
  changedBy: string | null;
  changedAt: string | null;
}

export type TargetEvent =
  | 'signal_received'
  | 'triage_decided'
  | 'care_table_meeting_held'
  | 'proposal_submitted'
  | 'proposal_decided'
  | 'proposal_deferred'
  | 'intervention_planned'
  | 'intervention_executed'
  | 'intervention_cancelled'
  | 'intervention_effect_recorded'
  | 'case_closed'
  | 'case_reopened'
  | 'case_of_known_victim';

export interface TargetFields {
  title: string;
  event: TargetEvent;
  period: 'quarter' | 'year';
  forms: string[] | null;
  vulnerabilities: string[] | null;
  interventionTypes: string[] | null;
  interventionLevels: string[] | null;
  organisations: string[] | null;
  minimum: number;
  validFrom: string | null;
  validUntil: string | null;
}

export interface Target extends TargetFields, Partial<Changed> {
  id: string;
  createdBy: string;
  createdAt: string;
  version?: number;
  retired?: boolean;
  retiredOn?: string | null;
}

export interface TargetHistoryEntry {
  version: number;
  kind: 'defined' | 'changed' | 'retired';
  at: string;
  by: string;
  reason: string | null;
  target: Target;
}

export interface AdminOrganisation extends Partial<Changed> {
  id: string;
  kind: string;
  name: string;
  identityClaim: string | null;
  active: boolean;
}

export interface AdminDistrict {
  id: string;
  name: string;
}

export interface AdminMunicipality extends Partial<Changed> {
  id: string;
  name: string;
  district: string;
  validFrom: string | null;
  validUntil: string | null;
}

export interface CatalogueType extends Partial<Changed> {
  type: string;
  level: string;
  label: string;
  retired: boolean;
}

export const DEADLINE_PERIOD_KEYS = [
  'triageWorkingDays',
  'triageHighWorkingDays',
  'triageAcuteWorkingDays',
  'forwardFeedbackWorkingDays',
  'proposalDecisionDays',
  'effectFollowUpDays',
] as const;

export type DeadlinePeriodKey = (typeof DEADLINE_PERIOD_KEYS)[number];

export type DeadlinePeriods = Record<DeadlinePeriodKey, number> & Partial<Changed>;

type Method = 'GET' | 'POST' | 'PUT';

interface UntypedClient {
  GET(path: string, init?: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  POST(path: string, init?: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  PUT(path: string, init?: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

const untyped = api as unknown as UntypedClient;

/** A request to an admin endpoint; `path` may hold `{id}`-style parameters, filled from `params`. */
export function adminRequest<T>(
  method: Method,
  path: string,
  options: { params?: Record<string, string>; body?: unknown } = {},
): Promise<Result<T>> {
  const init = {
    params: { path: options.params ?? {} },
    ...(options.body === undefined ? {} : { body: options.body }),
  };
  return settle(untyped[method](path, init)) as Promise<Result<T>>;
}

/** `{ items }` of a list endpoint, as the list itself. */
export async function adminList<T>(path: string): Promise<Result<T[]>> {
  const result = await adminRequest<{ items: T[] }>('GET', path);
  return result.ok ? { ...result, data: result.data.items } : result;
}
