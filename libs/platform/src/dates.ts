import Holidays from 'date-holidays';

/**
 * Business dates: calendar dates `YYYY-MM-DD` in Europe/Amsterdam, the dates users record work on and reports count
 * by. String order is date order. Every date calculation of the product is here.
 */
export type BusinessDate = string;

const DAY_MS = 86_400_000;
const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const amsterdamOffset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

const utcMs = (date: BusinessDate): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtcMs = (ms: number): BusinessDate => new Date(ms).toISOString().slice(0, 10);

/** The business date of an instant. */
export function businessDateOf(instant: Date): BusinessDate {
  return amsterdamDate.format(instant);
}

/** The date `days` calendar days after `date` (before it, for a negative number). */
export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromUtcMs(utcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** Minutes Europe/Amsterdam is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(instant: number): number {
  const name = amsterdamOffset.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * The instant a business date begins in Europe/Amsterdam. Daylight saving switches at 01:00 UTC, never at local
 * midnight, so the offset at UTC midnight of that date is the offset at local midnight.
 */
export function startOfBusinessDate(date: BusinessDate): Date {
  const utcMidnight = utcMs(date);
  return new Date(utcMidnight - amsterdamOffsetMinutes(utcMidnight) * 60_000);
}

/** Days that are not working days besides Saturday and Sunday. */
export interface HolidayCalendar {
  isHoliday(date: BusinessDate): boolean;
}

/** Dutch public holidays (type `public` in date-holidays: New Year, Easter, King's Day, Ascension, Whitsun, Christmas). */
export class DutchPublicHolidays implements HolidayCalendar {
  private readonly holidays = new Holidays('NL');
  private readonly byYear = new Map<number, ReadonlySet<string>>();

  isHoliday(date: BusinessDate): boolean {
    const year = Number(date.slice(0, 4));
    let days = this.byYear.get(year);
    if (!days) {
      days = new Set(
        this.holidays
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      this.byYear.set(year, days);
    }
    return days.has(date);
  }
}

export function isWorkingDay(date: BusinessDate, holidays: HolidayCalendar): boolean {
  const weekday = new Date(utcMs(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.isHoliday(date);
}

/** The `count`-th working day after `date` (`date` itself never counts, whatever day it is). */
export function addWorkingDays(date: BusinessDate, count: number, holidays: HolidayCalendar): BusinessDate {
  let current = date;
  for (let left = count; left > 0;) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) left--;
  }
  return current;
}
