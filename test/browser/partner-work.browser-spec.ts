import type { Page } from 'playwright-core';
import { COORDINATOR, ok } from '../e2e/support/cases';
import { cspViolations, daysAgo, signIn, TABLET, useBrowserTest } from './support/browser';
import { CASE_DATES, driveCase, takeNextStep, type DrivenCase } from './support/cases';

const facts = (page: Page) => page.getByRole('region', { name: 'Gegevens' });

/** The case page's next steps for work handed to partners: forward feedback, action points, cancelled plans. */
describe('partner work on the case page', () => {
  const b = useBrowserTest();
  let forwarded: DrivenCase;
  let withPlan: DrivenCase;

  beforeAll(async () => {
    const t = b().t;
    const coordinator = await t.as(COORDINATOR);
    forwarded = await driveCase(t, 'in_triage');
    ok(
      await coordinator.post(`/api/cases/${forwarded.caseId}/triage`, {
        decidedOn: CASE_DATES.decidedOn,
        urgency: 'normal',
        decision: 'forward',
        rationale: 'Zaak voor de politie.',
        forwardedTo: 'police_avim',
      }),
      200,
      'forward',
    );
    withPlan = await driveCase(t, 'care_table_met');
    ok(
      await coordinator.post(`/api/cases/${withPlan.caseId}/interventions`, {
        type: 'labour_inspection',
        leadOrganisation: 'labour_inspectorate',
        plannedOn: daysAgo(-14),
        brief: 'Controle van de huisvesting.',
      }),
      201,
      'plan ahead',
    );
    const { sessionId } = ok(
      await coordinator.post('/api/care-table-sessions', {
        district: 'de-baronie',
        plannedOn: daysAgo(1),
        caseIds: [withPlan.caseId],
      }),
      201,
      'session',
    ).body;
    ok(
      await coordinator.post(`/api/care-table-sessions/${sessionId}/cases/${withPlan.caseId}/outcome`, {
        heldOn: daysAgo(1),
        participants: ['labour_inspectorate'],
        conclusions: 'Controle plannen.',
        actionPoints: [{ description: 'Huisvesting bezoeken.', owner: 'labour_inspectorate', dueOn: daysAgo(-7) }],
      }),
      201,
      'outcome',
    );
  });

  it('lets the partner a case was forwarded to answer it from the case page', async () => {
    const page = await b().page(TABLET);
    await signIn(page, 'partner.police-avim');
    await page.goto(`/casussen/${forwarded.caseId}`);
    await page.getByRole('heading', { level: 1, name: forwarded.reference }).waitFor();
    await takeNextStep(
      page,
      'Terugkoppeling vastleggen',
      async (form) => {
        await form.getByLabel('Geaccepteerd door de partner').check();
        await form.getByLabel('Toelichting').fill('Het AVIM-team neemt de zaak over.');
      },
      'De terugkoppeling is vastgelegd.',
    );
    await facts(page)
      .getByText(/geaccepteerd door de partner/)
      .waitFor();
    expect({ blocked: cspViolations(page) }).toEqual({ blocked: [] });
    await page.context().close();
  });

  it('lets the labour inspectorate complete its action point, and shows only its own', async () => {
    const page = await b().page();
    await signIn(page, 'partner.labour-inspectorate');
    await page.goto(`/casussen/${withPlan.caseId}`);
    await page.getByRole('heading', { level: 1, name: withPlan.reference }).waitFor();
    const work = page.getByRole('region', { name: 'Aanpak' });
    await work.getByText('Huisvesting bezoeken.').waitFor();
    await takeNextStep(
      page,
      'Actiepunt afronden',
      async (form) => {
        await form.getByLabel('Toelichting').fill('Bezocht, geen bijzonderheden.');
      },
      'Het actiepunt is afgerond.',
    );
    await work.getByText(/afgerond op .*: Bezocht, geen bijzonderheden\./).waitFor();
    await page.context().close();
  });

  it('lets the coordinator cancel a plan that will not happen, with its reason on the page', async () => {
    const page = await b().page();
    await signIn(page, COORDINATOR);
    await page.goto(`/casussen/${withPlan.caseId}`);
    await page.getByRole('heading', { level: 1, name: withPlan.reference }).waitFor();
    await takeNextStep(
      page,
      'Interventie annuleren',
      async (form) => {
        await form.getByLabel('Reden').fill('Het bedrijf is gesloten.');
      },
      'De interventie is geannuleerd.',
    );
    await page
      .getByRole('region', { name: 'Aanpak' })
      .getByText(/Geannuleerd op .*: Het bedrijf is gesloten\./)
      .waitFor();
    await page.context().close();
  });
});
