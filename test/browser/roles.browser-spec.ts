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
  let atCareTable: DrivenCase;

  beforeAll(async () => {
    awaiting = await driveCase(b().t, 'awaiting_steering_group', {
      forms: ['sexual'],
      subjects: [{ role: 'victim', name: 'Maria Jansen', nationality: 'Nederlands' }],
    });
    executed = await driveCase(b().t, 'effect_recorded', {
      subjects: [{ role: 'victim', name: 'Eva Vermeer', nationality: 'Nederlands' }],
    });
    atCareTable = await driveCase(b().t, 'care_table_met', {
      subjects: [{ role: 'victim', name: 'Maria Jansen', nationality: 'Nederlands' }],
    });
  });

  it('the stuurploeg reads its agenda, votes in turn until the competent organisations assented, and gets the besluitenlijst', async () => {
    const page = await b().page();
    await signIn(page, 'steering.de-baronie');
    expect(await navigationItems(page)).toEqual([
      'Werkvoorraad',
      'Casussen',
      'Stuurploeg',
      'Rapportages',
      'Programmamonitor',
    ]);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Stuurploeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stuurploeg' }).waitFor();

    const card = page.getByRole('article', { name: awaiting.reference });
    await card.waitFor();
    // The steering summary and the measures; never the care narrative or a name.
    await card.getByText('Arbeidsinspectie bij een autowasstraat en opvang van de werknemers.').waitFor();
    await card
      .getByText(
        'Arbeidsinspectie/controle (Nederlandse Arbeidsinspectie) en plaatsing in de opvang (Sterk Huis (opvang))',
      )
      .waitFor();
    expect(await card.getByText('Inspectie en opvang van de werknemers.').count()).toBe(0);
    expect(await page.getByText('Maria Jansen').count()).toBe(0);
    expect(await card.getByText('Nog niemand heeft gestemd.').count()).toBe(1);
    expect(await card.locator('.baken-still-needed').textContent()).toBe(
      'nog nodig: Arbeidsinspectie (arbeidsrechtelijke maatregel) en nog één andere organisatie',
    );

    await card.getByRole('button', { name: 'Stemmen' }).click();
    const form = card.getByRole('region', { name: 'Stemmen' });
    await form.getByLabel('Datum van uw stem').fill(CASE_DATES.proposalDecidedOn);
    // Deferring without a reason or a date is refused in the browser.
    await form.getByLabel('Aanhouden').check();
    await form.getByRole('button', { name: 'Stemmen' }).click();
    await form.getByRole('alert').filter({ hasText: 'Onderbouw waarom u afwijst of aanhoudt.' }).waitFor();
    await form.getByLabel('Instemmen').check();
    await form.getByLabel('Voorwaarden').fill('Terugkoppeling binnen zes weken.');
    await screenshot(page, 'stuurploeg-stemmen');
    await form.getByRole('button', { name: 'Stemmen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${awaiting.reference}: Uw stem is vastgelegd.` })
      .waitFor();
    await card.getByText(/^RIEC Zeeland-West-Brabant: instemmen op /).waitFor();
    expect(await card.locator('.baken-still-needed').textContent()).toBe(
      'nog nodig: Arbeidsinspectie (arbeidsrechtelijke maatregel)',
    );
    expect(await card.getByRole('button', { name: 'Stemmen' }).count()).toBe(0);
    await screenshot(page, 'stuurploeg');

    const inspectorate = await b().page();
    await signIn(inspectorate, 'steering.de-baronie.nla');
    await inspectorate.goto('/stuurploeg');
    const theirs = inspectorate.getByRole('article', { name: awaiting.reference });
    await theirs.getByRole('button', { name: 'Stemmen' }).click();
    const vote = theirs.getByRole('region', { name: 'Stemmen' });
    await vote.getByText(/U stemt namens Nederlandse Arbeidsinspectie\.$/).waitFor();
    await vote.getByLabel('Datum van uw stem').fill(CASE_DATES.proposalDecidedOn);
    await vote.getByLabel('Instemmen').check();
    await vote.getByRole('button', { name: 'Stemmen' }).click();
    await inspectorate.getByText('Er liggen geen voorstellen voor de stuurploeg.').waitFor();
    const detail = ok(
      await (await b().t.as('coordinator.de-baronie')).get(`/api/cases/${awaiting.caseId}`),
      200,
      'detail',
    ).body;
    expect(detail.status).toBe('in_execution');
    expect(detail.proposals[0]).toMatchObject({ status: 'approved', decidedBy: 'steering.de-baronie.nla' });
    expect(detail.interventions).toHaveLength(2);

    // The besluitenlijst of the period, on screen and as a PDF and an XLSX.
    const decisions = inspectorate.getByRole('region', { name: 'Besluitenlijst' });
    await decisions.getByLabel('Van').fill(CASE_DATES.receivedOn);
    await decisions.getByRole('button', { name: 'Besluiten tonen' }).click();
    const row = decisions.getByRole('row').filter({ hasText: awaiting.reference });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe(
      `Goedgekeurd op ${formatDate(CASE_DATES.proposalDecidedOn)}`,
    );
    await screenshot(inspectorate, 'besluitenlijst');
    const [pdf] = await Promise.all([
      inspectorate.waitForEvent('download'),
      decisions.getByRole('button', { name: 'Besluitenlijst downloaden als PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^besluitenlijst-de-baronie-.*\.pdf$/);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const [xlsx] = await Promise.all([
      inspectorate.waitForEvent('download'),
      decisions.getByRole('button', { name: 'Besluitenlijst downloaden als XLSX' }).click(),
    ]);
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('an analyst reads the quarterly targets of the four districts with their course as a chart, the effects and the flow, and downloads them', async () => {
    const page = await b().page();
    await signIn(page, 'analyst');
    expect(await navigationItems(page)).toEqual(['Rapportages', 'Programmamonitor']);
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
    expect(await navigationItems(page)).toEqual(['Casussen', 'Stuurploeg', 'Rapportages', 'Audit', 'Programmamonitor']);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    await page.getByLabel('Casus', { exact: true }).selectOption({ label: `${executed.reference} – In uitvoering` });
    await page.getByLabel('Reden van inzage').fill('Steekproef kwaliteit');
    await page.getByRole('button', { name: 'Geschiedenis tonen' }).click();

    const history = page.getByRole('region', { name: `Geschiedenis van ${executed.reference}` });
    await history.getByRole('heading', { name: 'Versie 13 van 13: Effect vastgelegd' }).waitFor();
    await history.getByRole('button', { name: 'Eerste versie' }).click();
    await history.getByRole('heading', { name: 'Versie 1 van 13: Signaal geregistreerd' }).waitFor();
    const status = history.locator('.baken-state dd').first();
    await status.filter({ hasText: 'Signaal ontvangen' }).waitFor();

    await history.getByRole('slider', { name: 'Versie' }).focus();
    await page.keyboard.press('ArrowRight');
    await history.getByRole('heading', { name: 'Versie 2 van 13: Zorgcoördinator toegewezen' }).waitFor();
    await status.filter({ hasText: 'In triage' }).waitFor();
    await history.getByRole('button', { name: 'Volgende versie' }).click();
    await history.getByRole('heading', { name: 'Versie 3 van 13: Triage vastgelegd' }).waitFor();
    await status.filter({ hasText: 'Zorgtafel' }).waitFor();
    await screenshot(page, 'audit');

    await history.getByRole('button', { name: 'Keten controleren' }).click();
    await page.getByText('De keten is intact: 13 gebeurtenissen gecontroleerd').waitFor();

    const log = page.getByRole('region', { name: 'Toegangslog' });
    const logged = log.getByRole('row').filter({ hasText: 'Steekproef kwaliteit' }).first();
    for (const deadline = Date.now() + 15_000; !(await logged.isVisible()) && Date.now() < deadline;) {
      await log.getByRole('button', { name: 'Filteren' }).click();
      await page.waitForTimeout(250);
    }
    await logged.waitFor();
    expect(await log.getByRole('row').filter({ hasText: 'auditor' }).count()).toBeGreaterThan(0);
    // References, never ids: in the address and in every row of the log.
    expect(page.url()).toContain(`casus=${executed.reference}`);
    expect(await logged.getByRole('cell', { name: executed.reference }).count()).toBe(1);
    const [dossier] = await Promise.all([
      page.waitForEvent('download'),
      history.getByRole('button', { name: 'Dossier downloaden als PDF' }).click(),
    ]);
    expect(dossier.suggestedFilename()).toBe(`dossier-${executed.reference}.pdf`);
    expect(
      readFileSync((await dossier.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Who saw a person's data: one question per person.
    await page.goto(`/audit?casus=${awaiting.reference}`);
    const other = page.getByRole('region', { name: `Geschiedenis van ${awaiting.reference}` });
    await other.getByRole('button', { name: /^Wie zag de gegevens van S-/ }).click();
    await other
      .getByText(/de persoonsgegevens van S-\w{4}, door .*coordinator\.de-baronie/)
      .first()
      .waitFor();
    expect(await other.getByRole('cell', { name: 'Ja' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'audit-persoon');
  });

  it('a liaison registers a signal of the own municipality and then sees its status only', async () => {
    const page = await b().page();
    await signIn(page, 'liaison.breda');
    expect(await navigationItems(page)).toEqual(['Casussen', 'Signaal registreren', 'Programmamonitor']);
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
    expect(await navigationItems(page)).toEqual([
      'Werkvoorraad',
      'Casussen',
      'Signaal registreren',
      'Programmamonitor',
    ]);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Casussen' }).click();
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
    expect(await page.getByRole('cell', { name: /^Uitbuiting gestopt .*; slachtoffer in zorg/ }).count()).toBe(1);

    // Its own work only: people by pseudonym, none of the case's narrative.
    const persons = page.getByRole('region', { name: 'Personen' });
    expect(await persons.getByRole('columnheader').first().textContent()).toBe('Pseudoniem');
    expect(await persons.getByRole('cell').first().textContent()).toMatch(/^S-[A-Z0-9]{4}$/);
    expect(await page.getByText('Eva Vermeer').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Samenvatting' }).count()).toBe(0);
    await screenshot(page, 'ketenpartner');

    // A case where the partner only sat at the care table is not its case.
    await page.goto(`/casussen/${atCareTable.caseId}`);
    await page.getByText('Deze casus bestaat niet of valt buiten uw bereik.').waitFor();
    expect(await page.getByText('Maria Jansen').count()).toBe(0);
  });

  it('a coordinator discloses a person to the organisation of one intervention, and revokes it again', async () => {
    const page = await b().page();
    await signIn(page, 'coordinator.de-baronie');
    await page.goto(`/casussen/${executed.caseId}`);
    await page.getByRole('heading', { level: 1, name: executed.reference }).waitFor();
    const steps = page.getByRole('region', { name: 'Volgende stappen' });
    await steps.getByRole('button', { name: 'Persoon bekendmaken', expanded: false }).click();
    const form = page.getByRole('region', { name: 'Persoon bekendmaken', exact: true });
    expect(await form.getByRole('combobox', { name: 'Persoon' }).locator('option:checked').textContent()).toMatch(
      /^Eva Vermeer \(S-\w{4}, slachtoffer\)$/,
    );
    await form.getByRole('combobox', { name: 'Interventie' }).selectOption(executed.interventionId!);
    await form.getByLabel('Reden').fill('De inspectie moet haar kunnen spreken.');
    await screenshot(page, 'persoon-bekendmaken');
    await form.getByRole('button', { name: 'Persoon bekendmaken' }).click();
    await page.getByRole('status').filter({ hasText: 'De persoon is bekendgemaakt' }).waitFor();

    const partner = await b().page();
    await signIn(partner, 'partner.labour-inspectorate');
    await partner.goto(`/casussen/${executed.caseId}`);
    const persons = partner.getByRole('region', { name: 'Personen' });
    await persons.getByRole('cell', { name: 'Eva Vermeer' }).waitFor();

    await steps.getByRole('button', { name: 'Bekendmaking intrekken', expanded: false }).click();
    const revoke = page.getByRole('region', { name: 'Bekendmaking intrekken', exact: true });
    await revoke.getByRole('button', { name: 'Bekendmaking intrekken' }).click();
    await page.getByRole('status').filter({ hasText: 'De bekendmaking is ingetrokken' }).waitFor();
    await partner.reload();
    await partner.getByRole('heading', { level: 1, name: executed.reference }).waitFor();
    expect(await partner.getByText('Eva Vermeer').count()).toBe(0);
  });
  it('an administrator lands on Beheer and never sees case content', async () => {
    const page = await b().page();
    await page.goto('/inloggen');
    await page.getByLabel('Demogebruiker').selectOption('admin');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Beheer', 'Programmamonitor']);
    // Without Redis there are no queues: Beheer says so instead of linking to the board's 503.
    await page.getByText(/Niet beschikbaar op deze installatie: de achtergrondtaken draaien zonder Redis/).waitFor();
    expect(await page.getByRole('link', { name: 'Wachtrijen' }).count()).toBe(0);
    await page.goto(`/casussen/${executed.caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
  });
});
