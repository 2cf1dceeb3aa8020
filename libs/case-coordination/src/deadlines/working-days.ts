import Holidays from 'date-holidays';
import type { BusinessDate } from '../domain';

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
      days = new Set(this.holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      this.byYear.set(year, days);
    }
    return days.has(date);
  }
}

const toUtc = (date: BusinessDate): Date => new Date(`${date}T00:00:00.000Z`);
const fromUtc = (date: Date): BusinessDate => date.toISOString().slice(0, 10);

export function addDays(date: BusinessDate, days: number): BusinessDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

export function isWorkingDay(date: BusinessDate, holidays: HolidayCalendar): boolean {
  const weekday = toUtc(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.isHoliday(date);
}

/** The `count`-th working day after `date` (`date` itself never counts, whatever day it is). */
export function addWorkingDays(date: BusinessDate, count: number, holidays: HolidayCalendar): BusinessDate {
  let current = date;
  for (let left = count; left > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) left--;
  }
  return current;
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

/** Minutes Europe/Amsterdam is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * The instant a business date begins in Europe/Amsterdam. Daylight saving switches at 01:00 UTC, never at local
 * midnight, so the offset at UTC midnight of that date is the offset at local midnight.
 */
export function startOfBusinessDate(date: BusinessDate): Date {
  const utcMidnight = toUtc(date);
  return new Date(utcMidnight.getTime() - amsterdamOffsetMinutes(utcMidnight) * 60_000);
}
