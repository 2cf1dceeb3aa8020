import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  bodies,
  COORDINATOR,
  driveCase,
  historyLength,
  ok,
  signalBody,
  STEERING,
  type CaseHandle,
} from './support/cases';
import { expectConflict, expectProblem } from './support/problems';
import { TEST_NOW, useTestApp, type ApiClient } from './support/test-app';

describe('error answers', () => {
  const app = useTestApp();
  let coordinator: ApiClient;
  let steering: ApiClient;
  /** A case at the care table with a drafted proposal and an executed intervention, for path and body checks. */
  let c: CaseHandle;
  let subjectId: string;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
    steering = await app().as(STEERING);
    c = await driveCase(app(), 'care_table_met');
    subjectId = ok(
      await coordinator.post(`/api/cases/${c.caseId}/subjects`, { role: 'victim', name: 'Test Subject' }),
      201,
      'subject',
    ).body.subjectId;
    c.proposalId = ok(
      await coordinator.post(`/api/cases/${c.caseId}/proposals`, bodies.proposal()),
      201,
      'proposal',
    ).body.proposalId;
    c.interventionId = ok(
      await coordinator.post(`/api/cases/${c.caseId}/interventions`, bodies.intervention()),
      201,
      'intervention',
    ).body.interventionId;
    ok(
      await coordinator.post(`/api/cases/${c.caseId}/interventions/${c.interventionId}/execution`, bodies.execution()),
      200,
      'execution',
    );
  });

  const versionOf = async (caseId: string) => Number((await coordinator.get(`/api/cases/${caseId}`)).body.version);

  describe('400 invalid input', () => {
    type Row = [string, (c: CaseHandle) => string, Record<string, unknown>, string];
    const rows: Row[] = [
      ['assign without a coordinator', (c) => `/api/cases/${c.caseId}/assign`, {}, 'coordinator'],
      ['assign with an empty coordinator', (c) => `/api/cases/${c.caseId}/assign`, { coordinator: '' }, 'coordinator'],
      [
        'triage with an unknown urgency',
        (c) => `/api/cases/${c.caseId}/triage`,
        bodies.triage('refer_to_care_table', { urgency: 'urgent' }),
        'urgency',
      ],
      [
        'triage with an unknown decision',
        (c) => `/api/cases/${c.caseId}/triage`,
        bodies.triage('investigate'),
        'decision',
      ],
      [
        'triage with decidedOn 2026-3-3',
        (c) => `/api/cases/${c.caseId}/triage`,
        bodies.triage('refer_to_care_table', { decidedOn: '2026-3-3' }),
        'decidedOn',
      ],
      [
        'triage forwarded to an unknown partner',
        (c) => `/api/cases/${c.caseId}/triage`,
        bodies.triage('forward', { forwardedTo: 'interpol' }),
        'forwardedTo',
      ],
      [
        'triage without a rationale',
        (c) => `/api/cases/${c.caseId}/triage`,
        { ...bodies.triage(), rationale: undefined },
        'rationale',
      ],
      [
        'a meeting without participants',
        (c) => `/api/cases/${c.caseId}/care-table-meetings`,
        bodies.meeting({ participants: [] }),
        'participants',
      ],
      [
        'a meeting with an unknown participant',
        (c) => `/api/cases/${c.caseId}/care-table-meetings`,
        bodies.meeting({ participants: ['neighbour'] }),
        'participants',
      ],
      [
        'a meeting with victimInformed "yes"',
        (c) => `/api/cases/${c.caseId}/care-table-meetings`,
        bodies.meeting({ victimInformed: 'yes' }),
        'victimInformed',
      ],
      [
        'a meeting held on 2026-02-29',
        (c) => `/api/cases/${c.caseId}/care-table-meetings`,
        bodies.meeting({ heldOn: '2026-02-29' }),
        'heldOn',
      ],
      [
        'a proposal with an unknown intervention type',
        (c) => `/api/cases/${c.caseId}/proposals`,
        { ...bodies.proposal(), proposedInterventions: ['arrest'] },
        'proposedInterventions',
      ],
      [
        'a proposal without a summary',
        (c) => `/api/cases/${c.caseId}/proposals`,
        { proposedInterventions: ['other'] },
        'summary',
      ],
      [
        'a submission without submittedOn',
        (c) => `/api/cases/${c.caseId}/proposals/${c.proposalId}/submit`,
        {},
        'submittedOn',
      ],
      [
        'a submission with an unknown field',
        (c) => `/api/cases/${c.caseId}/proposals/${c.proposalId}/submit`,
        { ...bodies.submit(), by: 'me' },
        'by',
      ],
      [
        'a decision "maybe"',
        (c) => `/api/cases/${c.caseId}/proposals/${c.proposalId}/decision`,
        bodies.decide('maybe'),
        'decision',
      ],
      [
        'a decision without decidedOn',
        (c) => `/api/cases/${c.caseId}/proposals/${c.proposalId}/decision`,
        { decision: 'approved' },
        'decidedOn',
      ],
      [
        'an intervention of an unknown type',
        (c) => `/api/cases/${c.caseId}/interventions`,
        bodies.intervention({ type: 'raid' }),
        'type',
      ],
      [
        'an intervention led by an unknown partner',
        (c) => `/api/cases/${c.caseId}/interventions`,
        bodies.intervention({ leadPartner: 'army' }),
        'leadPartner',
      ],
      [
        'an intervention planned on "tomorrow"',
        (c) => `/api/cases/${c.caseId}/interventions`,
        bodies.intervention({ plannedOn: 'tomorrow' }),
        'plannedOn',
      ],
      [
        'an execution without executedOn',
        (c) => `/api/cases/${c.caseId}/interventions/${c.interventionId}/execution`,
        { notes: 'done' },
        'executedOn',
      ],
      [
        'an execution with an unknown field',
        (c) => `/api/cases/${c.caseId}/interventions/${c.interventionId}/execution`,
        { ...bodies.execution(), status: 'done' },
        'status',
      ],
      [
        'an effect of an unknown kind',
        (c) => `/api/cases/${c.caseId}/interventions/${c.interventionId}/effects`,
        bodies.effect('happy'),
        'effect',
      ],
      [
        'an effect observed on 12/03/2026',
        (c) => `/api/cases/${c.caseId}/interventions/${c.interventionId}/effects`,
        { ...bodies.effect(), observedOn: '12/03/2026' },
        'observedOn',
      ],
      ['a subject with an unknown role', (c) => `/api/cases/${c.caseId}/subjects`, { role: 'bystander' }, 'role'],
      [
        'a subject with a name over 200 characters',
        (c) => `/api/cases/${c.caseId}/subjects`,
        { role: 'victim', name: 'n'.repeat(201) },
        'name',
      ],
      [
        'a closure with an unknown outcome',
        (c) => `/api/cases/${c.caseId}/close`,
        { ...bodies.close(), outcome: 'solved' },
        'outcome',
      ],
      [
        'a closure without closedOn',
        (c) => `/api/cases/${c.caseId}/close`,
        { ...bodies.close(), closedOn: undefined },
        'closedOn',
      ],
      ['a reopening for an unknown reason', (c) => `/api/cases/${c.caseId}/reopen`, bodies.reopen('boredom'), 'reason'],
      [
        'a reopening on 2026-03-32',
        (c) => `/api/cases/${c.caseId}/reopen`,
        { ...bodies.reopen(), reopenedOn: '2026-03-32' },
        'reopenedOn',
      ],
    ];
    it.each(rows)('refuses %s and writes nothing', async (_label, path, body, field) => {
      const before = await versionOf(c.caseId);
      expectProblem(await coordinator.post(path(c), JSON.parse(JSON.stringify(body))), 400, field);
      expect(await versionOf(c.caseId)).toBe(before);
    });

    const paths: [string, string, (c: CaseHandle) => string][] = [
      ['GET', 'caseId', () => '/api/cases/not-a-uuid'],
      ['GET', 'caseId', () => '/api/cases/12345/history'],
      ['POST', 'caseId', () => '/api/cases/0/assign'],
      ['POST', 'caseId', () => '/api/cases/case-1/triage'],
      ['POST', 'caseId', () => '/api/cases/x/care-table-meetings'],
      ['POST', 'caseId', () => '/api/cases/x/proposals'],
      ['POST', 'proposalId', (c) => `/api/cases/${c.caseId}/proposals/first/submit`],
      ['POST', 'proposalId', (c) => `/api/cases/${c.caseId}/proposals/1/decision`],
      ['POST', 'caseId', () => '/api/cases/x/interventions'],
      ['POST', 'interventionId', (c) => `/api/cases/${c.caseId}/interventions/abc/execution`],
      ['POST', 'interventionId', (c) => `/api/cases/${c.caseId}/interventions/abc/effects`],
      ['POST', 'caseId', () => '/api/cases/x/subjects'],
      ['POST', 'caseId', () => '/api/cases/x/close'],
      ['POST', 'caseId', () => '/api/cases/x/reopen'],
      ['DELETE', 'subjectId', (c) => `/api/cases/${c.caseId}/subjects/s-1/personal-data`],
      ['DELETE', 'caseId', () => `/api/cases/x/subjects/${randomUUID()}/personal-data`],
    ];
    it.each(paths)('refuses %s with an invalid UUID as %s', async (method, field, path) => {
      const res = await app().request(method, path(c), {
        token: coordinator.token,
        body: method === 'POST' ? {} : undefined,
      });
      expectProblem(res, 400, field);
      expect(res.body.errors).toEqual([{ field, message: 'must be a UUID' }]);
    });

    it('refuses malformed JSON', async () => {
      const res = await app().request('POST', '/api/signals', {
        token: coordinator.token,
        rawBody: '{"district": "de-baronie",',
      });
      expectProblem(res, 400, 'body');
    });

    it('refuses an empty body sent as JSON', async () => {
      expectProblem(
        await app().request('POST', `/api/cases/${c.caseId}/close`, { token: coordinator.token, rawBody: '' }),
        400,
        'body',
      );
    });

    it('refuses a JSON array, string or null as body', async () => {
      for (const rawBody of ['[]', '"close"', 'null']) {
        expectProblem(
          await app().request('POST', `/api/cases/${c.caseId}/close`, { token: coordinator.token, rawBody }),
          400,
          'body',
        );
      }
    });

    it('refuses a body nested deeper than any request needs, instead of overflowing the stack', async () => {
      const deep = '['.repeat(50_000) + ']'.repeat(50_000);
      const res = await app().request('POST', '/api/signals', {
        token: coordinator.token,
        rawBody: JSON.stringify(signalBody()).replace('"subjects":[]', `"subjects":${deep}`),
      });
      expectProblem(res, 400, 'body');
      const cmd = await app().request('POST', `/api/cases/${c.caseId}/care-table-meetings`, {
        token: coordinator.token,
        headers: { 'idempotency-key': randomUUID() },
        rawBody: JSON.stringify(bodies.meeting()).replace('{', `{"x":${deep},`),
      });
      expectProblem(cmd, 400, 'body');
    });

    it('refuses subjects that are not objects (a nested array used to slip through as a subject without a role)', async () => {
      const before = (await coordinator.get('/api/cases')).body.total;
      expectProblem(await coordinator.post('/api/signals', { ...signalBody(), subjects: [[]] }), 400, 'subjects');
      expectProblem(
        await coordinator.post('/api/signals', { ...signalBody(), subjects: [[{ role: 'victim' }]] }),
        400,
        'subjects',
      );
      expect((await coordinator.get('/api/cases')).body.total).toBe(before);
    });

    it.each([
      ['a NUL character in the summary', { ...signalBody(), summary: 'Seen at\u0000 the harbour' }, 'summary'],
      [
        'a NUL character in a subject name',
        { ...signalBody(), subjects: [{ role: 'victim', name: 'A\u0000B' }] },
        'subjects.0.name',
      ],
      [
        'an unpaired surrogate in the source organisation',
        { ...signalBody(), source: { type: 'police', organisation: 'Politie \ud800' } },
        'source.organisation',
      ],
    ])('refuses %s, which PostgreSQL cannot store, with 400 instead of 500', async (_label, body, field) => {
      expectProblem(await coordinator.post('/api/signals', body), 400, field);
    });

    it('refuses a NUL character in a command and in a list filter', async () => {
      expectProblem(
        await coordinator.post(
          `/api/cases/${c.caseId}/care-table-meetings`,
          bodies.meeting({ conclusions: 'x\u0000' }),
        ),
        400,
        'conclusions',
      );
      expectProblem(await coordinator.get('/api/cases?district=%00'), 400, 'district');
    });

    it('refuses an If-Match that is not a version', async () => {
      expectProblem(
        await coordinator.post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting(), {
          headers: { 'if-match': 'yesterday' },
        }),
        400,
        'If-Match',
      );
    });

    it('refuses an Idempotency-Key over 200 characters', async () => {
      expectProblem(
        await coordinator.post('/api/signals', signalBody(), { headers: { 'idempotency-key': 'k'.repeat(201) } }),
        400,
        'Idempotency-Key',
      );
    });

    it.each([
      ['version=0', 'version'],
      ['version=abc', 'version'],
      ['version=1.5', 'version'],
      ['asOf=yesterday', 'asOf'],
      ['version=2147483648', 'version'],
      ['version=99999999999', 'version'],
      ['asOf=2026-03-16T25:00:00Z', 'asOf'],
      ['asOf=2026-03-16T10:00:00', 'asOf'],
      ['asOf=2026-03-16', 'asOf'],
      ['version=1&asOf=2026-03-16T09:00:00Z', 'asOf'],
      ['at=1', 'at'],
    ])('refuses the detail query %s', async (query, field) => {
      expectProblem(await coordinator.get(`/api/cases/${c.caseId}?${query}`), 400, field);
    });

    it.each([
      ['sort=reference', 'sort'],
      ['pageSize=201', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['page=0', 'page'],
      ['page=two', 'page'],
      ['status=open', 'status'],
      ['form=cyber', 'form'],
      ['overdue=maybe', 'overdue'],
    ])('refuses the list query %s', async (query, field) => {
      expectProblem(await coordinator.get(`/api/cases?${query}`), 400, field);
    });
  });

  describe('415 for a body that is not JSON', () => {
    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
      'refuses a %s body and writes nothing',
      async (contentType) => {
        const before = (await coordinator.get('/api/cases')).body.total;
        const res = await app().request('POST', '/api/signals', {
          token: coordinator.token,
          rawBody: 'district=de-baronie&municipality=breda',
          headers: { 'content-type': contentType },
        });
        expectProblem(res, 415);
        expect((await coordinator.get('/api/cases')).body.total).toBe(before);
      },
    );

    it('accepts application/json with a charset', async () => {
      const fresh = await driveCase(app(), 'signal_received');
      const res = await app().request('POST', `/api/cases/${fresh.caseId}/assign`, {
        token: coordinator.token,
        rawBody: JSON.stringify(bodies.assign()),
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(res.status).toBe(200);
    });
  });

  describe('401 without a valid token', () => {
    it('says how to authenticate: WWW-Authenticate: Bearer', async () => {
      const res = await app().request('GET', '/api/cases');
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
    });

    it.each([
      ['GET', '/api/cases'],
      ['GET', '/api/cases/00000000-0000-4000-8000-000000000000'],
      ['POST', '/api/signals'],
    ])('refuses %s %s without a token', async (method, path) => {
      expectProblem(await app().request(method, path, { body: method === 'POST' ? signalBody() : undefined }), 401);
    });

    it('refuses a case read and a command without a token', async () => {
      expectProblem(await app().request('GET', `/api/cases/${c.caseId}/history`), 401);
      expectProblem(await app().request('POST', `/api/cases/${c.caseId}/close`, { body: bodies.close() }), 401);
    });

    it('refuses a token that is not a JWT', async () => {
      expectProblem(await app().request('GET', '/api/cases', { token: 'not-a-token' }), 401);
    });

    it('refuses an Authorization header that is not a bearer token', async () => {
      expectProblem(
        await app().request('GET', '/api/cases', {
          headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
        }),
        401,
      );
    });

    it('refuses a token signed with another key', async () => {
      const forged = await new SignJWT({ role: 'auditor', districts: [] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('auditor')
        .setIssuer('urn:baken:demo')
        .setAudience('baken-api')
        .setIssuedAt(Math.floor(TEST_NOW.getTime() / 1000))
        .setExpirationTime('1h')
        .sign(randomBytes(32));
      expectProblem(await app().request('GET', `/api/cases/${c.caseId}`, { token: forged }), 401);
    });

    it('refuses an expired token', async () => {
      const { token } = await app().as(COORDINATOR);
      app().clock.advance(9 * 3600 * 1000);
      try {
        expectProblem(await app().request('GET', '/api/cases', { token }), 401);
      } finally {
        app().clock.set(TEST_NOW);
      }
      expect((await app().request('GET', '/api/cases', { token })).status).toBe(200);
    });

    it('refuses a demo login of an unknown user', async () => {
      expectProblem(await app().request('POST', '/api/auth/demo-login', { body: { username: 'mallory' } }), 401);
    });
  });

  describe('403 when the role may not do this at all', () => {
    it.each(['analyst', 'admin'])('refuses %s the case list, detail and history', async (username) => {
      const user = await app().as(username);
      expectProblem(await user.get('/api/cases'), 403);
      expectProblem(await user.get(`/api/cases/${c.caseId}`), 403);
      expectProblem(await user.get(`/api/cases/${c.caseId}/history`), 403);
      expectProblem(await user.get(`/api/cases/${c.caseId}?version=1`), 403);
    });

    it('refuses analyst and admin commands on a case', async () => {
      expectProblem(
        await (await app().as('analyst')).post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting()),
        403,
      );
      expectProblem(await (await app().as('admin')).post(`/api/cases/${c.caseId}/close`, bodies.close()), 403);
    });

    it('refuses the steering group a triage, and writes nothing', async () => {
      const fresh = await driveCase(app(), 'in_triage');
      expectProblem(await steering.post(`/api/cases/${fresh.caseId}/triage`, bodies.triage()), 403);
      expect(await versionOf(fresh.caseId)).toBe(fresh.version);
    });

    it('refuses the steering group drafting a proposal, planning or closing', async () => {
      expectProblem(await steering.post(`/api/cases/${c.caseId}/proposals`, bodies.proposal()), 403);
      expectProblem(await steering.post(`/api/cases/${c.caseId}/interventions`, bodies.intervention()), 403);
      expectProblem(await steering.post(`/api/cases/${c.caseId}/close`, bodies.close()), 403);
      expectProblem(await steering.delete(`/api/cases/${c.caseId}/subjects/${subjectId}/personal-data`), 403);
    });

    it("refuses the coordinator a decision on a proposal: that is the steering group's", async () => {
      const awaiting = await driveCase(app(), 'awaiting_steering_group');
      expectProblem(
        await coordinator.post(
          `/api/cases/${awaiting.caseId}/proposals/${awaiting.proposalId}/decision`,
          bodies.decide(),
        ),
        403,
      );
      expect((await coordinator.get(`/api/cases/${awaiting.caseId}`)).body.status).toBe('awaiting_steering_group');
    });

    it('refuses the auditor any command', async () => {
      const auditor = await app().as('auditor');
      expect((await auditor.get(`/api/cases/${c.caseId}`)).status).toBe(200);
      expectProblem(await auditor.post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting()), 403);
    });

    it('refuses a liaison a triage of the signal it registered', async () => {
      const liaison = await app().as('liaison.breda');
      const own = ok(await liaison.post('/api/signals', signalBody()), 201, 'register').body.caseId;
      expectProblem(await liaison.post(`/api/cases/${own}/assign`, bodies.assign()), 403);
    });
  });

  describe('404 unknown or out of scope', () => {
    const unknown = '3f2c1e2a-7b7d-4c36-9a51-0d3c9a1b2c4d';

    it.each([
      ['GET', `/api/cases/${unknown}`],
      ['GET', `/api/cases/${unknown}/history`],
      ['GET', `/api/cases/${unknown}?version=1`],
      ['POST', `/api/cases/${unknown}/assign`],
      ['POST', `/api/cases/${unknown}/triage`],
      ['POST', `/api/cases/${unknown}/close`],
      ['DELETE', `/api/cases/${unknown}/subjects/${unknown}/personal-data`],
    ])('answers 404 for %s %s', async (method, path) => {
      const body = path.endsWith('/assign')
        ? bodies.assign()
        : path.endsWith('/triage')
          ? bodies.triage()
          : path.endsWith('/close')
            ? bodies.close()
            : undefined;
      expectProblem(await app().request(method, path, { token: coordinator.token, body }), 404);
    });

    it('answers 404 for a case of another district, to its coordinator', async () => {
      const other = await app().as('coordinator.zeeland');
      expectProblem(await other.get(`/api/cases/${c.caseId}`), 404);
    });

    it('answers 404 for an unknown proposal, intervention or subject of a known case', async () => {
      expectProblem(await coordinator.post(`/api/cases/${c.caseId}/proposals/${unknown}/submit`, bodies.submit()), 404);
      expectProblem(await steering.post(`/api/cases/${c.caseId}/proposals/${unknown}/decision`, bodies.decide()), 404);
      expectProblem(
        await coordinator.post(`/api/cases/${c.caseId}/interventions/${unknown}/execution`, bodies.execution()),
        404,
      );
      expectProblem(
        await coordinator.post(`/api/cases/${c.caseId}/interventions/${unknown}/effects`, bodies.effect()),
        404,
      );
      expectProblem(await coordinator.delete(`/api/cases/${c.caseId}/subjects/${unknown}/personal-data`), 404);
    });

    it('answers 404 for a version the case has not reached, or an instant before it existed', async () => {
      const current = await versionOf(c.caseId);
      expectProblem(await coordinator.get(`/api/cases/${c.caseId}?version=${current + 1}`), 404);
      expectProblem(await coordinator.get(`/api/cases/${c.caseId}?asOf=2020-01-01T00:00:00Z`), 404);
    });

    it('answers 404 for a route that does not exist', async () => {
      expectProblem(await coordinator.get('/api/cases-but-not-quite'), 404);
    });
  });

  describe('409 when a domain rule is broken, and nothing is written', () => {
    const conflict = async (caseId: string, res: Promise<Awaited<ReturnType<ApiClient['post']>>>, code: string) => {
      const before = await versionOf(caseId);
      expectConflict(await res, code);
      expect(await versionOf(caseId)).toBe(before);
    };

    it('refuses a triage of a closed case (CaseStatusForbidsCommand)', async () => {
      const closed = await driveCase(app(), 'closed');
      await conflict(
        closed.caseId,
        coordinator.post(`/api/cases/${closed.caseId}/triage`, bodies.triage()),
        'CaseStatusForbidsCommand',
      );
    });

    it('refuses a second triage (CaseStatusForbidsCommand)', async () => {
      await conflict(
        c.caseId,
        coordinator.post(`/api/cases/${c.caseId}/triage`, bodies.triage()),
        'CaseStatusForbidsCommand',
      );
    });

    it('refuses a second open proposal (OpenProposalExists)', async () => {
      await conflict(
        c.caseId,
        coordinator.post(`/api/cases/${c.caseId}/proposals`, bodies.proposal()),
        'OpenProposalExists',
      );
    });

    it('refuses a vote on a proposal that is no longer submitted (ProposalNotSubmitted)', async () => {
      // A drafted proposal keeps the case from the stuurploeg (404); an approved one is in its sight, and decided.
      const approved = await driveCase(app(), 'in_execution');
      await conflict(
        approved.caseId,
        steering.post(`/api/cases/${approved.caseId}/proposals/${approved.proposalId}/decision`, bodies.decide()),
        'ProposalNotSubmitted',
      );
    });

    it('refuses submitting a proposal twice (ProposalNotDrafted)', async () => {
      const awaiting = await driveCase(app(), 'awaiting_steering_group');
      await conflict(
        awaiting.caseId,
        coordinator.post(`/api/cases/${awaiting.caseId}/proposals/${awaiting.proposalId}/submit`, bodies.submit()),
        'ProposalNotDrafted',
      );
    });

    it('refuses closing a case whose proposal awaits the steering group (ProposalAwaitsDecision)', async () => {
      const awaiting = await driveCase(app(), 'awaiting_steering_group');
      await conflict(
        awaiting.caseId,
        coordinator.post(`/api/cases/${awaiting.caseId}/close`, bodies.close()),
        'ProposalAwaitsDecision',
      );
    });

    it('refuses a second decision on a decided proposal, also by the second steering member (ProposalNotSubmitted)', async () => {
      const decided = await driveCase(app(), 'in_execution');
      const second = await app().as('steering2.de-baronie');
      await conflict(
        decided.caseId,
        second.post(`/api/cases/${decided.caseId}/proposals/${decided.proposalId}/decision`, bodies.decide('rejected')),
        'ProposalNotSubmitted',
      );
    });

    it('refuses recording an execution twice (InterventionAlreadyExecuted)', async () => {
      await conflict(
        c.caseId,
        coordinator.post(`/api/cases/${c.caseId}/interventions/${c.interventionId}/execution`, bodies.execution()),
        'InterventionAlreadyExecuted',
      );
    });

    it('refuses an effect of an intervention not executed yet (InterventionNotExecuted)', async () => {
      const planned = await driveCase(app(), 'intervention_planned');
      await conflict(
        planned.caseId,
        coordinator.post(
          `/api/cases/${planned.caseId}/interventions/${planned.interventionId}/effects`,
          bodies.effect(),
        ),
        'InterventionNotExecuted',
      );
    });

    it('refuses an execution dated before the intervention was planned (DateBeforePlanned)', async () => {
      const planned = await driveCase(app(), 'intervention_planned');
      await conflict(
        planned.caseId,
        coordinator.post(`/api/cases/${planned.caseId}/interventions/${planned.interventionId}/execution`, {
          executedOn: '2026-03-08',
        }),
        'DateBeforePlanned',
      );
    });

    it('refuses a triage dated before the signal was received (DateBeforeReceipt)', async () => {
      const fresh = await driveCase(app(), 'in_triage');
      await conflict(
        fresh.caseId,
        coordinator.post(
          `/api/cases/${fresh.caseId}/triage`,
          bodies.triage('refer_to_care_table', { decidedOn: '2026-03-01' }),
        ),
        'DateBeforeReceipt',
      );
    });

    it('refuses a business date in the future (BusinessDateInFuture)', async () => {
      await conflict(
        c.caseId,
        coordinator.post(`/api/cases/${c.caseId}/care-table-meetings`, bodies.meeting({ heldOn: '2026-03-17' })),
        'BusinessDateInFuture',
      );
    });

    it('refuses assigning a coordinator of another district, or someone who is no coordinator (CoordinatorNotInDistrict)', async () => {
      const fresh = await driveCase(app(), 'signal_received');
      await conflict(
        fresh.caseId,
        coordinator.post(`/api/cases/${fresh.caseId}/assign`, bodies.assign('coordinator.zeeland')),
        'CoordinatorNotInDistrict',
      );
      await conflict(
        fresh.caseId,
        coordinator.post(`/api/cases/${fresh.caseId}/assign`, bodies.assign('steering.de-baronie')),
        'CoordinatorNotInDistrict',
      );
    });

    it('refuses assigning a coordinator once triage is done (CaseStatusForbidsCommand)', async () => {
      await conflict(
        c.caseId,
        coordinator.post(`/api/cases/${c.caseId}/assign`, bodies.assign()),
        'CaseStatusForbidsCommand',
      );
    });

    it('refuses reopening a case that is open (CaseStatusForbidsCommand)', async () => {
      await conflict(
        c.caseId,
        coordinator.post(`/api/cases/${c.caseId}/reopen`, bodies.reopen()),
        'CaseStatusForbidsCommand',
      );
    });

    it('refuses erasing personal data twice (SubjectAlreadyErased)', async () => {
      const fresh = await driveCase(app(), 'in_triage', {
        signal: { subjects: [{ role: 'victim', name: 'Twice Erased' }] },
      });
      const sid = (await coordinator.get(`/api/cases/${fresh.caseId}`)).body.subjects[0].subjectId;
      ok(await coordinator.delete(`/api/cases/${fresh.caseId}/subjects/${sid}/personal-data`), 200, 'erase');
      await conflict(
        fresh.caseId,
        coordinator.delete(`/api/cases/${fresh.caseId}/subjects/${sid}/personal-data`),
        'SubjectAlreadyErased',
      );
    });
  });

  describe('412 when If-Match does not match', () => {
    it('refuses a command on a stale version with 412 and the current version, and writes nothing', async () => {
      const fresh = await driveCase(app(), 'at_care_table');
      const stale = fresh.version - 1;
      const res = await coordinator.post(`/api/cases/${fresh.caseId}/care-table-meetings`, bodies.meeting(), {
        headers: { 'if-match': `"${stale}"` },
      });
      expectProblem(res, 412);
      expect(res.body.currentVersion).toBe(fresh.version);
      expect(await historyLength(coordinator, fresh.caseId)).toBe(fresh.version);
    });

    it('accepts a command whose If-Match is the current ETag', async () => {
      const fresh = await driveCase(app(), 'at_care_table');
      const etag = (await coordinator.get(`/api/cases/${fresh.caseId}`)).headers.etag;
      const res = await coordinator.post(`/api/cases/${fresh.caseId}/care-table-meetings`, bodies.meeting(), {
        headers: { 'if-match': etag },
      });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(`"${fresh.version + 1}"`);
    });

    it('answers 412 rather than 409 when a stale command would also break a rule', async () => {
      const closed = await driveCase(app(), 'closed');
      expectProblem(
        await coordinator.post(`/api/cases/${closed.caseId}/triage`, bodies.triage(), {
          headers: { 'if-match': '"1"' },
        }),
        412,
      );
    });

    it('lets only one of two writers holding the same ETag win', async () => {
      const fresh = await driveCase(app(), 'at_care_table');
      const etag = `"${fresh.version}"`;
      const first = await coordinator.post(`/api/cases/${fresh.caseId}/care-table-meetings`, bodies.meeting(), {
        headers: { 'if-match': etag },
      });
      const second = await coordinator.post(`/api/cases/${fresh.caseId}/proposals`, bodies.proposal(), {
        headers: { 'if-match': etag },
      });
      expect(first.status).toBe(200);
      expectProblem(second, 412);
      expect((await coordinator.get(`/api/cases/${fresh.caseId}`)).body.proposals).toEqual([]);
    });
  });

  describe('413 when the body is too large', () => {
    it('refuses a signal over the body limit and writes nothing', async () => {
      const before = (await coordinator.get('/api/cases')).body.total;
      const res = await coordinator.post('/api/signals', signalBody({ summary: 'x'.repeat(300 * 1024) }));
      expectProblem(res, 413);
      expect((await coordinator.get('/api/cases')).body.total).toBe(before);
    });

    it('refuses a command over the body limit', async () => {
      expectProblem(
        await coordinator.post(
          `/api/cases/${c.caseId}/care-table-meetings`,
          bodies.meeting({ conclusions: 'y'.repeat(300 * 1024) }),
        ),
        413,
      );
    });
  });

  describe('idempotency keys', () => {
    it('answers a repeated signal with the first response and creates no second case', async () => {
      const key = `signal-${randomUUID()}`;
      const before = (await coordinator.get('/api/cases')).body.total;
      const first = await coordinator.post('/api/signals', signalBody(), { headers: { 'idempotency-key': key } });
      const repeat = await coordinator.post('/api/signals', signalBody(), { headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(repeat.status).toBe(201);
      expect(repeat.body).toEqual(first.body);
      expect(repeat.headers.location).toBe(first.headers.location);
      expect(repeat.headers.etag).toBe(first.headers.etag);
      expect((await coordinator.get('/api/cases')).body.total).toBe(before + 1);
    });

    it('answers a repeated command with the first response and writes nothing (history length unchanged)', async () => {
      const fresh = await driveCase(app(), 'at_care_table');
      const key = randomUUID();
      const path = `/api/cases/${fresh.caseId}/care-table-meetings`;
      const first = ok(
        await coordinator.post(path, bodies.meeting(), { headers: { 'idempotency-key': key } }),
        200,
        'first',
      );
      const length = await historyLength(coordinator, fresh.caseId);
      const repeat = await coordinator.post(path, bodies.meeting(), { headers: { 'idempotency-key': key } });
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual(first.body);
      expect(repeat.headers.etag).toBe(first.headers.etag);
      expect(await historyLength(coordinator, fresh.caseId)).toBe(length);
      expect((await coordinator.get(`/api/cases/${fresh.caseId}`)).body.careTableMeetings).toHaveLength(1);
    });

    it('repeats the created id of a creating command', async () => {
      const fresh = await driveCase(app(), 'at_care_table');
      const key = randomUUID();
      const path = `/api/cases/${fresh.caseId}/proposals`;
      const first = ok(
        await coordinator.post(path, bodies.proposal(), { headers: { 'idempotency-key': key } }),
        201,
        'first',
      );
      const repeat = ok(
        await coordinator.post(path, bodies.proposal(), { headers: { 'idempotency-key': key } }),
        201,
        'repeat',
      );
      expect(repeat.body.proposalId).toBe(first.body.proposalId);
      expect(repeat.headers.location).toBe(first.headers.location);
    });

    it('refuses the same key with another body (422) and writes nothing', async () => {
      const fresh = await driveCase(app(), 'at_care_table');
      const key = randomUUID();
      const path = `/api/cases/${fresh.caseId}/care-table-meetings`;
      ok(await coordinator.post(path, bodies.meeting(), { headers: { 'idempotency-key': key } }), 200, 'first');
      const length = await historyLength(coordinator, fresh.caseId);
      expectProblem(
        await coordinator.post(path, bodies.meeting({ conclusions: 'Something else.' }), {
          headers: { 'idempotency-key': key },
        }),
        422,
      );
      expect(await historyLength(coordinator, fresh.caseId)).toBe(length);
    });

    it('refuses the same key on another endpoint (422)', async () => {
      const fresh = await driveCase(app(), 'at_care_table');
      const key = randomUUID();
      ok(
        await coordinator.post(`/api/cases/${fresh.caseId}/care-table-meetings`, bodies.meeting(), {
          headers: { 'idempotency-key': key },
        }),
        200,
        'first',
      );
      expectProblem(
        await coordinator.post(`/api/cases/${fresh.caseId}/proposals`, bodies.proposal(), {
          headers: { 'idempotency-key': key },
        }),
        422,
      );
    });

    it('keeps keys apart per user', async () => {
      const key = randomUUID();
      const zeeland = await app().as('coordinator.zeeland');
      const mine = ok(
        await coordinator.post('/api/signals', signalBody(), { headers: { 'idempotency-key': key } }),
        201,
        'mine',
      );
      const theirs = ok(
        await zeeland.post('/api/signals', signalBody({ district: 'zeeland', municipality: 'goes' }), {
          headers: { 'idempotency-key': key },
        }),
        201,
        'theirs',
      );
      expect(theirs.body.caseId).not.toBe(mine.body.caseId);
    });

    it('does not remember a refused command: after a 409 the same key may succeed once the rule allows it', async () => {
      const fresh = await driveCase(app(), 'in_triage');
      const key = randomUUID();
      const meeting = () =>
        coordinator.post(`/api/cases/${fresh.caseId}/care-table-meetings`, bodies.meeting(), {
          headers: { 'idempotency-key': key },
        });
      expectConflict(await meeting(), 'CaseStatusForbidsCommand');
      ok(await coordinator.post(`/api/cases/${fresh.caseId}/triage`, bodies.triage()), 200, 'triage');
      expect((await meeting()).status).toBe(200);
    });
  });
});
