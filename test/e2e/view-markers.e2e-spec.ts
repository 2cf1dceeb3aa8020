import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { DEMO_USERS } from '@baken/access';
import { bodies, COORDINATOR, DATES, driveCase, ok, steeringApproval, STEERING } from './support/cases';
import { useTestApp, type ApiClient } from './support/test-app';

/**
 * Marker strings planted in every kind of field a case has, each standing for what a role may or may not read.
 * Names are personal data; the rest is narrative (DOMAIN.md "Narrative text"), or the stuurploeg's own texts.
 */
const M = {
  name: 'Mkr Naamvrouw',
  personalNotes: 'mkr-personal-notes',
  summary: 'mkr-signal-summary',
  source: 'mkr-source-who',
  triage: 'mkr-triage-rationale',
  conclusions: 'mkr-care-table-conclusions',
  proposal: 'mkr-proposal-narrative',
  steering: 'mkr-steering-summary',
  vote: 'mkr-vote-conditions',
  consent: 'mkr-consent-scope',
  briefInspection: 'mkr-brief-inspection',
  notesInspection: 'mkr-notes-inspection',
  effectInspection: 'mkr-effect-inspection',
  briefPolice: 'mkr-brief-police',
  disclosure: 'mkr-disclosure-reason',
  sessionConclusions: 'mkr-session-conclusions',
  actionPoint: 'mkr-action-point-inspection',
} as const;
type Marker = keyof typeof M;
const ALL = Object.keys(M) as Marker[];

/** What each demo user may read of the case below; everything else must be absent from every answer it gets. */
function mayRead(username: string): Marker[] {
  const user = DEMO_USERS.find((u) => u.username === username)!;
  switch (user.role) {
    case 'coordinator':
      return user.districts.includes('de-baronie') ? ALL : [];
    case 'auditor':
      return ALL;
    case 'steering_group':
      return user.districts.includes('de-baronie') ? ['steering', 'vote'] : [];
    case 'partner':
      // The victim is disclosed to the inspectorate's inspection: its name, not its notes.
      if (user.organisation === 'labour_inspectorate')
        return ['name', 'briefInspection', 'notesInspection', 'effectInspection', 'actionPoint'];
      if (user.organisation === 'police_avim') return ['briefPolice'];
      return [];
    default:
      return [];
  }
}

/** The text of an answer to search: JSON and CSV as they are, PDF as its text, XLSX as its cells. */
async function textOf(client: ApiClient, path: string): Promise<string> {
  const res = await client.download(path);
  const type = res.headers['content-type'] ?? '';
  if (type.startsWith('application/pdf')) {
    const dir = mkdtempSync(join(tmpdir(), 'baken-markers-'));
    try {
      writeFileSync(join(dir, 'a.pdf'), res.bytes);
      return execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (type.includes('spreadsheetml')) {
    const workbook = new Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(JSON.stringify(row.values))));
    return cells.join('\n');
  }
  return res.bytes.toString('utf8');
}

/**
 * One policy for every view (issue: "Every role's view is one policy"): for every demo user and every endpoint that can
 * return case data — detail, history, time travel, lists, work queue, the stuurploeg's agenda and besluitenlijst,
 * reports and exports, the audit trail — the whole answer is searched for markers of fields that user may not read.
 */
describe('every answer, for every role, holds only what the role may read', () => {
  const app = useTestApp({ env: { BAKEN_RUN_WORKERS: 'true', BAKEN_SUBSCRIPTION_POLL_MS: '100' } });
  let caseId: string;
  let subjectId: string;
  let sessionId: string;

  beforeAll(async () => {
    const coordinator = await app().as(COORDINATOR);
    const c = await driveCase(app(), 'in_triage', {
      registeredBy: 'liaison.breda',
      signal: {
        summary: `Melding ${M.summary}.`,
        source: { type: 'municipality', organisation: M.source },
        subjects: [{ role: 'victim', name: M.name, notes: M.personalNotes }],
      },
    });
    caseId = c.caseId;
    const at = `/api/cases/${caseId}`;
    subjectId = ok(await coordinator.get(at), 200, 'detail').body.subjects[0].subjectId;
    ok(
      await coordinator.post(`${at}/triage`, bodies.triage('refer_to_care_table', { rationale: M.triage })),
      200,
      'triage',
    );
    ok(
      await coordinator.post(
        `${at}/care-table-meetings`,
        bodies.meeting({ conclusions: M.conclusions, heldOn: '2026-03-06' }),
      ),
      200,
      'meeting',
    );
    ok(
      await coordinator.post(`${at}/subjects/${subjectId}/consents`, {
        scope: M.consent,
        given: true,
        recordedOn: '2026-03-06',
      }),
      200,
      'consent',
    );
    const proposalId = ok(
      await coordinator.post(`${at}/proposals`, {
        summary: M.proposal,
        steeringSummary: M.steering,
        measures: [{ type: 'labour_inspection', leadOrganisation: 'labour_inspectorate' }],
      }),
      201,
      'proposal',
    ).body.proposalId;
    ok(await coordinator.post(`${at}/proposals/${proposalId}/submit`, bodies.submit()), 200, 'submit');
    let inspection = '';
    for (const member of steeringApproval(STEERING)) {
      const answer = ok(
        await (
          await app().as(member)
        ).post(`${at}/proposals/${proposalId}/decision`, {
          decidedOn: DATES.proposalDecidedOn,
          decision: 'approved',
          conditions: M.vote,
        }),
        200,
        member,
      ).body;
      inspection = answer.interventionIds?.[0] ?? inspection;
    }
    // Interventions planned by hand carry a brief; the approval's inspection has none.
    ok(
      await coordinator.post(`${at}/interventions`, {
        type: 'criminal_investigation',
        leadOrganisation: 'public_prosecutor',
        participants: ['police_avim'],
        plannedOn: '2026-03-10',
        brief: M.briefPolice,
      }),
      201,
      'investigation',
    );
    const briefed = ok(
      await coordinator.post(`${at}/interventions`, {
        type: 'labour_inspection',
        leadOrganisation: 'labour_inspectorate',
        plannedOn: '2026-03-10',
        brief: M.briefInspection,
      }),
      201,
      'briefed inspection',
    ).body.interventionId;
    const nla = await app().as('partner.labour-inspectorate');
    ok(
      await nla.post(`${at}/interventions/${briefed}/execution`, {
        executedOn: '2026-03-11',
        notes: M.notesInspection,
      }),
      200,
      'execution',
    );
    ok(
      await nla.post(`${at}/interventions/${briefed}/effects`, {
        observedOn: '2026-03-12',
        effect: 'exploitation_stopped',
        description: M.effectInspection,
      }),
      200,
      'effect',
    );
    ok(
      await coordinator.post(`${at}/interventions/${inspection}/disclosures`, { subjectId, reason: M.disclosure }),
      200,
      'disclose',
    );
    // A Zorgtafel session discussed the case: its conclusions and an action point for the labour inspectorate.
    sessionId = ok(
      await coordinator.post('/api/care-table-sessions', {
        district: 'de-baronie',
        plannedOn: '2026-03-13',
        invitees: ['labour_inspectorate'],
        caseIds: [caseId],
      }),
      201,
      'session',
    ).body.sessionId;
    ok(
      await coordinator.post(`/api/care-table-sessions/${sessionId}/cases/${caseId}/outcome`, {
        heldOn: '2026-03-13',
        participants: ['labour_inspectorate'],
        conclusions: M.sessionConclusions,
        actionPoints: [{ description: M.actionPoint, owner: 'labour_inspectorate', dueOn: '2026-03-27' }],
      }),
      201,
      'session outcome',
    );
  }, 60_000);

  const urls = () => [
    '/api/cases?pageSize=200',
    `/api/cases/${caseId}`,
    `/api/cases/${caseId}/history`,
    `/api/cases/${caseId}?version=1`,
    `/api/cases/${caseId}?version=4`,
    `/api/cases/${caseId}?asOf=2030-01-01T00:00:00Z`,
    '/api/me/tasks',
    '/api/me/notifications',
    '/api/people',
    '/api/care-table-sessions',
    `/api/care-table-sessions/${sessionId}`,
    '/api/auth/session',
    '/api/programme/actions',
    '/api/programme/monitor',
    '/api/programme/monitor?format=xlsx',
    '/api/programme/monitor?format=pdf',
    '/api/steering/agenda',
    '/api/steering/decisions?from=2026-01-01&to=2026-12-31',
    '/api/steering/decisions?from=2026-01-01&to=2026-12-31&format=xlsx',
    '/api/steering/decisions?from=2026-01-01&to=2026-12-31&format=pdf',
    '/api/reports/quarterly-targets',
    '/api/reports/quarterly-targets?format=csv',
    '/api/reports/intervention-effects?from=2026-01-01&to=2026-12-31',
    '/api/reports/intervention-effects?from=2026-01-01&to=2026-12-31&format=xlsx',
    '/api/reports/flow?from=2026-01-01&to=2026-12-31',
    '/api/reports/flow?from=2026-01-01&to=2026-12-31&format=csv',
    '/api/reports/quarterly-report?year=2026&quarter=1',
    `/api/audit/access-log?caseId=${caseId}`,
    `/api/audit/subjects/${subjectId}/access`,
    `/api/audit/cases/${caseId}/verify`,
    `/api/audit/cases/${caseId}/dossier`,
    '/api/audit/seals/latest',
  ];

  it('covers every GET of the API that can return case data', async () => {
    const documented = Object.entries(
      (await app().request('GET', '/api/openapi.json')).body.paths as Record<string, Record<string, unknown>>,
    )
      .filter(
        ([path, methods]) =>
          'get' in methods && !/^\/api\/(health|auth\/(login|callback)|reference-data|projections|admin)/.test(path),
      )
      .map(([path]) =>
        path.replace('{caseId}', caseId).replace('{subjectId}', subjectId).replace('{sessionId}', sessionId),
      );
    const covered = new Set(urls().map((u) => u.split('?')[0]));
    expect(documented.filter((path) => !covered.has(path))).toEqual([]);
  });

  it.each(DEMO_USERS.map((u) => [u.username] as const))(
    '%s: no marker it may not read, in any answer',
    async (username) => {
      const client = await app().as(username);
      const forbidden = ALL.filter((m) => !mayRead(username).includes(m));
      const leaks: string[] = [];
      for (const url of urls()) {
        const text = await textOf(client, url);
        for (const marker of forbidden) if (text.includes(M[marker])) leaks.push(`${url}: ${marker}`);
      }
      expect(leaks).toEqual([]);
    },
  );

  it('is not vacuous: each role that may read a marker finds it somewhere', async () => {
    for (const username of [COORDINATOR, 'auditor', STEERING, 'partner.labour-inspectorate', 'partner.police-avim']) {
      const client = await app().as(username);
      const texts = (await Promise.all(urls().map((url) => textOf(client, url)))).join('\n');
      const missing = mayRead(username).filter((m) => !texts.includes(M[m]));
      expect({ username, missing }).toEqual({ username, missing: [] });
    }
  });
});
