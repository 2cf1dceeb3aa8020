import { checkCompletion, completionBody, queueCaption, taskDescription, taskKey } from './task-text';

describe('tasks in the work queue', () => {
  it('describes an action point by its own words, any other task by what its kind asks', () => {
    expect(taskDescription({ kind: 'action_point', description: 'Inspectie plannen' })).toBe('Inspectie plannen');
    expect(taskDescription({ kind: 'action_point' })).toBe('Actiepunt van de Zorgtafel.');
    expect(taskDescription({ kind: 'forward_feedback' })).toBe('Laat weten of de doorgezette casus wordt opgepakt.');
    expect(taskDescription({ kind: 'something_new' })).toBe('');
  });

  it('keeps two action points of one case apart', () => {
    const base = { caseId: 'c1', kind: 'action_point', dueOn: '2026-12-10' };
    expect(taskKey({ ...base, actionPointId: 'a1' })).not.toBe(taskKey({ ...base, actionPointId: 'a2' }));
    expect(taskKey({ caseId: 'c1', kind: 'triage', dueOn: '2026-12-10' })).toBe('c1-triage-2026-12-10');
  });

  it('counts the tasks and the late ones', () => {
    expect(queueCaption([{ overdue: false }])).toBe('1 taak');
    expect(queueCaption([{ overdue: true }, { overdue: false }, { overdue: true }])).toBe('3 taken, waarvan 2 te laat');
  });
});

describe('completing an action point', () => {
  const today = '2026-12-03';

  it('needs a valid date that is not in the future, and a note within the limit', () => {
    expect(checkCompletion({ completedOn: '', note: '' }, today, 10)).toEqual({
      completedOn: 'Vul de datum in waarop het actiepunt is afgerond.',
    });
    expect(checkCompletion({ completedOn: '2026-12-04', note: 'x'.repeat(11) }, today, 10)).toEqual({
      completedOn: 'De datum mag niet in de toekomst liggen.',
      note: 'Gebruik hoogstens 10 tekens.',
    });
    expect(checkCompletion({ completedOn: today, note: '' }, today, 10)).toEqual({});
  });

  it('leaves an empty note out', () => {
    expect(completionBody({ completedOn: today, note: '  ' })).toEqual({ completedOn: today });
    expect(completionBody({ completedOn: today, note: ' Gedaan. ' })).toEqual({ completedOn: today, note: 'Gedaan.' });
  });
});
