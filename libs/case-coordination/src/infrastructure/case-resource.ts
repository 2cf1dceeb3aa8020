import { involvedPartnersOf, type CaseResource } from '@baken/access';
import type { OpenCase } from '../domain';

/** The facts about a case the access policy decides on. */
export function resourceOf(state: OpenCase, interventionId?: string): CaseResource {
  return {
    district: state.district,
    municipality: state.municipality,
    registeredBy: state.registeredBy,
    careTableParticipants: state.careTableMeetings.flatMap((m) => m.participants),
    interventions: state.interventions.map(({ interventionId, leadOrganisation, participants }) => ({
      interventionId,
      leadOrganisation,
      participants,
    })),
    forSteeringGroup: state.proposals.some((p) => p.submittedOn !== null),
    interventionId,
  };
}

/** Partner organisations involved in a case, by the access policy's rule. */
export const involvedPartners = (state: OpenCase): string[] => involvedPartnersOf(resourceOf(state));
