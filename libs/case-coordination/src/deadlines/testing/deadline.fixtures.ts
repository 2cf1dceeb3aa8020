import { fold, type CaseEvent, type OpenCase } from '../../domain';
import { CASE_ID } from '../../domain/testing/case.fixtures';
import type { DeadlineInput, DeadlineOutput, DeadlineWorkflow, DeadlineWorkflowState } from '../deadlines.workflow';

/** The case state after `events`; throws when they do not make a case. */
export function caseAfter(events: readonly CaseEvent[]): OpenCase {
  const state = fold(events);
  if (state === null) throw new Error('no case');
  return state;
}

export const RECORDED_AT = new Date('2024-05-31T08:00:00.000Z');

/** An event of the fixture case as the workflow reads it; `eventId` names it in the expectations. */
export const input = (eventId: string, event: CaseEvent, recordedAt = RECORDED_AT): DeadlineInput => ({
  eventId,
  caseId: CASE_ID,
  recordedAt,
  event,
});

export interface WorkflowWhen {
  /** `decide` returns exactly these outputs, and `evolve` accepts the input. */
  then(expected: readonly DeadlineOutput[]): void;
  /** The deadlines still open afterwards, by id. */
  thenOpen(expected: readonly string[]): void;
}

/** Given / when / then on the deadline workflow: the given inputs are evolved into a state, the input decided on it. */
export const WorkflowSpecification = {
  for: (workflow: DeadlineWorkflow) => ({
    given: (given: readonly DeadlineInput[]) => ({
      when: (when: DeadlineInput): WorkflowWhen => {
        const state = given.reduce<DeadlineWorkflowState>(workflow.evolve, workflow.initialState());
        return {
          then: (expected) => {
            expect(workflow.decide(when, state)).toStrictEqual(expected);
            expect(() => workflow.evolve(state, when)).not.toThrow();
          },
          thenOpen: (expected) => {
            expect(workflow.evolve(state, when)?.open.map((d) => d.deadlineId) ?? []).toStrictEqual(expected);
          },
        };
      },
    }),
  }),
};
