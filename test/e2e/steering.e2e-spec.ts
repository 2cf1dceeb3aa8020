import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { PNG } from 'pngjs';
import { bodies, COORDINATOR, DATES, driveCase, ok, STEERING, type CaseHandle } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, type ApiClient, type ApiResponse } from './support/test-app';

const DECIDED_ON = DATES.proposalDecidedOn;

/** A premises closure (the mayor's) and a criminal investigation (the prosecutor's): the stuurploeg's classic pair. */
const closureAndInvestigation = {
  summary: 'Sluiting van de autowasstraat en een strafrechtelijk onderzoek naar de eigenaar.',
  steeringSummary: 'Bestuurlijke sluiting en opsporing bij een autowasstraat in Breda.',
  measures: [
    { type: 'premises_closure', leadOrganisation: 'municipality:breda' },
    { type: 'criminal_investigation', leadOrganisation: 'public_prosecutor' },
  ],
};

const vote = (decision: string, extra: Record<string, unknown> = {}) => ({
  decidedOn: DECIDED_ON,
  decision,
  ...(decision === 'approved' ? {} : { rationale: 'Eerst het proces-verbaal afwachten.' }),
  ...extra,
});

interface Task {
  kind: string;
  caseId: string;
  dueOn: string;
}

/**
 * The stuurploeg over HTTP (DOMAIN.md "Steering-group decisions", API.md v2): a proposal is approved by the assents of
 * two members of two organisations including the competent organisation of every level of its measures; the stuurploeg
 * sees only the cases put to it, and never the care narrative or a name. Today is Monday 16 March 2026.
 */
describe('the stuurploeg decides as a stuurploeg', () => {
  const app = useTestApp({ env: { BAKEN_RUN_WORKERS: 'true', BAKEN_SUBSCRIPTION_POLL_MS: '100' } });
  let coordinator: ApiClient;

  beforeAll(async () => {
    coordinator = await app().as(COORDINATOR);
  });

  /** A case of De Baronie at the care table, with a v2 proposal drafted and submitted. */
  async function submitted(
    proposal: object = closureAndInvestigation,
    from: 'care_table_met' | 'in_execution' = 'care_table_met',
  ) {
    const c = await driveCase(app(), from);
    const drafted = ok(await coordinator.post(`/api/cases/${c.caseId}/proposals`, proposal), 201, 'draft');
    const proposalId: string = drafted.body.proposalId;
    ok(await coordinator.post(`/api/cases/${c.caseId}/proposals/${proposalId}/submit`, bodies.submit()), 200, 'submit');
    return { ...c, proposalId };
  }

  async function castBy(username: string, c: CaseHandle, body: object = vote('approved')): Promise<ApiResponse> {
    return (await app().as(username)).post(`/api/cases/${c.caseId}/proposals/${c.proposalId}/decision`, body);
  }

  const detail = async (c: CaseHandle) => ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'detail').body;
  const agendaItem = async (c: CaseHandle) =>
    ok(await (await app().as(STEERING)).get('/api/steering/agenda'), 200, 'agenda').body.items.find(
      (i: { caseId: string }) => i.caseId === c.caseId,
    );

  describe('the decision rule, for every combination a stuurploeg meets', () => {
    let c: CaseHandle;
    beforeAll(async () => {
      c = await submitted();
    });

    it('keeps a closure and an investigation submitted with the RIEC alone, and says who still must assent', async () => {
      const res = ok(await castBy(STEERING, c), 200, 'riec');
      expect(res.body).toEqual({ caseId: c.caseId, version: expect.any(Number), proposalStatus: 'submitted' });
      expect((await detail(c)).status).toBe('awaiting_steering_group');
      expect((await agendaItem(c)).stillNeeded).toEqual({
        members: 1,
        organisations: 1,
        levels: ['administrative', 'criminal'],
      });
    });

    it('keeps it submitted with the RIEC and the municipality: the prosecutor has not assented', async () => {
      expect(ok(await castBy(`${STEERING}.gemeente`, c), 200, 'gemeente').body.proposalStatus).toBe('submitted');
      expect((await detail(c)).status).toBe('awaiting_steering_group');
      expect((await agendaItem(c)).stillNeeded).toEqual({ members: 0, organisations: 0, levels: ['criminal'] });
    });

    it('refuses a member voting twice (409 already-voted), and writes nothing', async () => {
      const before = (await detail(c)).version;
      const again = await castBy(STEERING, c, vote('rejected'));
      expectProblem(again, 409);
      expect(again.body).toMatchObject({ type: '/problems/already-voted', code: 'AlreadyVoted' });
      expect((await detail(c)).version).toBe(before);
    });

    it('approves with the prosecutor: in execution, both measures planned in the same transaction as the approval', async () => {
      const before = (await detail(c)).version;
      const res = ok(
        await castBy(
          `${STEERING}.om`,
          c,
          vote('approved', { conditions: 'Binnen zes weken.', evaluateOn: '2026-06-01' }),
        ),
        200,
        'om',
      );
      // The vote, the approval and one InterventionPlanned per measure: four events, one answer.
      const view = await detail(c);
      expect(res.body).toEqual({
        caseId: c.caseId,
        version: before + 4,
        proposalStatus: 'approved',
        interventionIds: view.interventions.map((i: { interventionId: string }) => i.interventionId),
      });
      expect(view.status).toBe('in_execution');
      expect(view.proposals[0]).toMatchObject({
        status: 'approved',
        decidedOn: DECIDED_ON,
        decidedBy: `${STEERING}.om`,
        conditions: 'Binnen zes weken.',
        evaluateOn: '2026-06-01',
        votes: [
          expect.objectContaining({ username: STEERING, organisation: 'riec', decision: 'approved' }),
          expect.objectContaining({ username: `${STEERING}.gemeente`, organisation: 'municipality:breda' }),
          expect.objectContaining({ username: `${STEERING}.om`, organisation: 'public_prosecutor' }),
        ],
      });
      expect(view.interventions).toEqual([
        expect.objectContaining({
          type: 'premises_closure',
          level: 'administrative',
          leadOrganisation: 'municipality:breda',
          leadPartner: 'municipality',
          proposalId: c.proposalId,
          plannedOn: DECIDED_ON,
        }),
        expect.objectContaining({
          type: 'criminal_investigation',
          level: 'criminal',
          leadOrganisation: 'public_prosecutor',
          proposalId: c.proposalId,
          plannedOn: DECIDED_ON,
        }),
      ]);
      const history = ok(await coordinator.get(`/api/cases/${c.caseId}/history`), 200, 'history').body.events;
      const last = history.slice(-4);
      expect(last.map((e: { type: string }) => e.type)).toEqual([
        'ProposalVoteCast',
        'ProposalApproved',
        'InterventionPlanned',
        'InterventionPlanned',
      ]);
      expect(new Set(last.map((e: { recordedAt: string }) => e.recordedAt)).size).toBe(1);
      expect(await agendaItem(c)).toBeUndefined();
    });

    it('refuses a vote on a decided proposal (409), and the coordinator any vote (403)', async () => {
      expectProblem(await castBy(`${STEERING}.politie`, c), 409);
      expectProblem(await castBy(COORDINATOR, c), 403);
    });

    it('puts the evaluation date in the coordinator’s tasks, and clears it when the evaluation is recorded', async () => {
      const evaluation = (tasks: Task[]) =>
        tasks.find((t) => t.caseId === c.caseId && t.kind === 'proposal_evaluation');
      await eventually(async () => evaluation(await tasksOf(coordinator))?.dueOn === '2026-06-01');
      ok(
        await coordinator.post(`/api/cases/${c.caseId}/proposals/${c.proposalId}/evaluation`, {
          evaluatedOn: '2026-03-16',
          conclusion: 'Pand gesloten; onderzoek loopt.',
        }),
        200,
        'evaluate',
      );
      expect((await detail(c)).proposals[0].evaluation).toEqual({
        evaluatedOn: '2026-03-16',
        conclusion: 'Pand gesloten; onderzoek loopt.',
        evaluatedBy: COORDINATOR,
      });
      await eventually(async () => evaluation(await tasksOf(coordinator)) === undefined);
    });
  });

  it('needs two organisations for care-only measures: two members of the police are not enough', async () => {
    const c = await submitted({
      summary: 'Opvang voor de slachtoffers.',
      steeringSummary: 'Opvang.',
      measures: [{ type: 'shelter_placement', leadOrganisation: 'shelter:sterk-huis' }],
    });
    expect(ok(await castBy(`${STEERING}.politie`, c), 200, 'politie').body.proposalStatus).toBe('submitted');
    expect(ok(await castBy('steering2.de-baronie', c), 200, 'politie again').body.proposalStatus).toBe('submitted');
    expect((await agendaItem(c)).stillNeeded).toEqual({ members: 0, organisations: 1, levels: [] });
    expect(ok(await castBy(STEERING, c), 200, 'riec').body.proposalStatus).toBe('approved');
    expect((await detail(c)).interventions).toEqual([
      expect.objectContaining({ type: 'shelter_placement', leadOrganisation: 'shelter:sterk-huis' }),
    ]);
  });

  it('returns a rejected follow-up proposal to where it came from: in execution', async () => {
    const c = await submitted(
      {
        ...closureAndInvestigation,
        measures: [{ type: 'administrative_fine', leadOrganisation: 'municipality:breda' }],
      },
      'in_execution',
    );
    expect((await detail(c)).status).toBe('awaiting_steering_group');
    expect(ok(await castBy(`${STEERING}.gemeente`, c, vote('rejected')), 200, 'reject').body.proposalStatus).toBe(
      'rejected',
    );
    const view = await detail(c);
    expect(view.status).toBe('in_execution');
    expect(view.proposals[1]).toMatchObject({ status: 'rejected', decidedBy: `${STEERING}.gemeente` });
    expect(view.interventions).toHaveLength(1);
  });

  it('puts a deferral’s revisit date in the stuurploeg’s tasks, in place of the decision deadline', async () => {
    const c = await submitted();
    const steering = await app().as(STEERING);
    const ofCase = (tasks: Task[]) => tasks.filter((t) => t.caseId === c.caseId).map((t) => [t.kind, t.dueOn]);
    await eventually(async () => ofCase(await tasksOf(steering)).length === 1);
    expect(ofCase(await tasksOf(steering))).toEqual([['proposal_decision', '2026-04-05']]);
    expectProblem(await castBy(`${STEERING}.om`, c, vote('deferred')), 400, 'revisitOn');
    const res = ok(await castBy(`${STEERING}.om`, c, vote('deferred', { revisitOn: '2026-03-26' })), 200, 'defer');
    expect(res.body.proposalStatus).toBe('submitted');
    expect((await detail(c)).proposals[0]).toMatchObject({ status: 'submitted', revisitOn: '2026-03-26' });
    await eventually(
      async () => JSON.stringify(ofCase(await tasksOf(steering))) === '[["proposal_revisit","2026-03-26"]]',
    );
    // Every member of the district's stuurploeg sees it; the coordinator's queue does not.
    expect(ofCase(await tasksOf(await app().as(`${STEERING}.nla`)))).toEqual([['proposal_revisit', '2026-03-26']]);
    expect(ofCase(await tasksOf(coordinator))).toEqual([]);
  });

  it('lets the coordinator revise and withdraw a draft, and keeps a submitted one as it was', async () => {
    const c = await driveCase(app(), 'care_table_met');
    const proposalId = ok(
      await coordinator.post(`/api/cases/${c.caseId}/proposals`, closureAndInvestigation),
      201,
      'draft',
    ).body.proposalId;
    const path = `/api/cases/${c.caseId}/proposals/${proposalId}`;
    ok(
      await coordinator.put(path, {
        ...closureAndInvestigation,
        steeringSummary: 'Alleen sluiting.',
        measures: [closureAndInvestigation.measures[0]],
      }),
      200,
      'revise',
    );
    expect((await detail(c)).proposals[0]).toMatchObject({
      status: 'drafted',
      steeringSummary: 'Alleen sluiting.',
      measures: [{ type: 'premises_closure', level: 'administrative', leadOrganisation: 'municipality:breda' }],
      allowedActions: expect.arrayContaining(['SubmitProposal', 'ReviseProposal', 'WithdrawProposal']),
    });
    expectProblem(
      await coordinator.put(path, {
        ...closureAndInvestigation,
        measures: [{ type: 'premises_closure', leadOrganisation: 'municipality:nowhere' }],
      }),
      400,
      'measures.0.leadOrganisation',
    );
    ok(await coordinator.post(`${path}/withdrawal`, { reason: 'Eerst opnieuw naar de Zorgtafel.' }), 200, 'withdraw');
    expect((await detail(c)).proposals[0].status).toBe('withdrawn');
    const again = await submitted();
    expectProblem(
      await coordinator.put(`/api/cases/${again.caseId}/proposals/${again.proposalId}`, closureAndInvestigation),
      409,
    );
  });

  describe('need-to-know', () => {
    const SECRETS = {
      signalSummary: 'Kamers boven de wasstraat; sleutel bij buurvrouw Wilma (q7-signaal).',
      victim: 'Ilona Varga-Szabó',
      suspect: 'Dirk van Wassenaar',
      triage: 'Slachtoffer is bang voor Dirk (q7-triage).',
      conclusions: 'Ilona wil alleen met haar zus praten (q7-zorgtafel).',
      proposal: 'Ilona naar de opvang in Tilburg (q7-voorstel).',
    };
    let c: CaseHandle;
    let early: CaseHandle;

    beforeAll(async () => {
      c = await driveCase(app(), 'in_triage', {
        signal: {
          summary: SECRETS.signalSummary,
          subjects: [
            {
              role: 'victim',
              name: SECRETS.victim,
              birthDate: '1990-02-03',
              nationality: 'HU',
              notes: 'Bij haar zus.',
            },
            { role: 'suspect', name: SECRETS.suspect },
          ],
        },
      });
      const base = `/api/cases/${c.caseId}`;
      // The secrets in the triage rationale, the care table's conclusions, a consent and the proposal's narrative.
      ok(
        await coordinator.post(`${base}/triage`, bodies.triage('refer_to_care_table', { rationale: SECRETS.triage })),
        200,
        'triage',
      );
      ok(
        await coordinator.post(`${base}/care-table-meetings`, bodies.meeting({ conclusions: SECRETS.conclusions })),
        200,
        'meeting',
      );
      const victim = (await detail(c)).subjects[0].subjectId;
      ok(
        await coordinator.post(`${base}/subjects/${victim}/consents`, {
          scope: 'share_with_q7_care',
          given: true,
          recordedOn: '2026-03-05',
        }),
        200,
        'consent',
      );
      const proposalId = ok(
        await coordinator.post(`${base}/proposals`, { ...closureAndInvestigation, summary: SECRETS.proposal }),
        201,
        'draft',
      ).body.proposalId;
      ok(await coordinator.post(`${base}/proposals/${proposalId}/submit`, bodies.submit()), 200, 'submit');
      c.proposalId = proposalId;
      for (const member of [STEERING, `${STEERING}.gemeente`, `${STEERING}.om`])
        ok(await castBy(member, c), 200, member);
      early = await driveCase(app(), 'proposal_drafted', { signal: { summary: SECRETS.signalSummary } });
    });

    it('answers 404 for a case without a submitted proposal, on the detail, history, time travel and a vote', async () => {
      const steering = await app().as(STEERING);
      for (const path of ['', '/history', '?version=1'])
        expectProblem(await steering.get(`/api/cases/${early.caseId}${path}`), 404);
      expectProblem(await castBy(STEERING, early), 404);
      const list = ok(await steering.get('/api/cases?pageSize=200'), 200, 'list').body.items;
      expect(list.map((i: { caseId: string }) => i.caseId)).toContain(c.caseId);
      expect(list.map((i: { caseId: string }) => i.caseId)).not.toContain(early.caseId);
    });

    it('shows the header, the proposal with its votes and pseudonyms — and no narrative, name or consent anywhere', async () => {
      const steering = await app().as(STEERING);
      const view = ok(await steering.get(`/api/cases/${c.caseId}`), 200, 'detail').body;
      expect(view.proposals).toEqual([
        expect.objectContaining({ steeringSummary: closureAndInvestigation.steeringSummary, votes: expect.any(Array) }),
      ]);
      expect(view.subjects.map((s: { pseudonym: string }) => s.pseudonym)).toEqual([
        expect.any(String),
        expect.any(String),
      ]);
      for (const hidden of ['summary', 'triage', 'careTableMeetings', 'source', 'interventions'])
        expect(view).not.toHaveProperty(hidden);

      const answers: ApiResponse[] = [];
      const get = async (path: string) => answers.push(await steering.get(path));
      await get(`/api/cases/${c.caseId}`);
      await get(`/api/cases/${c.caseId}/history`);
      for (let version = 1; version <= view.version; version++) await get(`/api/cases/${c.caseId}?version=${version}`);
      await get(`/api/cases/${c.caseId}?asOf=2030-01-01T00:00:00Z`);
      await get(`/api/cases/${early.caseId}`);
      await get('/api/cases?pageSize=200');
      await get(`/api/cases?q=${encodeURIComponent(SECRETS.victim)}`);
      await get('/api/steering/agenda');
      await get('/api/steering/decisions?from=2026-01-01&to=2026-12-31');
      await get('/api/me/tasks');
      await get('/api/auth/session');
      await get('/api/reference-data/districts');
      await get('/api/reference-data/organisations');
      await get('/api/reports/flow?from=2026-03-01&to=2026-03-31');
      await get(`/api/audit/cases/${c.caseId}/verify`);
      answers.push(await castBy(`${STEERING}.politie`, c));
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(view.version + 8);
      const everything = answers.map((a) => a.text).join('\n');
      // The coordinator's view holds every secret, so their absence above is the view's doing.
      const full = ok(await coordinator.get(`/api/cases/${c.caseId}`), 200, 'coordinator').body;
      for (const secret of Object.values(SECRETS)) expect(JSON.stringify(full)).toContain(secret);
      expect(everything).toContain(c.caseId);
      for (const secret of [...Object.values(SECRETS), 'q7', 'Bij haar zus']) expect(everything).not.toContain(secret);

      const xlsx = await steering.download('/api/steering/decisions?from=2026-01-01&to=2026-12-31&format=xlsx');
      expect(xlsx.status).toBe(200);
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.worksheets[0].eachRow((row) => cells.push(JSON.stringify(row.values)));
      expect(cells.join('\n')).toContain(closureAndInvestigation.steeringSummary);
      const pdf = await steering.download('/api/steering/decisions?from=2026-01-01&to=2026-12-31&format=pdf');
      const text = pdfText(pdf.bytes);
      expect(text).toContain(closureAndInvestigation.steeringSummary);
      for (const secret of ['q7', SECRETS.victim, SECRETS.suspect]) {
        expect(cells.join('\n')).not.toContain(secret);
        expect(text).not.toContain(secret);
      }
    });
  });

  describe('the besluitenlijst', () => {
    it('lists the decisions of the period as JSON, in the order they were taken', async () => {
      const c = await submitted();
      for (const member of [STEERING, `${STEERING}.gemeente`, `${STEERING}.om`])
        ok(await castBy(member, c), 200, member);
      const steering = await app().as(STEERING);
      const list = ok(
        await steering.get('/api/steering/decisions?from=2026-03-09&to=2026-03-09'),
        200,
        'decisions',
      ).body;
      expect(list).toMatchObject({ districts: ['de-baronie'], from: '2026-03-09', to: '2026-03-09' });
      expect(list.items).toContainEqual(
        expect.objectContaining({
          caseId: c.caseId,
          decision: 'approved',
          decidedOn: DECIDED_ON,
          measures: closureAndInvestigation.measures.map((m) => expect.objectContaining(m)),
          votes: expect.arrayContaining([expect.objectContaining({ organisation: 'public_prosecutor' })]),
        }),
      );
      const dates = list.items.map((i: { decidedOn: string }) => i.decidedOn);
      expect(dates).toEqual([...dates].sort());
      expect(
        ok(await steering.get('/api/steering/decisions?from=2026-03-10&to=2026-03-31'), 200, 'later').body.items,
      ).toEqual([]);
      expectProblem(await steering.get('/api/steering/decisions?from=2026-03-10&to=2026-03-01'), 400, 'to');
      expectProblem(await steering.get('/api/steering/decisions?from=2026-03-01&to=2026-03-31&district=zeeland'), 403);
      expectProblem(await (await app().as('analyst')).get('/api/steering/agenda'), 403);
    });

    it('renders as a PDF whose first page is not blank, and as an XLSX', async () => {
      const steering = await app().as(STEERING);
      const pdf = await steering.download('/api/steering/decisions?from=2026-03-01&to=2026-03-31&format=pdf');
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(
        'attachment; filename="besluitenlijst-de-baronie-2026-03-01-2026-03-31.pdf"',
      );
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const page = firstPageAsPng(pdf.bytes);
      expect(page.width).toBeGreaterThan(500);
      expect(inkedShare(page)).toBeGreaterThan(0.005);
      expect(pdfText(pdf.bytes)).toContain('Besluitenlijst stuurploeg De Baronie');

      const xlsx = await steering.download('/api/steering/decisions?from=2026-03-01&to=2026-03-31&format=xlsx');
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('Besluitenlijst');
      expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Casus', 'Besloten op', 'Besluit']);
      expect(sheet.rowCount).toBeGreaterThan(1);
    });
  });

  const tasksOf = async (client: ApiClient) => ok(await client.get('/api/me/tasks'), 200, 'tasks').body.items as Task[];
});

/** Waits for the deadline workflow (it runs behind the log). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function withPdf<T>(bytes: Buffer, run: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'baken-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    return run(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF (poppler's pdftotext). */
const pdfText = (bytes: Buffer) =>
  withPdf(bytes, (_dir, file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));

/** The first page rendered by poppler's pdftoppm at 72 dpi. */
const firstPageAsPng = (bytes: Buffer) =>
  withPdf(bytes, (dir, file) => {
    execFileSync('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    return PNG.sync.read(readFileSync(join(dir, 'page.png')));
  });

/** The share of pixels that are not (nearly) white. */
function inkedShare(png: PNG): number {
  let inked = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i] < 200 || png.data[i + 1] < 200 || png.data[i + 2] < 200) inked++;
  return inked / (png.width * png.height);
}
