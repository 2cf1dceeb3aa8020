import { bodies, COORDINATOR, DATES, driveCase, ok, signalBody, STEERING } from './support/cases';
import { expectConflict } from './support/problems';
import { useTestApp, type ApiClient, type ApiResponse } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A command answer as API.md fixes it: `{ caseId, version }` (+ created id, a vote's `proposalStatus`), `ETag: "<version>"`. */
function expectCommandAnswer(
  res: ApiResponse,
  status: 200 | 201,
  caseId: string,
  version: number,
  created?: 'proposalId' | 'interventionId' | 'subjectId',
  answer: Record<string, unknown> = {},
) {
  expect({ status: res.status, body: res.text }).toEqual({ status, body: expect.any(String) });
  const expected: Record<string, unknown> = { caseId, version, ...answer };
  if (created) expected[created] = expect.stringMatching(UUID);
  expect(res.body).toEqual(expected);
  expect(res.headers.etag).toBe(`"${version}"`);
  if (status === 201) expect(res.headers.location).toBeDefined();
  else expect(res.headers.location).toBeUndefined();
}

describe('the case lifecycle over HTTP', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  let steering: ApiClient;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    steering = await app().as(STEERING);
  });

  describe('a case driven from signal to reopening', () => {
    let caseId: string;
    let proposalId: string;
    let interventionId: string;
    let subjectId: string;
    const detail = async () => ok(await coordinator.get(`/api/cases/${caseId}`), 200, 'detail');

    it('registers a signal with 201, a Location and version 1, and the case starts in signal_received', async () => {
      const res = await coordinator.post(
        '/api/signals',
        signalBody({
          subjects: [{ role: 'victim', name: 'Anna Kowalska', birthDate: '1999-04-01', nationality: 'PL' }],
        }),
      );
      expect(res.status).toBe(201);
      caseId = res.body.caseId;
      expectCommandAnswer(res, 201, caseId, 1);
      expect(caseId).toMatch(UUID);
      expect(res.headers.location).toBe(`/api/cases/${caseId}`);

      const view = await detail();
      expect(view.headers.etag).toBe('"1"');
      expect(view.body).toMatchObject({
        caseId,
        version: 1,
        status: 'signal_received',
        district: 'de-baronie',
        municipality: 'breda',
        forms: ['labour'],
        vulnerabilities: ['labour_migrant'],
        source: { type: 'police', organisation: 'Politie Zeeland-West-Brabant' },
        summary: signalBody().summary,
        receivedOn: DATES.receivedOn,
        coordinator: null,
        urgency: null,
        triage: null,
        careTableMeetings: [],
        proposals: [],
        interventions: [],
        closedOn: null,
        outcome: null,
      });
      expect(view.body.reference).toMatch(/^ZWB-2026-\d{5}$/);
      expect(view.body.subjects).toEqual([
        expect.objectContaining({
          role: 'victim',
          pseudonym: expect.stringMatching(/^S-[0-9A-Z]{4}$/),
          name: 'Anna Kowalska',
          birthDate: '1999-04-01',
          nationality: 'PL',
        }),
      ]);
    });

    it('assigns the coordinator with 200 and moves the case to in_triage', async () => {
      expectCommandAnswer(await coordinator.post(`/api/cases/${caseId}/assign`, bodies.assign()), 200, caseId, 2);
      expect((await detail()).body).toMatchObject({ status: 'in_triage', coordinator: COORDINATOR, version: 2 });
    });

    it('records the triage: refer_to_care_table moves the case to at_care_table with its urgency', async () => {
      expectCommandAnswer(await coordinator.post(`/api/cases/${caseId}/triage`, bodies.triage()), 200, caseId, 3);
      const view = (await detail()).body;
      expect(view).toMatchObject({ status: 'at_care_table', urgency: 'high' });
      expect(view.triage).toMatchObject({
        decidedOn: DATES.decidedOn,
        urgency: 'high',
        decision: 'refer_to_care_table',
        rationale: bodies.triage().rationale,
      });
    });

    it('records a care table meeting with 200 and shows it on the case', async () => {
      expectCommandAnswer(
        await coordinator.post(`/api/cases/${caseId}/care-table-meetings`, bodies.meeting()),
        200,
        caseId,
        4,
      );
      const view = (await detail()).body;
      expect(view.status).toBe('at_care_table');
      expect(view.careTableMeetings).toEqual([
        expect.objectContaining({
          heldOn: DATES.heldOn,
          participants: ['police_avim', 'labour_inspectorate'],
          conclusions: bodies.meeting().conclusions,
          victimInformed: true,
        }),
      ]);
    });

    it('drafts a proposal with 201, a proposalId and a Location', async () => {
      const res = await coordinator.post(`/api/cases/${caseId}/proposals`, bodies.proposal());
      expectCommandAnswer(res, 201, caseId, 5, 'proposalId');
      proposalId = res.body.proposalId;
      expect(res.headers.location).toBe(`/api/cases/${caseId}/proposals/${proposalId}`);
      expect((await detail()).body.proposals).toEqual([
        expect.objectContaining({
          proposalId,
          status: 'drafted',
          summary: bodies.proposal().summary,
          submittedOn: null,
          decision: null,
          decidedOn: null,
        }),
      ]);
    });

    it('submits the proposal and the case awaits the steering group', async () => {
      expectCommandAnswer(
        await coordinator.post(`/api/cases/${caseId}/proposals/${proposalId}/submit`, bodies.submit()),
        200,
        caseId,
        6,
      );
      const view = (await detail()).body;
      expect(view.status).toBe('awaiting_steering_group');
      expect(view.proposals[0]).toMatchObject({ proposalId, status: 'submitted', submittedOn: DATES.submittedOn });
    });

    it("records the chair's assent as a vote: the proposal stays submitted, and the answer says so", async () => {
      expectCommandAnswer(
        await steering.post(`/api/cases/${caseId}/proposals/${proposalId}/decision`, bodies.decide('approved')),
        200,
        caseId,
        7,
        undefined,
        { proposalStatus: 'submitted' },
      );
      const view = (await detail()).body;
      expect(view.status).toBe('awaiting_steering_group');
      expect(view.proposals[0]).toMatchObject({
        status: 'submitted',
        decision: null,
        votes: [expect.objectContaining({ username: STEERING, organisation: 'riec', decision: 'approved' })],
      });
    });

    it("approves with the labour inspectorate's assent: the case is in execution, the measure a planned intervention", async () => {
      const inspectorate = await app().as(`${STEERING}.nla`);
      // The vote, the approval and the planned intervention: three events in one transaction.
      const res = await inspectorate.post(
        `/api/cases/${caseId}/proposals/${proposalId}/decision`,
        bodies.decide('approved'),
      );
      expectCommandAnswer(res, 200, caseId, 10, undefined, {
        proposalStatus: 'approved',
        interventionIds: [expect.stringMatching(UUID)],
      });
      const view = (await detail()).body;
      expect(view.status).toBe('in_execution');
      expect(view.proposals[0]).toMatchObject({
        status: 'approved',
        decision: 'approved',
        decidedOn: DATES.proposalDecidedOn,
        decidedBy: `${STEERING}.nla`,
      });
      expect(view.interventions).toEqual([
        expect.objectContaining({
          type: 'labour_inspection',
          level: 'labour_law',
          leadOrganisation: 'labour_inspectorate',
          leadPartner: 'labour_inspectorate',
          proposalId,
          plannedOn: DATES.proposalDecidedOn,
          executedOn: null,
          effects: [],
        }),
      ]);
      interventionId = view.interventions[0].interventionId;
      expect(res.body.interventionIds).toEqual([interventionId]);
    });

    it('plans a further intervention with 201 and an interventionId; its level follows from its type', async () => {
      const res = await coordinator.post(
        `/api/cases/${caseId}/interventions`,
        bodies.intervention({ type: 'stop_talk', leadPartner: 'police_avim' }),
      );
      expectCommandAnswer(res, 201, caseId, 11, 'interventionId');
      const planned = res.body.interventionId;
      expect(res.headers.location).toBe(`/api/cases/${caseId}/interventions/${planned}`);
      expect((await detail()).body.interventions[1]).toEqual(
        expect.objectContaining({
          interventionId: planned,
          type: 'stop_talk',
          level: 'criminal',
          leadPartner: 'police_avim',
          leadOrganisation: 'police_avim',
          proposalId: null,
          plannedOn: DATES.plannedOn,
          executedOn: null,
          effects: [],
        }),
      );
    });

    it('records the execution of the intervention', async () => {
      expectCommandAnswer(
        await coordinator.post(`/api/cases/${caseId}/interventions/${interventionId}/execution`, bodies.execution()),
        200,
        caseId,
        12,
      );
      expect((await detail()).body.interventions[0].executedOn).toBe(DATES.executedOn);
    });

    it('records effects of the intervention as they are observed, more than once', async () => {
      expectCommandAnswer(
        await coordinator.post(
          `/api/cases/${caseId}/interventions/${interventionId}/effects`,
          bodies.effect('exploitation_stopped'),
        ),
        200,
        caseId,
        13,
      );
      expectCommandAnswer(
        await coordinator.post(`/api/cases/${caseId}/interventions/${interventionId}/effects`, {
          observedOn: DATES.closedOn,
          effect: 'victim_in_care',
        }),
        200,
        caseId,
        14,
      );
      expect((await detail()).body.interventions[0].effects).toEqual([
        expect.objectContaining({ effect: 'exploitation_stopped', observedOn: DATES.observedOn }),
        expect.objectContaining({ effect: 'victim_in_care', observedOn: DATES.closedOn }),
      ]);
    });

    it('adds a subject with 201, a subjectId and a Location', async () => {
      const res = await coordinator.post(`/api/cases/${caseId}/subjects`, {
        role: 'suspect',
        name: 'Piet de Eigenaar',
        nationality: 'NL',
      });
      expectCommandAnswer(res, 201, caseId, 15, 'subjectId');
      subjectId = res.body.subjectId;
      expect(res.headers.location).toContain(subjectId);
      expect((await detail()).body.subjects).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ subjectId, role: 'suspect', name: 'Piet de Eigenaar', nationality: 'NL' }),
        ]),
      );
    });

    it('closes the case with its outcome', async () => {
      expectCommandAnswer(await coordinator.post(`/api/cases/${caseId}/close`, bodies.close()), 200, caseId, 16);
      expect((await detail()).body).toMatchObject({
        status: 'closed',
        closedOn: DATES.closedOn,
        outcome: 'exploitation_stopped',
      });
    });

    it('reopens the closed case back into triage, clearing the closure', async () => {
      expectCommandAnswer(
        await coordinator.post(`/api/cases/${caseId}/reopen`, bodies.reopen('revictimization')),
        200,
        caseId,
        17,
      );
      expect((await detail()).body).toMatchObject({ status: 'in_triage', closedOn: null, outcome: null, version: 17 });
    });

    it('erases personal data of a subject with 200 and the new version, its name taken out of the texts too', async () => {
      expectCommandAnswer(
        await coordinator.delete(`/api/cases/${caseId}/subjects/${subjectId}/personal-data`),
        200,
        caseId,
        19,
      );
    });

    it('lists every step in the history, one event per command (two for an approval and an erasure)', async () => {
      const history = ok(await coordinator.get(`/api/cases/${caseId}/history`), 200, 'history').body;
      expect(history.caseId).toBe(caseId);
      expect(history.events.map((e: { type: string }) => e.type)).toEqual([
        'SignalRegistered',
        'CoordinatorAssigned',
        'SignalTriaged',
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
        'InterventionEffectRecorded',
        'SubjectAdded',
        'CaseClosed',
        'CaseReopened',
        'SubjectPersonalDataErased',
        'NarrativeRedacted',
      ]);
    });
  });

  describe('other paths through triage and the steering group', () => {
    it('starts care directly: triage start_care puts the case in execution', async () => {
      const c = await driveCase(app(), 'in_triage');
      ok(await coordinator.post(`/api/cases/${c.caseId}/triage`, bodies.triage('start_care')), 200, 'triage');
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.status).toBe('in_execution');
    });

    it('forwards a signal: the case waits with the partner, whose feedback decides what comes next', async () => {
      const c = await driveCase(app(), 'in_triage');
      const res = await coordinator.post(
        `/api/cases/${c.caseId}/triage`,
        bodies.triage('forward', { forwardedTo: 'police_avim' }),
      );
      expectCommandAnswer(res, 200, c.caseId, 3);
      const view = (await coordinator.get(`/api/cases/${c.caseId}`)).body;
      expect(view).toMatchObject({ status: 'forwarded', closedOn: null });
      expect(view.forwarding).toMatchObject({
        forwardedTo: 'police_avim',
        forwardedOn: DATES.decidedOn,
        feedback: null,
      });

      const police = await app().as('partner.police-avim');
      expect(ok(await police.get(`/api/cases/${c.caseId}`), 200, 'partner reads').body.allowedActions).toEqual([
        'RecordForwardFeedback',
      ]);
      const inspectorate = await app().as('partner.labour-inspectorate');
      expect(
        (
          await inspectorate.post(`/api/cases/${c.caseId}/forward-feedback`, {
            receivedOn: '2026-03-12',
            feedback: 'accepted',
          })
        ).status,
      ).toBe(404);
      ok(
        await police.post(`/api/cases/${c.caseId}/forward-feedback`, {
          receivedOn: '2026-03-12',
          feedback: 'accepted',
          note: 'Taken over by the AVIM team.',
        }),
        200,
        'feedback',
      );
      expectConflict(
        await police.post(`/api/cases/${c.caseId}/forward-feedback`, {
          receivedOn: '2026-03-13',
          feedback: 'declined',
        }),
        'ForwardFeedbackAlreadyRecorded',
      );
      ok(
        await coordinator.post(`/api/cases/${c.caseId}/close`, {
          closedOn: DATES.closedOn,
          outcome: 'forwarded',
          rationale: 'The police reported back.',
        }),
        200,
        'close',
      );
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body).toMatchObject({
        status: 'closed',
        outcome: 'forwarded',
        forwarding: { feedback: { feedback: 'accepted', note: 'Taken over by the AVIM team.' } },
      });
    });

    it('returns a declined forward to triage', async () => {
      const c = await driveCase(app(), 'in_triage');
      ok(
        await coordinator.post(
          `/api/cases/${c.caseId}/triage`,
          bodies.triage('forward', { forwardedTo: 'police_avim' }),
        ),
        200,
        'forward',
      );
      ok(
        await coordinator.post(`/api/cases/${c.caseId}/forward-feedback`, {
          receivedOn: '2026-03-12',
          feedback: 'declined',
        }),
        200,
        'feedback',
      );
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.status).toBe('in_triage');
    });

    it('refuses to forward without naming the partner (409 ForwardRequiresPartner)', async () => {
      const c = await driveCase(app(), 'in_triage');
      expectConflict(
        await coordinator.post(`/api/cases/${c.caseId}/triage`, bodies.triage('forward')),
        'ForwardRequiresPartner',
      );
    });

    it('closes a signal that needs no further action at triage', async () => {
      const c = await driveCase(app(), 'in_triage');
      ok(await coordinator.post(`/api/cases/${c.caseId}/triage`, bodies.triage('no_further_action')), 200, 'triage');
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body).toMatchObject({
        status: 'closed',
        outcome: 'no_further_action',
      });
    });

    it('withdraws a drafted proposal with 200; it can then not be submitted', async () => {
      const c = await driveCase(app(), 'proposal_drafted');
      const path = `/api/cases/${c.caseId}/proposals/${c.proposalId}`;
      expectCommandAnswer(
        await coordinator.post(`${path}/withdrawal`, { reason: 'Wrong approach.' }),
        200,
        c.caseId,
        c.version + 1,
      );
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.proposals[0]).toMatchObject({
        status: 'withdrawn',
        allowedActions: [],
      });
      expectConflict(await coordinator.post(`${path}/submit`, bodies.submit()), 'ProposalNotDrafted');
    });

    it('sends a rejected proposal back to the care table, where a new one may be drafted', async () => {
      const c = await driveCase(app(), 'awaiting_steering_group');
      ok(
        await steering.post(`/api/cases/${c.caseId}/proposals/${c.proposalId}/decision`, bodies.decide('rejected')),
        200,
        'reject',
      );
      const view = (await coordinator.get(`/api/cases/${c.caseId}`)).body;
      expect(view.status).toBe('at_care_table');
      expect(view.proposals[0]).toMatchObject({ status: 'rejected', decision: 'rejected' });
      ok(await coordinator.post(`/api/cases/${c.caseId}/proposals`, bodies.proposal()), 201, 'second proposal');
    });

    it('lets every member vote, but approves a labour inspection only with the labour inspectorate', async () => {
      const c = await driveCase(app(), 'awaiting_steering_group');
      const vote = async (username: string) =>
        ok(
          await (
            await app().as(username)
          ).post(`/api/cases/${c.caseId}/proposals/${c.proposalId}/decision`, bodies.decide('approved')),
          200,
          `vote ${username}`,
        ).body.proposalStatus;
      expect(await vote('steering2.de-baronie')).toBe('submitted');
      expect(await vote(STEERING)).toBe('submitted');
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.status).toBe('awaiting_steering_group');
      expect(await vote(`${STEERING}.nla`)).toBe('approved');
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.status).toBe('in_execution');
    });

    it('reassigns the coordinator while in triage', async () => {
      const c = await driveCase(app(), 'in_triage');
      // Only the coordinator of the district serves it; reassigning to the same coordinator is still recorded.
      expectCommandAnswer(await coordinator.post(`/api/cases/${c.caseId}/assign`, bodies.assign()), 200, c.caseId, 3);
      const history = (await coordinator.get(`/api/cases/${c.caseId}/history`)).body.events;
      expect(history[2]).toMatchObject({
        type: 'CoordinatorAssigned',
        data: { coordinator: COORDINATOR, previousCoordinator: COORDINATOR },
      });
    });

    it('records a care table meeting while in execution, too', async () => {
      const c = await driveCase(app(), 'in_execution');
      ok(
        await coordinator.post(
          `/api/cases/${c.caseId}/care-table-meetings`,
          bodies.meeting({ participants: ['shelter'] }),
        ),
        200,
        'meeting',
      );
      expect((await coordinator.get(`/api/cases/${c.caseId}`)).body.careTableMeetings).toHaveLength(2);
    });
  });
});
