import { yearsBefore } from './retention.service';

describe('yearsBefore', () => {
  it('goes back whole calendar years', () => {
    expect(yearsBefore('2026-03-16', 5)).toBe('2021-03-16');
    expect(yearsBefore('2026-12-31', 1)).toBe('2025-12-31');
  });

  it('turns 29 February into 28 February in a year without it', () => {
    expect(yearsBefore('2028-02-29', 5)).toBe('2023-02-28');
    expect(yearsBefore('2028-02-29', 4)).toBe('2024-02-29');
  });
});
