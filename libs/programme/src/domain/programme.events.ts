export const PROGRESS_STATUSES = ['green', 'orange', 'red', 'done', 'not_started'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const GOALS = [1, 2, 3, 4, 5, 6] as const;

export interface ProgrammeActionFields {
  goal: number;
  title: string;
  /** The kartrekker, as the programme names it; `null` when it names none. */
  owner: string | null;
  /** The due moment in the programme's words (`Q2|2022`, `2022`, `doorlopend`); `null` when it gives none. */
  due: string | null;
  /** Where the action comes from (a passage of the programme), if anywhere. */
  source: string | null;
}

export type ProgrammeEvent =
  | { type: 'ProgrammeActionAdded'; data: { actionId: string; by: string } & ProgrammeActionFields }
  | { type: 'ProgrammeActionChanged'; data: { actionId: string; by: string } & ProgrammeActionFields }
  | {
      type: 'ProgrammeProgressRecorded';
      data: { actionId: string; on: string; status: ProgressStatus; note: string; by: string };
    }
  | {
      /**
       * The action's due moment (`due`, ending on `dueBy`) passed on `markedOn` without it being done: recorded once
       * per due moment, by the system, so that the programme lead is told.
       */
      type: 'ProgrammeActionOverdue';
      data: { actionId: string; due: string; dueBy: string; markedOn: string; by: string };
    };

export const PROGRAMME_EVENT_TYPES = [
  'ProgrammeActionAdded',
  'ProgrammeActionChanged',
  'ProgrammeProgressRecorded',
  'ProgrammeActionOverdue',
] as const satisfies readonly ProgrammeEvent['type'][];

/** The one stream of the programme (ADR 60). */
export const PROGRAMME_STREAM = 'programme-zwb';
