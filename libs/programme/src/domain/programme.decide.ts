import { GOALS, type ProgrammeActionFields, type ProgrammeEvent, type ProgressStatus } from './programme.events';
import { newlyOverdue, type Programme } from './programme';

export type ProgrammeCommand =
  | { type: 'AddProgrammeAction'; actionId: string; fields: ProgrammeActionFields; by: string }
  | { type: 'ChangeProgrammeAction'; actionId: string; fields: ProgrammeActionFields; by: string }
  | {
      type: 'RecordProgrammeProgress';
      actionId: string;
      on: string;
      status: ProgressStatus;
      note: string;
      by: string;
      /** The business date the command is given on: progress is never recorded ahead of it. */
      today: string;
    }
  /** The system's daily look at the due moments: every action past its due moment without "done" is marked once. */
  | { type: 'MarkOverdueProgrammeActions'; today: string };

export class ProgrammeRuleBroken extends Error {
  constructor(
    readonly rule: 'ActionAlreadyExists' | 'ActionNotFound' | 'ProgressDatedInTheFuture' | 'UnknownGoal',
    message: string,
  ) {
    super(message);
  }
}

function requireGoal(goal: number): void {
  if (!(GOALS as readonly number[]).includes(goal))
    throw new ProgrammeRuleBroken('UnknownGoal', `The programme has goals 1 to 6, not ${goal}.`);
}

export function decide(command: ProgrammeCommand, state: Programme): ProgrammeEvent[] {
  switch (command.type) {
    case 'AddProgrammeAction':
      if (state.actions.has(command.actionId))
        throw new ProgrammeRuleBroken('ActionAlreadyExists', `Action ${command.actionId} exists already.`);
      requireGoal(command.fields.goal);
      return [
        { type: 'ProgrammeActionAdded', data: { actionId: command.actionId, ...command.fields, by: command.by } },
      ];
    case 'ChangeProgrammeAction':
      if (!state.actions.has(command.actionId))
        throw new ProgrammeRuleBroken('ActionNotFound', `Action ${command.actionId} does not exist.`);
      requireGoal(command.fields.goal);
      return [
        { type: 'ProgrammeActionChanged', data: { actionId: command.actionId, ...command.fields, by: command.by } },
      ];
    case 'RecordProgrammeProgress': {
      if (!state.actions.has(command.actionId))
        throw new ProgrammeRuleBroken('ActionNotFound', `Action ${command.actionId} does not exist.`);
      if (command.on > command.today)
        throw new ProgrammeRuleBroken('ProgressDatedInTheFuture', `Progress cannot be dated after ${command.today}.`);
      const { actionId, on, status, note, by } = command;
      return [{ type: 'ProgrammeProgressRecorded', data: { actionId, on, status, note, by } }];
    }
    case 'MarkOverdueProgrammeActions':
      return newlyOverdue(state, command.today).map(({ action, dueBy }) => ({
        type: 'ProgrammeActionOverdue',
        data: { actionId: action.actionId, due: action.due!, dueBy, markedOn: command.today, by: 'system' },
      }));
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}
