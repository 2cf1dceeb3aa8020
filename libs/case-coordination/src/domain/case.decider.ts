import { type CaseCommand, type CaseEvent, evolve, type CaseState, initialCaseState } from './case';
import { decide } from './case.decide';

/** The three pure functions that make up an event-sourced aggregate. */
export interface Decider<State, Command, Event> {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

export type CaseDecider = Decider<CaseState, CaseCommand, CaseEvent>;

export const initialState = (): CaseState => initialCaseState;

export const caseDecider: CaseDecider = { decide, evolve, initialState };

/** The stream type of cases, and the stream that holds the events of one case. */
export const CASE_STREAM_TYPE = 'case';
export const caseStreamId = (caseId: string): string => `${CASE_STREAM_TYPE}-${caseId}`;

const CASE_STREAM_PREFIX = `${CASE_STREAM_TYPE}-`;

/** The case id of a case's stream; `null` for any other stream. */
export const caseIdOfStream = (streamId: string): string | null =>
  streamId.startsWith(CASE_STREAM_PREFIX) ? streamId.slice(CASE_STREAM_PREFIX.length) : null;
