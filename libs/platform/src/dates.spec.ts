import {
  addDays,
  addWorkingDays,
  businessDateOf,
  daysBetween,
  DutchPublicHolidays,
  isWorkingDay,
  startOfBusinessDate,
} from './dates';

const holidays = new DutchPublicHolidays();

describe('Dutch public holidays', () => {
  it.each([
    ['2026-01-01', 'New Year'],
    ['2026-04-05', 'Easter Sunday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-04-27', "King's Day"],
    ['2025-04-26', "King's Day on the Saturday when 27 April is a Sunday"],
    ['2026-05-14', 'Ascension Day'],
    ['2026-05-25', 'Whit Monday'],
    ['2026-12-25', 'Christmas'],
    ['2026-12-26', 'Boxing Day'],
  ])('%s (%s) is no working day', (date) => {
    expect(holidays.isHoliday(date)).toBe(true);
    expect(isWorkingDay(date, holidays)).toBe(false);
  });

  it.each([
    ['2026-04-03', 'Good Friday'],
    ['2026-05-05', 'Liberation Day'],
    ['2026-05-04', 'Remembrance Day'],
    ['2026-12-31', "New Year's Eve"],
  ])('%s (%s) is not a public holiday, so a working day', (date) => {
    expect(isWorkingDay(date, holidays)).toBe(true);
  });

  it('counts Saturday and Sunday as no working days', () => {
    expect(isWorkingDay('2026-03-14', holidays)).toBe(false);
    expect(isWorkingDay('2026-03-15', holidays)).toBe(false);
    expect(isWorkingDay('2026-03-16', holidays)).toBe(true);
  });
});

describe('working days', () => {
  it('never counts the day of receipt itself', () => {
    expect(addWorkingDays('2026-03-16', 1, holidays)).toBe('2026-03-17');
  });

  it('skips weekends and public holidays', () => {
    expect(addWorkingDays('2026-04-24', 5, holidays)).toBe('2026-05-04');
  });
});

describe('calendar days', () => {
  it('adds and counts days across months, years and leap days', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-01-01', '2025-12-31')).toBe(-1);
  });
});

describe('days in Europe/Amsterdam', () => {
  it('begins a business date at local midnight, in winter and in summer time', () => {
    expect(startOfBusinessDate('2026-03-10').toISOString()).toBe('2026-03-09T23:00:00.000Z');
    expect(startOfBusinessDate('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfBusinessDate('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('gives the business date of an instant by the Amsterdam calendar', () => {
    expect(businessDateOf(new Date('2026-03-09T22:59:59.999Z'))).toBe('2026-03-09');
    expect(businessDateOf(new Date('2026-03-09T23:00:00.000Z'))).toBe('2026-03-10');
  });
});
