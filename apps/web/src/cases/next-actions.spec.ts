import { nextActions, type CaseFacts, type UserFacts } from './next-actions';

const coordinator: UserFacts = { username: 'coordinator.de-baronie', role: 'coordinator', organisation: 'care_coordinator' };
const steering: UserFacts = { username: 'steering.de-baronie', role: 'steering_group', organisation: 'riec' };
const inspectorate: UserFacts = { username: 'partner.labour-inspectorate', role: 'partner', organisation: 'labour_inspectorate' };

const planned = { leadPartner: 'labour_inspectorate', executedOn: null };
const executed = { leadPartner: 'labour_inspectorate', executedOn: '2026-03-10' };
const executedByPolice = { leadPartner: 'police_avim', executedOn: '2026-03-10' };

describe('the next steps a case offers', () => {
  const given = (facts: CaseFacts) => ({ when: (user: UserFacts) => ({ then: (expected: string[]) => expect(nextActions(facts, user)).toEqual(expected) }) });

  it('offers assignment for a new signal', () => {
    given({ status: 'signal_received' }).when(coordinator).then(['assign']);
  });

  it('offers reassignment and triage while in triage', () => {
    given({ status: 'in_triage' }).when(coordinator).then(['assign', 'triage']);
  });

  it('offers the care table, a proposal, an intervention and closing at the care table', () => {
    given({ status: 'at_care_table', proposals: [], interventions: [] }).when(coordinator).then(['careTable', 'draftProposal', 'planIntervention', 'close']);
  });

  it('offers submitting a drafted proposal instead of drafting another', () => {
    given({ status: 'at_care_table', proposals: [{ status: 'drafted', draftedBy: 'coordinator.de-baronie' }] })
      .when(coordinator).then(['careTable', 'submitProposal', 'planIntervention', 'close']);
  });

  it('does not offer closing while a proposal awaits the steering group, and offers the decision to the steering group only', () => {
    const awaiting: CaseFacts = { status: 'awaiting_steering_group', proposals: [{ status: 'submitted', draftedBy: 'coordinator.de-baronie', submittedBy: 'coordinator.de-baronie' }] };
    given(awaiting).when(coordinator).then(['planIntervention']);
    given(awaiting).when(steering).then(['decideProposal']);
  });

  it('does not offer the decision to a steering group member who drafted or submitted the proposal (four eyes)', () => {
    given({ status: 'awaiting_steering_group', proposals: [{ status: 'submitted', draftedBy: 'x', submittedBy: 'steering.de-baronie' }] }).when(steering).then([]);
  });

  it('offers execution of planned interventions and effects of executed ones while in execution', () => {
    given({ status: 'in_execution', proposals: [{ status: 'approved' }], interventions: [planned, executed] })
      .when(coordinator).then(['careTable', 'planIntervention', 'recordExecution', 'recordEffect', 'close']);
  });

  it('offers a partner only the execution and effects of the interventions it leads', () => {
    given({ status: 'in_execution', interventions: [planned] }).when(inspectorate).then(['recordExecution']);
    given({ status: 'in_execution', interventions: [executedByPolice] }).when(inspectorate).then([]);
    given({ status: 'closed', interventions: [executed] }).when(inspectorate).then(['recordEffect']);
  });

  it('offers reopening a closed case, effects still, and no execution', () => {
    given({ status: 'closed', interventions: [planned, executed] }).when(coordinator).then(['recordEffect', 'reopen']);
  });

  it('offers erasure while any person still has personal data, in any status', () => {
    given({ status: 'closed', subjects: [{ erased: true }, { erased: false }] }).when(coordinator).then(['reopen', 'erase']);
    given({ status: 'closed', subjects: [{ erased: true }] }).when(coordinator).then(['reopen']);
  });

  it('offers nothing to roles that only read', () => {
    for (const role of ['liaison', 'auditor', 'analyst', 'admin']) {
      given({ status: 'in_triage' }).when({ username: role, role, organisation: null }).then([]);
    }
  });
});
