import type { NotifiableProgrammeEvent } from './notification-events';
import {
  decideProgrammeNotices,
  evolveProgrammeStatuses,
  PROGRAMME_LEADS,
  type ProgrammeActionStatuses,
} from './programme-notification-rules';

const progress = (actionId: string, status: string, on = '2026-12-01'): NotifiableProgrammeEvent => ({
  type: 'ProgrammeProgressRecorded',
  data: { actionId, on, status },
});

function given(events: NotifiableProgrammeEvent[]) {
  const statuses = events.reduce<ProgrammeActionStatuses>(evolveProgrammeStatuses, new Map());
  return {
    when: (event: NotifiableProgrammeEvent) => ({
      then: (expected: unknown[]) => expect(decideProgrammeNotices(event, statuses)).toEqual(expected),
    }),
  };
}

describe('notifications about the programme', () => {
  it('tells the programme leads when an action turns red', () => {
    given([progress('A2.1', 'green')])
      .when(progress('A2.1', 'red', '2026-12-02'))
      .then([
        { recipient: PROGRAMME_LEADS, subject: { kind: 'programme_action_red', actionId: 'A2.1', on: '2026-12-02' } },
      ]);
  });

  it('tells them about a first update that is red', () => {
    given([])
      .when(progress('A2.1', 'red'))
      .then([
        { recipient: PROGRAMME_LEADS, subject: { kind: 'programme_action_red', actionId: 'A2.1', on: '2026-12-01' } },
      ]);
  });

  it('does not tell them again while it stays red, and again when it turns red after another colour', () => {
    given([progress('A2.1', 'red')])
      .when(progress('A2.1', 'red'))
      .then([]);
    given([progress('A2.1', 'red'), progress('A2.1', 'orange')])
      .when(progress('A2.1', 'red'))
      .then([
        { recipient: PROGRAMME_LEADS, subject: { kind: 'programme_action_red', actionId: 'A2.1', on: '2026-12-01' } },
      ]);
  });

  it('says nothing of green, orange or done, nor of another action being red', () => {
    for (const status of ['green', 'orange', 'done']) given([]).when(progress('A2.1', status)).then([]);
    given([progress('A1.1', 'red')])
      .when(progress('A2.1', 'green'))
      .then([]);
  });

  it('tells them when an action passed its due moment without being done', () => {
    given([])
      .when({ type: 'ProgrammeActionOverdue', data: { actionId: 'A1.3', dueBy: '2022-06-30' } })
      .then([
        {
          recipient: PROGRAMME_LEADS,
          subject: { kind: 'programme_action_overdue', actionId: 'A1.3', dueBy: '2022-06-30' },
        },
      ]);
  });

  it('addresses the programme leads of the whole region', () => {
    expect(PROGRAMME_LEADS).toEqual({ kind: 'role', role: 'programme_lead', district: null, organisation: null });
  });
});
