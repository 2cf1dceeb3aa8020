import { daysBetween } from '@baken/platform';

/** A calendar quarter with its first and last business date (`YYYY-MM-DD`). */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  start: string;
  end: string;
  /** First day of the next quarter. */
  nextStart: string;
  days: number;
}

export const TARGET_STATUSES = ['not_started', 'green', 'orange', 'red'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function quarterOf(date: string): Quarter {
  return quarter(Number(date.slice(0, 4)), (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter']);
}

export function quarter(year: number, q: Quarter['quarter']): Quarter {
  const startMs = Date.UTC(year, (q - 1) * 3, 1);
  const nextMs = Date.UTC(year, q * 3, 1);
  return {
    year,
    quarter: q,
    start: iso(startMs),
    end: iso(nextMs - DAY_MS),
    nextStart: iso(nextMs),
    days: Math.round((nextMs - startMs) / DAY_MS),
  };
}

/**
 * The last business date counted for a quarter evaluated on `asOf`: the figures as they stood on that date.
 * `null` when the quarter has not started yet.
 */
export function countedUntil(q: Quarter, asOf: string): string | null {
  if (asOf < q.start) return null;
  return asOf < q.end ? asOf : q.end;
}

/**
 * The status of a quarterly target on `asOf` (DOMAIN.md): `not_started` before the quarter; once it is over `green`
 * when the target is met, else `red`; while it runs `green` when met, `orange` when the actual keeps pace with
 * floor(target × elapsed) — elapsed being the days from the quarter's first day to `asOf` over the days in the
 * quarter — and `red` otherwise.
 */
export function targetStatus(actual: number, target: number, q: Quarter, asOf: string): TargetStatus {
  if (asOf < q.start) return 'not_started';
  if (actual >= target) return 'green';
  if (asOf >= q.nextStart) return 'red';
  const pace = Math.floor((target * daysBetween(q.start, asOf)) / q.days);
  return actual >= pace ? 'orange' : 'red';
}
