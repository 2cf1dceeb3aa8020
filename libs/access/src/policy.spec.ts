import type { Actor, Role } from './actor';
import { authorizeCase, caseView, mayListCases, type CaseAction, type CaseResource } from './policy';

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({ username: `${role}.user`, role, districts: [], municipality: null, organisation: null, ...extra });

const baronieCase: CaseResource = {
  district: 'de-baronie',
  municipality: 'breda',
  registeredBy: 'liaison.breda',
  careTableParticipants: ['police_avim', 'municipality'],
  interventionLeads: [{ interventionId: 'i-1', leadPartner: 'labour_inspectorate' }],
};

const coordinatorBaronie = actor('coordinator', { districts: ['de-baronie'] });
const coordinatorZeeland = actor('coordinator', { districts: ['zeeland'] });
const steeringBaronie = actor('steering_group', { districts: ['de-baronie'] });
const liaisonBreda = actor('liaison', { username: 'liaison.breda', municipality: 'breda' });
const otherLiaison = actor('liaison', { username: 'liaison.tilburg', municipality: 'tilburg' });
const police = actor('partner', { organisation: 'police_avim' });
const inspectorate = actor('partner', { organisation: 'labour_inspectorate' });
const shelter = actor('partner', { organisation: 'shelter' });

describe('authorizeCase', () => {
  it.each<[string, Actor, CaseAction, 'allow' | 'deny' | 'not_found']>([
    ['coordinator of the district reads', coordinatorBaronie, 'read', 'allow'],
    ['coordinator of the district triages', coordinatorBaronie, 'Triage', 'allow'],
    ['coordinator may not decide a proposal', coordinatorBaronie, 'DecideProposal', 'deny'],
    ['coordinator of another district does not see the case', coordinatorZeeland, 'read', 'not_found'],
    ['coordinator of another district cannot act on it', coordinatorZeeland, 'Triage', 'not_found'],
    ['steering group of the district decides proposals', steeringBaronie, 'DecideProposal', 'allow'],
    ['steering group may not triage', steeringBaronie, 'Triage', 'deny'],
    ['liaison reads the signal it registered', liaisonBreda, 'read', 'allow'],
    ['liaison may not see its history', liaisonBreda, 'read_history', 'deny'],
    ['another liaison does not see it', otherLiaison, 'read', 'not_found'],
    ['partner at the care table reads', police, 'read', 'allow'],
    ['partner may not triage', police, 'Triage', 'deny'],
    ['partner not involved does not see it', shelter, 'read', 'not_found'],
    ['auditor reads everything', actor('auditor'), 'read_history', 'allow'],
    ['auditor writes nothing', actor('auditor'), 'CloseCase', 'deny'],
    ['analyst never sees case content', actor('analyst'), 'read', 'deny'],
    ['admin never sees case content', actor('admin'), 'read', 'deny'],
  ])('%s', (_, who, action, expected) => {
    expect(authorizeCase(who, action, baronieCase)).toBe(expected);
  });

  it('lets a partner record execution only of the intervention it leads', () => {
    expect(authorizeCase(inspectorate, 'RecordInterventionExecuted', { ...baronieCase, interventionId: 'i-1' })).toBe('allow');
    expect(authorizeCase(police, 'RecordInterventionEffect', { ...baronieCase, interventionId: 'i-1' })).toBe('deny');
  });

  it('lets coordinators register signals only in their district and liaisons only in their municipality', () => {
    expect(authorizeCase(coordinatorBaronie, 'RegisterSignal', baronieCase)).toBe('allow');
    expect(authorizeCase(coordinatorZeeland, 'RegisterSignal', baronieCase)).toBe('deny');
    expect(authorizeCase(liaisonBreda, 'RegisterSignal', baronieCase)).toBe('allow');
    expect(authorizeCase(otherLiaison, 'RegisterSignal', baronieCase)).toBe('deny');
    expect(authorizeCase(steeringBaronie, 'RegisterSignal', baronieCase)).toBe('deny');
  });
});

describe('caseView and mayListCases', () => {
  it('shows personal data only to coordinators and auditors', () => {
    expect(caseView(coordinatorBaronie)).toBe('full');
    expect(caseView(actor('auditor'))).toBe('full');
    expect(caseView(steeringBaronie)).toBe('pseudonymised');
    expect(caseView(police)).toBe('pseudonymised');
    expect(caseView(liaisonBreda)).toBe('status');
  });

  it('keeps analysts and admins out of case lists', () => {
    expect(mayListCases(actor('analyst'))).toBe(false);
    expect(mayListCases(actor('admin'))).toBe(false);
    expect(mayListCases(coordinatorBaronie)).toBe(true);
  });
});
