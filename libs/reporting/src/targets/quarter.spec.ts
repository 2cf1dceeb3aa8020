import { addDays, daysBetween } from '@baken/platform';
import { countedUntil, quarter, quarterOf, targetStatus } from './quarter';

describe('quarters', () => {
  it('knows the first, last and next day and the length of each quarter, leap years included', () => {
    expect(quarter(2026, 1)).toEqual({
      year: 2026,
      quarter: 1,
      start: '2026-01-01',
      end: '2026-03-31',
      nextStart: '2026-04-01',
      days: 90,
    });
    expect(quarter(2024, 1).days).toBe(91);
    expect(quarter(2026, 2)).toMatchObject({ start: '2026-04-01', end: '2026-06-30', days: 91 });
    expect(quarter(2026, 3)).toMatchObject({ start: '2026-07-01', end: '2026-09-30', days: 92 });
    expect(quarter(2026, 4)).toMatchObject({
      start: '2026-10-01',
      end: '2026-12-31',
      nextStart: '2027-01-01',
      days: 92,
    });
  });

  it('finds the quarter a date falls in', () => {
    expect(quarterOf('2026-03-16')).toMatchObject({ year: 2026, quarter: 1 });
    expect(quarterOf('2026-04-01')).toMatchObject({ year: 2026, quarter: 2 });
    expect(quarterOf('2025-12-31')).toMatchObject({ year: 2025, quarter: 4 });
  });

  it('counts days across months and years', () => {
    expect(daysBetween('2026-01-01', '2026-03-16')).toBe(74);
    expect(daysBetween('2026-03-16', '2026-01-01')).toBe(-74);
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
  });

  it('counts a quarter up to asOf, its last day at most, and not at all before it starts', () => {
    const q1 = quarter(2026, 1);
    expect(countedUntil(q1, '2025-12-31')).toBeNull();
    expect(countedUntil(q1, '2026-01-01')).toBe('2026-01-01');
    expect(countedUntil(q1, '2026-02-10')).toBe('2026-02-10');
    expect(countedUntil(q1, '2026-07-01')).toBe('2026-03-31');
  });
});

describe('the status of a quarterly target', () => {
  const q1 = quarter(2026, 1); // 90 days

  it('is not_started before the quarter, whatever the count', () => {
    expect(targetStatus(0, 4, q1, '2025-12-31')).toBe('not_started');
    expect(targetStatus(9, 4, q1, '2025-12-31')).toBe('not_started');
  });

  it('is green or red once the quarter is over, from its next first day on', () => {
    expect(targetStatus(4, 4, q1, '2026-04-01')).toBe('green');
    expect(targetStatus(3, 4, q1, '2026-04-01')).toBe('red');
    expect(targetStatus(3, 4, q1, '2027-01-01')).toBe('red');
  });

  it('is green while running as soon as the target is met', () => {
    expect(targetStatus(4, 4, q1, '2026-01-02')).toBe('green');
    expect(targetStatus(1, 1, q1, '2026-01-01')).toBe('green');
  });

  it('is orange while running when the count keeps pace with floor(target × elapsed)', () => {
    // 16 March: 74 of 90 days elapsed; floor(4 × 74 / 90) = 3.
    expect(targetStatus(3, 4, q1, '2026-03-16')).toBe('orange');
    expect(targetStatus(2, 4, q1, '2026-03-16')).toBe('red');
    // 15 February: 45 of 90 days; floor(4 × 0.5) = 2 exactly.
    expect(targetStatus(2, 4, q1, '2026-02-15')).toBe('orange');
    expect(targetStatus(1, 4, q1, '2026-02-15')).toBe('red');
  });

  it('is orange on the first day with nothing done yet (floor(target × 0) = 0), and on the last day only at pace', () => {
    expect(targetStatus(0, 4, q1, '2026-01-01')).toBe('orange');
    expect(targetStatus(0, 1, q1, '2026-03-31')).toBe('orange'); // floor(1 × 89/90) = 0
    expect(targetStatus(2, 4, q1, '2026-03-31')).toBe('red'); // floor(4 × 89/90) = 3
    expect(targetStatus(3, 4, q1, '2026-03-31')).toBe('orange');
  });
});
