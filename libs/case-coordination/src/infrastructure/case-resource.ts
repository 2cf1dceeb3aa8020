import type { CaseResource } from '@baken/access';
import type { OpenCase } from '../domain';

/**
 * Organisations involved in the case by their own work: leading or taking part in an intervention, owning an action
 * point, or the one the case was forwarded to at triage (a regional organisation's id is its kind). Sorted, without repeats.
 */
export function involvedOrganisations(state: OpenCase): string[] {
  return [
    ...new Set([
      ...state.interventions.flatMap((i) => [i.leadOrganisation, ...i.participants]),
      ...state.actionPoints.flatMap((a) => (a.ownerOrganisation ? [a.ownerOrganisation] : [])),
      ...(state.triage?.forwardedTo ? [state.triage.forwardedTo] : []),
    ]),
  ].sort();
}

/** The facts about a case the access policy decides on. */
export function resourceOf(state: OpenCase, interventionId?: string, actionPointId?: string): CaseResource {
  return {
    district: state.district,
    municipality: state.municipality,
    registeredBy: state.registeredBy,
    involvedOrganisations: involvedOrganisations(state),
    interventions: state.interventions.map(({ interventionId, leadOrganisation, participants }) => ({
      interventionId,
      leadOrganisation,
      participants,
    })),
    actionPoints: state.actionPoints.map(({ actionPointId, ownerOrganisation, ownerKind, owner }) => ({
      actionPointId,
      ownerOrganisation,
      ownerUsername: ownerKind === 'user' ? owner : null,
    })),
    forwardedTo: state.forwarding?.forwardedTo ?? null,
    forSteeringGroup: state.proposals.some((p) => p.submittedOn !== null),
    interventionId,
    actionPointId,
  };
}
