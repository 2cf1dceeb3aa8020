import { decideSession, evolveSession, SessionRuleBroken, type PlanSession } from './care-table-session';

const plan = (fields: Partial<PlanSession> = {}): PlanSession => ({
  type: 'PlanCareTableSession',
  sessionId: 'session-1',
  district: 'de-baronie',
  plannedOn: '2026-12-10',
  invitees: ['police_avim', 'labour_inspectorate', 'police_avim'],
  caseIds: ['case-a', 'case-b', 'case-a'],
  actor: 'coordinator.de-baronie',
  eligibleCaseIds: new Set(['case-a', 'case-b', 'case-c']),
  ...fields,
});

describe('PlanCareTableSession', () => {
  it('plans a session ahead, invitees and agenda without repeats', () => {
    expect(decideSession(plan(), null)).toEqual([
      {
        type: 'CareTableSessionPlanned',
        data: {
          sessionId: 'session-1',
          district: 'de-baronie',
          plannedOn: '2026-12-10',
          invitees: ['police_avim', 'labour_inspectorate'],
          caseIds: ['case-a', 'case-b'],
          plannedBy: 'coordinator.de-baronie',
        },
      },
    ]);
  });

  it('plans a session without cases yet', () => {
    expect(decideSession(plan({ caseIds: [] }), null)[0].data.caseIds).toEqual([]);
  });

  it('refuses a case that is not an open case of the district, naming it', () => {
    const attempt = () => decideSession(plan({ caseIds: ['case-a', 'case-x'] }), null);
    expect(attempt).toThrow(SessionRuleBroken);
    try {
      attempt();
    } catch (error) {
      expect((error as SessionRuleBroken).code).toBe('CaseNotEligible');
      expect((error as SessionRuleBroken).caseIds).toEqual(['case-x']);
    }
  });

  it('refuses planning a session twice', () => {
    const [planned] = decideSession(plan(), null);
    expect(() => decideSession(plan(), evolveSession(null, planned))).toThrow('exists');
  });

  it('evolves into the session as planned', () => {
    const [planned] = decideSession(plan(), null);
    expect(evolveSession(null, planned)).toEqual(planned.data);
  });
});
