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
import { driveCase, projectionsCaughtUp, type DrivenCase } from './support/cases';

const PHONE = { width: 390, height: 844 };
const PARTNER = 'partner.labour-inspectorate';

/** The header's counter and the notifications screen: work handed to a partner, read and marked as read. */
describe('notifications in the product', () => {
  const b = useBrowserTest();
  let atTable: DrivenCase;

  beforeAll(async () => {
    const t = b().t;
    const coordinator = await t.as(COORDINATOR);
    atTable = await driveCase(t, 'care_table_met');
    const { sessionId } = ok(
      await coordinator.post('/api/care-table-sessions', {
        district: 'de-baronie',
        plannedOn: daysAgo(2),
        invitees: ['labour_inspectorate'],
        caseIds: [atTable.caseId],
      }),
      201,
      'plan session',
    ).body;
    ok(
      await coordinator.post(`/api/care-table-sessions/${sessionId}/cases/${atTable.caseId}/outcome`, {
        heldOn: daysAgo(2),
        participants: ['labour_inspectorate'],
        conclusions: 'Controle afgesproken.',
        actionPoints: [{ description: 'Werkplek controleren.', owner: 'labour_inspectorate', dueOn: daysAgo(-7) }],
      }),
      201,
      'record outcome',
    );
    await projectionsCaughtUp(t);
  });

  it('counts unread notifications in the header, lists them, and marks them read', async () => {
    const page = await b().page();
    await signIn(page, PARTNER);
    const bell = page.getByRole('link', { name: /^Meldingen \(\d+ ongelezen\)$/ });
    await bell.waitFor();
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: atTable.reference });
    await item.first().waitFor();
    expect(await item.first().textContent()).toContain('Nieuw');
    await screenshot(page, 'meldingen');

    await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await page.getByText('Alle meldingen zijn als gelezen gemarkeerd.').waitFor();
    await page.getByRole('link', { name: 'Meldingen', exact: true }).waitFor();
    expect(await item.first().textContent()).not.toContain('Nieuw');

    await item
      .first()
      .getByRole('link', { name: `Casus ${atTable.reference} openen` })
      .click();
    await page.getByRole('heading', { level: 1, name: atTable.reference }).waitFor();
    await page.context().close();
  });

  it('gives an analyst no counter at all', async () => {
    const page = await b().page();
    await signIn(page, 'analyst');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('link', { name: /^Meldingen/ }).count()).toBe(0);
    await page.context().close();
  });

  for (const viewport of [DESKTOP, TABLET, PHONE]) {
    it(`shows the notifications accessibly at ${viewport.width} px wide`, async () => {
      const page = await b().page(viewport);
      await signIn(page, PARTNER);
      await page.getByRole('link', { name: /^Meldingen/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
      await page.getByRole('listitem').filter({ hasText: atTable.reference }).first().waitFor();
      expect({ blocked: cspViolations(page) }).toEqual({ blocked: [] });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(
        0,
      );
      await page.context().close();
    });
  }
});
