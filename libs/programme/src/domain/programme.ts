import type { ProgrammeActionFields, ProgrammeEvent, ProgressStatus } from './programme.events';

export interface ProgressUpdate {
  on: string;
  status: ProgressStatus;
  note: string;
  by: string;
}

export interface ProgrammeAction extends ProgrammeActionFields {
  actionId: string;
  /** Oldest first, in the order they were recorded. */
  updates: ProgressUpdate[];
  /** The due moment (`due`) the action was recorded overdue for, if any; a changed due moment can pass again. */
  overdueFor: string | null;
}

export interface Programme {
  actions: Map<string, ProgrammeAction>;
}

export const emptyProgramme = (): Programme => ({ actions: new Map() });

export function evolve(state: Programme, event: ProgrammeEvent): Programme {
  const actions = new Map(state.actions);
  switch (event.type) {
    case 'ProgrammeActionAdded': {
      const { actionId, goal, title, owner, due, source } = event.data;
      actions.set(actionId, { actionId, goal, title, owner, due, source, updates: [], overdueFor: null });
      return { actions };
    }
    case 'ProgrammeActionChanged': {
      const { actionId, goal, title, owner, due, source } = event.data;
      const action = actions.get(actionId);
      if (action) actions.set(actionId, { ...action, goal, title, owner, due, source });
      return { actions };
    }
    case 'ProgrammeProgressRecorded': {
      const { actionId, on, status, note, by } = event.data;
      const action = actions.get(actionId);
      if (action) actions.set(actionId, { ...action, updates: [...action.updates, { on, status, note, by }] });
      return { actions };
    }
    case 'ProgrammeActionOverdue': {
      const action = actions.get(event.data.actionId);
      if (action) actions.set(action.actionId, { ...action, overdueFor: event.data.due });
      return { actions };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const foldProgramme = (events: readonly ProgrammeEvent[]): Programme => events.reduce(evolve, emptyProgramme());

/**
 * The update that holds on business date `asOf`: the one with the latest `on` not after it; of updates on the same
 * date the one recorded last. `null` before the first.
 */
export function updateAsOf(action: ProgrammeAction, asOf: string): ProgressUpdate | null {
  let current: ProgressUpdate | null = null;
  for (const update of action.updates) if (update.on <= asOf && (!current || update.on >= current.on)) current = update;
  return current;
}

export const statusAsOf = (action: ProgrammeAction, asOf: string): ProgressStatus =>
  updateAsOf(action, asOf)?.status ?? 'not_started';

/** A due moment that is no deadline: a start (`vanaf Q2|2022`), or work that goes on (`doorlopend`, `jaarlijks`). */
const NO_DEADLINE = /vanaf|doorlopend|jaarlijks/i;

/** `2022-Q2` for a due moment that names a quarter (the last one it names), otherwise `null`. */
export function dueQuarter(due: string | null): string | null {
  const quarters = [...(due ?? '').matchAll(/Q([1-4])(?:\s+en\s+Q[1-4])?\|(\d{4})/g)];
  const last = quarters.at(-1);
  if (!last) return null;
  const andQuarter = /en\s+Q([1-4])\|/.exec(last[0]);
  return `${last[2]}-Q${andQuarter ? andQuarter[1] : last[1]}`;
}

/**
 * The last day of a due moment: of its quarter (`Q1|2022` → 2022-03-31), else of the last year it names (`2022/2023`
 * → 2023-12-31); `null` when it is no deadline (none given, `vanaf …`, `doorlopend`, `jaarlijks`).
 */
export function dueBy(due: string | null): string | null {
  if (due === null || NO_DEADLINE.test(due)) return null;
  const quarter = dueQuarter(due);
  if (quarter) {
    const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
    const end = new Date(Date.UTC(year, q * 3, 0));
    return end.toISOString().slice(0, 10);
  }
  const years = [...due.matchAll(/\b(20\d\d)\b/g)].map((m) => m[1]);
  return years.length ? `${years.at(-1)}-12-31` : null;
}

/** The actions whose due moment has passed on `today` without being done, and not yet recorded overdue for it. */
export function newlyOverdue(programme: Programme, today: string): { action: ProgrammeAction; dueBy: string }[] {
  const overdue: { action: ProgrammeAction; dueBy: string }[] = [];
  for (const action of programme.actions.values()) {
    const last = dueBy(action.due);
    if (last === null || today <= last || action.overdueFor === action.due) continue;
    if (statusAsOf(action, today) === 'done') continue;
    overdue.push({ action, dueBy: last });
  }
  return overdue;
}

export type StatusCounts = Record<ProgressStatus, number>;

export interface MonitorGoal {
  goal: number;
  title: string;
  counts: StatusCounts;
}

export interface MonitorAction {
  actionId: string;
  goal: number;
  title: string;
  owner: string | null;
  due: string | null;
  dueQuarter: string | null;
  status: ProgressStatus;
  lastUpdate: ProgressUpdate | null;
}

export interface Monitor {
  asOf: string;
  goals: MonitorGoal[];
  actions: MonitorAction[];
}

const byActionId = (a: string, b: string) => a.localeCompare(b, 'nl', { numeric: true });

/** The monitor on business date `asOf`: every action with the status that held then, and the counts per goal. */
export function monitorAsOf(
  programme: Programme,
  goals: readonly { goal: number; title: string }[],
  asOf: string,
): Monitor {
  const actions = [...programme.actions.values()]
    .sort((a, b) => a.goal - b.goal || byActionId(a.actionId, b.actionId))
    .map((action): MonitorAction => {
      const lastUpdate = updateAsOf(action, asOf);
      return {
        actionId: action.actionId,
        goal: action.goal,
        title: action.title,
        owner: action.owner,
        due: action.due,
        dueQuarter: dueQuarter(action.due),
        status: lastUpdate?.status ?? 'not_started',
        lastUpdate,
      };
    });
  return {
    asOf,
    goals: goals.map(({ goal, title }) => {
      const counts: StatusCounts = { green: 0, orange: 0, red: 0, done: 0, not_started: 0 };
      for (const action of actions) if (action.goal === goal) counts[action.status]++;
      return { goal, title, counts };
    }),
    actions,
  };
}
