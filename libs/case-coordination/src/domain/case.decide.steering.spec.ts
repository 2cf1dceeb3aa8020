import fc from 'fast-check';
import { evolve, fold, type CaseEvent, type EventOf, type Measure, type OpenCase } from './case';
import { decide } from './case.decide';
import { caseDecider } from './case.decider';
import {
  AlreadyVoted,
  BusinessDateInFuture,
  CaseNotFound,
  DateBeforeDecision,
  DateBeforeSubmission,
  DuplicateId,
  FourEyesViolation,
  NoMeasures,
  ProposalAlreadyEvaluated,
  ProposalNotApproved,
  ProposalNotDrafted,
  ProposalNotFound,
  ProposalNotSubmitted,
  RevisitNotAfterDecision,
} from './case.errors';
import { INTERVENTION_LEVEL_BY_TYPE, INTERVENTION_TYPES, type SteeringVote } from './enumerations';
import { assentShortfall, isApproved } from './steering-decision';
import { DeciderSpecification } from './testing/specification';
import {
  atCareTable,
  awaitingSteeringGroup,
  caseClosed,
  commandOf,
  COORDINATOR,
  DE_BARONIE,
  DECIDED_ON,
  inExecution,
  interventionPlanned,
  MEASURES,
  OTHER_COORDINATOR,
  PROPOSAL_ID,
  proposalApproved,
  proposalDrafted,
  proposalEvaluated,
  proposalRejected,
  proposalRevised,
  proposalSubmitted,
  STEERING_MEMBER,
  SUBMITTED_ON,
  TODAY,
  TOMORROW,
  voteCast,
  withDraftedProposal,
} from './testing/case.fixtures';

const { given } = DeciderSpecification.for(caseDecider);

/** Members of the stuurploeg of De Baronie, each of one organisation. */
const RIEC = { actor: STEERING_MEMBER, organisation: 'riec' };
const POLICE = { actor: 'steering.de-baronie.politie', organisation: 'police_avim' };
const MAYOR = { actor: 'steering.de-baronie.gemeente', organisation: 'municipality:breda' };
const PROSECUTOR = { actor: 'steering.de-baronie.om', organisation: 'public_prosecutor' };
const INSPECTORATE = { actor: 'steering.de-baronie.nla', organisation: 'labour_inspectorate' };
const OTHER_DISTRICT_MAYOR = { actor: 'steering.zeeland.gemeente', organisation: 'municipality:middelburg' };
const INTERVENTION_IDS = ['i-1', 'i-2', 'i-3', 'i-4', 'i-5'];

type Member = { actor: string; organisation: string };
const vote = (
  member: Member,
  fields: {
    decision?: SteeringVote;
    rationale?: string;
    revisitOn?: string;
    conditions?: string;
    evaluateOn?: string;
    decidedOn?: string;
  } = {},
) =>
  commandOf(
    'DecideProposal',
    {
      proposalId: PROPOSAL_ID,
      decidedOn: DECIDED_ON,
      decision: 'approved',
      organisation: member.organisation,
      districtMunicipalities: DE_BARONIE,
      interventionIds: INTERVENTION_IDS,
      ...fields,
    },
    { actor: member.actor },
  );
const castBy = (member: Member, fields: Partial<EventOf<'ProposalVoteCast'>['data']> = {}) =>
  voteCast({ voter: member.actor, organisation: member.organisation, ...fields });

/** A submitted proposal with these measures. */
const submittedWith = (measures: Measure[]) => [...atCareTable, proposalDrafted({ measures }), proposalSubmitted()];
const CLOSURE_AND_INVESTIGATION: Measure[] = [
  { type: 'premises_closure', leadOrganisation: 'municipality:breda' },
  { type: 'criminal_investigation', leadOrganisation: 'public_prosecutor' },
];
const plannedFrom = (measures: Measure[], decidedOn = DECIDED_ON) =>
  measures.map(({ type, leadOrganisation }, i) =>
    interventionPlanned({
      interventionId: INTERVENTION_IDS[i],
      type,
      level: INTERVENTION_LEVEL_BY_TYPE[type],
      leadOrganisation,
      plannedOn: decidedOn,
      proposalId: PROPOSAL_ID,
    }),
  );

describe('DecideProposal: each member of the stuurploeg votes once', () => {
  it('records an assent and keeps the proposal submitted while the rule is not met (RIEC alone)', () => {
    given(awaitingSteeringGroup)
      .when(vote(RIEC))
      .then([castBy(RIEC)]);
  });

  it('approves once two members of two organisations assent and the competent one is among them, planning every measure', () => {
    given([...awaitingSteeringGroup, castBy(RIEC)])
      .when(vote(INSPECTORATE))
      .then([castBy(INSPECTORATE), proposalApproved(), ...plannedFrom(MEASURES)]);
  });

  it('keeps a closure and an investigation submitted with RIEC and the mayor, and approves when the prosecutor joins', () => {
    const history = submittedWith(CLOSURE_AND_INVESTIGATION);
    given([...history, castBy(RIEC)])
      .when(vote(MAYOR))
      .then([castBy(MAYOR)]);
    given([...history, castBy(RIEC), castBy(MAYOR)])
      .when(vote(PROSECUTOR))
      .then([castBy(PROSECUTOR), proposalApproved(), ...plannedFrom(CLOSURE_AND_INVESTIGATION)]);
  });

  it('does not count a mayor of another district as competent for an administrative measure', () => {
    const history = submittedWith(CLOSURE_AND_INVESTIGATION.slice(0, 1));
    given([...history, castBy(OTHER_DISTRICT_MAYOR)])
      .when(vote(RIEC))
      .then([castBy(RIEC)]);
    given([...history, castBy(RIEC)])
      .when(vote(MAYOR))
      .then([castBy(MAYOR), proposalApproved(), ...plannedFrom(CLOSURE_AND_INVESTIGATION.slice(0, 1))]);
  });

  it('needs two organisations for care-only measures: two members of one organisation do not suffice', () => {
    const care: Measure[] = [{ type: 'shelter_placement', leadOrganisation: 'shelter:sterk-huis' }];
    const secondRiec = { actor: 'steering2.de-baronie.riec', organisation: 'riec' };
    given([...submittedWith(care), castBy(RIEC)])
      .when(vote(secondRiec))
      .then([castBy(secondRiec)]);
    given([...submittedWith(care), castBy(RIEC)])
      .when(vote(POLICE))
      .then([castBy(POLICE), proposalApproved(), ...plannedFrom(care)]);
  });

  it('gathers the conditions of every assent and the earliest evaluation date in the approval', () => {
    given([...awaitingSteeringGroup, castBy(RIEC, { conditions: 'Report back in June.', evaluateOn: '2024-09-01' })])
      .when(vote(INSPECTORATE, { conditions: 'Involve the tax authority.', evaluateOn: '2024-07-01' }))
      .then([
        castBy(INSPECTORATE, { conditions: 'Involve the tax authority.', evaluateOn: '2024-07-01' }),
        proposalApproved({ conditions: 'Report back in June.\nInvolve the tax authority.', evaluateOn: '2024-07-01' }),
        ...plannedFrom(MEASURES),
      ]);
  });

  it('rejects at once on one rejection, and the case returns to where it was before submission', () => {
    given(awaitingSteeringGroup)
      .when(vote(RIEC, { decision: 'rejected', rationale: 'Ask the tax authority first.' }))
      .then([castBy(RIEC, { vote: 'rejected', rationale: 'Ask the tax authority first.' }), proposalRejected()]);
    const backInExecution = fold([
      ...inExecution,
      proposalDrafted({ proposalId: 'p-2' }),
      proposalSubmitted({ proposalId: 'p-2' }),
      proposalRejected({ proposalId: 'p-2' }),
    ]) as OpenCase;
    expect(backInExecution.status).toBe('in_execution');
    expect((fold([...awaitingSteeringGroup, proposalRejected()]) as OpenCase).status).toBe('at_care_table');
  });

  it('defers with a revisit date and keeps the proposal submitted; a later vote still counts', () => {
    given(awaitingSteeringGroup)
      .when(vote(RIEC, { decision: 'deferred', rationale: 'Wait for the inspection report.', revisitOn: '2024-04-15' }))
      .then([
        castBy(RIEC, { vote: 'deferred', rationale: 'Wait for the inspection report.', revisitOn: '2024-04-15' }),
      ]);
    const deferred = fold([
      ...awaitingSteeringGroup,
      castBy(RIEC, { vote: 'deferred', revisitOn: '2024-04-15' }),
    ]) as OpenCase;
    expect(deferred.proposals[0]).toMatchObject({ status: 'submitted', revisitOn: '2024-04-15' });
  });

  it('refuses a deferral without a revisit date after the vote', () => {
    given(awaitingSteeringGroup)
      .when(vote(RIEC, { decision: 'deferred', revisitOn: DECIDED_ON }))
      .thenThrows(RevisitNotAfterDecision);
    given(awaitingSteeringGroup)
      .when(vote(RIEC, { decision: 'deferred' }))
      .thenThrows(RevisitNotAfterDecision);
  });

  it('refuses a second vote of the same member (already-voted)', () => {
    given([...awaitingSteeringGroup, castBy(RIEC, { vote: 'deferred', revisitOn: '2024-04-15' })])
      .when(vote(RIEC))
      .thenThrows(AlreadyVoted);
  });

  it('refuses a vote by whoever drafted or submitted the proposal (four-eyes)', () => {
    given([...withDraftedProposal, proposalSubmitted({ submittedBy: OTHER_COORDINATOR })])
      .when(vote({ actor: COORDINATOR, organisation: 'care_coordinator' }))
      .thenThrows(FourEyesViolation, (error) => expect(error.message).toContain('drafted'));
    given([...withDraftedProposal, proposalSubmitted({ submittedBy: OTHER_COORDINATOR })])
      .when(vote({ actor: OTHER_COORDINATOR, organisation: 'care_coordinator' }))
      .thenThrows(FourEyesViolation, (error) => expect(error.message).toContain('submitted'));
  });

  it('refuses a vote on a proposal that is not submitted, unknown, or on no case', () => {
    given(withDraftedProposal).when(vote(RIEC)).thenThrows(ProposalNotSubmitted);
    given([...awaitingSteeringGroup, castBy(RIEC), proposalApproved()])
      .when(vote(POLICE))
      .thenThrows(ProposalNotSubmitted);
    given(awaitingSteeringGroup)
      .when({ ...vote(RIEC), proposalId: 'proposal-9' })
      .thenThrows(ProposalNotFound);
    given([]).when(vote(RIEC)).thenThrows(CaseNotFound);
  });

  it('refuses a vote dated before the submission or in the future', () => {
    given(awaitingSteeringGroup)
      .when(vote(RIEC, { decidedOn: '2024-03-17' }))
      .thenThrows(DateBeforeSubmission);
    given(awaitingSteeringGroup)
      .when(vote(RIEC, { decidedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
    given(awaitingSteeringGroup)
      .when(vote(RIEC, { decidedOn: SUBMITTED_ON }))
      .then([castBy(RIEC, { decidedOn: SUBMITTED_ON })]);
  });

  it('refuses an approval whose interventions would reuse an id', () => {
    given([...awaitingSteeringGroup, interventionPlanned({ interventionId: 'i-1' }), castBy(RIEC)])
      .when(vote(INSPECTORATE))
      .thenThrows(DuplicateId);
  });
});

describe('the decision rule as a property: no sequence of votes approves a proposal without its competent organisations', () => {
  const members = [
    RIEC,
    POLICE,
    MAYOR,
    PROSECUTOR,
    INSPECTORATE,
    OTHER_DISTRICT_MAYOR,
    { actor: 'steering.de-baronie.belastingdienst', organisation: 'tax_authority' },
    { actor: 'steering2.de-baronie.riec', organisation: 'riec' },
  ];
  const measure = fc.constantFrom(...INTERVENTION_TYPES).map((type): Measure => ({ type, leadOrganisation: 'riec' }));

  it('approves exactly when the rule holds, and never with a competent organisation missing', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(measure, { minLength: 1, maxLength: 4, selector: (m) => m.type }),
        fc.shuffledSubarray(members),
        (measures, voters) => {
          let history: CaseEvent[] = submittedWith(measures);
          const assents: Member[] = [];
          for (const member of voters) {
            const events = decide(vote(member), fold(history));
            history = [...history, ...events];
            assents.push(member);
            const approved = events.some((e) => e.type === 'ProposalApproved');
            const levels = measures.map((m) => INTERVENTION_LEVEL_BY_TYPE[m.type]);
            const shortfall = assentShortfall(
              levels,
              assents.map((a) => ({ username: a.actor, organisation: a.organisation })),
              DE_BARONIE,
            );
            expect(approved).toBe(isApproved(shortfall));
            if (approved) {
              for (const level of levels) {
                const competent = {
                  administrative: 'municipality:breda',
                  criminal: 'public_prosecutor',
                  fiscal: 'tax_authority',
                  labour_law: 'labour_inspectorate',
                }[level as string];
                if (competent) expect(assents.map((a) => a.organisation)).toContain(competent);
              }
              expect(new Set(assents.map((a) => a.organisation)).size).toBeGreaterThanOrEqual(2);
              break;
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('ReviseProposal', () => {
  const revise = (proposalId = PROPOSAL_ID, measures = MEASURES) =>
    commandOf('ReviseProposal', {
      proposalId,
      summary: 'Joint inspection, shelter and a premises closure.',
      steeringSummary: 'Closure of the car wash and a joint inspection.',
      measures,
    });

  it('revises a draft: its text and measures', () => {
    given(withDraftedProposal).when(revise()).then([proposalRevised()]);
    const revised = fold([
      ...withDraftedProposal,
      proposalRevised({ measures: CLOSURE_AND_INVESTIGATION }),
    ]) as OpenCase;
    expect(revised.proposals[0].measures.map((m) => m.level)).toEqual(['administrative', 'criminal']);
  });

  it('refuses to revise a submitted proposal, an unknown one, or one without measures', () => {
    given(awaitingSteeringGroup).when(revise()).thenThrows(ProposalNotDrafted);
    given(withDraftedProposal).when(revise('proposal-9')).thenThrows(ProposalNotFound);
    given(withDraftedProposal).when(revise(PROPOSAL_ID, [])).thenThrows(NoMeasures);
  });
});

describe('a measure of a type the administrator added to the intervention catalogue', () => {
  /** `closure_order` is no type of the code's: the handler passes the level the catalogue gives it. */
  const CLOSURE_ORDER = [
    { type: 'closure_order', leadOrganisation: 'municipality:breda', level: 'administrative' },
  ] as unknown as Measure[];

  it('is drafted with the level the catalogue gave it', () => {
    given(atCareTable)
      .when(
        commandOf('DraftProposal', {
          proposalId: PROPOSAL_ID,
          summary: 'Joint inspection and shelter for the workers.',
          measures: CLOSURE_ORDER,
        }),
      )
      .then([proposalDrafted({ measures: CLOSURE_ORDER })]);
    const drafted = fold([...atCareTable, proposalDrafted({ measures: CLOSURE_ORDER })]) as OpenCase;
    expect(drafted.proposals[0].measures.map((m) => m.level)).toEqual(['administrative']);
  });

  it("needs the assent of that level's competent organisation, and is planned with that level", () => {
    const history = submittedWith(CLOSURE_ORDER);
    given([...history, castBy(POLICE)])
      .when(vote(RIEC))
      .then([castBy(RIEC)]);
    given([...history, castBy(RIEC)])
      .when(vote(MAYOR))
      .then([
        castBy(MAYOR),
        proposalApproved(),
        interventionPlanned({
          interventionId: INTERVENTION_IDS[0],
          type: 'closure_order' as never,
          level: 'administrative',
          leadOrganisation: 'municipality:breda',
          plannedOn: DECIDED_ON,
          proposalId: PROPOSAL_ID,
        }),
      ]);
  });
});

describe('closing a case withdraws its draft', () => {
  it('records the withdrawal before the closure', () => {
    given([...inExecution, proposalDrafted({ proposalId: 'p-2' })])
      .when(commandOf('CloseCase', { closedOn: TODAY, outcome: 'exploitation_stopped', rationale: 'Done.' }))
      .then([
        {
          type: 'ProposalWithdrawn',
          data: { proposalId: 'p-2', reason: 'The case was closed.', withdrawnBy: COORDINATOR },
        },
        caseClosed({ closedOn: TODAY, rationale: 'Done.' }),
      ]);
  });
});

describe('EvaluateProposal', () => {
  const approved = [
    ...awaitingSteeringGroup,
    castBy(RIEC),
    castBy(INSPECTORATE),
    proposalApproved({ evaluateOn: '2024-05-01' }),
  ];
  const evaluate = (evaluatedOn = TODAY) =>
    commandOf('EvaluateProposal', {
      proposalId: PROPOSAL_ID,
      evaluatedOn,
      conclusion: 'The workers are safe; the car wash is closed.',
    });

  it('records the evaluation of an approved proposal once', () => {
    given(approved).when(evaluate()).then([proposalEvaluated()]);
    given([...approved, proposalEvaluated()])
      .when(evaluate())
      .thenThrows(ProposalAlreadyEvaluated);
  });

  it('refuses to evaluate a proposal that was not approved, before its approval, or in the future', () => {
    given(awaitingSteeringGroup).when(evaluate()).thenThrows(ProposalNotApproved);
    given(approved).when(evaluate('2024-03-20')).thenThrows(DateBeforeDecision);
    given(approved).when(evaluate(TOMORROW)).thenThrows(BusinessDateInFuture);
  });

  it('keeps the evaluation on the proposal', () => {
    const state = [...approved, proposalEvaluated()].reduce(evolve, null) as OpenCase;
    expect(state.proposals[0]).toMatchObject({
      evaluateOn: '2024-05-01',
      evaluation: { evaluatedOn: TODAY, evaluatedBy: COORDINATOR },
    });
  });
});
