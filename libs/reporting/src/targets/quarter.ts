import { daysBetween } from '@baken/platform';

/** A period of whole days with its first and last business date (`YYYY-MM-DD`). */
export interface ReportPeriod {
  start: string;
  end: string;
  /** First day of the next period. */
  nextStart: string;
  days: number;
}

/** A calendar quarter. */
export interface Quarter extends ReportPeriod {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** A calendar year. */
export interface Year extends ReportPeriod {
  year: number;
}

export const TARGET_PERIODS = ['quarter', 'year'] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];

/** `not_applicable`: the period lies outside the target's validity (never red). */
export const TARGET_STATUSES = ['not_started', 'green', 'orange', 'red', 'not_applicable'] as const;
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

export function calendarYear(year: number): Year {
  const startMs = Date.UTC(year, 0, 1);
  const nextMs = Date.UTC(year + 1, 0, 1);
  return {
    year,
    start: iso(startMs),
    end: iso(nextMs - DAY_MS),
    nextStart: iso(nextMs),
    days: Math.round((nextMs - startMs) / DAY_MS),
  };
}

/** The quarters of a year that overlap `[from, until]` (either end open when null). */
export function quartersWithin(year: number, from: string | null, until: string | null): Quarter[] {
  return ([1, 2, 3, 4] as const)
    .map((q) => quarter(year, q))
    .filter((q) => (from === null || q.end >= from) && (until === null || q.start <= until));
}

/**
 * The last business date counted for a quarter evaluated on `asOf`: the figures as they stood on that date.
 * `null` when the quarter has not started yet.
 */
export function countedUntil(q: ReportPeriod, asOf: string): string | null {
  if (asOf < q.start) return null;
  return asOf < q.end ? asOf : q.end;
}

/**
 * The status of a target for a period (a quarter or a year) on `asOf` (DOMAIN.md): `not_started` before the period;
 * once it is over `green` when the target is met, else `red`; while it runs `green` when met, `orange` when the actual
 * keeps pace with floor(target × elapsed) — elapsed being the days from the period's first day to `asOf` over the days
 * in the period — and `red` otherwise.
 */
export function targetStatus(actual: number, target: number, q: ReportPeriod, asOf: string): TargetStatus {
  if (asOf < q.start) return 'not_started';
  if (actual >= target) return 'green';
  if (asOf >= q.nextStart) return 'red';
  const pace = Math.floor((target * daysBetween(q.start, asOf)) / q.days);
  return actual >= pace ? 'orange' : 'red';
}
