import { ValidationProblem } from '@baken/platform';

/** The period of a report: `to` defaults to today, `from` to 1 January of the year of `to`; `from` may not follow `to`. */
export function resolvePeriod(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new ValidationProblem([{ field: 'from', message: 'must not be after to' }]);
  return { from, to };
}
