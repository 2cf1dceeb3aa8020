import type { Dialog, Page } from 'playwright-core';
import { quarterOf } from '../../apps/web/src/dates';
import { COORDINATOR } from '../e2e/support/cases';
import { cspViolations, seriousViolations, signIn, TABLET, useBrowserTest } from './support/browser';
import { CASE_DATES, driveCase, projectionsCaughtUp, type DrivenCase } from './support/cases';

const PHONE = { width: 390, height: 844 };
const LEAVE_QUESTION =
  'U heeft wijzigingen die nog niet zijn opgeslagen. Wilt u deze pagina verlaten? Uw wijzigingen gaan dan verloren.';

/** Answers the next dialog of the page (accept or dismiss) and returns what it was. */
function nextDialog(page: Page, answer: 'accept' | 'dismiss'): Promise<Dialog> {
  return new Promise((resolve) =>
    page.once('dialog', (dialog) => {
      void (answer === 'accept' ? dialog.accept() : dialog.dismiss()).then(() => resolve(dialog));
    }),
  );
}

/** Every table container of the screen: how wide its content is against its own width, and whether it stacked. */
async function tableWidths(page: Page) {
  return page.evaluate(`[...document.querySelectorAll('.baken-table-scroll')].map((w) => ({
    caption: (w.querySelector('caption') || {}).textContent,
    overflow: w.scrollWidth - w.clientWidth,
    stacked: w.querySelector('table').classList.contains('baken-table--stacked'),
  }))`) as Promise<{ caption: string; overflow: number; stacked: boolean }[]>;
}

async function openAction(page: Page, action: string) {
  await page
    .getByRole('region', { name: 'Volgende stappen' })
    .getByRole('button', { name: action, exact: true, expanded: false })
    .click();
  return page.getByRole('region', { name: action, exact: true });
}

describe('forms and screens of the coordinator', () => {
  const b = useBrowserTest();
  const cases: Record<string, DrivenCase> = {};

  beforeAll(async () => {
    cases.inTriage = await driveCase(b().t, 'in_triage');
    cases.executed = await driveCase(b().t, 'effect_recorded', {
      subjects: [{ role: 'suspect', name: 'Karel Boom' }],
    });
    await projectionsCaughtUp(b().t);
  });

  it('adds a person to an open case and records the consent the person gave', async () => {
    const page = await b().page();
    await signIn(page, COORDINATOR);
    await page.goto(`/casussen/${cases.inTriage.caseId}`);
    await page.getByRole('heading', { level: 1, name: cases.inTriage.reference }).waitFor();

    let form = await openAction(page, 'Persoon toevoegen');
    await form.getByRole('combobox', { name: 'Rol' }).selectOption({ label: 'Slachtoffer' });
    await form.getByRole('textbox', { name: 'Naam' }).fill('Mirela Dobre');
    await form.getByRole('textbox', { name: 'Nationaliteit' }).fill('Roemeens');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: 'De persoon is toegevoegd.' }).waitFor();
    const persons = page.getByRole('region', { name: 'Personen' });
    await persons.getByRole('cell', { name: 'Mirela Dobre' }).waitFor();

    form = await openAction(page, 'Toestemming vastleggen');
    expect(await form.getByRole('combobox', { name: 'Persoon' }).locator('option:checked').textContent()).toMatch(
      /^Mirela Dobre \(S-[A-Z0-9]{4}, slachtoffer\)$/,
    );
    await form.getByLabel('Gegevens delen met de zorgpartners').check();
    await form.getByLabel('Gegeven', { exact: true }).check();
    await form.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await page.getByRole('status').filter({ hasText: 'De toestemming is vastgelegd.' }).waitFor();
    const consent = persons.getByRole('cell', { name: /^Gegevens delen met de zorgpartners: gegeven op / });
    await consent.waitFor();
    expect(await consent.textContent()).toMatch(/gegeven op \d{1,2} [a-z]+ \d{4}$/);
    await page.getByRole('region', { name: 'Tijdlijn' }).getByText('Toestemming vastgelegd').waitFor();
  });

  it('warns before a changed form is left: by a link, by the back button, by closing the page', async () => {
    const page = await b().page();
    await signIn(page, COORDINATOR);
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });

    // An untouched form is left without a question.
    await menu.getByRole('link', { name: 'Signaal registreren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signaal registreren' }).waitFor();
    let asked = false;
    const noteDialog = () => (asked = true);
    page.on('dialog', noteDialog);
    await menu.getByRole('link', { name: 'Casussen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor();
    page.off('dialog', noteDialog);
    expect(asked).toBe(false);

    await menu.getByRole('link', { name: 'Signaal registreren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signaal registreren' }).waitFor();
    await page.getByLabel('Samenvatting').fill('Een half ingevuld signaal.');

    // A link of the app: staying keeps the form as it was.
    let dialog = nextDialog(page, 'dismiss');
    await menu.getByRole('link', { name: 'Casussen' }).click();
    expect(await dialog.then((d) => [d.type(), d.message()])).toEqual(['confirm', LEAVE_QUESTION]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Signaal registreren');
    expect(await page.getByLabel('Samenvatting').inputValue()).toBe('Een half ingevuld signaal.');

    // The browser's back button: staying puts the address back.
    dialog = nextDialog(page, 'dismiss');
    await page.goBack({ waitUntil: 'commit' });
    expect((await dialog).type()).toBe('confirm');
    await page.waitForURL(/\/signaal-registreren$/);
    expect(await page.getByLabel('Samenvatting').inputValue()).toBe('Een half ingevuld signaal.');

    // Leaving the site or closing the tab: the browser's own question.
    dialog = nextDialog(page, 'dismiss');
    await page.close({ runBeforeUnload: true });
    expect((await dialog).type()).toBe('beforeunload');
  });

  it("warns before a case's open form is swapped for another, and leaves when the user says so", async () => {
    const page = await b().page();
    await signIn(page, COORDINATOR);
    await page.goto(`/casussen/${cases.executed.caseId}`);
    await page.getByRole('heading', { level: 1, name: cases.executed.reference }).waitFor();
    const form = await openAction(page, 'Casus sluiten');
    await form.getByLabel('Onderbouwing').fill('Nog niet klaar.');

    let dialog = nextDialog(page, 'dismiss');
    await page
      .getByRole('region', { name: 'Volgende stappen' })
      .getByRole('button', { name: 'Persoon toevoegen' })
      .click();
    expect((await dialog).message()).toBe(LEAVE_QUESTION);
    expect(await form.getByLabel('Onderbouwing').inputValue()).toBe('Nog niet klaar.');

    dialog = nextDialog(page, 'accept');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkvoorraad' }).click();
    await dialog;
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
  });

  it('cuts no column off at 768 px: a table that does not fit is stacked, row by row, with its headers', async () => {
    const page = await b().page(TABLET);
    await signIn(page, COORDINATOR);
    await page.goto('/werkvoorraad');
    const overdue = page.locator('.baken-table-scroll').getByText('Te laat').first();
    await overdue.waitFor();
    for (const table of await tableWidths(page))
      expect({ ...table, overflow: Math.max(0, table.overflow) }).toEqual({ ...table, overflow: 0 });
    const box = (await overdue.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(TABLET.width);

    await page.goto('/casussen');
    await page.getByText(/casussen? gevonden/).waitFor();
    const widths = await tableWidths(page);
    expect(widths.map((t) => t.overflow <= 0)).toEqual(widths.map(() => true));
    const lastColumn = page.locator('.baken-table-scroll tbody tr').first().locator('td').last();
    expect(await lastColumn.getAttribute('data-label')).toBe('Termijn');
    const cell = (await lastColumn.boundingBox())!;
    expect(cell.x + cell.width).toBeLessThanOrEqual(TABLET.width);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);

    await page.goto(`/casussen/${cases.executed.caseId}`);
    await page.getByRole('region', { name: 'Tijdlijn' }).getByRole('listitem').first().waitFor();
    const caseTables = await tableWidths(page);
    expect(caseTables.map((t) => t.overflow <= 0)).toEqual(caseTables.map(() => true));
    expect(cspViolations(page)).toEqual([]);
  });

  it('draws the bars of the effects chart on a phone (390 px)', async () => {
    const page = await b().page(PHONE);
    await signIn(page, 'analyst');
    const { year, quarter } = quarterOf(CASE_DATES.executedOn);
    await page.goto(`/rapportages?jaar=${year}&kwartaal=${quarter}`);
    const effects = page.getByRole('region', { name: 'Effecten van interventies' }).locator('.baken-chart');
    await effects.locator('svg .mark-rect path').first().waitFor({ state: 'attached' });
    const bars: { width: number; height: number }[] = await effects.evaluate((chart: any) =>
      [...chart.querySelectorAll('svg .mark-rect path')].map((path: any) => {
        const box = path.getBBox();
        return { width: box.width, height: box.height };
      }),
    );
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.every((bar) => bar.width >= 10 && bar.height > 0)).toBe(true);
    const svgWidth = await effects
      .locator('svg')
      .first()
      .evaluate((svg: any) => svg.getBoundingClientRect().width as number);
    expect(svgWidth).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
  });

  it('lists the errors of a form in one column', async () => {
    const page = await b().page(TABLET);
    await signIn(page, COORDINATOR);
    await page.goto('/signaal-registreren');
    await page.getByRole('button', { name: 'Signaal registreren' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.waitFor();
    const [heading, paragraph, list] = await Promise.all(
      ['h2', 'p', 'ul'].map(async (tag) => (await summary.locator(tag).first().boundingBox())!),
    );
    expect(paragraph.y).toBeGreaterThanOrEqual(heading.y + heading.height);
    expect(list.y).toBeGreaterThanOrEqual(paragraph.y + paragraph.height);
    expect(Math.abs(list.x - heading.x)).toBeLessThan(48);
  });
});
