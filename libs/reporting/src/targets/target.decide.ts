import { addDays } from '@baken/platform';
import type { TargetEvent, TargetFields } from './target.events';

/** A target as its events left it; `version` counts its definition, changes and retirement. */
export interface Target extends TargetFields {
  targetId: string;
  version: number;
  /** The last day the target applies, once retired; `null` while it is in force. */
  retiredOn: string | null;
}

/** `null`: no target of that id. */
export type TargetState = Target | null;

export type TargetCommand =
  | { type: 'DefineTarget'; targetId: string; fields: TargetFields; by: string }
  | { type: 'ChangeTarget'; targetId: string; fields: TargetFields; reason: string | null; by: string }
  | {
      type: 'RetireTarget';
      targetId: string;
      /** Default: the day before `today`. */
      lastDay: string | null;
      reason: string;
      by: string;
      /** The business date the command is given on. */
      today: string;
    };

export class TargetRuleBroken extends Error {
  constructor(
    readonly rule: 'TargetExists' | 'TargetNotFound' | 'TargetIsRetired',
    message: string,
  ) {
    super(message);
  }
}

function inForce(command: { targetId: string }, state: TargetState): Target {
  if (!state) throw new TargetRuleBroken('TargetNotFound', `Target ${command.targetId} does not exist.`);
  if (state.retiredOn !== null)
    throw new TargetRuleBroken('TargetIsRetired', `Target ${command.targetId} was retired on ${state.retiredOn}.`);
  return state;
}

export function decide(command: TargetCommand, state: TargetState): TargetEvent[] {
  switch (command.type) {
    case 'DefineTarget':
      if (state) throw new TargetRuleBroken('TargetExists', `Target ${command.targetId} exists already.`);
      return [{ type: 'TargetDefined', data: { targetId: command.targetId, by: command.by, ...command.fields } }];
    case 'ChangeTarget':
      inForce(command, state);
      return [
        {
          type: 'TargetChanged',
          data: { targetId: command.targetId, by: command.by, reason: command.reason, ...command.fields },
        },
      ];
    case 'RetireTarget': {
      inForce(command, state);
      const { targetId, by, reason } = command;
      return [
        {
          type: 'TargetRetired',
          data: { targetId, by, reason, lastDay: command.lastDay ?? addDays(command.today, -1) },
        },
      ];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

const fieldsOf = ({
  title,
  event,
  period,
  forms,
  vulnerabilities,
  interventionTypes,
  interventionLevels,
  organisations,
  minimum,
  validFrom,
  validUntil,
}: TargetFields): TargetFields => ({
  title,
  event,
  period,
  forms,
  vulnerabilities,
  interventionTypes,
  interventionLevels,
  organisations,
  minimum,
  validFrom,
  validUntil,
});

export function evolve(state: TargetState, event: TargetEvent): TargetState {
  switch (event.type) {
    case 'TargetDefined':
      return { targetId: event.data.targetId, ...fieldsOf(event.data), version: 1, retiredOn: null };
    case 'TargetChanged':
      return state && { ...state, ...fieldsOf(event.data), version: state.version + 1 };
    case 'TargetRetired':
      return state && { ...state, retiredOn: event.data.lastDay, version: state.version + 1 };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
