import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { formatDate, quarterOf } from '../../apps/web/src/dates';
import { ok } from '../e2e/support/cases';
import { daysAgo, screenshot, signIn, useBrowserTest } from './support/browser';
import { CASE_DATES, driveCase, projectionsCaughtUp, type DrivenCase } from './support/cases';

async function navigationItems(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) =>
    s.trim(),
  );
}

describe('each role in the browser', () => {
  const b = useBrowserTest();
  let awaiting: DrivenCase;
  let executed: DrivenCase;

  beforeAll(async () => {
    awaiting = await driveCase(b().t, 'awaiting_steering_group', {
      forms: ['sexual'],
      subjects: [{ role: 'victim', name: 'Maria Jansen', nationality: 'Nederlands' }],
    });
    executed = await driveCase(b().t, 'effect_recorded');
  });

  it('a steering group member decides a proposal of the district and sees people only by their pseudonym', async () => {
    const page = await b().page();
    await signIn(page, 'steering.de-baronie');
    expect(await navigationItems(page)).toEqual(['Werkvoorraad', 'Casussen', 'Stuurploeg', 'Rapportages']);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Stuurploeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stuurploeg' }).waitFor();

    const card = page.getByRole('article', { name: awaiting.reference });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/S-[A-Z0-9]{4} \(slachtoffer\)/);
    expect(await page.getByText('Maria Jansen').count()).toBe(0);
    expect(await card.getByText('Inspectie en opvang van de werknemers.').count()).toBe(1);
    expect(await page.getByRole('article').count()).toBe(1);
    await screenshot(page, 'stuurploeg');

    await card.getByRole('button', { name: 'Besluit vastleggen' }).click();
    const form = card.getByRole('region', { name: 'Besluit vastleggen' });
    await form.getByLabel('Datum besluit').fill(CASE_DATES.proposalDecidedOn);
    await form.getByLabel('Goedkeuren').check();
    await form.getByLabel('Toelichting').fill('Akkoord met de integrale aanpak.');
    await form.getByRole('button', { name: 'Besluit vastleggen' }).click();

    await page
      .getByRole('status')
      .filter({ hasText: `${awaiting.reference}: Het besluit van de stuurploeg is vastgelegd.` })
      .waitFor();
    await page.getByText('Er wachten geen voorstellen op een besluit.').waitFor();
    const detail = ok(
      await (await b().t.as('coordinator.de-baronie')).get(`/api/cases/${awaiting.caseId}`),
      200,
      'detail',
    );
    expect(detail.body.status).toBe('in_execution');
    expect(detail.body.proposals[0]).toMatchObject({
      status: 'approved',
      decidedBy: 'steering.de-baronie',
      decidedOn: CASE_DATES.proposalDecidedOn,
    });
  });

  it('an analyst reads the quarterly targets of the four districts with their course as a chart, the effects and the flow, and downloads them', async () => {
    const page = await b().page();
    await signIn(page, 'analyst');
    expect(await navigationItems(page)).toEqual(['Rapportages']);
    await page.getByRole('heading', { level: 1, name: 'Rapportages' }).waitFor();
    await projectionsCaughtUp(b().t);
    const { year, quarter } = quarterOf(CASE_DATES.executedOn);
    await page.goto(`/rapportages?jaar=${year}&kwartaal=${quarter}`);

    const targets = page.getByRole('table').filter({ hasText: 'District' }).first();
    await targets.waitFor();
    expect(await targets.locator('tbody th').allTextContents()).toEqual([
      'De Baronie',
      'De Markiezaten',
      'Hart van Brabant',
      'Zeeland',
    ]);
    expect(await targets.locator('tbody tr').first().locator('.baken-status').first().textContent()).toMatch(
      /^(Groen|Oranje|Rood|Nog niet)/,
    );
    const course = page.locator('.baken-chart').first();
    await course.locator('svg').first().waitFor();
    expect(await course.locator('figcaption').textContent()).toMatch(
      /Lijngrafiek van .* per district over 4 kwartalen/,
    );

    const effects = page.getByRole('region', { name: 'Effecten van interventies' });
    const row = effects.getByRole('row', { name: /Arbeidsinspectie/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['Arbeidsrechtelijk', '1']));
    await effects.locator('.baken-chart svg').first().waitFor();

    const flow = page.getByRole('region', { name: 'Doorstroom van casussen' });
    await flow.getByText('Signalen ontvangen').waitFor();
    await screenshot(page, 'rapportages');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      effects.getByRole('button', { name: 'Effecten downloaden als CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/Arbeidsinspectie|labour_inspection/);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Kwartaaldoelstellingen downloaden als XLSX' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // The figures as known on a day before any of these cases was recorded: nothing executed yet.
    await page.getByLabel('Peildatum').fill(daysAgo(30));
    await page.getByRole('button', { name: 'Rapportage tonen' }).click();
    await page.getByText(`Cijfers zoals bekend op ${formatDate(daysAgo(30))}.`).waitFor();
    await effects.getByText('In deze periode zijn geen interventies uitgevoerd.').waitFor();
  });

  it('an auditor steps through the versions of a case, sees its state at each, and verifies its hash chain', async () => {
    const page = await b().page();
    await signIn(page, 'auditor');
    expect(await navigationItems(page)).toEqual(['Casussen', 'Rapportages', 'Audit']);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    await page.getByLabel('Casus', { exact: true }).selectOption({ label: `${executed.reference} – In uitvoering` });
    await page.getByLabel('Reden van inzage').fill('Steekproef kwaliteit');
    await page.getByRole('button', { name: 'Geschiedenis tonen' }).click();

    const history = page.getByRole('region', { name: `Geschiedenis van ${executed.reference}` });
    await history.getByRole('heading', { name: 'Versie 10 van 10: Effect vastgelegd' }).waitFor();
    await history.getByRole('button', { name: 'Eerste versie' }).click();
    await history.getByRole('heading', { name: 'Versie 1 van 10: Signaal geregistreerd' }).waitFor();
    const status = history.locator('.baken-state dd').first();
    await status.filter({ hasText: 'Signaal ontvangen' }).waitFor();

    await history.getByRole('slider', { name: 'Versie' }).focus();
    await page.keyboard.press('ArrowRight');
    await history.getByRole('heading', { name: 'Versie 2 van 10: Zorgcoördinator toegewezen' }).waitFor();
    await status.filter({ hasText: 'In triage' }).waitFor();
    await history.getByRole('button', { name: 'Volgende versie' }).click();
    await history.getByRole('heading', { name: 'Versie 3 van 10: Triage vastgelegd' }).waitFor();
    await status.filter({ hasText: 'Zorgtafel' }).waitFor();
    await screenshot(page, 'audit');

    await history.getByRole('button', { name: 'Keten controleren' }).click();
    await page.getByText('De keten is intact: 10 gebeurtenissen gecontroleerd').waitFor();

    const log = page.getByRole('region', { name: 'Toegangslog' });
    const logged = log.getByRole('row').filter({ hasText: 'Steekproef kwaliteit' }).first();
    for (const deadline = Date.now() + 15_000; !(await logged.isVisible()) && Date.now() < deadline;) {
      await log.getByRole('button', { name: 'Filteren' }).click();
      await page.waitForTimeout(250);
    }
    await logged.waitFor();
    expect(await log.getByRole('row').filter({ hasText: 'auditor' }).count()).toBeGreaterThan(0);
  });

  it('a liaison registers a signal of the own municipality and then sees its status only', async () => {
    const page = await b().page();
    await signIn(page, 'liaison.breda');
    expect(await navigationItems(page)).toEqual(['Casussen', 'Signaal registreren']);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Signaal registreren' })
      .click();
    const municipality = page.getByLabel('Gemeente');
    await municipality.locator('option', { hasText: 'Breda' }).waitFor({ state: 'attached' });
    expect(await municipality.locator('option').allTextContents()).toEqual(['Kies een gemeente', 'Breda']);
    expect(await municipality.inputValue()).toBe('breda');
    await page.getByLabel('Bron').selectOption({ label: 'Gemeente' });
    await page.getByLabel('Onbekend').check();
    await page.getByLabel('Samenvatting').fill('Melding van een buurtbewoner over een overvol pand.');
    await page.getByRole('button', { name: 'Signaal registreren' }).click();

    await page.getByRole('heading', { level: 1, name: /^ZWB-/ }).waitFor();
    expect(await page.locator('.baken-case-status .baken-status').textContent()).toBe('Signaal ontvangen');
    expect(await page.getByRole('heading', { name: 'Gegevens' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Personen' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Tijdlijn' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Volgende stappen' }).count()).toBe(0);
  });

  it('a partner records the effect of an intervention it leads, and nothing else', async () => {
    const page = await b().page();
    await signIn(page, 'partner.labour-inspectorate');
    expect(await navigationItems(page)).toEqual(['Casussen']);
    await page.getByRole('link', { name: executed.reference }).click();
    await page.getByRole('heading', { level: 1, name: executed.reference }).waitFor();
    const steps = page.getByRole('region', { name: 'Volgende stappen' });
    expect((await steps.getByRole('button').allTextContents()).map((s) => s.trim())).toEqual(['Effect vastleggen']);
    await steps.getByRole('button', { name: 'Effect vastleggen' }).click();
    const form = page.getByRole('region', { name: 'Effect vastleggen', exact: true });
    expect(await form.getByRole('combobox', { name: 'Interventie' }).inputValue()).toBe(executed.interventionId);
    await form.getByLabel('Datum waarneming').fill(daysAgo(1));
    await form.getByRole('combobox', { name: 'Effect', exact: true }).selectOption({ label: 'Slachtoffer in zorg' });
    await form.getByRole('button', { name: 'Effect vastleggen' }).click();
    await page.getByRole('status').filter({ hasText: 'Het effect is vastgelegd.' }).waitFor();
    expect(await page.getByRole('cell', { name: /^Uitbuiting gestopt .*; Slachtoffer in zorg/ }).count()).toBe(1);

    // A case where the partner sat at the care table: in scope, its people by pseudonym only, and no steps to take.
    await page.goto(`/casussen/${awaiting.caseId}`);
    await page.getByRole('heading', { level: 1, name: awaiting.reference }).waitFor();
    const persons = page.getByRole('region', { name: 'Personen' });
    expect(await persons.getByRole('columnheader').first().textContent()).toBe('Pseudoniem');
    expect(await persons.getByRole('cell').first().textContent()).toMatch(/^S-[A-Z0-9]{4}$/);
    expect(await page.getByText('Maria Jansen').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Volgende stappen' }).count()).toBe(0);
  });
  it('an administrator, who has no screens here, is told so instead of seeing case content', async () => {
    const page = await b().page();
    await page.goto('/inloggen');
    await page.getByLabel('Demogebruiker').selectOption('admin');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Geen schermen voor uw rol' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    await page.goto(`/casussen/${executed.caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
  });
});
