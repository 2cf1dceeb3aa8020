import type { CaseEventType } from './case';
import { INTERVENTION_LEVEL_BY_TYPE, type InterventionType } from './enumerations';
import { COMPETENT_KIND } from './organisations';

/** Reads the data of an event of one schema version as the next version. */
export type CaseEventUpcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * How older versions of case events are read in today's shape, oldest first per type: the first function reads
 * version 1 as version 2, the next 2 as 3. An event type's current schema version is one more than its number of
 * upcasters; `case.ts` describes that current shape. Stored events are never rewritten.
 */
export const CASE_EVENT_UPCASTERS: { readonly [T in CaseEventType]?: readonly CaseEventUpcaster[] } = {
  InterventionPlanned: [
    /** Version 2 names the organisations taking part besides the lead; interventions planned before had none. */
    (data) => ({ ...data, participants: [] }),
    /** Version 3 names the lead organisation; before, a partner kind, which is read as the organisation it names. */
    ({ leadPartner, ...data }) => ({ ...data, leadOrganisation: leadPartner }),
  ],
  ProposalDrafted: [
    /**
     * Version 2 proposes measures with their lead organisations; before, only intervention types. Each is read as led
     * by the competent kind of its level (`municipality` for administrative ones), or the care coordination.
     */
    ({ proposedInterventions, ...data }) => ({
      ...data,
      measures: (proposedInterventions as InterventionType[]).map((type) => ({
        type,
        leadOrganisation: COMPETENT_KIND[INTERVENTION_LEVEL_BY_TYPE[type]] ?? 'care_coordinator',
      })),
    }),
  ],
};
