import { PROGRAMME_ACTIONS, PROGRAMME_GOALS } from '../seed/programme-actions.seed';
import { decide, ProgrammeRuleBroken, type ProgrammeCommand } from './programme.decide';
import { dueBy, dueQuarter, foldProgramme, monitorAsOf, statusAsOf, type Programme } from './programme';
import type { ProgrammeEvent } from './programme.events';

const fields = { goal: 1, title: 'Week tegen Mensenhandel', owner: null, due: 'Q2|2022', source: null };
const added = (actionId: string, goal = 1): ProgrammeEvent => ({
  type: 'ProgrammeActionAdded',
  data: { actionId, ...fields, goal, by: 'system' },
});
const progress = (actionId: string, on: string, status: 'green' | 'orange' | 'red' | 'done'): ProgrammeEvent => ({
  type: 'ProgrammeProgressRecorded',
  data: { actionId, on, status, note: `${status} op ${on}`, by: 'programme.lead' },
});

function given(events: ProgrammeEvent[]) {
  const state: Programme = foldProgramme(events);
  return {
    when: (command: ProgrammeCommand) => ({
      then: (expected: ProgrammeEvent[]) => expect(decide(command, state)).toEqual(expected),
      thenThrows: (rule: ProgrammeRuleBroken['rule']) => {
        expect(() => decide(command, state)).toThrow(ProgrammeRuleBroken);
        try {
          decide(command, state);
        } catch (error) {
          expect((error as ProgrammeRuleBroken).rule).toBe(rule);
        }
      },
    }),
  };
}

describe('programme progress as of a date', () => {
  const programme = foldProgramme([
    added('A1.1'),
    progress('A1.1', '2026-03-01', 'green'),
    progress('A1.1', '2026-03-16', 'red'),
  ]);
  const action = programme.actions.get('A1.1')!;

  it('is not started before the first update', () => {
    expect(statusAsOf(action, '2026-02-28')).toBe('not_started');
  });

  it('is the latest update dated on or before the date: today shows today, and not as of yesterday', () => {
    expect(statusAsOf(action, '2026-03-15')).toBe('green');
    expect(statusAsOf(action, '2026-03-16')).toBe('red');
  });

  it('takes the update recorded last of two on the same date, and one recorded late for an earlier date counts then', () => {
    const later = foldProgramme([
      added('A1.1'),
      progress('A1.1', '2026-03-10', 'orange'),
      progress('A1.1', '2026-03-10', 'green'),
      progress('A1.1', '2026-03-05', 'red'),
    ]).actions.get('A1.1')!;
    expect(statusAsOf(later, '2026-03-10')).toBe('green');
    expect(statusAsOf(later, '2026-03-06')).toBe('red');
  });
});

describe('counts per goal', () => {
  it('counts every action of a goal under the status it had on the date', () => {
    const programme = foldProgramme([
      added('A1.1', 1),
      added('A1.2', 1),
      added('A1.3', 1),
      added('A5.1', 5),
      progress('A1.1', '2026-01-10', 'green'),
      progress('A1.2', '2026-01-10', 'red'),
      progress('A1.2', '2026-02-10', 'done'),
      progress('A5.1', '2026-03-01', 'orange'),
    ]);
    const monitor = monitorAsOf(programme, PROGRAMME_GOALS, '2026-02-01');
    expect(monitor.goals[0].counts).toEqual({ green: 1, orange: 0, red: 1, done: 0, not_started: 1 });
    expect(monitor.goals[4].counts).toEqual({ green: 0, orange: 0, red: 0, done: 0, not_started: 1 });
    expect(monitor.goals[1].counts).toEqual({ green: 0, orange: 0, red: 0, done: 0, not_started: 0 });
    const later = monitorAsOf(programme, PROGRAMME_GOALS, '2026-03-01');
    expect(later.goals[0].counts).toEqual({ green: 1, orange: 0, red: 0, done: 1, not_started: 1 });
    expect(later.goals[4].counts.orange).toBe(1);
    expect(later.actions.find((a) => a.actionId === 'A1.2')?.lastUpdate?.on).toBe('2026-02-10');
  });
});

describe('programme decisions', () => {
  it('records progress on an existing action', () => {
    given([added('A1.1')])
      .when({
        type: 'RecordProgrammeProgress',
        actionId: 'A1.1',
        on: '2026-03-16',
        status: 'green',
        note: 'op koers',
        by: 'programme.lead',
        today: '2026-03-16',
      })
      .then([
        {
          type: 'ProgrammeProgressRecorded',
          data: { actionId: 'A1.1', on: '2026-03-16', status: 'green', note: 'op koers', by: 'programme.lead' },
        },
      ]);
  });

  it('refuses progress dated after today', () => {
    given([added('A1.1')])
      .when({
        type: 'RecordProgrammeProgress',
        actionId: 'A1.1',
        on: '2026-03-17',
        status: 'green',
        note: '',
        by: 'programme.lead',
        today: '2026-03-16',
      })
      .thenThrows('ProgressDatedInTheFuture');
  });

  it('refuses progress on an unknown action, an action added twice and a goal outside 1–6', () => {
    given([])
      .when({
        type: 'RecordProgrammeProgress',
        actionId: 'A9',
        on: '2026-03-16',
        status: 'done',
        note: '',
        by: 'admin',
        today: '2026-03-16',
      })
      .thenThrows('ActionNotFound');
    given([added('A1.1')])
      .when({ type: 'AddProgrammeAction', actionId: 'A1.1', fields, by: 'admin' })
      .thenThrows('ActionAlreadyExists');
    given([])
      .when({ type: 'AddProgrammeAction', actionId: 'A7.1', fields: { ...fields, goal: 7 }, by: 'admin' })
      .thenThrows('UnknownGoal');
  });

  it('changes an action and keeps its history', () => {
    const state = foldProgramme([
      added('A1.1'),
      progress('A1.1', '2026-03-01', 'green'),
      { type: 'ProgrammeActionChanged', data: { actionId: 'A1.1', ...fields, owner: 'Ketenregisseur', by: 'admin' } },
    ]);
    expect(state.actions.get('A1.1')).toMatchObject({ owner: 'Ketenregisseur', updates: [{ status: 'green' }] });
  });
});

describe('the seeded programme', () => {
  it('has at least 25 actions under all six goals, with unique ids', () => {
    expect(PROGRAMME_ACTIONS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(PROGRAMME_ACTIONS.map((a) => a.goal))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(new Set(PROGRAMME_ACTIONS.map((a) => a.actionId)).size).toBe(PROGRAMME_ACTIONS.length);
    for (const action of PROGRAMME_ACTIONS) expect(action.source).toMatch(/^Hoofdstuk 2, doelstelling \d/);
  });

  it('reads a quarter from the due moment where the text gives one', () => {
    expect(dueQuarter('Q2|2022')).toBe('2022-Q2');
    expect(dueQuarter('vanaf Q4|2021')).toBe('2021-Q4');
    expect(dueQuarter('Q4|2021/Q1|2022')).toBe('2022-Q1');
    expect(dueQuarter('Q1 en Q2|2022')).toBe('2022-Q2');
    expect(dueQuarter('2022')).toBeNull();
    expect(dueQuarter(null)).toBeNull();
  });
});

describe('due moments that pass', () => {
  const overdue = (
    actionId: string,
    due = 'Q2|2022',
    dueBy = '2022-06-30',
    markedOn = '2022-07-01',
  ): ProgrammeEvent => ({
    type: 'ProgrammeActionOverdue',
    data: { actionId, due, dueBy, markedOn, by: 'system' },
  });

  it('reads the last day of a due moment, and none where it is no deadline', () => {
    expect(dueBy('Q2|2022')).toBe('2022-06-30');
    expect(dueBy('Q1 en Q2|2022')).toBe('2022-06-30');
    expect(dueBy('Q4|2021/Q1|2022')).toBe('2022-03-31');
    expect(dueBy('2022')).toBe('2022-12-31');
    expect(dueBy('2022/2023')).toBe('2023-12-31');
    expect(dueBy('vanaf Q4|2021')).toBeNull();
    expect(dueBy('vanaf 2022 doorlopend')).toBeNull();
    expect(dueBy('doorlopend')).toBeNull();
    expect(dueBy('jaarlijks')).toBeNull();
    expect(dueBy(null)).toBeNull();
  });

  it('marks an action overdue the day after its due moment when it is not done', () => {
    given([added('A1.1'), progress('A1.1', '2022-05-01', 'green')])
      .when({ type: 'MarkOverdueProgrammeActions', today: '2022-07-01' })
      .then([overdue('A1.1')]);
  });

  it('does not mark it on the last day of its due moment', () => {
    given([added('A1.1')])
      .when({ type: 'MarkOverdueProgrammeActions', today: '2022-06-30' })
      .then([]);
  });

  it('does not mark an action that was done by then', () => {
    given([added('A1.1'), progress('A1.1', '2022-06-20', 'done')])
      .when({ type: 'MarkOverdueProgrammeActions', today: '2022-07-01' })
      .then([]);
  });

  it('marks it once per due moment, and again when a new due moment passes', () => {
    given([added('A1.1'), overdue('A1.1')])
      .when({ type: 'MarkOverdueProgrammeActions', today: '2022-08-01' })
      .then([]);
    given([
      added('A1.1'),
      overdue('A1.1'),
      { type: 'ProgrammeActionChanged', data: { actionId: 'A1.1', ...fields, due: 'Q4|2022', by: 'programme.lead' } },
    ])
      .when({ type: 'MarkOverdueProgrammeActions', today: '2023-01-02' })
      .then([overdue('A1.1', 'Q4|2022', '2022-12-31', '2023-01-02')]);
  });

  it('never marks an action without a deadline', () => {
    given([
      added('A1.1'),
      {
        type: 'ProgrammeActionChanged',
        data: { actionId: 'A1.1', ...fields, due: 'doorlopend', by: 'programme.lead' },
      },
    ])
      .when({ type: 'MarkOverdueProgrammeActions', today: '2030-01-01' })
      .then([]);
  });
});
