import type { CaseEventType } from './case';

/** Reads the data of an event of one schema version as the next version. */
export type CaseEventUpcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * How older versions of case events are read in today's shape, oldest first per type: the first function reads
 * version 1 as version 2, the next 2 as 3. An event type's current schema version is one more than its number of
 * upcasters; `case.events.ts` describes that current shape. Stored events are never rewritten.
 */
export const CASE_EVENT_UPCASTERS: { readonly [T in CaseEventType]?: readonly CaseEventUpcaster[] } = {
  /** Version 2 names the organisations taking part besides the lead; interventions planned before had none. */
  InterventionPlanned: [(data) => ({ ...data, participants: [] })],
};
