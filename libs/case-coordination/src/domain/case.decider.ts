import type { CaseCommand } from './case.commands';
import { decide } from './case.decide';
import type { CaseEvent } from './case.events';
import { evolve } from './case.evolve';
import { type CaseState, initialCaseState } from './case.state';

/** The three pure functions that make up an event-sourced aggregate. */
export interface Decider<State, Command, Event> {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

export type CaseDecider = Decider<CaseState, CaseCommand, CaseEvent>;

export const initialState = (): CaseState => initialCaseState;

export const caseDecider: CaseDecider = { decide, evolve, initialState };

/** The state after `events`, applied in order to `state` (by default: no case yet). */
export const fold = (events: readonly CaseEvent[], state: CaseState = initialState()): CaseState =>
  events.reduce<CaseState>((current, event) => evolve(current, event), state);
