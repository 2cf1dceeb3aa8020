import { DEFAULT_DEADLINE_PERIODS, DutchPublicHolidays, startOfBusinessDate } from '@baken/platform';
import { deadlineRules, missedAt } from './deadline-rules';

const holidays = new DutchPublicHolidays();
const rules = deadlineRules(DEFAULT_DEADLINE_PERIODS, holidays);

describe('triage deadline: 5 working days after receipt', () => {
  it.each([
    ['2026-03-02', '2026-03-09', 'a Monday: the Monday after'],
    ['2026-03-04', '2026-03-11', 'a Wednesday: over the weekend'],
    ['2026-03-14', '2026-03-20', 'a Saturday: the weekend does not count'],
    ['2026-04-01', '2026-04-09', 'before Easter: Easter Monday skipped, Good Friday counted'],
    ['2026-04-24', '2026-05-04', "before King's Day (Monday 27 April)"],
    ['2026-05-12', '2026-05-20', 'before Ascension Day'],
    ['2026-05-20', '2026-05-28', 'before Whit Monday'],
    ['2025-12-24', '2026-01-05', 'on Christmas Eve: both Christmas days and New Year skipped'],
  ])('received %s → due %s (%s)', (receivedOn, dueOn) => {
    expect(rules.dueOn('triage', receivedOn)).toBe(dueOn);
  });

  it('takes the period from the configuration', () => {
    const quick = deadlineRules({ ...DEFAULT_DEADLINE_PERIODS, triageWorkingDays: 1 }, holidays);
    expect(quick.dueOn('triage', '2026-04-03')).toBe('2026-04-07');
  });
});

describe('calendar-day deadlines', () => {
  it('asks the steering group to decide 30 days after submission, also on a holiday', () => {
    expect(rules.dueOn('proposal_decision', '2026-03-06')).toBe('2026-04-05');
  });

  it('asks for an effect 56 days after execution', () => {
    expect(rules.dueOn('effect_follow_up', '2026-03-10')).toBe('2026-05-05');
  });

  it('takes both periods from the configuration', () => {
    const custom = deadlineRules(
      { ...DEFAULT_DEADLINE_PERIODS, triageWorkingDays: 5, proposalDecisionDays: 14, effectFollowUpDays: 90 },
      holidays,
    );
    expect(custom.dueOn('proposal_decision', '2026-03-06')).toBe('2026-03-20');
    expect(custom.dueOn('effect_follow_up', '2026-03-10')).toBe('2026-06-08');
  });
});

describe('when a deadline counts as missed', () => {
  it('is missed at midnight in Amsterdam, in winter and in summer time', () => {
    expect(missedAt('2026-03-09').toISOString()).toBe('2026-03-09T23:00:00.000Z');
    expect(missedAt('2026-06-30').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('follows the switch to summer time (29 March 2026)', () => {
    expect(missedAt('2026-03-28').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(missedAt('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfBusinessDate('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
});
