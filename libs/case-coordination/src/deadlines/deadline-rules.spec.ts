import { caseAfter } from './testing/deadline.fixtures';
import { DEFAULT_DEADLINE_PERIODS, deadlineRules, isMissed, isWorkOpen, missedAt, triageRef } from './deadline-rules';
import { addWorkingDays, DutchPublicHolidays, isWorkingDay, startOfBusinessDate } from './working-days';
import {
  CASE_ID, caseClosed, caseReopened, coordinatorAssigned, interventionEffectRecorded, interventionExecuted, interventionPlanned,
  INTERVENTION_ID, PROPOSAL_ID, proposalDecided, proposalDrafted, proposalSubmitted, signalRegistered, signalTriaged,
} from '../domain/testing/case.fixtures';

const holidays = new DutchPublicHolidays();
const rules = deadlineRules(DEFAULT_DEADLINE_PERIODS, holidays);

describe('Dutch public holidays', () => {
  it.each([
    ['2026-01-01', 'New Year'], ['2026-04-05', 'Easter Sunday'], ['2026-04-06', 'Easter Monday'], ['2026-04-27', "King's Day"],
    ['2025-04-26', "King's Day on the Saturday when 27 April is a Sunday"], ['2026-05-14', 'Ascension Day'],
    ['2026-05-25', 'Whit Monday'], ['2026-12-25', 'Christmas'], ['2026-12-26', 'Boxing Day'],
  ])('%s (%s) is no working day', (date) => {
    expect(holidays.isHoliday(date)).toBe(true);
    expect(isWorkingDay(date, holidays)).toBe(false);
  });

  it.each([
    ['2026-04-03', 'Good Friday'], ['2026-05-05', 'Liberation Day'], ['2026-05-04', 'Remembrance Day'], ['2026-12-31', "New Year's Eve"],
  ])('%s (%s) is not a public holiday, so a working day', (date) => {
    expect(isWorkingDay(date, holidays)).toBe(true);
  });

  it('counts Saturday and Sunday as no working days', () => {
    expect(isWorkingDay('2026-03-14', holidays)).toBe(false);
    expect(isWorkingDay('2026-03-15', holidays)).toBe(false);
    expect(isWorkingDay('2026-03-16', holidays)).toBe(true);
  });
});

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

  it('never counts the day of receipt itself', () => {
    expect(addWorkingDays('2026-03-16', 1, holidays)).toBe('2026-03-17');
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
    const custom = deadlineRules({ triageWorkingDays: 5, proposalDecisionDays: 14, effectFollowUpDays: 90 }, holidays);
    expect(custom.dueOn('proposal_decision', '2026-03-06')).toBe('2026-03-20');
    expect(custom.dueOn('effect_follow_up', '2026-03-10')).toBe('2026-06-08');
  });
});

describe('when a deadline counts as missed', () => {
  it('is missed from the day after the due date, not on it', () => {
    expect(isMissed('2026-03-09', '2026-03-09')).toBe(false);
    expect(isMissed('2026-03-09', '2026-03-10')).toBe(true);
  });

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

describe('whether the work of a deadline is still open', () => {
  const triage = { kind: 'triage' as const, ref: triageRef(CASE_ID, 0) };
  const decision = { kind: 'proposal_decision' as const, ref: PROPOSAL_ID };
  const effect = { kind: 'effect_follow_up' as const, ref: INTERVENTION_ID };
  const executed = [signalRegistered(), coordinatorAssigned(), signalTriaged({ decision: 'start_care' }), interventionPlanned(), interventionExecuted()];

  it('keeps triage open until the signal is triaged', () => {
    expect(isWorkOpen(caseAfter([signalRegistered()]), triage)).toBe(true);
    expect(isWorkOpen(caseAfter([signalRegistered(), coordinatorAssigned()]), triage)).toBe(true);
    expect(isWorkOpen(caseAfter([signalRegistered(), coordinatorAssigned(), signalTriaged()]), triage)).toBe(false);
  });

  it('ties a triage deadline to its round: the first one is over once the case was reopened', () => {
    const reopened = caseAfter([signalRegistered(), coordinatorAssigned(), signalTriaged(), caseClosed(), caseReopened()]);
    expect(isWorkOpen(reopened, triage)).toBe(false);
    expect(isWorkOpen(reopened, { kind: 'triage', ref: triageRef(CASE_ID, 1) })).toBe(true);
  });

  it('keeps a proposal decision open while the proposal is submitted', () => {
    const submitted = [signalRegistered(), coordinatorAssigned(), signalTriaged(), proposalDrafted(), proposalSubmitted()];
    expect(isWorkOpen(caseAfter(submitted), decision)).toBe(true);
    expect(isWorkOpen(caseAfter([...submitted, proposalDecided()]), decision)).toBe(false);
  });

  it('keeps an effect follow-up open until an effect is recorded', () => {
    expect(isWorkOpen(caseAfter(executed), effect)).toBe(true);
    expect(isWorkOpen(caseAfter([...executed, interventionEffectRecorded()]), effect)).toBe(false);
  });

  it('closes all work when the case closes', () => {
    expect(isWorkOpen(caseAfter([...executed, caseClosed()]), effect)).toBe(false);
  });
});
