import type { Database } from '@baken/event-store';
import { DEFAULT_DEADLINE_PERIODS, DutchPublicHolidays, type AppConfig } from '@baken/platform';
import { referenceDataChanged } from '../reference-data/changes';
import { DeadlinePeriodsSource } from './deadline-periods';
import { deadlineRules } from './deadline-rules';

/** A database that answers the periods' changes with `rows` and counts the reads. */
function tableOf(rows: { global_position: string; periods: object }[]) {
  let reads = 0;
  const db = {
    query: () => {
      reads++;
      return Promise.resolve({ rows });
    },
  } as unknown as Database;
  return { db, reads: () => reads };
}

const config = { deadlines: { ...DEFAULT_DEADLINE_PERIODS, sweepIntervalMs: 60_000 } } as unknown as AppConfig;

describe('the deadline periods in force', () => {
  it('are the configuration’s until an administrator sets them', async () => {
    const source = new DeadlinePeriodsSource(config, tableOf([]).db);
    await source.refresh();
    expect(source.periodsAt('10')).toEqual(DEFAULT_DEADLINE_PERIODS);
    expect(source.periodsAt()).toEqual(DEFAULT_DEADLINE_PERIODS);
  });

  it('are those of the last change before the event in the log, so open deadlines keep theirs', async () => {
    const source = new DeadlinePeriodsSource(
      config,
      tableOf([
        { global_position: '100', periods: { ...DEFAULT_DEADLINE_PERIODS, triageWorkingDays: 2 } },
        { global_position: '200', periods: { ...DEFAULT_DEADLINE_PERIODS, triageWorkingDays: 8 } },
      ]).db,
    );
    await source.refresh();
    const rules = deadlineRules(source.periodsAt, new DutchPublicHolidays());
    // Friday 13 March 2026: 5, 2 and 8 working days.
    expect(rules.dueOn('triage', '2026-03-13', null, '99')).toBe('2026-03-20');
    expect(rules.dueOn('triage', '2026-03-13', null, '101')).toBe('2026-03-17');
    expect(rules.dueOn('triage', '2026-03-13', null, '201')).toBe('2026-03-25');
    expect(rules.dueOn('triage', '2026-03-13')).toBe('2026-03-25');
  });

  it('are read again after a moment or a change in this process, not on every batch', async () => {
    const table = tableOf([]);
    const source = new DeadlinePeriodsSource(config, table.db);
    await source.refresh();
    await source.refresh();
    expect(table.reads()).toBe(1);
    referenceDataChanged();
    await source.refresh();
    expect(table.reads()).toBe(2);
  });
});
