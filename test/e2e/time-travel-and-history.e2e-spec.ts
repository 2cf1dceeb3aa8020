import { bodies, COORDINATOR, DATES, ok, signalBody, STEERING } from './support/cases';
import { expectProblem } from './support/problems';
import { TEST_NOW, useTestApp, type ApiClient } from './support/test-app';

const MINUTE = 60_000;
const GENESIS = '0'.repeat(64);

/** A case answer without the actions it offers. */
const withoutActions = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v) => (key === 'allowedActions' ? undefined : v)));

/**
 * One case built step by step, the clock moved one minute before every command: the events of the n-th command are
 * recorded at TEST_NOW + n minutes. Each command writes one event but the second assent of the stuurploeg, which
 * writes four (the vote, the approval and the two measures planned): events 8 to 11.
 */
const MINUTE_OF_EVENT = [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8, 9];
const LAST_VERSION = 12;
const NLA = `${STEERING}.nla`;
/** A labour inspection and shelter: the chair's and the labour inspectorate's assents approve both. */
const TWO_MEASURES = {
  summary: 'Inspection and shelter.',
  steeringSummary: 'Inspection of a car wash and shelter for its workers.',
  measures: [
    { type: 'labour_inspection', leadOrganisation: 'labour_inspectorate' },
    { type: 'shelter_placement', leadOrganisation: 'shelter:sterk-huis' },
  ],
};

describe('time travel and history', () => {
  const app = useTestApp({ now: TEST_NOW });
  let coordinator: ApiClient;
  let caseId: string;
  let proposalId: string;
  const recordedAt = (version: number) => new Date(TEST_NOW.getTime() + MINUTE_OF_EVENT[version] * MINUTE);
  const at = (version: number, offsetMs = 0) => new Date(recordedAt(version).getTime() + offsetMs).toISOString();

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    const steering = await app().as(STEERING);
    const nla = await app().as(NLA);
    const step = async (client: ApiClient, path: string, body: unknown, status: number) => {
      app().clock.advance(MINUTE);
      return ok(await client.post(path, body), status, path).body;
    };
    caseId = (
      await step(
        coordinator,
        '/api/signals',
        signalBody({ subjects: [{ role: 'victim', name: 'Lena Time', birthDate: '2001-05-05' }] }),
        201,
      )
    ).caseId;
    const base = `/api/cases/${caseId}`;
    await step(coordinator, `${base}/assign`, bodies.assign(), 200); // 2
    await step(coordinator, `${base}/triage`, bodies.triage(), 200); // 3
    await step(coordinator, `${base}/care-table-meetings`, bodies.meeting(), 200); // 4
    proposalId = (await step(coordinator, `${base}/proposals`, TWO_MEASURES, 201)).proposalId; // 5
    await step(coordinator, `${base}/proposals/${proposalId}/submit`, bodies.submit(), 200); // 6
    await step(steering, `${base}/proposals/${proposalId}/decision`, bodies.decide(), 200); // 7
    await step(nla, `${base}/proposals/${proposalId}/decision`, bodies.decide(), 200); // 8-11
    await step(coordinator, `${base}/close`, bodies.close(), 200); // 12
    app().clock.advance(MINUTE);
  });

  describe('GET /api/cases/{id}?version=N', () => {
    it('gives the state after the N-th event, with ETag "N"', async () => {
      const v2 = await coordinator.get(`/api/cases/${caseId}?version=2`);
      expect(v2.status).toBe(200);
      expect(v2.headers.etag).toBe('"2"');
      expect(v2.body).toMatchObject({
        caseId,
        version: 2,
        status: 'in_triage',
        coordinator: COORDINATOR,
        triage: null,
        careTableMeetings: [],
        proposals: [],
      });

      const v6 = (await coordinator.get(`/api/cases/${caseId}?version=6`)).body;
      expect(v6).toMatchObject({ version: 6, status: 'awaiting_steering_group', closedOn: null });
      expect(v6.proposals).toEqual([
        expect.objectContaining({ proposalId, status: 'submitted', submittedOn: DATES.submittedOn, decision: null }),
      ]);
    });

    it('walks through every status of the lifecycle', async () => {
      const statuses = [];
      for (let v = 1; v <= LAST_VERSION; v++)
        statuses.push((await coordinator.get(`/api/cases/${caseId}?version=${v}`)).body.status);
      expect(statuses).toEqual([
        'signal_received',
        'in_triage',
        'at_care_table',
        'at_care_table',
        'at_care_table',
        'awaiting_steering_group',
        'awaiting_steering_group',
        'awaiting_steering_group',
        'in_execution',
        'in_execution',
        'in_execution',
        'closed',
      ]);
    });

    it('has the same shape as the current view', async () => {
      const now = (await coordinator.get(`/api/cases/${caseId}`)).body;
      const past = (await coordinator.get(`/api/cases/${caseId}?version=1`)).body;
      expect(Object.keys(past).sort()).toEqual(Object.keys(now).sort());
      expect(Object.keys(past.subjects[0]).sort()).toEqual(Object.keys(now.subjects[0]).sort());
      // The latest version travelled to is the present, but only the present can be acted on.
      const latest = (await coordinator.get(`/api/cases/${caseId}?version=${LAST_VERSION}`)).body;
      expect(withoutActions(latest)).toEqual(withoutActions(now));
      expect(now.allowedActions.length + now.subjects[0].allowedActions.length).toBeGreaterThan(0);
      expect(latest.allowedActions).toEqual([]);
      expect(latest.subjects.map((s: { allowedActions: string[] }) => s.allowedActions)).toEqual(
        now.subjects.map(() => []),
      );
    });

    it('answers 404 beyond the last version', async () => {
      expectProblem(await coordinator.get(`/api/cases/${caseId}?version=${LAST_VERSION + 1}`), 404);
    });
  });

  describe('GET /api/cases/{id}?asOf=<instant>', () => {
    it('gives the state from the events recorded up to that instant', async () => {
      expect((await coordinator.get(`/api/cases/${caseId}?asOf=${at(3, 30_000)}`)).body).toMatchObject({
        version: 3,
        status: 'at_care_table',
      });
      expect((await coordinator.get(`/api/cases/${caseId}?asOf=${at(7, 1)}`)).body).toMatchObject({
        version: 7,
        status: 'awaiting_steering_group',
      });
      // Every event of one command carries its instant: the approval and the measures it planned come together.
      expect((await coordinator.get(`/api/cases/${caseId}?asOf=${at(8, 1)}`)).body).toMatchObject({
        version: 11,
        status: 'in_execution',
      });
    });

    it('includes an event recorded exactly at the instant, and not one recorded a millisecond later', async () => {
      expect((await coordinator.get(`/api/cases/${caseId}?asOf=${at(5)}`)).body.version).toBe(5);
      expect((await coordinator.get(`/api/cases/${caseId}?asOf=${at(5, -1)}`)).body.version).toBe(4);
    });

    it('carries the ETag of the version it shows and the same shape as version=N', async () => {
      const res = await coordinator.get(`/api/cases/${caseId}?asOf=${at(4, 10_000)}`);
      expect(res.headers.etag).toBe('"4"');
      expect(res.body).toEqual((await coordinator.get(`/api/cases/${caseId}?version=4`)).body);
    });

    it('accepts an instant with an offset, not only UTC', async () => {
      const amsterdam = new Date(recordedAt(2).getTime() + 30_000 + 3600_000).toISOString().replace('Z', '+01:00');
      expect((await coordinator.get(`/api/cases/${caseId}?asOf=${encodeURIComponent(amsterdam)}`)).body.version).toBe(
        2,
      );
    });

    it('gives the current state for an instant after the last event', async () => {
      expect((await coordinator.get(`/api/cases/${caseId}?asOf=2030-01-01T00:00:00Z`)).body).toMatchObject({
        version: LAST_VERSION,
        status: 'closed',
      });
    });

    it('answers 404 for an instant before the case existed', async () => {
      expectProblem(await coordinator.get(`/api/cases/${caseId}?asOf=${TEST_NOW.toISOString()}`), 404);
    });

    it('masks personal data in the past as in the present, for the steering group', async () => {
      const steering = await app().as(STEERING);
      const past = await steering.get(`/api/cases/${caseId}?version=1`);
      expect(past.status).toBe(200);
      expect(past.body.subjects[0]).not.toHaveProperty('name');
      expect(past.text).not.toContain('Lena Time');
    });
  });

  describe('GET /api/cases/{id}/history', () => {
    let events: any[];
    beforeAll(async () => {
      const res = ok(await coordinator.get(`/api/cases/${caseId}/history`), 200, 'history');
      expect(res.body.caseId).toBe(caseId);
      events = res.body.events;
    });

    it('lists every event in order with version, type, recordedAt, actor, data, hash and prevHash', () => {
      expect(events.map((e) => e.type)).toEqual([
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
        'CaseClosed',
      ]);
      events.forEach((e, i) => {
        expect(Object.keys(e).sort()).toEqual(['actor', 'data', 'hash', 'prevHash', 'recordedAt', 'type', 'version']);
        expect(e.version).toBe(i + 1);
        expect(e.recordedAt).toBe(recordedAt(i + 1).toISOString());
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      });
    });

    it('names the actor of every event with username and role', () => {
      expect(events[0].actor).toEqual({ username: COORDINATOR, role: 'coordinator' });
      expect(events[6].actor).toEqual({ username: STEERING, role: 'steering_group' });
      expect(events.slice(7, 11).map((e) => e.actor)).toEqual(Array(4).fill({ username: NLA, role: 'steering_group' }));
    });

    it('carries the data of each event', () => {
      expect(events[1].data).toEqual({ coordinator: COORDINATOR });
      expect(events[2].data).toMatchObject({
        decision: 'refer_to_care_table',
        urgency: 'high',
        decidedOn: DATES.decidedOn,
      });
      expect(events[6].data).toMatchObject({ proposalId, vote: 'approved', voter: STEERING, organisation: 'riec' });
      expect(events[7].data).toMatchObject({
        proposalId,
        vote: 'approved',
        voter: NLA,
        organisation: 'labour_inspectorate',
      });
      expect(events[8].data).toEqual({ proposalId, decidedOn: DATES.proposalDecidedOn });
      expect(events[9].data).toMatchObject({
        type: 'labour_inspection',
        leadOrganisation: 'labour_inspectorate',
        proposalId,
      });
      expect(events[11].data).toMatchObject({ closedOn: DATES.closedOn, outcome: 'exploitation_stopped' });
    });

    it('chains the hashes: prevHash of event n is the hash of event n-1, the first prevHash is 64 zeros', () => {
      expect(events[0].prevHash).toBe(GENESIS);
      for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
      expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
    });

    it("shows the victim's name to the coordinator and never the ciphertext", () => {
      const subject = events[0].data.subjects[0];
      expect(subject.personalData).toMatchObject({ name: 'Lena Time', birthDate: '2001-05-05' });
      expect(JSON.stringify(events)).not.toMatch(/ciphertext|"iv"|"tag"/);
    });

    it('masks personal fields for the steering group, as the detail view does', async () => {
      const steering = await app().as(STEERING);
      const res = ok(await steering.get(`/api/cases/${caseId}/history`), 200, 'history');
      expect(res.text).not.toContain('Lena Time');
      expect(res.text).not.toContain('2001-05-05');
      expect(res.body.events[0].data.subjects[0]).toEqual({
        subjectId: expect.any(String),
        role: 'victim',
        pseudonym: expect.stringMatching(/^S-/),
      });
      expect(res.body.events.map((e: { hash: string }) => e.hash)).toEqual(events.map((e) => e.hash));
    });
  });
});
