import { type CaseCommand, type CaseEvent, evolve, fold, type CaseState, type OpenCase } from './case';
import { decide } from './case.decide';
import { initialState } from './case.decider';
import {
  CASE_ID,
  CLOSED_ON,
  COORDINATOR,
  DE_BARONIE,
  DECIDED_ON,
  DISTRICT,
  EXECUTED_ON,
  INTERVENTION_ID,
  LIAISON,
  OBSERVED_ON,
  OTHER_COORDINATOR,
  PLANNED_ON,
  PROPOSAL_ID,
  RECEIVED_ON,
  REFERENCE,
  SEALED,
  STEERING_MEMBER,
  SUBMITTED_ON,
  SUSPECT_ID,
  SYSTEM,
  TODAY,
  TRIAGED_ON,
  VICTIM_ID,
  atCareTable,
  awaitingSteeringGroup,
  caseClosed,
  caseReopened,
  closed,
  commandOf,
  consentRecorded,
  coordinatorAssigned,
  deadlineMissed,
  inExecution,
  inTriage,
  interventionEffectRecorded,
  proposalDecided,
  registered,
  signalTriaged,
  subjectAdded,
  subjectPersonalDataErased,
  withDraftedProposal,
  withExecutedIntervention,
  voteCast,
  proposalApproved,
  forwardFeedbackRecorded,
} from './testing/case.fixtures';

const caseAfter = (events: readonly CaseEvent[]): OpenCase => {
  const state = fold(events);
  if (state === null) throw new Error('Expected a case');
  return state;
};

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

describe('evolve', () => {
  it('starts without a case', () => {
    expect(initialState()).toBeNull();
    expect(fold([])).toBeNull();
  });

  it('builds the case from the registered signal', () => {
    expect(caseAfter(registered)).toStrictEqual({
      status: 'signal_received',
      caseId: CASE_ID,
      reference: REFERENCE,
      district: DISTRICT,
      municipality: 'breda',
      receivedOn: RECEIVED_ON,
      registeredBy: LIAISON,
      source: { type: 'municipality', organisation: 'Gemeente Breda' },
      forms: ['labour'],
      vulnerabilities: ['labour_migrant'],
      sector: null,
      reclassifications: [],
      links: [],
      summary: 'Workers housed above a car wash, passports kept by the employer.',
      coordinator: null,
      urgency: null,
      triage: null,
      forwarding: null,
      forwardings: 0,
      subjects: [
        {
          subjectId: VICTIM_ID,
          role: 'victim',
          pseudonym: 'S-7Q2K',
          personalData: SEALED,
          erased: false,
          consents: [],
        },
      ],
      careTableMeetings: [],
      actionPoints: [],
      proposals: [],
      interventions: [],
      closedOn: null,
      outcome: null,
      closeRationale: null,
      reopenings: [],
      missedDeadlines: [],
    });
  });

  it('ignores events of a case that was never registered', () => {
    expect(fold([coordinatorAssigned(), caseClosed()])).toBeNull();
  });

  describe('status', () => {
    it.each<[string, CaseEvent[], OpenCase['status']]>([
      ['a registered signal is received', registered, 'signal_received'],
      ['an assigned coordinator starts triage', inTriage, 'in_triage'],
      [
        'reassignment stays in triage',
        [...inTriage, coordinatorAssigned({ coordinator: OTHER_COORDINATOR, previousCoordinator: COORDINATOR })],
        'in_triage',
      ],
      ['referral brings the case to the care table', atCareTable, 'at_care_table'],
      [
        'starting care puts the case in execution',
        [...inTriage, signalTriaged({ decision: 'start_care' })],
        'in_execution',
      ],
      [
        'a forwarded case waits with the partner for its feedback',
        [...inTriage, signalTriaged({ decision: 'forward', forwardedTo: 'police_avim' })],
        'forwarded',
      ],
      [
        'a declined forwarding returns to triage',
        [
          ...inTriage,
          signalTriaged({ decision: 'forward', forwardedTo: 'police_avim' }),
          forwardFeedbackRecorded({ feedback: 'declined' }),
        ],
        'in_triage',
      ],
      [
        'an accepted forwarding stays forwarded until the coordinator closes the case',
        [
          ...inTriage,
          signalTriaged({ decision: 'forward', forwardedTo: 'police_avim' }),
          forwardFeedbackRecorded({ feedback: 'accepted' }),
        ],
        'forwarded',
      ],
      [
        'forwarding followed by closure is closed',
        [
          ...inTriage,
          signalTriaged({ decision: 'forward', forwardedTo: 'police_avim' }),
          caseClosed({ outcome: 'forwarded' }),
        ],
        'closed',
      ],
      ['a drafted proposal stays at the care table', withDraftedProposal, 'at_care_table'],
      ['a submitted proposal awaits the steering group', awaitingSteeringGroup, 'awaiting_steering_group'],
      ['an approved proposal puts the case in execution', inExecution, 'in_execution'],
      [
        'a rejected proposal returns to the care table',
        [...awaitingSteeringGroup, proposalDecided({ decision: 'rejected' })],
        'at_care_table',
      ],
      ['a closed case is closed', closed, 'closed'],
      ['a reopened case is back in triage', [...closed, caseReopened()], 'in_triage'],
    ])('%s', (_, events, status) => {
      expect(caseAfter(events).status).toBe(status);
    });
  });

  it('keeps the coordinator and the triage', () => {
    const state = caseAfter([...atCareTable, coordinatorAssigned({ coordinator: OTHER_COORDINATOR })]);
    expect(state.coordinator).toBe(OTHER_COORDINATOR);
    expect(state.triage).toStrictEqual({
      decidedOn: TRIAGED_ON,
      urgency: 'high',
      decision: 'refer_to_care_table',
      rationale: 'Several indicators of labour exploitation.',
      forwardedTo: null,
    });
  });

  it('takes the urgency of the latest triage', () => {
    const state = caseAfter([
      ...closed,
      caseReopened({ reopenedOn: '2024-05-27' }),
      signalTriaged({ decidedOn: '2024-05-28', urgency: 'acute' }),
    ]);
    expect(state.urgency).toBe('acute');
    expect(state.triage?.decidedOn).toBe('2024-05-28');
  });

  it('follows a proposal from draft to decision', () => {
    expect(caseAfter(inExecution).proposals).toStrictEqual([
      {
        proposalId: PROPOSAL_ID,
        status: 'approved',
        summary: 'Joint inspection and shelter for the workers.',
        steeringSummary: null,
        measures: [
          { type: 'labour_inspection', leadOrganisation: 'labour_inspectorate', level: 'labour_law' },
          { type: 'shelter_placement', leadOrganisation: 'shelter:sterk-huis', level: 'care' },
        ],
        draftedBy: COORDINATOR,
        submittedBy: COORDINATOR,
        submittedOn: SUBMITTED_ON,
        submittedFrom: 'at_care_table',
        votes: [],
        revisitOn: null,
        decision: 'approved',
        decidedOn: DECIDED_ON,
        decidedBy: STEERING_MEMBER,
        notes: null,
        conditions: null,
        evaluateOn: null,
        evaluation: null,
      },
    ]);
  });

  it('follows a proposal through the votes of the stuurploeg', () => {
    const state = caseAfter([
      ...awaitingSteeringGroup,
      voteCast({ vote: 'deferred', rationale: 'Wait for the report.', revisitOn: '2024-04-01' }),
      voteCast({ voter: 'steering.de-baronie.nla', organisation: 'labour_inspectorate', conditions: 'Report back.' }),
    ]);
    expect(state.proposals[0]).toMatchObject({
      status: 'submitted',
      revisitOn: '2024-04-01',
      votes: [
        {
          username: STEERING_MEMBER,
          organisation: 'riec',
          vote: 'deferred',
          rationale: 'Wait for the report.',
          revisitOn: '2024-04-01',
          conditions: null,
        },
        {
          username: 'steering.de-baronie.nla',
          organisation: 'labour_inspectorate',
          vote: 'approved',
          rationale: null,
          conditions: 'Report back.',
        },
      ],
    });
    const approved = caseAfter([
      ...awaitingSteeringGroup,
      voteCast(),
      voteCast({ voter: 'nla', organisation: 'labour_inspectorate' }),
      proposalApproved({ evaluateOn: '2024-06-01', conditions: 'Report back.' }),
    ]);
    expect(approved.status).toBe('in_execution');
    expect(approved.proposals[0]).toMatchObject({
      status: 'approved',
      decidedBy: 'nla',
      revisitOn: null,
      evaluateOn: '2024-06-01',
      conditions: 'Report back.',
    });
  });

  it('records a rejection with its notes', () => {
    const state = caseAfter([
      ...awaitingSteeringGroup,
      proposalDecided({ decision: 'rejected', notes: 'Ask the tax authority.' }),
    ]);
    expect(state.proposals[0]).toMatchObject({
      status: 'rejected',
      decision: 'rejected',
      notes: 'Ask the tax authority.',
    });
  });

  it('follows an intervention from plan to effects', () => {
    const state = caseAfter([
      ...withExecutedIntervention,
      interventionEffectRecorded(),
      interventionEffectRecorded({ observedOn: TODAY, effect: 'victim_in_care', description: 'In a shelter.' }),
    ]);
    expect(state.interventions).toStrictEqual([
      {
        interventionId: INTERVENTION_ID,
        type: 'labour_inspection',
        level: 'labour_law',
        leadOrganisation: 'labour_inspectorate',
        participants: [],
        proposalId: null,
        plannedOn: PLANNED_ON,
        description: null,
        executedOn: EXECUTED_ON,
        executionNotes: null,
        cancelledOn: null,
        cancellationReason: null,
        effects: [
          { effect: 'exploitation_stopped', observedOn: OBSERVED_ON, description: null },
          { effect: 'victim_in_care', observedOn: TODAY, description: 'In a shelter.' },
        ],
        disclosedSubjects: [],
      },
    ]);
  });

  it('adds subjects and their consents', () => {
    const state = caseAfter([...atCareTable, subjectAdded({ personalData: null }), consentRecorded()]);
    expect(state.subjects).toStrictEqual([
      {
        subjectId: VICTIM_ID,
        role: 'victim',
        pseudonym: 'S-7Q2K',
        personalData: SEALED,
        erased: false,
        consents: [{ scope: 'share_with_shelter', given: true, recordedOn: '2024-03-14' }],
      },
      { subjectId: SUSPECT_ID, role: 'suspect', pseudonym: 'S-3M8P', personalData: null, erased: false, consents: [] },
    ]);
  });

  it('erases personal data but keeps the pseudonym', () => {
    const [victim] = caseAfter([...atCareTable, subjectPersonalDataErased()]).subjects;
    expect(victim).toStrictEqual({
      subjectId: VICTIM_ID,
      role: 'victim',
      pseudonym: 'S-7Q2K',
      personalData: null,
      erased: true,
      consents: [],
    });
  });

  it('records the closure', () => {
    expect(caseAfter(closed)).toMatchObject({
      status: 'closed',
      closedOn: CLOSED_ON,
      outcome: 'exploitation_stopped',
      closeRationale: 'Premises closed, workers in shelter.',
    });
  });

  it('clears the closure on reopening and keeps the history of reopenings', () => {
    const state = caseAfter([
      ...closed,
      caseReopened({ reopenedOn: '2024-05-22', reason: 'new_information' }),
      signalTriaged({ decidedOn: '2024-05-23', decision: 'start_care' }),
      caseClosed({ closedOn: '2024-05-24' }),
      caseReopened(),
    ]);
    expect(state).toMatchObject({ status: 'in_triage', closedOn: null, outcome: null, closeRationale: null });
    expect(state.reopenings).toStrictEqual([
      { reopenedOn: '2024-05-22', reason: 'new_information' },
      { reopenedOn: TODAY, reason: 'revictimization' },
    ]);
  });

  it('appends missed deadlines', () => {
    const state = caseAfter([
      ...inExecution,
      deadlineMissed(),
      deadlineMissed({ kind: 'proposal_decision', ref: PROPOSAL_ID }),
    ]);
    expect(state.missedDeadlines).toStrictEqual([
      { kind: 'effect_follow_up', dueOn: '2024-05-28', ref: INTERVENTION_ID },
      { kind: 'proposal_decision', dueOn: '2024-05-28', ref: PROPOSAL_ID },
    ]);
  });

  it('never changes the state or the event it is given', () => {
    const history: CaseEvent[] = [
      ...withExecutedIntervention,
      interventionEffectRecorded(),
      subjectAdded(),
      consentRecorded(),
      subjectPersonalDataErased(),
      deadlineMissed(),
      caseClosed(),
      caseReopened(),
    ];
    let state: CaseState = deepFreeze(initialState());
    for (const event of history) {
      const before = structuredClone(state);
      const next = evolve(state, deepFreeze(structuredClone(event)));
      expect(state).toStrictEqual(before);
      state = deepFreeze(next);
    }
  });

  it('gives the same state on every replay', () => {
    const history: CaseEvent[] = [
      ...closed,
      caseReopened(),
      subjectAdded(),
      consentRecorded(),
      subjectPersonalDataErased(),
      deadlineMissed(),
    ];
    expect(fold(history)).toStrictEqual(fold(history));
    expect(fold(JSON.parse(JSON.stringify(history)) as CaseEvent[])).toStrictEqual(fold(history));
  });
});

describe('decide and evolve together', () => {
  it('carry a case through its whole lifecycle', () => {
    const at = (day: string) => ({ today: day });
    const commands: CaseCommand[] = [
      commandOf(
        'RegisterSignal',
        {
          caseId: CASE_ID,
          reference: REFERENCE,
          district: DISTRICT,
          municipality: 'etten-leur',
          districtMunicipalities: DE_BARONIE,
          receivedOn: RECEIVED_ON,
          source: { type: 'labour_inspectorate' },
          forms: ['labour', 'criminal'],
          vulnerabilities: [],
          summary: 'Seasonal workers in poor housing.',
          subjects: [],
        },
        { actor: LIAISON, today: RECEIVED_ON },
      ),
      commandOf('AssignCoordinator', { coordinator: COORDINATOR, coordinatorDistricts: [DISTRICT] }, at('2024-03-05')),
      commandOf(
        'Triage',
        { decidedOn: TRIAGED_ON, urgency: 'normal', decision: 'refer_to_care_table', rationale: 'Care table.' },
        at(TRIAGED_ON),
      ),
      commandOf(
        'AddSubject',
        { subjectId: VICTIM_ID, role: 'victim', pseudonym: 'S-7Q2K', personalData: SEALED },
        at(TRIAGED_ON),
      ),
      commandOf(
        'RecordCareTableMeeting',
        { meetingId: 'm-1', heldOn: '2024-03-14', participants: ['labour_inspectorate'], conclusions: 'Propose.' },
        at('2024-03-14'),
      ),
      commandOf(
        'DraftProposal',
        {
          proposalId: PROPOSAL_ID,
          summary: 'Inspection.',
          measures: [{ type: 'labour_inspection', leadOrganisation: 'labour_inspectorate' }],
        },
        at('2024-03-15'),
      ),
      commandOf('SubmitProposal', { proposalId: PROPOSAL_ID, submittedOn: SUBMITTED_ON }, at(SUBMITTED_ON)),
      ...[
        { actor: STEERING_MEMBER, organisation: 'riec' },
        { actor: 'steering.de-baronie.nla', organisation: 'labour_inspectorate' },
      ].map(({ actor, organisation }) =>
        commandOf(
          'DecideProposal',
          {
            proposalId: PROPOSAL_ID,
            decidedOn: DECIDED_ON,
            decision: 'approved',
            organisation,
            districtMunicipalities: DE_BARONIE,
            interventionIds: ['i-approved'],
          },
          { actor, today: DECIDED_ON },
        ),
      ),
      commandOf(
        'PlanIntervention',
        {
          interventionId: INTERVENTION_ID,
          interventionType: 'labour_inspection',
          leadOrganisation: 'labour_inspectorate',
          plannedOn: PLANNED_ON,
        },
        at(PLANNED_ON),
      ),
      commandOf(
        'RecordInterventionExecuted',
        { interventionId: INTERVENTION_ID, executedOn: EXECUTED_ON },
        at('2024-04-05'),
      ),
      commandOf(
        'RecordInterventionEffect',
        { interventionId: INTERVENTION_ID, observedOn: OBSERVED_ON, effect: 'exploitation_stopped' },
        at(OBSERVED_ON),
      ),
      commandOf(
        'CloseCase',
        { closedOn: CLOSED_ON, outcome: 'exploitation_stopped', rationale: 'Stopped.' },
        at(CLOSED_ON),
      ),
      commandOf('EraseSubjectPersonalData', { subjectId: VICTIM_ID }, at(TODAY)),
      commandOf('ReopenCase', { reopenedOn: TODAY, reason: 'revictimization' }, at(TODAY)),
      commandOf(
        'RecordDeadlineMissed',
        { kind: 'triage', dueOn: TODAY, ref: 'reopening-1' },
        { actor: SYSTEM, today: TODAY },
      ),
    ];

    const history = commands.reduce<CaseEvent[]>(
      (events, command) => [...events, ...decide(command, fold(events))],
      [],
    );

    expect(history.map((e) => e.type)).toStrictEqual([
      'SignalRegistered',
      'CoordinatorAssigned',
      'SignalTriaged',
      'SubjectAdded',
      'CareTableMeetingRecorded',
      'ProposalDrafted',
      'ProposalSubmitted',
      'ProposalVoteCast',
      'ProposalVoteCast',
      'ProposalApproved',
      'InterventionPlanned',
      'InterventionPlanned',
      'InterventionExecuted',
      'InterventionEffectRecorded',
      'CaseClosed',
      'SubjectPersonalDataErased',
      'CaseReopened',
      'DeadlineMissed',
    ]);
    expect(caseAfter(history)).toMatchObject({
      status: 'in_triage',
      forms: ['labour', 'criminal'],
      source: { type: 'labour_inspectorate', organisation: null },
      subjects: [{ subjectId: VICTIM_ID, personalData: null, erased: true }],
      reopenings: [{ reopenedOn: TODAY, reason: 'revictimization' }],
    });
  });
});
