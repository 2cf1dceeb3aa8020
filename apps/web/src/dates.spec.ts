import {
  endOfDayInstant,
  formatDate,
  formatInstant,
  isIsoDate,
  quarterOf,
  quarterPeriod,
  quartersUpTo,
  todayInAmsterdam,
} from './dates';

describe('business dates in Europe/Amsterdam', () => {
  it('takes today from the Amsterdam calendar, not from UTC', () => {
    expect(todayInAmsterdam(new Date('2026-03-15T23:30:00Z'))).toBe('2026-03-16');
    expect(todayInAmsterdam(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(todayInAmsterdam(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('writes dates and instants in Dutch', () => {
    expect(formatDate('2026-03-02')).toBe('2 maart 2026');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatInstant('2026-03-16T09:00:00.000Z')).toBe('16 maart 2026 om 10:00');
    expect(formatInstant('2026-07-16T09:00:00.000Z')).toBe('16 juli 2026 om 11:00');
  });

  it('ends a day at 23:59:59 with the offset of that day, summer time included', () => {
    expect(endOfDayInstant('2026-01-15')).toBe('2026-01-15T23:59:59+01:00');
    expect(endOfDayInstant('2026-07-15')).toBe('2026-07-15T23:59:59+02:00');
  });

  it('knows quarters, their periods and the quarters before, across a year', () => {
    expect(quarterOf('2026-11-28')).toEqual({ year: 2026, quarter: 4 });
    expect(quarterPeriod(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterPeriod(2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(quarterPeriod(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quartersUpTo(2026, 2, 4)).toEqual([
      { year: 2025, quarter: 3 },
      { year: 2025, quarter: 4 },
      { year: 2026, quarter: 1 },
      { year: 2026, quarter: 2 },
    ]);
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('16-03-2026')).toBe(false);
  });
});
