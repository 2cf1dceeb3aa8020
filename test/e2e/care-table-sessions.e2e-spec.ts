import { COORDINATOR, driveCase, ok, registerSignal, type CaseHandle } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient } from './support/test-app';

interface Task {
  caseId: string;
  kind: string;
  dueOn: string;
  overdue: boolean;
  actionPointId?: string;
  description?: string;
}

async function waitFor(check: () => Promise<boolean>, message: string, timeoutMs = 50_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${message} (waited ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The Zorgtafel as a session (DOMAIN.md "Care-table sessions and action points"), with the deadline workflow and its
 * escalations running in-process. Today is Monday 16 March 2026; next week's session is on Monday 23 March.
 */
describe('care-table sessions and action points', () => {
  const app = useTestApp({ env: { BAKEN_RUN_WORKERS: 'true', BAKEN_SUBSCRIPTION_POLL_MS: '100' } });
  let coordinator: ApiClient;
  let inspectorate: ApiClient;
  let first: CaseHandle;
  let second: CaseHandle;
  let sessionId: string;

  const tasksOf = async (client: ApiClient) =>
    ok(await client.get('/api/me/tasks'), 200, `tasks of ${client.username}`).body.items as Task[];

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    inspectorate = await app().as('partner.labour-inspectorate');
    first = await driveCase(app(), 'at_care_table');
    second = await driveCase(app(), 'at_care_table');
  }, 60_000);

  it('plans a session for next week with two cases, and lists it', async () => {
    const res = ok(
      await coordinator.post('/api/care-table-sessions', {
        district: 'de-baronie',
        plannedOn: '2026-03-23',
        invitees: ['labour_inspectorate', 'police_avim', 'municipality:breda'],
        caseIds: [first.caseId, second.caseId],
      }),
      201,
      'plan',
    );
    sessionId = res.body.sessionId;
    const list = ok(await coordinator.get('/api/care-table-sessions?district=de-baronie'), 200, 'list').body.items;
    expect(list).toContainEqual({
      sessionId,
      district: 'de-baronie',
      plannedOn: '2026-03-23',
      invitees: ['labour_inspectorate', 'police_avim', 'municipality:breda'],
      caseCount: 2,
      discussedCount: 0,
      plannedBy: COORDINATOR,
    });
    const session = ok(await coordinator.get(`/api/care-table-sessions/${sessionId}`), 200, 'session').body;
    expect(session.agenda.map((a: { caseId: string }) => a.caseId)).toEqual([first.caseId, second.caseId]);
    expect(session.agenda[0]).toMatchObject({ status: 'at_care_table', outcome: null });
  });

  it('refuses a case of another district on the agenda, and planning by anyone but a coordinator of the district', async () => {
    const foreign = '00000000-0000-4000-8000-000000000000';
    expectProblem(
      await coordinator.post('/api/care-table-sessions', {
        district: 'de-baronie',
        plannedOn: '2026-03-23',
        caseIds: [first.caseId, foreign],
      }),
      400,
      'caseIds.1',
    );
    const other = await app().as('coordinator.zeeland');
    expect(
      (await other.post('/api/care-table-sessions', { district: 'de-baronie', plannedOn: '2026-03-23' })).status,
    ).toBe(403);
    expect((await inspectorate.get('/api/care-table-sessions')).status).toBe(403);
    expect((await other.get(`/api/care-table-sessions/${sessionId}`)).status).toBe(404);
  });

  it('records an outcome with an action point for the labour inspectorate: in its work queue until completed', async () => {
    const res = ok(
      await coordinator.post(`/api/care-table-sessions/${sessionId}/cases/${first.caseId}/outcome`, {
        heldOn: '2026-03-16',
        participants: ['labour_inspectorate', 'police_avim'],
        conclusions: 'Inspect the premises jointly.',
        victimInformed: true,
        actionPoints: [{ description: 'Inspect the car wash', owner: 'labour_inspectorate', dueOn: '2026-03-27' }],
      }),
      201,
      'outcome',
    );
    const [actionPointId] = res.body.actionPointIds as string[];
    expect(actionPointId).toMatch(/^[0-9a-f-]{36}$/);

    const session = ok(await coordinator.get(`/api/care-table-sessions/${sessionId}`), 200, 'session').body;
    expect(session.agenda[0].outcome).toMatchObject({
      heldOn: '2026-03-16',
      conclusions: 'Inspect the premises jointly.',
      actionPoints: [{ actionPointId, description: 'Inspect the car wash', owner: 'labour_inspectorate' }],
    });
    const history = ok(await coordinator.get(`/api/cases/${first.caseId}/history`), 200, 'history').body.events as {
      type: string;
      data: { sessionId?: string };
    }[];
    expect(history.find((e) => e.type === 'CareTableMeetingRecorded')?.data.sessionId).toBe(sessionId);

    await waitFor(
      async () => (await tasksOf(inspectorate)).some((t) => t.actionPointId === actionPointId),
      'the action point did not reach the inspectorate’s work queue',
    );
    expect((await tasksOf(inspectorate)).find((t) => t.actionPointId === actionPointId)).toMatchObject({
      caseId: first.caseId,
      kind: 'action_point',
      dueOn: '2026-03-27',
      overdue: false,
      description: 'Inspect the car wash',
    });
    // The partner sees the case for its action point: the header and its own work, not the conclusions.
    const asPartner = ok(await inspectorate.get(`/api/cases/${first.caseId}`), 200, 'partner view').body;
    expect(asPartner.actionPoints).toHaveLength(1);
    expect(asPartner).not.toHaveProperty('careTableMeetings');
    expect(asPartner.actionPoints[0].allowedActions).toEqual(['CompleteActionPoint']);

    const police = await app().as('partner.police-avim');
    expect(
      (
        await police.post(`/api/cases/${first.caseId}/action-points/${actionPointId}/completion`, {
          completedOn: '2026-03-16',
        })
      ).status,
    ).toBe(404);
    ok(
      await inspectorate.post(`/api/cases/${first.caseId}/action-points/${actionPointId}/completion`, {
        completedOn: '2026-03-16',
        note: 'Inspected.',
      }),
      200,
      'complete',
    );
    await waitFor(
      async () => !(await tasksOf(inspectorate)).some((t) => t.actionPointId === actionPointId),
      'the completed action point stayed in the work queue',
    );
  }, 90_000);

  it('records an action point already overdue as missed once, by the system, and shows it to the coordinator', async () => {
    const res = ok(
      await coordinator.post(`/api/care-table-sessions/${sessionId}/cases/${second.caseId}/outcome`, {
        heldOn: '2026-03-05',
        participants: ['labour_inspectorate'],
        conclusions: 'Recorded late.',
        actionPoints: [{ description: 'Call the employer', owner: 'labour_inspectorate', dueOn: '2026-03-10' }],
      }),
      201,
      'late outcome',
    );
    const [actionPointId] = res.body.actionPointIds as string[];
    await waitFor(
      async () => (await tasksOf(coordinator)).some((t) => t.actionPointId === actionPointId && t.overdue === true),
      'the overdue action point did not show for the coordinator',
    );
    const missed = async () =>
      (
        ok(await coordinator.get(`/api/cases/${second.caseId}/history`), 200, 'history').body.events as {
          type: string;
          data: { kind?: string; ref?: string };
          metadata?: { actor?: { username?: string } };
        }[]
      ).filter((e) => e.type === 'DeadlineMissed' && e.data.ref === actionPointId);
    await waitFor(async () => (await missed()).length > 0, 'the missed action point was not recorded');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await missed()).toHaveLength(1);
    expect((await missed())[0].data.kind).toBe('action_point');
    // Nothing only recorded and never seen: the coordinator and the owning partner are told.
    for (const client of [coordinator, inspectorate]) {
      await waitFor(
        async () =>
          (
            ok(await client.get('/api/me/notifications'), 200, 'notifications').body.items as {
              kind: string;
              caseId: string;
              read: boolean;
            }[]
          ).some((n) => n.kind === 'deadline_missed' && n.caseId === second.caseId && !n.read),
        `${client.username} was not notified of the missed action point`,
      );
    }
  }, 90_000);

  it('refuses an outcome for a case that is not on the agenda', async () => {
    const third = await driveCase(app(), 'at_care_table');
    expectProblem(
      await coordinator.post(`/api/care-table-sessions/${sessionId}/cases/${third.caseId}/outcome`, {
        heldOn: '2026-03-16',
        participants: ['police_avim'],
        conclusions: 'Not on the agenda.',
      }),
      409,
    );
  });

  it('names an unknown action point owner as a field error, and takes a person as owner', async () => {
    const fourth = await driveCase(app(), 'at_care_table');
    const { sessionId: another } = ok(
      await coordinator.post('/api/care-table-sessions', {
        district: 'de-baronie',
        plannedOn: '2026-03-16',
        caseIds: [fourth.caseId],
      }),
      201,
      'plan',
    ).body;
    const outcome = (owner: string) => ({
      heldOn: '2026-03-16',
      participants: ['police_avim'],
      conclusions: 'Agreed.',
      actionPoints: [{ description: 'Visit the address', owner, dueOn: '2026-03-30' }],
    });
    expectProblem(
      await coordinator.post(`/api/care-table-sessions/${another}/cases/${fourth.caseId}/outcome`, outcome('nobody.x')),
      400,
      'actionPoints.0.owner',
    );
    ok(
      await coordinator.post(
        `/api/care-table-sessions/${another}/cases/${fourth.caseId}/outcome`,
        outcome('partner.police-avim'),
      ),
      201,
      'outcome for a person',
    );
    const police = await app().as('partner.police-avim');
    await waitFor(
      async () => (await tasksOf(police)).some((t) => t.caseId === fourth.caseId && t.kind === 'action_point'),
      'the person’s action point did not reach their work queue',
    );
  }, 90_000);

  it('makes triage of an acute signal due the next working day, and of an unmarked one in five', async () => {
    // Friday 13 March 2026: acute is due Monday 16 March, unmarked Friday 20 March.
    const acute = await registerSignal(coordinator, { receivedOn: '2026-03-13', urgency: 'acute' });
    const unmarked = await registerSignal(coordinator, { receivedOn: '2026-03-13' });
    const dueOf = async (caseId: string) => (await tasksOf(coordinator)).find((t) => t.caseId === caseId)?.dueOn;
    await waitFor(async () => (await dueOf(unmarked.caseId)) !== undefined, 'no triage deadlines');
    await waitFor(async () => (await dueOf(acute.caseId)) !== undefined, 'no acute triage deadline');
    expect(await dueOf(acute.caseId)).toBe('2026-03-16');
    expect(await dueOf(unmarked.caseId)).toBe('2026-03-20');
    expect(ok(await coordinator.get(`/api/cases/${acute.caseId}`), 200, 'case').body.urgency).toBe('acute');
  }, 90_000);
});
