import {
  ACTION_POINT_ID,
  actionPointAdded,
  actionPointCompleted,
  CASE_ID,
  COORDINATOR,
  coordinatorAssigned,
  deadlineMissed,
  DISTRICT,
  forwardFeedbackRecorded,
  input,
  interventionPlanned,
  NotificationSpecification,
  OTHER_COORDINATOR,
  PROPOSAL_ID,
  proposalSubmitted,
  signalRegistered,
  signalTriaged,
} from '../testing/notification.fixtures';
import { createNotificationRules, recipientKey, type Notice, type Recipient } from './notification-rules';

const rules = createNotificationRules({ chairOrganisation: 'riec' });
const { given } = NotificationSpecification.for(rules);

const registered = input(signalRegistered());
const assigned = input(coordinatorAssigned());

const districtCoordinators: Recipient = { kind: 'role', role: 'coordinator', district: DISTRICT, organisation: null };
const assignedCoordinator: Recipient = { kind: 'user', username: COORDINATOR, organisation: null };
const chair: Recipient = { kind: 'role', role: 'steering_group', district: DISTRICT, organisation: 'riec' };
const organisation = (id: string): Recipient => ({ kind: 'organisation', organisation: id });
const missed = (deadlineKind: string, dueOn = '2026-12-04') => ({
  kind: 'deadline_missed' as const,
  deadlineKind,
  dueOn,
});
const notices = (subject: Notice['subject'], ...recipients: Recipient[]): Notice[] =>
  recipients.map((recipient) => ({ recipient, subject }));

describe('who is told of a missed deadline', () => {
  it('tells every coordinator of the district while nobody is assigned', () => {
    given([registered])
      .when(input(deadlineMissed(), 'system'))
      .then(notices(missed('triage'), districtCoordinators));
  });

  it('tells only the assigned coordinator once one is', () => {
    given([registered, assigned])
      .when(input(deadlineMissed(), 'system'))
      .then(notices(missed('triage'), assignedCoordinator));
  });

  it('tells the coordinator assigned last', () => {
    given([registered, assigned, input(coordinatorAssigned({ coordinator: OTHER_COORDINATOR }))])
      .when(input(deadlineMissed(), 'system'))
      .then(notices(missed('triage'), { kind: 'user', username: OTHER_COORDINATOR, organisation: null }));
  });

  it.each(['proposal_decision', 'proposal_revisit'])(
    'tells the coordinator and the stuurploeg’s chair when the %s deadline passes',
    (kind) => {
      given([registered, assigned])
        .when(input(deadlineMissed({ kind, ref: PROPOSAL_ID, dueOn: '2026-12-02' }), 'system'))
        .then(notices(missed(kind, '2026-12-02'), assignedCoordinator, chair));
    },
  );

  it('names the configured chair organisation', () => {
    const other = NotificationSpecification.for(createNotificationRules({ chairOrganisation: 'public_prosecutor' }));
    other
      .given([registered])
      .when(input(deadlineMissed({ kind: 'proposal_decision', ref: PROPOSAL_ID }), 'system'))
      .then(
        notices(missed('proposal_decision'), districtCoordinators, {
          ...chair,
          organisation: 'public_prosecutor',
        }),
      );
  });

  it.each(['effect_follow_up', 'proposal_evaluation', 'forward_feedback'])(
    'tells only the coordinator when the %s deadline passes',
    (kind) => {
      given([registered, assigned])
        .when(input(deadlineMissed({ kind, ref: 'x' }), 'system'))
        .then(notices(missed(kind), assignedCoordinator));
    },
  );

  it('tells the coordinator and the organisation that owns an overdue action point', () => {
    given([registered, assigned, input(actionPointAdded())])
      .when(input(deadlineMissed({ kind: 'action_point', ref: ACTION_POINT_ID }), 'system'))
      .then(notices(missed('action_point'), assignedCoordinator, organisation('municipality:breda')));
  });

  it('tells the person who owns an overdue action point, with the organisation they act for', () => {
    const owned = actionPointAdded({
      owner: 'partner.opvang',
      ownerKind: 'user',
      ownerOrganisation: 'shelter:sterk-huis',
    });
    given([registered, assigned, input(owned)])
      .when(input(deadlineMissed({ kind: 'action_point', ref: ACTION_POINT_ID }), 'system'))
      .then(
        notices(missed('action_point'), assignedCoordinator, {
          kind: 'user',
          username: 'partner.opvang',
          organisation: 'shelter:sterk-huis',
        }),
      );
  });

  it('tells an action point’s owner only once when the owner is the coordinator', () => {
    const owned = actionPointAdded({ owner: COORDINATOR, ownerKind: 'user', ownerOrganisation: 'care_coordinator' });
    given([registered, assigned, input(owned)])
      .when(input(deadlineMissed({ kind: 'action_point', ref: ACTION_POINT_ID }), 'system'))
      .then(notices(missed('action_point'), assignedCoordinator));
  });

  it('forgets the owner of a completed action point', () => {
    const state = [registered, input(actionPointAdded()), input(actionPointCompleted())].reduce(rules.evolve, null);
    expect(state?.actionPoints).toEqual({});
  });

  it('tells nobody about a case it never saw registered', () => {
    given([]).when(input(deadlineMissed(), 'system')).then([]);
  });
});

describe('who is told of work handed to them', () => {
  it('tells the coordinator a case is assigned to them', () => {
    given([registered])
      .when(input(coordinatorAssigned()))
      .then(notices({ kind: 'coordinator_assigned' }, assignedCoordinator));
  });

  it('does not tell a coordinator who took the case themselves', () => {
    given([registered]).when(input(coordinatorAssigned(), COORDINATOR)).then([]);
  });

  it('tells the organisation a triage forwards the case to', () => {
    given([registered, assigned])
      .when(input(signalTriaged({ decision: 'forward', forwardedTo: 'veilig_thuis' })))
      .then(notices({ kind: 'case_forwarded' }, organisation('veilig_thuis')));
  });

  it.each(['refer_to_care_table', 'start_care', 'no_further_action'])('tells nobody of a triage to %s', (decision) => {
    given([registered, assigned])
      .when(input(signalTriaged({ decision })))
      .then([]);
  });

  it('tells the coordinator what the partner answered to a forwarded case', () => {
    given([registered, assigned])
      .when(input(forwardFeedbackRecorded({ feedback: 'declined' }), 'partner.someone'))
      .then(notices({ kind: 'forward_feedback_recorded', feedback: 'declined' }, assignedCoordinator));
  });

  it("tells the district's steering group of a proposal put to it", () => {
    given([registered, assigned])
      .when(input(proposalSubmitted()))
      .then(
        notices(
          { kind: 'proposal_submitted', submittedOn: '2026-11-02' },
          { kind: 'role', role: 'steering_group', district: DISTRICT, organisation: null },
        ),
      );
  });

  it('tells the lead and every other organisation taking part in a planned intervention', () => {
    const planned = interventionPlanned({
      leadOrganisation: 'labour_inspectorate',
      participants: ['police_avim', 'labour_inspectorate', 'municipality:breda'],
    });
    const about = (part: 'lead' | 'participant') => ({
      kind: 'intervention_planned' as const,
      interventionType: 'labour_inspection',
      plannedOn: '2026-12-10',
      part,
    });
    given([registered, assigned])
      .when(input(planned))
      .then([
        { recipient: organisation('labour_inspectorate'), subject: about('lead') },
        { recipient: organisation('police_avim'), subject: about('participant') },
        { recipient: organisation('municipality:breda'), subject: about('participant') },
      ]);
  });

  it('tells the owner of a new action point, an organisation or a person', () => {
    given([registered, assigned])
      .when(input(actionPointAdded()))
      .then(notices({ kind: 'action_point_added', dueOn: '2026-12-15' }, organisation('municipality:breda')));
    given([registered, assigned])
      .when(
        input(
          actionPointAdded({ owner: 'partner.opvang', ownerKind: 'user', ownerOrganisation: 'shelter:sterk-huis' }),
        ),
      )
      .then(
        notices(
          { kind: 'action_point_added', dueOn: '2026-12-15' },
          { kind: 'user', username: 'partner.opvang', organisation: 'shelter:sterk-huis' },
        ),
      );
  });

  it.each([signalRegistered(), actionPointCompleted()])('tells nobody of $type', (event) => {
    given([registered, assigned]).when(input(event)).then([]);
  });
});

describe('the state the rules keep', () => {
  it('keeps a case’s reference, district and coordinator, and is not changed by a second registration', () => {
    const state = [registered, assigned, input(signalRegistered({ reference: 'OTHER', district: 'zeeland' }))].reduce(
      rules.evolve,
      null,
    );
    expect(state).toEqual({
      caseId: CASE_ID,
      reference: 'ZWB-2026-00012',
      district: DISTRICT,
      coordinator: COORDINATOR,
      actionPoints: {},
    });
  });
});

describe('recipient keys', () => {
  it('tell every kind of recipient apart, the chair from the whole steering group too', () => {
    const keys = [
      assignedCoordinator,
      districtCoordinators,
      chair,
      { ...chair, organisation: null },
      organisation('riec'),
      { kind: 'user', username: 'riec', organisation: null },
    ].map((r) => recipientKey(r as Recipient));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
