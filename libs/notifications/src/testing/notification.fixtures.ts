import type { NotifiableEvent } from '../domain/notification-events';
import type { Notice, NotificationInput, NotificationRules } from '../domain/notification-rules';

export const CASE_ID = '3f2b6c1e-8a4d-4e7b-9c21-5d0a7e9b4f10';
export const REFERENCE = 'ZWB-2026-00012';
export const DISTRICT = 'de-baronie';
export const COORDINATOR = 'coordinator.de-baronie';
export const OTHER_COORDINATOR = 'coordinator2.de-baronie';
export const PROPOSAL_ID = 'proposal-1';
export const INTERVENTION_ID = 'intervention-1';
export const ACTION_POINT_ID = 'action-point-1';
export const RECORDED_AT = new Date('2026-12-05T08:00:00.000Z');

type Data<T extends NotifiableEvent['type']> = Partial<Extract<NotifiableEvent, { type: T }>['data']>;

const event =
  <T extends NotifiableEvent['type']>(type: T, defaults: Extract<NotifiableEvent, { type: T }>['data']) =>
  (data: Data<T> = {}) =>
    ({ type, data: { ...defaults, ...data } }) as unknown as Extract<NotifiableEvent, { type: T }>;

export const signalRegistered = event('SignalRegistered', { reference: REFERENCE, district: DISTRICT });
export const coordinatorAssigned = event('CoordinatorAssigned', { coordinator: COORDINATOR });
export const signalTriaged = event('SignalTriaged', { decision: 'refer_to_care_table' });
export const forwardFeedbackRecorded = event('ForwardFeedbackRecorded', {
  receivedOn: '2026-12-01',
  feedback: 'accepted',
});
export const proposalSubmitted = event('ProposalSubmitted', { proposalId: PROPOSAL_ID, submittedOn: '2026-11-02' });
export const interventionPlanned = event('InterventionPlanned', {
  interventionId: INTERVENTION_ID,
  type: 'labour_inspection',
  leadOrganisation: 'labour_inspectorate',
  participants: [],
  plannedOn: '2026-12-10',
});
export const actionPointAdded = event('ActionPointAdded', {
  actionPointId: ACTION_POINT_ID,
  owner: 'municipality:breda',
  ownerKind: 'organisation',
  ownerOrganisation: 'municipality:breda',
  dueOn: '2026-12-15',
});
export const actionPointCompleted = event('ActionPointCompleted', { actionPointId: ACTION_POINT_ID });
export const deadlineMissed = event('DeadlineMissed', { kind: 'triage', dueOn: '2026-12-04', ref: CASE_ID });

/** An event of the fixture case as the rules read it, recorded by `actor` (a coordinator unless said otherwise). */
export const input = (event: NotifiableEvent, actor: string | null = 'someone.else'): NotificationInput => ({
  eventId: `event-${event.type}`,
  caseId: CASE_ID,
  recordedAt: RECORDED_AT,
  actor,
  event,
});

/** Given / when / then on the notification rules: the given inputs are evolved into a state, the input decided on it. */
export const NotificationSpecification = {
  for: (rules: NotificationRules) => ({
    given: (given: readonly NotificationInput[]) => ({
      when: (when: NotificationInput) => {
        const state = given.reduce(rules.evolve, null as ReturnType<NotificationRules['evolve']>);
        return {
          /** Exactly these notices, in this order; `evolve` accepts the input. */
          then: (expected: readonly Notice[]) => {
            expect(rules.decide(when, state)).toStrictEqual(expected);
            expect(() => rules.evolve(state, when)).not.toThrow();
          },
        };
      },
    }),
  }),
};
