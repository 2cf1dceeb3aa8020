import { PROGRESS_STATUS as LABELS } from '@baken/labels';

/** The monitor's statuses in words (the one label catalogue), by the status the API sends. */
export const PROGRESS_STATUS: Readonly<Record<string, string>> = LABELS;

export const STATUS_ORDER = ['green', 'orange', 'red', 'done', 'not_started'] as const;

/** Statuses that can be recorded: `not_started` is only the status before the first update. */
export const RECORDABLE_STATUSES = ['green', 'orange', 'red', 'done'] as const;

export const PROGRAMME_WRITERS: readonly string[] = ['programme_lead', 'admin'];

export const NOTE_MAX = 2000;

/** What is wrong with a progress update before it is sent, as Dutch messages by field. */
export function checkProgress(values: { on: string; status: string; note: string }, today: string) {
  const problems: Record<string, string> = {};
  if (!values.on) problems.on = 'Vul de datum in.';
  else if (values.on > today) problems.on = 'De datum mag niet in de toekomst liggen.';
  if (!values.status) problems.status = 'Kies een status.';
  if (values.note.length > NOTE_MAX) problems.note = `De toelichting is langer dan ${NOTE_MAX} tekens.`;
  return problems;
}
