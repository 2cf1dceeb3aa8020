import type { Decider } from '../case.decider';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface WhenStep<Event> {
  /** `decide` returns exactly these events (`[]`: nothing happens), and `evolve` accepts them. */
  then: (expected: readonly Event[]) => void;
  /**
   * `decide` throws an error of this class, or with this `code`; `check` may look further.
   * Returns the error.
   */
  thenThrows: (expected: ErrorClass | string, check?: (error: Error) => void) => Error;
}

export interface GivenStep<Command, Event> {
  when: (command: Command) => WhenStep<Event>;
}

export interface Specification<Command, Event> {
  /** The history of the stream before the command; `[]` for a stream that does not exist yet. */
  given: (events: readonly Event[]) => GivenStep<Command, Event>;
}

/**
 * Given / when / then on a decider: the given events are folded into a state, the command is decided
 * on it and the outcome compared. Nothing but the decider runs.
 */
export const DeciderSpecification = {
  for: <State, Command, Event>(decider: Decider<State, Command, Event>): Specification<Command, Event> => ({
    given: (given) => ({
      when: (command: Command): WhenStep<Event> => {
        const stateOf = (events: readonly Event[]) => events.reduce(decider.evolve, decider.initialState());
        const handle = () => decider.decide(command, stateOf(given));

        return {
          then: (expected) => {
            const actual = handle();
            expect(actual).toStrictEqual(expected);
            expect(() => stateOf([...given, ...actual])).not.toThrow();
          },
          thenThrows: (expected, check) => {
            let thrown: unknown;
            let produced: Event[] | undefined;
            try {
              produced = handle();
            } catch (error) {
              thrown = error;
            }
            if (!(thrown instanceof Error)) {
              throw new Error(`Expected decide to throw, but it returned ${JSON.stringify(produced)}`);
            }
            if (typeof expected === 'string') {
              expect((thrown as Error & { code?: unknown }).code).toBe(expected);
            } else {
              expect(thrown).toBeInstanceOf(expected);
            }
            check?.(thrown);
            return thrown;
          },
        };
      },
    }),
  }),
};
