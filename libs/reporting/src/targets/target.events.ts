import type { FactKind } from '../facts/report-facts';
import type { TargetPeriod } from './quarter';

/** What a target counts and how much of it: the whole definition, given on every definition and change. */
export interface TargetFields {
  title: string;
  event: FactKind;
  period: TargetPeriod;
  forms: string[] | null;
  vulnerabilities: string[] | null;
  interventionTypes: string[] | null;
  interventionLevels: string[] | null;
  organisations: string[] | null;
  minimum: number;
  validFrom: string | null;
  validUntil: string | null;
}

export type TargetEvent =
  | { type: 'TargetDefined'; data: { targetId: string; by: string } & TargetFields }
  | { type: 'TargetChanged'; data: { targetId: string; by: string; reason: string | null } & TargetFields }
  | { type: 'TargetRetired'; data: { targetId: string; by: string; reason: string; lastDay: string } };

/** One stream per target (ADR 61). */
export const targetStream = (targetId: string) => `target-${targetId}`;
export const TARGET_STREAM_TYPE = 'target';
