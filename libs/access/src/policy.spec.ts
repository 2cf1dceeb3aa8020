import { ROLES, type Actor, type Role } from './actor';
import {
  authorizeAudit,
  authorizeCase,
  CASE_ACTIONS,
  caseInScope,
  caseScopeOf,
  caseView,
  mayListCases,
  type CaseAction,
  type CaseResource,
  type Decision,
} from './policy';

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  username: `${role}.user`,
  role,
  districts: [],
  municipality: null,
  organisation: null,
  ...extra,
});

/** A Breda case whose intervention i-1 the labour inspectorate leads, with the municipality of Breda taking part. */
const baronieCase: CaseResource = {
  district: 'de-baronie',
  municipality: 'breda',
  registeredBy: 'liaison.breda',
  involvedOrganisations: ['labour_inspectorate', 'municipality:breda'],
  interventions: [
    { interventionId: 'i-1', leadOrganisation: 'labour_inspectorate', participants: ['municipality:breda'] },
  ],
  actionPoints: [{ actionPointId: 'a-1', ownerOrganisation: 'labour_inspectorate', ownerUsername: null }],
  forwardedTo: 'labour_inspectorate',
  forSteeringGroup: true,
  interventionId: 'i-1',
  actionPointId: 'a-1',
};

/** Per role: one actor for whom the Breda case is in scope and one for whom it is not (`null`: no case is out of scope). */
const ACTORS: Record<Role, { inScope: Actor; outOfScope: Actor | null }> = {
  coordinator: {
    inScope: actor('coordinator', { districts: ['de-baronie'] }),
    outOfScope: actor('coordinator', { districts: ['zeeland'] }),
  },
  liaison: {
    inScope: actor('liaison', { username: 'liaison.breda', municipality: 'breda', districts: ['de-baronie'] }),
    outOfScope: actor('liaison', { username: 'liaison.breda-2', municipality: 'breda', districts: ['de-baronie'] }),
  },
  partner: {
    inScope: actor('partner', { organisation: 'labour_inspectorate' }),
    outOfScope: actor('partner', { organisation: 'shelter' }),
  },
  steering_group: {
    inScope: actor('steering_group', { districts: ['de-baronie'] }),
    outOfScope: actor('steering_group', { districts: ['hart-van-brabant'] }),
  },
  analyst: { inScope: actor('analyst'), outOfScope: actor('analyst', { districts: ['zeeland'] }) },
  programme_lead: { inScope: actor('programme_lead'), outOfScope: actor('programme_lead', { districts: ['zeeland'] }) },
  auditor: { inScope: actor('auditor'), outOfScope: null },
  admin: { inScope: actor('admin'), outOfScope: actor('admin', { districts: ['zeeland'] }) },
  system: { inScope: actor('system'), outOfScope: null },
};

/** DOMAIN.md's role table: what each role may do on a case in its scope. Everything else is 403, in scope or not. */
const MAY: Record<Role, readonly CaseAction[]> = {
  coordinator: [
    'read',
    'read_history',
    'time_travel',
    'RegisterSignal',
    'AssignCoordinator',
    'ReclassifyCase',
    'LinkCase',
    'Triage',
    'RecordForwardFeedback',
    'RecordCareTableMeeting',
    'CompleteActionPoint',
    'DraftProposal',
    'SubmitProposal',
    'WithdrawProposal',
    'ReviseProposal',
    'EvaluateProposal',
    'PlanIntervention',
    'RecordInterventionExecuted',
    'RecordInterventionEffect',
    'CancelIntervention',
    'DiscloseSubject',
    'RevokeDisclosure',
    'AddSubject',
    'RecordConsent',
    'EraseSubjectPersonalData',
    'CloseCase',
    'ReopenCase',
  ],
  steering_group: ['read', 'read_history', 'time_travel', 'DecideProposal'],
  liaison: ['read', 'RegisterSignal'],
  partner: [
    'read',
    'read_history',
    'time_travel',
    'RegisterSignal',
    'RecordForwardFeedback',
    'CompleteActionPoint',
    'RecordInterventionExecuted',
    'RecordInterventionEffect',
  ],
  analyst: [],
  programme_lead: [],
  auditor: ['read', 'read_history', 'time_travel'],
  admin: [],
  system: ['RecordDeadlineMissed', 'EraseSubjectPersonalData'],
};

function expected(role: Role, action: CaseAction, inScope: boolean): Decision {
  if (role === 'analyst' || role === 'programme_lead' || role === 'admin') return 'deny';
  // Registering creates the case: "out of scope" is another district (coordinator) or municipality (liaison);
  // partners register anywhere.
  if (action === 'RegisterSignal')
    return (inScope || role === 'partner') && MAY[role].includes(action) ? 'allow' : 'deny';
  // What the role may never do is 403 whatever the case; what it may do elsewhere is 404 outside its scope.
  if (!MAY[role].includes(action)) return 'deny';
  return inScope ? 'allow' : 'not_found';
}

const matrix: [Role, CaseAction, 'in scope' | 'out of scope', Decision][] = ROLES.flatMap((role) =>
  CASE_ACTIONS.flatMap((action) => [
    [role, action, 'in scope', expected(role, action, true)] as [Role, CaseAction, 'in scope', Decision],
    ...(ACTORS[role].outOfScope
      ? [[role, action, 'out of scope', expected(role, action, false)] as [Role, CaseAction, 'out of scope', Decision]]
      : []),
  ]),
);

describe('authorizeCase: every role × action × in/out of scope', () => {
  it('covers every role and every action', () => {
    expect(new Set(matrix.map(([role]) => role))).toEqual(new Set(ROLES));
    expect(new Set(matrix.map(([, action]) => action))).toEqual(new Set(CASE_ACTIONS));
    expect(matrix.length).toBe(ROLES.length * CASE_ACTIONS.length * 2 - 2 * CASE_ACTIONS.length);
  });

  it.each(matrix)('%s × %s (%s) → %s', (role, action, scope, decision) => {
    const who = scope === 'in scope' ? ACTORS[role].inScope : ACTORS[role].outOfScope!;
    const resource =
      action === 'RegisterSignal' && role === 'liaison' && scope === 'out of scope'
        ? { ...baronieCase, municipality: 'zundert' }
        : baronieCase;
    expect(authorizeCase(who, action, resource)).toBe(decision);
  });
});

describe('authorizeCase: partners and interventions', () => {
  const inspectorate = actor('partner', { organisation: 'labour_inspectorate' });
  const police = actor('partner', { organisation: 'police_avim' });

  it('lets a partner record execution and effects of the intervention it leads', () => {
    expect(authorizeCase(inspectorate, 'RecordInterventionExecuted', baronieCase)).toBe('allow');
    expect(authorizeCase(inspectorate, 'RecordInterventionEffect', baronieCase)).toBe('allow');
  });

  it('refuses (403) a partner that takes part in the intervention but does not lead it', () => {
    const breda = actor('partner', { organisation: 'municipality:breda' });
    expect(authorizeCase(breda, 'RecordInterventionExecuted', baronieCase)).toBe('deny');
    expect(authorizeCase(breda, 'RecordInterventionEffect', baronieCase)).toBe('deny');
    expect(authorizeCase(police, 'RecordInterventionExecuted', baronieCase)).toBe('not_found');
  });

  it('answers 404 to a partner naming an intervention the case does not have', () => {
    expect(
      authorizeCase(inspectorate, 'RecordInterventionEffect', { ...baronieCase, interventionId: 'i-unknown' }),
    ).toBe('not_found');
    expect(authorizeCase(police, 'RecordInterventionExecuted', { ...baronieCase, interventionId: undefined })).toBe(
      'not_found',
    );
  });

  it("brings a case into a partner's scope only by its organisation's work: an intervention, or a forwarded case", () => {
    const shelter = actor('partner', { organisation: 'shelter:sterk-huis' });
    expect(caseInScope(shelter, baronieCase)).toBe(false);
    expect(caseInScope(shelter, { ...baronieCase, involvedOrganisations: ['shelter:sterk-huis'] })).toBe(true);
    const breda = actor('partner', { organisation: 'municipality:breda' });
    expect(caseInScope(breda, baronieCase)).toBe(true);
    expect(caseView(breda, baronieCase)).toBe('partner');
    expect(authorizeCase(breda, 'RecordInterventionExecuted', baronieCase)).toBe('deny');
    expect(caseInScope(actor('partner'), baronieCase)).toBe(false);
  });

  it('shows a partner a signal it registered, and only its status', () => {
    const police = actor('partner', { username: 'partner.police-avim', organisation: 'police_avim' });
    const own = { ...baronieCase, registeredBy: 'partner.police-avim' };
    expect(authorizeCase(police, 'RegisterSignal', { ...baronieCase, district: 'zeeland' })).toBe('allow');
    expect(authorizeCase(police, 'read', own)).toBe('allow');
    expect(caseView(police, own)).toBe('status');
    expect(authorizeCase(police, 'read_history', own)).toBe('not_found');
    expect(authorizeCase(police, 'time_travel', own)).toBe('not_found');
  });
});

describe('caseScopeOf', () => {
  it('describes the same scope that caseInScope applies', () => {
    expect(caseScopeOf(ACTORS.coordinator.inScope)).toEqual({ kind: 'districts', districts: ['de-baronie'] });
    expect(caseScopeOf(ACTORS.steering_group.inScope)).toEqual({ kind: 'steering', districts: ['de-baronie'] });
    const steering = ACTORS.steering_group.inScope;
    expect(caseInScope(steering, baronieCase)).toBe(true);
    expect(caseInScope(steering, { ...baronieCase, forSteeringGroup: false })).toBe(false);
    expect(authorizeCase(steering, 'read', { ...baronieCase, forSteeringGroup: false })).toBe('not_found');
    expect(caseScopeOf(ACTORS.liaison.inScope)).toEqual({ kind: 'registered_by', username: 'liaison.breda' });
    expect(caseScopeOf(ACTORS.partner.inScope)).toEqual({
      kind: 'partner',
      organisation: 'labour_inspectorate',
      username: 'partner.user',
    });
    expect(caseScopeOf(actor('partner'))).toEqual({ kind: 'partner', organisation: null, username: 'partner.user' });
    expect(caseScopeOf(ACTORS.auditor.inScope)).toEqual({ kind: 'everything' });
    expect(caseScopeOf(ACTORS.analyst.inScope)).toEqual({ kind: 'nothing' });
    expect(caseScopeOf(ACTORS.admin.inScope)).toEqual({ kind: 'nothing' });
  });
});

describe('caseView, mayListCases and authorizeAudit', () => {
  it('shows personal data only to coordinators and auditors, their own work to partners, the status to liaisons', () => {
    expect(caseView(ACTORS.coordinator.inScope, baronieCase)).toBe('full');
    expect(caseView(ACTORS.auditor.inScope, baronieCase)).toBe('full');
    expect(caseView(ACTORS.steering_group.inScope, baronieCase)).toBe('steering');
    expect(caseView(ACTORS.partner.inScope, baronieCase)).toBe('partner');
    expect(caseView(ACTORS.partner.outOfScope!, baronieCase)).toBe('status');
    expect(caseView(ACTORS.liaison.inScope, baronieCase)).toBe('status');
  });

  it('keeps analysts, admins and the system out of case lists', () => {
    expect(mayListCases(ACTORS.analyst.inScope)).toBe(false);
    expect(mayListCases(ACTORS.admin.inScope)).toBe(false);
    expect(mayListCases(ACTORS.system.inScope)).toBe(false);
    expect(mayListCases(ACTORS.coordinator.inScope)).toBe(true);
    expect(mayListCases(ACTORS.liaison.inScope)).toBe(true);
  });

  it.each(ROLES)('lets only auditors verify chains and read the access log (%s)', (role) => {
    const decision = role === 'auditor' ? 'allow' : 'deny';
    expect(authorizeAudit(ACTORS[role].inScope, 'verify_chain')).toBe(decision);
    expect(authorizeAudit(ACTORS[role].inScope, 'read_access_log')).toBe(decision);
  });
});

describe('partners and their own work besides interventions', () => {
  const inspectorate = actor('partner', { username: 'nla.1', organisation: 'labour_inspectorate' });
  const breda = actor('partner', { username: 'breda.1', organisation: 'municipality:breda' });

  it('lets a partner complete an action point of its organisation, not another organisation’s', () => {
    expect(authorizeCase(inspectorate, 'CompleteActionPoint', baronieCase)).toBe('allow');
    expect(authorizeCase(breda, 'CompleteActionPoint', baronieCase)).toBe('deny');
  });

  it('lets the person owning an action point complete it', () => {
    const owned = {
      ...baronieCase,
      actionPoints: [{ actionPointId: 'a-1', ownerOrganisation: 'municipality:breda', ownerUsername: 'breda.1' }],
    };
    expect(authorizeCase(breda, 'CompleteActionPoint', owned)).toBe('allow');
  });

  it('answers 404 for an action point that is not part of the case', () => {
    expect(authorizeCase(inspectorate, 'CompleteActionPoint', { ...baronieCase, actionPointId: 'a-x' })).toBe(
      'not_found',
    );
  });

  it('lets only the partner the case was forwarded to record feedback', () => {
    expect(authorizeCase(inspectorate, 'RecordForwardFeedback', baronieCase)).toBe('allow');
    expect(authorizeCase(breda, 'RecordForwardFeedback', baronieCase)).toBe('deny');
  });

  it('shows a partner the case while it owns one of its action points', () => {
    const onlyAnActionPoint = { ...baronieCase, involvedOrganisations: ['shelter:sterk-huis'], interventions: [] };
    expect(caseInScope(actor('partner', { organisation: 'shelter:sterk-huis' }), onlyAnActionPoint)).toBe(true);
  });
});
