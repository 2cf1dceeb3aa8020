import {
  CASE_ID,
  caseClosed,
  caseReopened,
  careTableMeetingRecorded,
  COORDINATOR,
  coordinatorAssigned,
  deadlineMissed,
  DISTRICT,
  interventionEffectRecorded,
  interventionExecuted,
  interventionPlanned,
  INTERVENTION_ID,
  OTHER_COORDINATOR,
  PROPOSAL_ID,
  proposalDecided,
  proposalDrafted,
  proposalSubmitted,
  REFERENCE,
  signalRegistered,
  signalTriaged,
  subjectAdded,
  actionPointAdded,
  actionPointCompleted,
  forwardFeedbackRecorded,
} from '../domain/testing/case.fixtures';
import { deadlineRules } from './deadline-rules';
import { createDeadlineWorkflow, type DeadlineOutput, type OpenedDeadline } from './deadlines.workflow';
import { input, WorkflowSpecification } from './testing/deadline.fixtures';
import { DEFAULT_DEADLINE_PERIODS, DutchPublicHolidays } from '@baken/platform';

const workflow = createDeadlineWorkflow(deadlineRules(DEFAULT_DEADLINE_PERIODS, new DutchPublicHolidays()));
const { given } = WorkflowSpecification.for(workflow);

const registered = input('registered', signalRegistered());
const assigned = input('assigned', coordinatorAssigned());
const triaged = input('triaged', signalTriaged());
const meeting = input('meeting', careTableMeetingRecorded());
const drafted = input('drafted', proposalDrafted());
const submitted = input('submitted', proposalSubmitted());
const decided = input('decided', proposalDecided());
const planned = input('planned', interventionPlanned());
const executed = input('executed', interventionExecuted());
const effect = input('effect', interventionEffectRecorded());
const closed = input('closed', caseClosed());
const reopened = input('reopened', caseReopened());

const inTriage = [registered, assigned];
const awaitingDecision = [...inTriage, triaged, meeting, drafted, submitted];
const withExecutedIntervention = [...awaitingDecision, decided, planned, executed];

/** The two outputs that start a deadline: the row for the work queue and the escalation job. */
function opens(
  deadlineId: string,
  kind: OpenedDeadline['kind'],
  ref: string,
  startedOn: string,
  dueOn: string,
  at: string,
  extra: Partial<OpenedDeadline> = {},
): DeadlineOutput[] {
  return [
    {
      type: 'Open',
      deadline: {
        deadlineId,
        kind,
        ref,
        dueOn,
        caseId: CASE_ID,
        reference: REFERENCE,
        district: DISTRICT,
        startedOn,
        coordinator: null,
        leadPartner: null,
        owner: null,
        ...extra,
      },
    },
    { type: 'Schedule', job: { deadlineId, caseId: CASE_ID, kind, ref, dueOn }, at: new Date(at) },
  ];
}

describe('the deadline workflow', () => {
  describe('triage', () => {
    it('opens a triage deadline 5 working days after receipt, escalated at midnight after it', () => {
      given([])
        .when(registered)
        .then(opens('registered', 'triage', CASE_ID, '2024-03-04', '2024-03-11', '2024-03-11T23:00:00.000Z'));
    });

    it('hands the triage deadline to the assigned coordinator, and to the next one on reassignment', () => {
      given([registered])
        .when(assigned)
        .then([{ type: 'Assign', deadlineId: 'registered', coordinator: COORDINATOR }]);
      given(inTriage)
        .when(
          input(
            'reassigned',
            coordinatorAssigned({ coordinator: OTHER_COORDINATOR, previousCoordinator: COORDINATOR }),
          ),
        )
        .then([{ type: 'Assign', deadlineId: 'registered', coordinator: OTHER_COORDINATOR }]);
    });

    it('completes the triage deadline when the signal is triaged, on the triage date', () => {
      given(inTriage)
        .when(triaged)
        .then([{ type: 'Complete', deadlineId: 'registered', outcome: 'done', on: '2024-03-07' }]);
      given(inTriage).when(triaged).thenOpen([]);
    });

    it('completes a triage deadline that was missed when the work is done late', () => {
      const missed = input('missed', deadlineMissed({ kind: 'triage', ref: CASE_ID, dueOn: '2024-03-11' }));
      given([...inTriage, missed])
        .when(input('late', signalTriaged({ decidedOn: '2024-03-20' })))
        .then([{ type: 'Complete', deadlineId: 'registered', outcome: 'done', on: '2024-03-20' }]);
    });

    it('opens a new triage deadline after a reopening, for the coordinator, as soon as the known urgency (high) asks', () => {
      given([...awaitingDecision, decided, closed])
        .when(reopened)
        .then(
          opens('reopened', 'triage', 'reopening-1', '2024-05-31', '2024-06-05', '2024-06-05T22:00:00.000Z', {
            coordinator: COORDINATOR,
          }),
        );
    });

    it('numbers the triage rounds of every reopening', () => {
      const round2 = input('reopened-2', caseReopened({ reopenedOn: '2024-06-03' }));
      const history = [
        ...inTriage,
        triaged,
        meeting,
        closed,
        reopened,
        input('triaged-2', signalTriaged({ decidedOn: '2024-05-31' })),
        input('closed-2', caseClosed({ closedOn: '2024-05-31' })),
      ];
      given(history)
        .when(round2)
        .then(
          opens('reopened-2', 'triage', 'reopening-2', '2024-06-03', '2024-06-06', '2024-06-06T22:00:00.000Z', {
            coordinator: COORDINATOR,
          }),
        );
    });
  });

  describe('triage by the urgency known at intake', () => {
    // Friday 27 November 2026: acute is due the next working day, high three, normal or unknown five.
    it.each([
      ['acute', '2026-11-30'],
      ['high', '2026-12-02'],
      ['normal', '2026-12-04'],
      [undefined, '2026-12-04'],
    ] as const)('a signal received on Friday 27 November 2026 with urgency %s is due %s', (urgency, dueOn) => {
      const signal = input(
        'friday',
        signalRegistered({ receivedOn: '2026-11-27', ...(urgency !== undefined && { urgency }) }),
      );
      given([])
        .when(signal)
        .then(opens('friday', 'triage', CASE_ID, '2026-11-27', dueOn, `${dueOn}T23:00:00.000Z`));
    });
  });

  describe('forward feedback', () => {
    const forward = input('forward', signalTriaged({ decision: 'forward', forwardedTo: 'police_avim' }));

    it('completes triage and waits 20 working days for the partner, for the coordinator and that partner', () => {
      given(inTriage)
        .when(forward)
        .then([
          { type: 'Complete', deadlineId: 'registered', outcome: 'done', on: '2024-03-07' },
          ...opens('forward', 'forward_feedback', 'forward-1', '2024-03-07', '2024-04-05', '2024-04-05T22:00:00.000Z', {
            coordinator: COORDINATOR,
            leadPartner: 'police_avim',
          }),
        ]);
    });

    it('is done when the feedback is recorded', () => {
      given([...inTriage, forward])
        .when(input('feedback', forwardFeedbackRecorded()))
        .then([{ type: 'Complete', deadlineId: 'forward', outcome: 'done', on: '2024-03-12' }]);
    });

    it('is cancelled when the case closes first', () => {
      given([...inTriage, forward])
        .when(closed)
        .then([{ type: 'Complete', deadlineId: 'forward', outcome: 'cancelled', on: '2024-05-20' }]);
    });
  });

  describe('action points', () => {
    const point = input('point', actionPointAdded());

    it('opens a deadline on the action point’s due date, for the owning organisation and the coordinator', () => {
      given([...inTriage, triaged, meeting])
        .when(point)
        .then(
          opens('point', 'action_point', 'action-point-1', '2024-03-28', '2024-03-28', '2024-03-28T23:00:00.000Z', {
            coordinator: COORDINATOR,
            leadPartner: 'labour_inspectorate',
          }),
        );
    });

    it('names the person owning an action point', () => {
      given([...inTriage, triaged, meeting])
        .when(input('point', actionPointAdded({ owner: 'nla.inspecteur', ownerKind: 'user' })))
        .then(
          opens('point', 'action_point', 'action-point-1', '2024-03-28', '2024-03-28', '2024-03-28T23:00:00.000Z', {
            coordinator: COORDINATOR,
            leadPartner: 'labour_inspectorate',
            owner: 'nla.inspecteur',
          }),
        );
    });

    it('is done when the action point is completed, late or not', () => {
      given([...inTriage, triaged, meeting, point])
        .when(input('completed', actionPointCompleted({ completedOn: '2024-04-02' })))
        .then([{ type: 'Complete', deadlineId: 'point', outcome: 'done', on: '2024-04-02' }]);
    });
  });

  describe('proposal decision', () => {
    it('opens a decision deadline 30 days after submission', () => {
      given([...inTriage, triaged, meeting, drafted])
        .when(submitted)
        .then(
          opens('submitted', 'proposal_decision', PROPOSAL_ID, '2024-03-18', '2024-04-17', '2024-04-17T22:00:00.000Z'),
        );
    });

    it('completes it when the steering group decides, approved or rejected', () => {
      given(awaitingDecision)
        .when(decided)
        .then([{ type: 'Complete', deadlineId: 'submitted', outcome: 'done', on: '2024-03-25' }]);
      given(awaitingDecision)
        .when(input('rejected', proposalDecided({ decision: 'rejected' })))
        .then([{ type: 'Complete', deadlineId: 'submitted', outcome: 'done', on: '2024-03-25' }]);
    });

    it('leaves the decision deadline alone when another proposal is decided', () => {
      given(awaitingDecision)
        .when(input('other', proposalDecided({ proposalId: 'proposal-2' })))
        .then([]);
    });
  });

  describe('effect follow-up', () => {
    it('opens a follow-up 56 days after execution, for the partner leading the intervention', () => {
      given([...awaitingDecision, decided, planned])
        .when(executed)
        .then(
          opens(
            'executed',
            'effect_follow_up',
            INTERVENTION_ID,
            '2024-04-02',
            '2024-05-28',
            '2024-05-28T22:00:00.000Z',
            { leadPartner: 'labour_inspectorate' },
          ),
        );
    });

    it('completes it at the first effect recorded', () => {
      given(withExecutedIntervention)
        .when(effect)
        .then([{ type: 'Complete', deadlineId: 'executed', outcome: 'done', on: '2024-04-16' }]);
      given([...withExecutedIntervention, effect])
        .when(input('effect-2', interventionEffectRecorded({ observedOn: '2024-05-01' })))
        .then([]);
    });
  });

  describe('closing and missing', () => {
    it('cancels every open deadline when the case closes', () => {
      const twoOpen = [...inTriage, triaged, meeting, drafted, submitted, planned, executed];
      given(twoOpen)
        .when(closed)
        .then([
          { type: 'Complete', deadlineId: 'submitted', outcome: 'cancelled', on: '2024-05-20' },
          { type: 'Complete', deadlineId: 'executed', outcome: 'cancelled', on: '2024-05-20' },
        ]);
      given(twoOpen).when(closed).thenOpen([]);
    });

    it('marks the deadline the system recorded as missed, and keeps it open until the work is done', () => {
      const missed = input('missed', deadlineMissed(), new Date('2024-05-29T00:00:01.000Z'));
      given(withExecutedIntervention)
        .when(missed)
        .then([{ type: 'RecordMissed', deadlineId: 'executed', at: new Date('2024-05-29T00:00:01.000Z') }]);
      given(withExecutedIntervention).when(missed).thenOpen(['executed']);
    });

    it('ignores a missed deadline that matches none it tracks (another due date)', () => {
      given(withExecutedIntervention)
        .when(input('missed', deadlineMissed({ dueOn: '2024-05-29' })))
        .then([]);
    });

    it('ignores events deadlines do not depend on, and events of a case it never saw registered', () => {
      given(inTriage).when(input('subject', subjectAdded())).then([]);
      given([]).when(triaged).then([]);
      given([]).when(triaged).thenOpen([]);
    });

    it('registers a case only once, even when the event is delivered again', () => {
      given([registered]).when(registered).then([]);
    });
  });

  it('gives the same deadlines when the events are replayed', () => {
    const history = [...withExecutedIntervention, effect, closed, reopened];
    const run = () =>
      history.reduce<{ state: ReturnType<typeof workflow.initialState>; outputs: DeadlineOutput[] }>(
        (acc, next) => {
          const step = workflow.process(acc.state, next);
          return { state: step.state, outputs: [...acc.outputs, ...step.outputs] };
        },
        { state: workflow.initialState(), outputs: [] },
      );
    expect(run()).toStrictEqual(run());
    expect(run().state?.open.map((d) => d.deadlineId)).toEqual(['reopened']);
  });
});
