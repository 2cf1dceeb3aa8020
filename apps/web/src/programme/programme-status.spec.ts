import { checkProgress, PROGRESS_STATUS, RECORDABLE_STATUSES, STATUS_ORDER } from './programme-status';

describe('programme monitor statuses', () => {
  it('says every status in words, and only statuses after the first can be recorded', () => {
    for (const status of STATUS_ORDER) expect(PROGRESS_STATUS[status]).toMatch(/\w/);
    expect(RECORDABLE_STATUSES).not.toContain('not_started');
  });

  it('refuses a progress update dated after today or without a status', () => {
    expect(checkProgress({ on: '2026-03-17', status: 'green', note: '' }, '2026-03-16')).toEqual({
      on: 'De datum mag niet in de toekomst liggen.',
    });
    expect(checkProgress({ on: '2026-03-16', status: '', note: '' }, '2026-03-16')).toEqual({
      status: 'Kies een status.',
    });
    expect(checkProgress({ on: '2026-03-16', status: 'done', note: 'klaar' }, '2026-03-16')).toEqual({});
  });
});
