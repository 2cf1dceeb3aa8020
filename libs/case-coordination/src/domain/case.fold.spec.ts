import fc from 'fast-check';
import { CASE_EVENT_TYPES, type CaseEvent, type CaseEventType, evolve, fold, type CaseState } from './case';
import {
  CLOSE_OUTCOMES,
  DEADLINE_KINDS,
  EFFECTS,
  INTERVENTION_LEVELS,
  INTERVENTION_TYPES,
  PARTNERS,
  PROPOSAL_DECISIONS,
  STEERING_VOTES,
  REOPEN_REASONS,
  SOURCE_TYPES,
  SECTORS,
  LINK_REASONS,
  SUBJECT_ROLES,
  TRIAGE_DECISIONS,
  URGENCIES,
  VULNERABILITIES,
  EXPLOITATION_FORMS,
} from './enumerations';
import {
  atCareTable,
  awaitingSteeringGroup,
  caseReopened,
  closed,
  consentRecorded,
  deadlineMissed,
  inExecution,
  inTriage,
  interventionEffectRecorded,
  registered,
  subjectAdded,
  subjectPersonalDataErased,
  withDraftedProposal,
  withExecutedIntervention,
  withPlannedIntervention,
} from './testing/case.fixtures';

const byEvolve = (events: readonly CaseEvent[]): CaseState => events.reduce<CaseState>(evolve, null);

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

/** Few ids and dates, so that events often refer to proposals, interventions and subjects that exist. */
const id = fc.constantFrom('a', 'b', 'c');
const date = fc.constantFrom('2024-03-04', '2024-04-01', '2024-05-20');
const text = fc.string({ maxLength: 8 });
/** Plain objects, as events are when read from the store (fast-check's records may have no prototype). */
const sealed = fc.option(
  fc.record({ alg: fc.constant('A256GCM'), iv: text, ciphertext: text, tag: text }, { noNullPrototype: true }),
  { nil: null },
);
const subset = <T>(values: readonly T[]) => fc.subarray([...values]);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Optional fields: absent, or present (undefined values are what `evolve` maps with `?? null`). */
const data = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T, optionalKeys: (keyof T)[] = []) =>
  fc.record(fields, {
    requiredKeys: Object.keys(fields).filter((k) => !optionalKeys.includes(k)) as never,
    noNullPrototype: true,
  });

const organisation = fc.constantFrom('riec', 'police_avim', 'municipality:breda', 'shelter:sterk-huis');
const measure = data({ type: fc.constantFrom(...INTERVENTION_TYPES), leadOrganisation: organisation });

const DATA: { [T in CaseEventType]: fc.Arbitrary<unknown> } = {
  SignalRegistered: data(
    {
      caseId: id,
      reference: text,
      district: text,
      municipality: text,
      receivedOn: date,
      source: data({ type: fc.constantFrom(...SOURCE_TYPES), organisation: text }, ['organisation']),
      forms: subset(EXPLOITATION_FORMS),
      vulnerabilities: subset(VULNERABILITIES),
      summary: text,
      subjects: fc.array(
        data({ subjectId: id, role: fc.constantFrom(...SUBJECT_ROLES), pseudonym: text, personalData: sealed }),
        { maxLength: 3 },
      ),
      registeredBy: text,
      urgency: optional(fc.constantFrom(...URGENCIES)),
    },
    ['urgency'],
  ),
  CaseReclassified: data(
    {
      decidedOn: date,
      forms: subset(EXPLOITATION_FORMS),
      vulnerabilities: subset(VULNERABILITIES),
      sector: optional(fc.constantFrom(...SECTORS)),
      rationale: text,
    },
    ['sector'],
  ),
  CaseLinked: data({
    linkedCaseId: id,
    linkedReference: text,
    reason: fc.constantFrom(...LINK_REASONS),
    linkedBy: text,
  }),
  CoordinatorAssigned: data({ coordinator: text, previousCoordinator: text }, ['previousCoordinator']),
  SignalTriaged: data(
    {
      decidedOn: date,
      urgency: fc.constantFrom(...URGENCIES),
      decision: fc.constantFrom(...TRIAGE_DECISIONS),
      rationale: text,
      forwardedTo: optional(fc.constantFrom(...PARTNERS)),
    },
    ['forwardedTo'],
  ),
  ForwardFeedbackRecorded: data(
    {
      receivedOn: date,
      feedback: fc.constantFrom('accepted', 'declined'),
      note: optional(text),
      recordedBy: text,
      organisation: fc.option(organisation, { nil: null }),
    },
    ['note'],
  ),
  CareTableMeetingRecorded: data(
    {
      meetingId: id,
      heldOn: date,
      participants: subset(PARTNERS),
      conclusions: text,
      victimInformed: optional(fc.boolean()),
      sessionId: optional(id),
    },
    ['victimInformed', 'sessionId'],
  ),
  ActionPointAdded: data(
    {
      actionPointId: id,
      meetingId: id,
      sessionId: optional(id),
      description: text,
      owner: text,
      ownerKind: fc.constantFrom('organisation', 'user'),
      ownerOrganisation: fc.option(organisation, { nil: null }),
      dueOn: date,
    },
    ['sessionId'],
  ),
  ActionPointCompleted: data({ actionPointId: id, completedOn: date, note: optional(text), completedBy: text }, [
    'note',
  ]),
  ProposalDrafted: data(
    {
      proposalId: id,
      summary: text,
      steeringSummary: optional(text),
      measures: fc.array(measure, { maxLength: 3 }),
      draftedBy: text,
    },
    ['steeringSummary'],
  ),
  ProposalRevised: data(
    {
      proposalId: id,
      summary: text,
      steeringSummary: optional(text),
      measures: fc.array(measure, { maxLength: 3 }),
      revisedBy: text,
    },
    ['steeringSummary'],
  ),
  ProposalVoteCast: data(
    {
      proposalId: id,
      vote: fc.constantFrom(...STEERING_VOTES),
      decidedOn: date,
      rationale: optional(text),
      revisitOn: optional(date),
      conditions: optional(text),
      evaluateOn: optional(date),
      voter: text,
      organisation: organisation,
    },
    ['rationale', 'revisitOn', 'conditions', 'evaluateOn'],
  ),
  ProposalApproved: data({ proposalId: id, decidedOn: date, conditions: optional(text), evaluateOn: optional(date) }, [
    'conditions',
    'evaluateOn',
  ]),
  ProposalRejected: data({ proposalId: id, decidedOn: date, rationale: text }),
  ProposalEvaluated: data({ proposalId: id, evaluatedOn: date, conclusion: text, evaluatedBy: text }),
  ProposalSubmitted: data({ proposalId: id, submittedOn: date, submittedBy: text }),
  ProposalWithdrawn: data({ proposalId: id, reason: text, withdrawnBy: text }),
  ProposalDecided: data(
    {
      proposalId: id,
      decidedOn: date,
      decision: fc.constantFrom(...PROPOSAL_DECISIONS),
      notes: optional(text),
      decidedBy: text,
    },
    ['notes'],
  ),
  InterventionPlanned: data(
    {
      interventionId: id,
      type: fc.constantFrom(...INTERVENTION_TYPES),
      level: fc.constantFrom(...INTERVENTION_LEVELS),
      leadOrganisation: organisation,
      participants: fc.array(organisation, { maxLength: 3 }),
      plannedOn: date,
      description: optional(text),
      proposalId: optional(id),
    },
    ['description', 'proposalId'],
  ),
  InterventionExecuted: data({ interventionId: id, executedOn: date, notes: optional(text) }, ['notes']),
  InterventionCancelled: data({ interventionId: id, cancelledOn: date, reason: text, cancelledBy: text }),
  InterventionEffectRecorded: data(
    { interventionId: id, observedOn: date, effect: fc.constantFrom(...EFFECTS), description: optional(text) },
    ['description'],
  ),
  SubjectAdded: data({ subjectId: id, role: fc.constantFrom(...SUBJECT_ROLES), pseudonym: text, personalData: sealed }),
  ConsentRecorded: data({ subjectId: id, scope: text, given: fc.boolean(), recordedOn: date }),
  SubjectPersonalDataErased: data({ subjectId: id }),
  SubjectDisclosed: data({ interventionId: id, subjectId: id, reason: text, disclosedBy: text }),
  SubjectDisclosureRevoked: data({ interventionId: id, subjectId: id, revokedBy: text }),
  NarrativeRedacted: data({
    subjectId: id,
    texts: fc.array(data({ version: fc.nat(), field: text, text }), { maxLength: 3 }),
  }),
  CaseClosed: data({ closedOn: date, outcome: fc.constantFrom(...CLOSE_OUTCOMES), rationale: text }),
  CaseReopened: data({ reopenedOn: date, reason: fc.constantFrom(...REOPEN_REASONS) }),
  DeadlineMissed: data({ kind: fc.constantFrom(...DEADLINE_KINDS), dueOn: date, ref: id }),
};

const eventOf = (type: CaseEventType) => DATA[type].map((d) => ({ type, data: d }) as CaseEvent);
const anyEvent = fc.oneof(...CASE_EVENT_TYPES.map(eventOf));
/** Mostly histories of a registered case; sometimes none, or a second registration in the middle. */
const history = fc
  .tuple(fc.option(eventOf('SignalRegistered'), { freq: 8 }), fc.array(anyEvent, { maxLength: 40 }))
  .map(([first, rest]) => (first ? [first, ...rest] : rest));

describe('fold', () => {
  it('gives the state that folding with evolve gives, for every lifecycle phase', () => {
    const phases = [
      [],
      registered,
      inTriage,
      atCareTable,
      withDraftedProposal,
      awaitingSteeringGroup,
      inExecution,
      withPlannedIntervention,
      withExecutedIntervention,
      closed,
      [...closed, caseReopened()],
      [
        ...withExecutedIntervention,
        interventionEffectRecorded(),
        interventionEffectRecorded({ effect: 'victim_safe' }),
        deadlineMissed(),
      ],
      [
        ...atCareTable,
        subjectAdded(),
        consentRecorded(),
        consentRecorded({ given: false }),
        subjectPersonalDataErased(),
      ],
    ];
    for (const events of phases) expect(fold(events)).toStrictEqual(byEvolve(events));
  });

  it('gives the state that folding with evolve gives, for random histories over every event type', () => {
    fc.assert(
      fc.property(history, (events) => {
        expect(fold(events)).toStrictEqual(byEvolve(events));
      }),
      { numRuns: 3000 },
    );
  });

  it('covers every event type in those histories', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(history, (events) => void events.forEach((e) => seen.add(e.type))),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it('changes no event, and shares no list with them: a state it returns can be changed without touching the log', () => {
    fc.assert(
      fc.property(history, (events) => {
        const frozen = deepFreeze(structuredClone(events));
        const state = fold(frozen);
        expect(frozen).toEqual(events);
        if (state === null) return;
        state.forms.push('unknown');
        state.careTableMeetings.forEach((m) => m.participants.push('other'));
        state.interventions.forEach((i) => i.participants.push('other'));
        state.proposals.forEach((p) => p.measures.push({ type: 'other', level: 'other', leadOrganisation: 'riec' }));
        state.proposals.forEach((p) => p.votes.push(p.votes[0]));
        state.subjects.forEach((s) => s.consents.push({ scope: 'x', given: true, recordedOn: '2024-01-01' }));
        expect(frozen).toEqual(events);
      }),
      { numRuns: 500 },
    );
  });

  it('folds on from a given state without changing it, as evolve does', () => {
    fc.assert(
      fc.property(history, fc.array(anyEvent, { maxLength: 20 }), (before, after) => {
        const from = deepFreeze(fold(before));
        expect(fold(after, from)).toStrictEqual(after.reduce<CaseState>(evolve, from));
      }),
      { numRuns: 500 },
    );
  });

  it('starts from nothing on every call: two folds share no state', () => {
    const first = fold(atCareTable);
    const second = fold(atCareTable);
    expect(second).not.toBe(first);
    first!.careTableMeetings.push(first!.careTableMeetings[0]);
    expect(second!.careTableMeetings).toHaveLength(1);
  });
});
