import type { BrowserContext, Page } from 'playwright-core';
import {
  cspViolations,
  daysAgo,
  DESKTOP,
  screenshot,
  seriousViolations,
  signIn,
  TABLET,
  UI_TIMEOUT,
  useBrowserTest,
  watchContentSecurityPolicy,
} from './support/browser';
import { registerSignal } from '../e2e/support/cases';

const PHONE = { width: 390, height: 844 };

/** The screens `Beheer` leads to within the app, by link text and the heading they open with. */
const SCREENS = [
  ['Doelstellingen', 'Doelstellingen'],
  ['Organisaties', 'Organisaties'],
  ['Gemeenten en districten', 'Gemeenten en districten'],
  ['Interventiecatalogus', 'Interventiecatalogus'],
  ['Termijnen', 'Termijnen'],
  ['Webhooks', 'Webhooks'],
  ['Programmamonitor', 'Programmamonitor'],
] as const;

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, 'admin');
  await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
}

async function openScreen(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('main').getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const rowOf = (page: Page, text: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: text }) });

/** How far the page is wider than the window, and the deepest elements that stick out (to say what to fix). */
const overflow = (page: Page) =>
  page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('main *:not(thead *)')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && ![...e.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
      .slice(0, 3)
      .map((e) => e.tagName.toLowerCase() + ': ' + (e.textContent || '').trim().slice(0, 40));
    return { by: document.documentElement.scrollWidth - width, out };
  })()`);

/**
 * The functional administrator (DOMAIN.md "Roles"): lands on `Beheer`, maintains targets, organisations,
 * municipalities, the intervention catalogue and the deadline periods on screens of their own, and never sees case
 * content.
 */
describe('the administrator in the product', () => {
  const b = useBrowserTest({ redis: true });
  let caseId: string;
  beforeAll(async () => {
    ({ caseId } = await registerSignal(await b().t.as('coordinator.de-baronie'), { receivedOn: daysAgo(3) }));
  });

  it('lands on Beheer, which leads to every admin screen and to the queue board, and never to case content', async () => {
    const page = await b().page();
    await signInAsAdmin(page);
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Beheer', 'Programmamonitor']);
    expect(await page.getByRole('link', { name: 'Casussen' }).count()).toBe(0);
    await screenshot(page, 'beheer');
    for (const [link, heading] of SCREENS) {
      await openScreen(page, link, heading);
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
    }
    expect(await page.getByRole('link', { name: 'Wachtrijen' }).getAttribute('href')).toBe('/admin/queues');
    await openScreen(page, 'Programmamonitor', 'Programmamonitor');
    await page.getByRole('button', { name: 'Actie toevoegen' }).waitFor();
    await page.goto(`/casussen/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    await page.goto('/casussen');
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    expect(cspViolations(page)).toEqual([]);
  });

  it('adds a target, changes it with a reason, retires it, and shows its history', async () => {
    const page = await b().page();
    await signInAsAdmin(page);
    await openScreen(page, 'Doelstellingen', 'Doelstellingen');
    await rowOf(page, 'proposals-sexual-criminal').waitFor();
    await page.getByRole('button', { name: 'Doelstelling toevoegen' }).click();
    await page.getByRole('button', { name: 'Doelstelling toevoegen' }).click();
    await page.getByRole('alert').getByText('Naam: Vul de naam in.').waitFor();
    await page.getByLabel('Code').fill('stopgesprekken');
    await page.getByLabel('Naam').fill('Stopgesprekken gevoerd');
    await page.getByLabel('Telt').selectOption('intervention_executed');
    await page.getByLabel('Stopgesprek').check();
    await page.getByLabel('Minimum per district').fill('2');
    await page.getByLabel('Geldig vanaf').fill('2026-01-01');
    await page.getByRole('button', { name: 'Doelstelling toevoegen' }).click();
    await page.getByText('Doelstelling Stopgesprekken gevoerd toegevoegd.').waitFor();
    const row = rowOf(page, 'stopgesprekken');
    await row.getByText('Interventies uitgevoerd').waitFor();
    await row.getByRole('cell', { name: 'Stopgesprek', exact: true }).waitFor();

    await row.getByRole('button', { name: 'Stopgesprekken gevoerd wijzigen' }).click();
    await page.getByLabel('Minimum per district').fill('3');
    await page.getByLabel('Reden van de wijziging').fill('Afspraak stuurploeg december');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText('Doelstelling Stopgesprekken gevoerd gewijzigd.').waitFor();
    await row.getByRole('cell', { name: '3 per kwartaal', exact: true }).waitFor();

    await row.getByRole('button', { name: 'Stopgesprekken gevoerd beëindigen' }).click();
    await page.getByRole('button', { name: 'Doelstelling beëindigen' }).click();
    await page.getByRole('alert').getByText('Reden: Vul de reden in.').waitFor();
    await page.getByLabel('Reden').fill('Opgenomen in de nieuwe norm');
    await page.getByRole('button', { name: 'Doelstelling beëindigen' }).click();
    await page.getByText('Doelstelling Stopgesprekken gevoerd beëindigd.').waitFor();
    await row.getByText(/^Beëindigd, laatste dag /).waitFor();

    await row.getByRole('button', { name: 'Geschiedenis van Stopgesprekken gevoerd' }).click();
    const history = page.getByRole('region', { name: 'Geschiedenis van Stopgesprekken gevoerd' });
    await history.getByText(/Gewijzigd door .*: Afspraak stuurploeg december/).waitFor();
    await history.getByText(/Beëindigd door .*: Opgenomen in de nieuwe norm/).waitFor();
    await history.getByText(/Vastgesteld door/).waitFor();
    expect(cspViolations(page)).toEqual([]);
  });

  it('asks before a changed form is left', async () => {
    const page = await b().page();
    await signInAsAdmin(page);
    await openScreen(page, 'Doelstellingen', 'Doelstellingen');
    await page.getByRole('button', { name: 'Doelstelling toevoegen' }).click();
    await page.getByLabel('Naam').fill('Half ingevuld');
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: '← Beheer' }).click();
    await page.getByLabel('Naam').waitFor();
    expect(asked).toMatch(/wijzigingen die nog niet zijn opgeslagen/);
  });

  it('adds an organisation and changes it; municipalities are read-only there', async () => {
    const page = await b().page();
    await signInAsAdmin(page);
    await openScreen(page, 'Organisaties', 'Organisaties');
    await rowOf(page, 'Gemeente Breda').getByText('Via Gemeenten').waitFor();
    await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await page.getByLabel('Soort').selectOption('shelter');
    expect(await page.getByLabel('Code').inputValue()).toBe('shelter:');
    // A code in use is told at its field.
    await page.getByLabel('Code').fill('shelter:sterk-huis');
    await page.getByLabel('Naam').fill('Sterk Huis (tweede)');
    await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await page.getByRole('alert').getByText('Code: Er bestaat al een organisatie met deze code.').waitFor();
    await page.getByLabel('Code').fill('shelter:de-haven');
    await page.getByLabel('Naam').fill('De Haven (opvang)');
    await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await page.getByText('Organisatie De Haven (opvang) toegevoegd.').waitFor();
    const row = rowOf(page, 'De Haven (opvang)');
    await row.getByRole('button', { name: 'De Haven (opvang) wijzigen' }).click();
    await page.getByLabel('Naam').fill('Opvang De Haven');
    await page.getByLabel('Niet actief: niet meer te kiezen').check();
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText('Organisatie Opvang De Haven gewijzigd.').waitFor();
    const changed = rowOf(page, 'Opvang De Haven');
    await changed.getByText('Niet actief').waitFor();
    await changed.getByText(/om \d{2}:\d{2}/).waitFor();
  });

  it('records a merger: two municipalities end, the new one begins the day after', async () => {
    const page = await b().page();
    await signInAsAdmin(page);
    await openScreen(page, 'Gemeenten en districten', 'Gemeenten en districten');
    await page.getByRole('heading', { level: 2, name: 'Een herindeling vastleggen' }).waitFor();
    for (const name of ['Alphen-Chaam', 'Baarle-Nassau']) {
      await rowOf(page, name)
        .getByRole('button', { name: `${name} wijzigen` })
        .click();
      await page.getByLabel('Laatste dag').fill('2026-12-31');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText(`Gemeente ${name} gewijzigd: laatste dag 31 december 2026.`).waitFor();
      await rowOf(page, name).getByText('31 december 2026').waitFor();
    }
    await page.getByRole('button', { name: 'Gemeente toevoegen' }).click();
    await page.getByLabel('District').selectOption('de-baronie');
    await page.getByLabel('Naam').fill('Baarle-Alphen');
    expect(await page.getByLabel('Code').inputValue()).toBe('baarle-alphen');
    await page.getByLabel('Geldig vanaf').fill('2027-01-01');
    await page.getByRole('button', { name: 'Gemeente toevoegen' }).click();
    await page.getByText('Gemeente Baarle-Alphen toegevoegd.').waitFor();
    const merged = rowOf(page, 'Baarle-Alphen');
    await merged.getByText('1 januari 2027').waitFor();
    await merged.getByText('De Baronie').waitFor();
  });

  it('adds an intervention type to the catalogue and retires it', async () => {
    const page = await b().page();
    await signInAsAdmin(page);
    await openScreen(page, 'Interventiecatalogus', 'Interventiecatalogus');
    await rowOf(page, 'Stopgesprek').waitFor();
    await page.getByRole('button', { name: 'Interventiesoort toevoegen' }).click();
    await page.getByLabel('Niveau').selectOption('administrative');
    await page.getByLabel('Code').fill('housing_inspection');
    await page.getByLabel('Naam').fill('Woningcontrole');
    await page.getByRole('button', { name: 'Interventiesoort toevoegen' }).click();
    await page.getByText('Interventiesoort Woningcontrole toegevoegd.').waitFor();
    const row = rowOf(page, 'Woningcontrole');
    await row.getByText('Bestuurlijk').waitFor();
    await row.getByRole('button', { name: 'Woningcontrole wijzigen' }).click();
    await page.getByLabel('Naam').fill('Woningcontrole (huisvesting)');
    await page.getByLabel('Vervallen: niet meer te kiezen').check();
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText('Interventiesoort Woningcontrole (huisvesting) gewijzigd.').waitFor();
    await rowOf(page, 'Woningcontrole (huisvesting)').getByText('Vervallen').waitFor();
  });

  it('changes a deadline period, saying that open deadlines keep theirs', async () => {
    const page = await b().page();
    await signInAsAdmin(page);
    await openScreen(page, 'Termijnen', 'Termijnen');
    await page.getByText('Lopende termijnen houden de termijn waarmee ze begonnen.').waitFor();
    const triage = page.getByLabel('Triage (urgentie normaal of onbekend), werkdagen');
    expect(await triage.inputValue()).toBe('5');
    await triage.fill('0');
    await page.getByRole('button', { name: 'Termijnen opslaan' }).click();
    await page
      .getByRole('alert')
      .getByText(/Vul een heel getal in van 1 tot en met/)
      .waitFor();
    await triage.fill('4');
    await page.getByRole('button', { name: 'Termijnen opslaan' }).click();
    await page.getByText('De termijnen zijn gewijzigd.', { exact: false }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Termijnen' }).waitFor();
    expect(await page.getByLabel('Triage (urgentie normaal of onbekend), werkdagen').inputValue()).toBe('4');
    await page.getByText(/Laatst gewijzigd: .* om \d{2}:\d{2}/).waitFor();
  });

  for (const viewport of [DESKTOP, TABLET, PHONE]) {
    it(`shows Beheer and the admin screens with their forms accessibly at ${viewport.width} px wide`, async () => {
      const page = await b().page(viewport);
      await signInAsAdmin(page);
      const check = async (where: string) => {
        expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
        const wider = (await overflow(page)) as { by: number; out: string[] };
        expect({ where, wider: wider.by > 0 ? wider : 0 }).toEqual({ where, wider: 0 });
      };
      await check('Beheer');
      for (const [link, heading, button] of [
        ['Doelstellingen', 'Doelstellingen', 'Doelstelling toevoegen'],
        ['Organisaties', 'Organisaties', 'Organisatie toevoegen'],
        ['Gemeenten en districten', 'Gemeenten en districten', 'Gemeente toevoegen'],
        ['Interventiecatalogus', 'Interventiecatalogus', 'Interventiesoort toevoegen'],
      ] as const) {
        await page.goto('/beheer');
        await openScreen(page, link, heading);
        await page.getByRole('table').waitFor();
        await page.getByRole('button', { name: button }).click();
        await page.getByRole('heading', { level: 2, name: button }).waitFor();
        await check(heading);
      }
      await page.goto('/beheer/termijnen');
      await page.getByRole('button', { name: 'Termijnen opslaan' }).waitFor();
      await check('Termijnen');
      await page.goto('/beheer/webhooks');
      await page.getByRole('heading', { level: 2, name: 'Mislukte meldingen' }).waitFor();
      await check('Webhooks');
      expect(cspViolations(page)).toEqual([]);
    });
  }

  describe('the queue board', () => {
    const contexts: BrowserContext[] = [];
    afterAll(async () => {
      for (const context of contexts) await context.close();
    });

    it('opens from Beheer and shows its queues without a Content Security Policy violation', async () => {
      // Bull Board waits on timers that the other pages' frozen clock would hold: a page on the real clock.
      const context = await b().browser.newContext({ baseURL: b().baseUrl, viewport: DESKTOP });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT);
      await watchContentSecurityPolicy(page);
      await signInAsAdmin(page);
      await page.getByRole('link', { name: 'Wachtrijen' }).click();
      await page.waitForURL(/\/admin\/queues$/);
      await page.getByRole('main').getByRole('link', { name: 'deadlines' }).waitFor();
      await page.getByRole('main').getByRole('link', { name: 'webhooks' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(cspViolations(page)).toEqual([]);
    });
  });
});
