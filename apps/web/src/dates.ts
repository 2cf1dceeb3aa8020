import { dateText } from '@baken/labels';

/** Business dates are calendar dates in Europe/Amsterdam, written `YYYY-MM-DD`; the UI shows them in Dutch. */

const ZONE = 'Europe/Amsterdam';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's business date in Amsterdam. */
export function todayInAmsterdam(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `2026-03-16` → `16 maart 2026`; anything else is returned as is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  return ISO_DATE.test(value) ? dateText(value) : value;
}

/** An instant as Amsterdam date and time: `16 maart 2026 om 10:00`. */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const day = new Intl.DateTimeFormat('nl-NL', {
    timeZone: ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  const time = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(date);
  return `${day} om ${time}`;
}

/** The offset of Amsterdam from UTC at an instant, as `+01:00` or `+02:00`. */
function amsterdamOffset(at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/** The last moment of a business date in Amsterdam as an ISO instant with its offset: `2026-03-16T23:59:59+01:00`. */
export function endOfDayInstant(businessDate: string): string {
  const m = ISO_DATE.exec(businessDate);
  if (!m) throw new Error(`not a date: ${businessDate}`);
  const noon = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return `${businessDate}T23:59:59${amsterdamOffset(noon)}`;
}

/** Year and quarter (1–4) of a business date. */
export function quarterOf(businessDate: string): { year: number; quarter: number } {
  const m = ISO_DATE.exec(businessDate);
  if (!m) throw new Error(`not a date: ${businessDate}`);
  return { year: Number(m[1]), quarter: Math.floor((Number(m[2]) - 1) / 3) + 1 };
}

/** The `count` quarters up to and including the given one, oldest first. */
export function quartersUpTo(year: number, quarter: number, count: number): { year: number; quarter: number }[] {
  const out: { year: number; quarter: number }[] = [];
  let y = year;
  let q = quarter;
  for (let i = 0; i < count; i++) {
    out.unshift({ year: y, quarter: q });
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

/** First and last day of a quarter. */
export function quarterPeriod(year: number, quarter: number): { from: string; to: string } {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

export const isIsoDate = (value: string): boolean => {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};
