import { caseDecider } from './case.decider';
import {
  ActionPointAlreadyCompleted,
  ActionPointNotFound,
  BusinessDateInFuture,
  CaseStatusForbidsCommand,
  DateTooEarly,
  DueBeforeMeeting,
  DuplicateId,
  ForwardFeedbackAlreadyRecorded,
  InterventionAlreadyExecuted,
  InterventionCancelled,
} from './case.errors';
import { DeciderSpecification } from './testing/specification';
import {
  ACTION_POINT_ID,
  CLOSED_ON,
  COORDINATOR,
  DUE_ON,
  EXECUTED_ON,
  FEEDBACK_ON,
  HELD_ON,
  INTERVENTION_ID,
  SESSION_ID,
  TODAY,
  TOMORROW,
  TRIAGED_ON,
  actionPointAdded,
  actionPointCompleted,
  atCareTable,
  careTableMeetingRecorded,
  caseClosed,
  closed,
  commandOf,
  type CommandFields,
  forwardFeedbackRecorded,
  forwarded,
  interventionCancelled,
  withActionPoint,
  withExecutedIntervention,
  withPlannedIntervention,
} from './testing/case.fixtures';

const { given } = DeciderSpecification.for(caseDecider);

const PARTNER = 'user-police-avim';

describe('RecordForwardFeedback', () => {
  const feedback = (fields: Partial<CommandFields<'RecordForwardFeedback'>> = {}, actor = COORDINATOR) =>
    commandOf(
      'RecordForwardFeedback',
      { receivedOn: FEEDBACK_ON, feedback: 'accepted', organisation: 'care_coordinator', ...fields },
      { actor },
    );

  it('records the partner accepting the case; the case stays forwarded', () => {
    given(forwarded).when(feedback()).then([forwardFeedbackRecorded()]);
  });

  it('records who answered, with a note', () => {
    given(forwarded)
      .when(feedback({ feedback: 'declined', note: 'No capacity.', organisation: 'police_avim' }, PARTNER))
      .then([
        forwardFeedbackRecorded({
          feedback: 'declined',
          note: 'No capacity.',
          recordedBy: PARTNER,
          organisation: 'police_avim',
        }),
      ]);
  });

  it('records the feedback once per forwarding', () => {
    given([...forwarded, forwardFeedbackRecorded()])
      .when(feedback())
      .thenThrows(ForwardFeedbackAlreadyRecorded);
  });

  it('takes feedback again after a declined case was forwarded anew', () => {
    given([...forwarded, forwardFeedbackRecorded({ feedback: 'declined' }), ...forwarded.slice(-1)])
      .when(feedback({ receivedOn: TODAY }))
      .then([forwardFeedbackRecorded({ receivedOn: TODAY })]);
  });

  it('refuses feedback on a case that was not forwarded', () => {
    given(atCareTable).when(feedback()).thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses feedback dated before the forwarding', () => {
    given(forwarded)
      .when(feedback({ receivedOn: '2024-03-06' }))
      .thenThrows(DateTooEarly);
  });

  it('refuses feedback dated in the future', () => {
    given(forwarded)
      .when(feedback({ receivedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });
});

describe('CloseCase of a forwarded case', () => {
  it('closes it as forwarded once the partner has reported back', () => {
    given([...forwarded, forwardFeedbackRecorded()])
      .when(
        commandOf('CloseCase', { closedOn: CLOSED_ON, outcome: 'forwarded', rationale: 'Taken over by the police.' }),
      )
      .then([caseClosed({ outcome: 'forwarded', rationale: 'Taken over by the police.' })]);
  });
});

describe('RecordCareTableMeeting with action points', () => {
  const point = {
    actionPointId: ACTION_POINT_ID,
    description: 'Check the workers’ housing with the municipality.',
    owner: 'labour_inspectorate',
    ownerKind: 'organisation' as const,
    ownerOrganisation: 'labour_inspectorate',
    dueOn: DUE_ON,
  };
  const meeting = (fields: Partial<CommandFields<'RecordCareTableMeeting'>> = {}) =>
    commandOf('RecordCareTableMeeting', {
      meetingId: 'meeting-2',
      heldOn: HELD_ON,
      participants: ['police_avim', 'labour_inspectorate', 'municipality'],
      conclusions: 'Inspect the premises jointly.',
      sessionId: SESSION_ID,
      actionPoints: [point],
      ...fields,
    });

  it('records the meeting of the session and one event per action point', () => {
    given(atCareTable)
      .when(meeting())
      .then([
        careTableMeetingRecorded({ meetingId: 'meeting-2', sessionId: SESSION_ID }),
        actionPointAdded({ meetingId: 'meeting-2', sessionId: SESSION_ID }),
      ]);
  });

  it('gives an action point owned by a person its owner’s organisation', () => {
    const personal = { ...point, owner: 'nla.inspecteur', ownerKind: 'user' as const };
    given(atCareTable)
      .when(meeting({ sessionId: undefined, actionPoints: [personal] }))
      .then([
        careTableMeetingRecorded({ meetingId: 'meeting-2' }),
        actionPointAdded({ meetingId: 'meeting-2', owner: 'nla.inspecteur', ownerKind: 'user' }),
      ]);
  });

  it('accepts an action point due already (recorded late): its deadline will be missed', () => {
    given(atCareTable)
      .when(meeting({ actionPoints: [{ ...point, dueOn: HELD_ON }] }))
      .then([
        careTableMeetingRecorded({ meetingId: 'meeting-2', sessionId: SESSION_ID }),
        actionPointAdded({ meetingId: 'meeting-2', sessionId: SESSION_ID, dueOn: HELD_ON }),
      ]);
  });

  it('refuses an action point due before the meeting', () => {
    given(atCareTable)
      .when(meeting({ actionPoints: [{ ...point, dueOn: '2024-03-13' }] }))
      .thenThrows(DueBeforeMeeting);
  });

  it('refuses an action point id used before', () => {
    given(withActionPoint).when(meeting()).thenThrows(DuplicateId);
  });

  it('refuses two action points with one id', () => {
    given(atCareTable)
      .when(meeting({ actionPoints: [point, point] }))
      .thenThrows(DuplicateId);
  });
});

describe('CompleteActionPoint', () => {
  const complete = (fields: Partial<CommandFields<'CompleteActionPoint'>> = {}, actor = COORDINATOR) =>
    commandOf('CompleteActionPoint', { actionPointId: ACTION_POINT_ID, completedOn: TODAY, ...fields }, { actor });

  it('completes an open action point', () => {
    given(withActionPoint).when(complete()).then([actionPointCompleted()]);
  });

  it('records who completed it, and a note', () => {
    given(withActionPoint)
      .when(complete({ note: 'Housing inspected.' }, PARTNER))
      .then([actionPointCompleted({ note: 'Housing inspected.', completedBy: PARTNER })]);
  });

  it('completes an action point of a closed case: the work agreed may end later', () => {
    given([...withActionPoint, caseClosed()])
      .when(complete())
      .then([actionPointCompleted()]);
  });

  it('refuses completing it twice', () => {
    given([...withActionPoint, actionPointCompleted()])
      .when(complete())
      .thenThrows(ActionPointAlreadyCompleted);
  });

  it('refuses an action point that is not part of the case', () => {
    given(withActionPoint)
      .when(complete({ actionPointId: 'elsewhere' }))
      .thenThrows(ActionPointNotFound);
  });

  it('refuses a completion before the meeting that agreed it', () => {
    given(withActionPoint)
      .when(complete({ completedOn: '2024-03-13' }))
      .thenThrows(DateTooEarly);
  });

  it('refuses a completion in the future', () => {
    given(withActionPoint)
      .when(complete({ completedOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });
});

describe('CancelIntervention', () => {
  const cancel = (fields: Partial<CommandFields<'CancelIntervention'>> = {}) =>
    commandOf('CancelIntervention', {
      interventionId: INTERVENTION_ID,
      cancelledOn: TODAY,
      reason: 'The business closed before the inspection.',
      ...fields,
    });

  it('cancels a planned intervention with a reason', () => {
    given(withPlannedIntervention).when(cancel()).then([interventionCancelled()]);
  });

  it('refuses cancelling an executed intervention', () => {
    given(withExecutedIntervention).when(cancel()).thenThrows(InterventionAlreadyExecuted);
  });

  it('refuses cancelling twice', () => {
    given([...withPlannedIntervention, interventionCancelled()])
      .when(cancel())
      .thenThrows(InterventionCancelled);
  });

  it('refuses a cancellation dated in the future', () => {
    given(withPlannedIntervention)
      .when(cancel({ cancelledOn: TOMORROW }))
      .thenThrows(BusinessDateInFuture);
  });

  it('refuses cancelling on a closed case', () => {
    given([...withPlannedIntervention, caseClosed()])
      .when(cancel())
      .thenThrows(CaseStatusForbidsCommand);
  });

  it('refuses executing a cancelled intervention', () => {
    given([...withPlannedIntervention, interventionCancelled()])
      .when(commandOf('RecordInterventionExecuted', { interventionId: INTERVENTION_ID, executedOn: EXECUTED_ON }))
      .thenThrows(InterventionCancelled);
  });
});

describe('the forwarded case in the lifecycle', () => {
  it('offers feedback and closure while forwarded, triage again after a decline', () => {
    given(forwarded)
      .when(commandOf('RecordForwardFeedback', { receivedOn: TRIAGED_ON, feedback: 'declined', organisation: null }))
      .then([forwardFeedbackRecorded({ receivedOn: TRIAGED_ON, feedback: 'declined', organisation: null })]);
    given([...forwarded, forwardFeedbackRecorded({ feedback: 'declined' })])
      .when(
        commandOf('Triage', {
          decidedOn: TODAY,
          urgency: 'high',
          decision: 'refer_to_care_table',
          rationale: 'Back with us.',
        }),
      )
      .then([
        {
          type: 'SignalTriaged',
          data: { decidedOn: TODAY, urgency: 'high', decision: 'refer_to_care_table', rationale: 'Back with us.' },
        },
      ]);
  });

  it('leaves nothing to triage on a closed case', () => {
    given(closed)
      .when(commandOf('RecordForwardFeedback', { receivedOn: TODAY, feedback: 'accepted', organisation: null }))
      .thenThrows(CaseStatusForbidsCommand);
  });
});
