import type { Page } from 'playwright-core';
import { formatDate } from '../../apps/web/src/dates';
import { COORDINATOR, ok } from '../e2e/support/cases';
import {
  cspViolations,
  daysAgo,
  DESKTOP,
  screenshot,
  seriousViolations,
  signIn,
  TABLET,
  useBrowserTest,
} from './support/browser';
import { CASE_DATES, driveCase, projectionsCaughtUp, type DrivenCase } from './support/cases';

const PHONE = { width: 390, height: 844 };
const PARTNER = 'partner.labour-inspectorate';
const LATE = 'Loonstroken van de werknemers opvragen bij het uitzendbureau.';
const PERSONAL = 'Terugbellen met de werkgever over de huisvesting.';

async function navigationItems(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) =>
    s.trim(),
  );
}

describe("everyone's work queue", () => {
  const b = useBrowserTest();
  let atTable: DrivenCase;
  let forwarded: DrivenCase;

  beforeAll(async () => {
    const t = b().t;
    const coordinator = await t.as(COORDINATOR);
    atTable = await driveCase(t, 'care_table_met');
    // A session held ten days ago agreed two action points: one for the inspectorate, late by now, and one for a person.
    const { sessionId } = ok(
      await coordinator.post('/api/care-table-sessions', {
        district: 'de-baronie',
        plannedOn: daysAgo(10),
        invitees: ['labour_inspectorate'],
        caseIds: [atTable.caseId],
      }),
      201,
      'plan session',
    ).body;
    ok(
      await coordinator.post(`/api/care-table-sessions/${sessionId}/cases/${atTable.caseId}/outcome`, {
        heldOn: daysAgo(10),
        participants: ['labour_inspectorate'],
        conclusions: 'Loonadministratie nakijken.',
        actionPoints: [
          { description: LATE, owner: 'labour_inspectorate', dueOn: daysAgo(3) },
          { description: PERSONAL, owner: PARTNER, dueOn: daysAgo(-10) },
        ],
      }),
      201,
      'record outcome',
    );
    // A case forwarded to the inspectorate waits for its answer.
    forwarded = await driveCase(t, 'in_triage');
    ok(
      await coordinator.post(`/api/cases/${forwarded.caseId}/triage`, {
        decidedOn: CASE_DATES.decidedOn,
        urgency: 'normal',
        decision: 'forward',
        rationale: 'Zaak voor de Arbeidsinspectie.',
        forwardedTo: 'labour_inspectorate',
      }),
      200,
      'forward',
    );
    await projectionsCaughtUp(t);
  });

  it("gives a partner a work queue of the organisation's action points and the cases forwarded to it", async () => {
    const page = await b().page();
    await signIn(page, PARTNER);
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    expect(await navigationItems(page)).toEqual([
      'Werkvoorraad',
      'Casussen',
      'Signaal registreren',
      'Programmamonitor',
    ]);

    const late = page.getByRole('row').filter({ hasText: LATE });
    await late.waitFor();
    expect((await late.getByRole('cell').allTextContents()).slice(0, 5)).toEqual([
      atTable.reference,
      'Actiepunt van de Zorgtafel',
      formatDate(daysAgo(3)),
      'Te laat',
      LATE,
    ]);
    expect(await late.getByRole('button', { name: 'Afronden' }).count()).toBe(1);
    const personal = page.getByRole('row').filter({ hasText: PERSONAL });
    expect((await personal.getByRole('cell').allTextContents())[3]).toBe('Op tijd');
    expect(await page.getByRole('table').locator('caption').textContent()).toMatch(/^3 taken, waarvan 1 te laat$/);

    const feedback = page.getByRole('row').filter({ hasText: forwarded.reference });
    expect((await feedback.getByRole('cell').allTextContents()).slice(0, 2)).toEqual([
      forwarded.reference,
      'Terugkoppeling op doorgezette casus',
    ]);
    await screenshot(page, 'werkvoorraad-ketenpartner');
    await feedback.getByRole('link', { name: 'Terugkoppeling geven' }).click();
    await page.getByRole('heading', { level: 1, name: forwarded.reference }).waitFor();
    await page.context().close();
  });

  it("shows the coordinator the partners' overdue action points, not those still on time", async () => {
    const page = await b().page();
    await signIn(page, COORDINATOR);
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    const late = page.getByRole('row').filter({ hasText: LATE });
    await late.waitFor();
    expect((await late.getByRole('cell').allTextContents())[3]).toBe('Te laat');
    expect(await page.getByRole('row').filter({ hasText: PERSONAL }).count()).toBe(0);
    await page.context().close();
  });

  for (const viewport of [DESKTOP, TABLET, PHONE]) {
    it(`cuts nothing off at ${viewport.width} px wide, and the completion form is accessible there`, async () => {
      const page = await b().page(viewport);
      await signIn(page, PARTNER);
      await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
      const late = page.getByRole('row').filter({ hasText: LATE });
      await late.waitFor();

      // Every column within the window: the table fits (or reflows), no sideways scrolling needed to reach "Afronden".
      const fit = (await page.evaluate(`(() => {
        const scroll = document.querySelector('.baken-work-queue');
        return { hidden: scroll.scrollWidth - scroll.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      })()`)) as { hidden: number; page: number };
      expect(fit).toEqual({ hidden: 0, page: 0 });
      const button = late.getByRole('button', { name: 'Afronden' });
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      for (const text of [LATE, 'Te laat', atTable.reference])
        expect(await late.getByText(text).isVisible()).toBe(true);

      await button.click();
      const form = page.getByRole('region', { name: 'Actiepunt afronden' });
      await form.getByLabel('Afgerond op').fill('');
      await form.getByRole('button', { name: 'Afronden' }).click();
      await form.getByRole('alert').filter({ hasText: 'Afgerond op: Vul de datum in' }).waitFor();

      expect({ blocked: cspViolations(page) }).toEqual({ blocked: [] });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(
        0,
      );
      if (viewport === TABLET) await screenshot(page, 'werkvoorraad-768');
      await page.context().close();
    });
  }
});
