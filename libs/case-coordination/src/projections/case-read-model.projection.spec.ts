import { evolve, type CaseEvent, type CaseState, type OpenCase } from '../domain';
import { hasOpenMissedDeadline } from './case-read-model.projection';

const caseId = '7d3f0a5e-1b2c-4d5e-8f90-123456789abc';
const registered: CaseEvent = {
  type: 'SignalRegistered',
  data: { caseId, reference: 'ZWB-2026-00001', district: 'de-baronie', municipality: 'breda', receivedOn: '2026-01-05', source: { type: 'police' }, forms: ['labour'], vulnerabilities: [], summary: 'Test.', subjects: [], registeredBy: 'coordinator.de-baronie' },
};
const assigned: CaseEvent = { type: 'CoordinatorAssigned', data: { coordinator: 'coordinator.de-baronie' } };
const triageMissed: CaseEvent = { type: 'DeadlineMissed', data: { kind: 'triage', dueOn: '2026-01-12', ref: 'e-1' } };
const triagedAway: CaseEvent[] = [
  { type: 'SignalTriaged', data: { decidedOn: '2026-01-14', urgency: 'normal', decision: 'no_further_action', rationale: 'Geen signalen.' } },
  { type: 'CaseClosed', data: { closedOn: '2026-01-14', outcome: 'no_further_action', rationale: 'Geen signalen.' } },
];
const reopened: CaseEvent = { type: 'CaseReopened', data: { reopenedOn: '2026-02-02', reason: 'new_information' } };

const fold = (...events: CaseEvent[]) => events.reduce<CaseState>(evolve, null) as OpenCase;

describe('hasOpenMissedDeadline (the case list\'s overdue flag)', () => {
  it('is set while a missed triage is still not done', () => {
    expect(hasOpenMissedDeadline(fold(registered, assigned, triageMissed))).toBe(true);
  });

  it('clears when the work is done, even late, and stays clear on a closed case', () => {
    expect(hasOpenMissedDeadline(fold(registered, assigned, triageMissed, ...triagedAway))).toBe(false);
  });

  it('does not count a triage missed before a reopening against the new round', () => {
    expect(hasOpenMissedDeadline(fold(registered, assigned, triageMissed, ...triagedAway, reopened))).toBe(false);
    const missedAgain: CaseEvent = { type: 'DeadlineMissed', data: { kind: 'triage', dueOn: '2026-02-09', ref: 'e-2' } };
    expect(hasOpenMissedDeadline(fold(registered, assigned, triageMissed, ...triagedAway, reopened, missedAgain))).toBe(true);
  });
});
