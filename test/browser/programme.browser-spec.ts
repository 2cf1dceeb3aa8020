import type { Page } from 'playwright-core';
import {
  cspViolations,
  DESKTOP,
  screenshot,
  seriousViolations,
  signIn,
  TABLET,
  useBrowserTest,
} from './support/browser';

const PHONE = { width: 390, height: 844 };

async function openAction(page: Page, actionId: string): Promise<void> {
  await page.getByRole('button', { name: actionId, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: `Actie ${actionId}` }).waitFor();
}

/** The programme monitor: the programme lead lands on it and records progress; partners read it. */
describe('the programme monitor in the product', () => {
  const b = useBrowserTest();

  it('lands the programme lead on the monitor, where progress is recorded and shows in words and colour', async () => {
    const page = await b().page();
    await signIn(page, 'programme.lead');
    await page.getByRole('heading', { level: 1, name: 'Programmamonitor' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Doelstelling 6: Voorkomen recidive' }).waitFor();
    await openAction(page, 'A1.2');
    await page.getByText('Nog geen voortgang vastgelegd.').waitFor();
    await page.getByRole('button', { name: 'Voortgang vastleggen' }).click();
    await page.getByText('Kies een status.').first().waitFor();
    await page.getByLabel('Status').selectOption('red');
    await page.getByLabel('Toelichting').fill('Nog geen locatie gevonden');
    await page.getByRole('button', { name: 'Voortgang vastleggen' }).click();
    await page.getByText('Voortgang van actie A1.2 vastgelegd: Rood – niet op koers.').waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'A1.2', exact: true }) });
    await row.getByText('Rood – niet op koers').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Nog geen locatie gevonden' }).waitFor();
    await screenshot(page, 'programmamonitor');
    await page.context().close();
  });

  it('lets the programme lead add an action and change it', async () => {
    const page = await b().page();
    await signIn(page, 'programme.lead');
    await page.getByRole('heading', { level: 1, name: 'Programmamonitor' }).waitFor();
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    await page.getByLabel('Nummer').fill('A6.9');
    await page.getByRole('combobox', { name: 'Doelstelling' }).selectOption('6');
    await page.getByLabel('Omschrijving').fill('Stopgesprekken met jonge verdachten evalueren');
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    await page.getByText('Actie A6.9 toegevoegd.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Actie A6.9' }).waitFor();
    await page.getByRole('button', { name: 'Actie wijzigen' }).click();
    await page.getByLabel('Kartrekker').fill('Team AVIM');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText('Actie A6.9 gewijzigd.').waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'A6.9', exact: true }) });
    await row.getByText('Team AVIM').waitFor();
    await page.context().close();
  });

  it('shows partners the monitor read-only', async () => {
    const page = await b().page();
    await signIn(page, 'partner.police-avim');
    await page.getByRole('link', { name: 'Programmamonitor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programmamonitor' }).waitFor();
    await openAction(page, 'A5.2');
    await page.getByRole('heading', { level: 3, name: 'Geschiedenis' }).waitFor();
    expect(await page.getByRole('button', { name: 'Voortgang vastleggen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Actie (toevoegen|wijzigen)$/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Programmamonitor downloaden als XLSX' }).waitFor();
    await page.context().close();
  });

  for (const viewport of [DESKTOP, TABLET, PHONE]) {
    it(`shows the monitor, an action and its forms accessibly at ${viewport.width} px wide`, async () => {
      const page = await b().page(viewport);
      await signIn(page, 'programme.lead');
      await page.getByRole('heading', { level: 1, name: 'Programmamonitor' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Overzicht per doelstelling' }).waitFor();
      await openAction(page, 'A3.1');
      await page.getByRole('button', { name: 'Actie wijzigen' }).click();
      await page.getByRole('button', { name: 'Wijziging opslaan' }).waitFor();
      expect({ blocked: cspViolations(page) }).toEqual({ blocked: [] });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(
        0,
      );
      await page.context().close();
    });
  }
});
