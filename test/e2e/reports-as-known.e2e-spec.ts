import { driveCase, ok } from './support/cases';
import { useTestApp, type ApiClient, type TestApp } from './support/test-app';

/** The projection has caught up with the log (lag 0), as a client that needs its own writes waits for. */
async function reportsCaughtUp(client: ApiClient): Promise<void> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const res = ok(await client.get('/api/projections'), 200, 'projections');
    if ((res.body as { name: string; lag: number }[]).find((p) => p.name === 'reporting-facts')?.lag === 0) return;
    if (Date.now() > deadline) throw new Error(`reporting-facts did not catch up: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The end of a business day in Amsterdam (CET in March): what the reports page sends for a peildatum. */
const endOfDay = (date: string) => new Date(`${date}T22:59:59.999Z`).toISOString();

const sumOf = (report: { districts: { targets: { targetId: string; actual: number }[] }[] }, targetId: string) =>
  report.districts.flatMap((d) => d.targets.filter((t) => t.targetId === targetId)).reduce((n, t) => n + t.actual, 0);

/** Registers a signal in October 2025 and takes it to the stuurploeg with a proposal submitted on 22 October. */
async function octoberCase(t: TestApp, forms: string[]) {
  const coordinator = await t.as('coordinator.hart-van-brabant');
  const caseId: string = ok(
    await coordinator.post('/api/signals', {
      district: 'hart-van-brabant',
      municipality: 'tilburg',
      receivedOn: '2025-10-06',
      source: { type: 'police' },
      forms,
      summary: 'Een jongen die voor anderen drugs vervoert.',
    }),
    201,
    'register',
  ).body.caseId;
  const step = async (path: string, body: unknown, status = 200) =>
    ok(await coordinator.post(`/api/cases/${caseId}${path}`, body), status, path).body;
  await step('/assign', { coordinator: 'coordinator.hart-van-brabant' });
  await step('/triage', {
    decidedOn: '2025-10-07',
    urgency: 'high',
    decision: 'refer_to_care_table',
    rationale: 'Naar de Zorgtafel.',
  });
  await step('/care-table-meetings', {
    heldOn: '2025-10-15',
    participants: ['police_avim', 'municipality'],
    conclusions: 'Voorstel aan de stuurploeg.',
  });
  const { proposalId } = await step(
    '/proposals',
    {
      summary: 'Stopgesprek en zorg.',
      steeringSummary: 'Stopgesprek met de ronselaar.',
      measures: [{ type: 'stop_talk', leadOrganisation: 'police_avim' }],
    },
    201,
  );
  await step(`/proposals/${proposalId}/submit`, { submittedOn: '2025-10-22' });
  return { caseId, coordinator };
}

describe('reports as known at an instant', () => {
  /** Starts on 10 March 2026, 11:00 in Amsterdam; the tests move the clock on to 16 March. */
  const app = useTestApp({ now: new Date('2026-03-10T10:00:00Z') });
  let analyst: ApiClient;

  describe('a corrected classification', () => {
    it("counts a case reclassified to criminal in the fourth quarter's norm from the moment the correction is recorded, not before", async () => {
      const { caseId, coordinator } = await octoberCase(app(), ['unknown']);
      app().clock.advance(60_000);
      const beforeCorrection = app().clock.now().toISOString();
      app().clock.advance(60_000);
      ok(
        await coordinator.post(`/api/cases/${caseId}/classification`, {
          decidedOn: '2025-10-25',
          forms: ['criminal'],
          vulnerabilities: ['minor'],
          sector: 'drug_crime',
          rationale: 'De Zorgtafel stelde criminele uitbuiting vast.',
        }),
        200,
        'reclassify',
      );
      analyst = await app().as('analyst');
      await reportsCaughtUp(analyst);
      const q4 = '/api/reports/quarterly-targets?year=2025&quarter=4&district=hart-van-brabant';
      const now = ok(await analyst.get(q4), 200, 'now').body;
      expect(now.districts[0].targets[0]).toMatchObject({
        targetId: 'proposals-sexual-criminal',
        actual: 1,
        status: 'green',
      });
      const before = ok(await analyst.get(`${q4}&asKnownAt=${beforeCorrection}`), 200, 'before').body;
      expect(before).toMatchObject({ asKnownAt: beforeCorrection });
      expect(before.districts[0].targets[0]).toMatchObject({
        targetId: 'proposals-sexual-criminal',
        actual: 0,
        status: 'red',
      });
      // The breakdowns read the classification the same way: by form now criminal, before unknown.
      const flow = (known?: string) =>
        analyst.get(
          `/api/reports/flow?from=2025-10-01&to=2025-12-31&district=hart-van-brabant&groupBy=form${known ? `&asKnownAt=${known}` : ''}`,
        );
      const groupsOf = (body: { groups: { group: string; proposals: { submitted: number } }[] }) =>
        body.groups.map((g) => [g.group, g.proposals.submitted]);
      expect(groupsOf(ok(await flow(), 200, 'flow now').body)).toEqual([['criminal', 1]]);
      expect(groupsOf(ok(await flow(beforeCorrection), 200, 'flow before').body)).toEqual([['unknown', 1]]);
    });
  });

  describe('one reading of time on the reports page', () => {
    const P = '2026-03-10';
    beforeAll(async () => {
      // On 10 March a criminal case in De Baronie reached the stuurploeg (proposal submitted on 6 March).
      await driveCase(app(), 'awaiting_steering_group', { signal: { forms: ['criminal'] } });
      // On 16 March a case in Zeeland is recorded whose proposal was submitted on 6 March as well: after the peildatum.
      app().clock.set(new Date('2026-03-16T09:00:00Z'));
      await driveCase(app(), 'awaiting_steering_group', {
        coordinator: 'coordinator.zeeland',
        signal: { district: 'zeeland', municipality: 'goes', forms: ['criminal'] },
      });
      // Tokens last eight hours: the auditor signs in after the clock moved on, and reads every district as analysts do.
      analyst = await app().as('auditor');
      await reportsCaughtUp(analyst);
    }, 60_000);

    it('gives the same number of proposals in the targets and in the flow with a peildatum, as every section reads it', async () => {
      const known = endOfDay(P);
      const targets = ok(
        await analyst.get(`/api/reports/quarterly-targets?year=2026&quarter=1&asOf=${P}&asKnownAt=${known}`),
        200,
        'targets',
      ).body;
      const flow = ok(
        await analyst.get(`/api/reports/flow?from=2026-01-01&to=2026-03-31&asOf=${P}&asKnownAt=${known}`),
        200,
        'flow',
      ).body;
      expect(sumOf(targets, 'proposals-sexual-criminal')).toBe(1);
      expect(flow.proposals.submitted).toBe(1);
      expect(flow).toMatchObject({ asOf: P, asKnownAt: known, openCases: { asOf: P } });
      const effects = ok(
        await analyst.get(
          `/api/reports/intervention-effects?from=2026-01-01&to=2026-03-31&asOf=${P}&asKnownAt=${known}`,
        ),
        200,
        'effects',
      ).body;
      expect(effects).toMatchObject({ asOf: P, asKnownAt: known });
    });

    it('shows the contradiction of reading the peildatum as a business date in one section and as a recording date in another', async () => {
      // As the page used to ask: the targets as they stood on the peildatum by business date (the late case counts),
      // the flow as recorded by the end of that day (it does not).
      const targets = ok(
        await analyst.get(`/api/reports/quarterly-targets?year=2026&quarter=1&asOf=${P}`),
        200,
        'old',
      ).body;
      const flow = ok(
        await analyst.get(`/api/reports/flow?from=2026-01-01&to=2026-03-31&asKnownAt=${endOfDay(P)}`),
        200,
        'old flow',
      ).body;
      expect([sumOf(targets, 'proposals-sexual-criminal'), flow.proposals.submitted]).toEqual([2, 1]);
    });

    it('agrees without a peildatum too: both count everything recorded, up to today', async () => {
      const targets = ok(await analyst.get('/api/reports/quarterly-targets?year=2026&quarter=1'), 200, 'targets').body;
      const flow = ok(await analyst.get('/api/reports/flow?from=2026-01-01&to=2026-03-31'), 200, 'flow').body;
      expect(sumOf(targets, 'proposals-sexual-criminal')).toBe(2);
      expect(flow.proposals.submitted).toBe(2);
      expect(flow).toMatchObject({ asOf: '2026-03-16', asKnownAt: null });
    });

    it('reads asOf in the flow as the targets do: counted up to that day, open cases on it', async () => {
      const early = ok(
        await analyst.get('/api/reports/flow?from=2026-01-01&to=2026-03-31&asOf=2026-03-05'),
        200,
        'early',
      ).body;
      expect(early).toMatchObject({
        asOf: '2026-03-05',
        proposals: { submitted: 0 },
        openCases: { asOf: '2026-03-05' },
      });
      expect(early.signalsReceived).toBe(2);
      // The two March cases and the October one, all at the stuurploeg.
      expect(early.openCases.total).toBe(3);
    });
  });
});
