import { isIsoDate } from '../dates';

/** What a task asks, when the task itself says no more than its kind (an action point carries its own description). */
const WHAT_TO_DO: Readonly<Record<string, string>> = {
  triage: 'Beoordeel het signaal en leg de triage vast.',
  proposal_decision: 'Stem over het voorstel aan de stuurploeg.',
  effect_follow_up: 'Leg het effect van de uitgevoerde interventie vast.',
  proposal_revisit: 'Bespreek het aangehouden voorstel opnieuw.',
  proposal_evaluation: 'Evalueer het besluit van de stuurploeg.',
  forward_feedback: 'Laat weten of de doorgezette casus wordt opgepakt.',
};

/** The description of a task in the work queue: an action point's own words, else what its kind asks. */
export function taskDescription(task: { kind: string; description?: string | null }): string {
  if (task.kind === 'action_point') return task.description?.trim() || 'Actiepunt van de Zorgtafel.';
  return WHAT_TO_DO[task.kind] ?? '';
}

/** A task's row key: an action point by its id, any other deadline by case and kind. */
export const taskKey = (task: { caseId: string; kind: string; dueOn: string; actionPointId?: string | null }) =>
  task.actionPointId ? `action-point-${task.actionPointId}` : `${task.caseId}-${task.kind}-${task.dueOn}`;

/** The caption of the work queue: how many tasks, and how many of them late. */
export function queueCaption(tasks: readonly { overdue: boolean }[]): string {
  const count = tasks.length === 1 ? '1 taak' : `${tasks.length} taken`;
  const late = tasks.filter((t) => t.overdue).length;
  return late ? `${count}, waarvan ${late} te laat` : count;
}

/** What is wrong with a completion, by field: a date that is missing, invalid or in the future. */
export function checkCompletion(values: { completedOn: string; note: string }, today: string, noteMax: number) {
  const problems: Record<string, string> = {};
  if (!values.completedOn.trim()) problems.completedOn = 'Vul de datum in waarop het actiepunt is afgerond.';
  else if (!isIsoDate(values.completedOn)) problems.completedOn = 'Vul een geldige datum in.';
  else if (values.completedOn > today) problems.completedOn = 'De datum mag niet in de toekomst liggen.';
  if ([...values.note].length > noteMax) problems.note = `Gebruik hoogstens ${noteMax} tekens.`;
  return problems;
}

/** The body of `POST /api/cases/{caseId}/action-points/{actionPointId}/completion`; an empty note is left out. */
export function completionBody(values: { completedOn: string; note: string }) {
  const note = values.note.trim();
  return { completedOn: values.completedOn, ...(note ? { note } : {}) };
}
