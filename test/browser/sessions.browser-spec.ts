import type { Page } from 'playwright-core';
import { formatDate } from '../../apps/web/src/dates';
import { COORDINATOR } from '../e2e/support/cases';
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
const NEXT_WEEK = daysAgo(-7);
const CONCLUSIONS = 'Gezamenlijke inspectie bij de autowasstraat; de werknemers krijgen opvang aangeboden.';
const ACTION_POINT = 'Inspectie bij de autowasstraat plannen en de bevindingen delen.';
const PARTNER = 'partner.labour-inspectorate';

/** No serious axe violations, nothing wider than the window and nothing the Content Security Policy blocked. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect({ screen, blocked: cspViolations(page) }).toEqual({ screen, blocked: [] });
  expect({ screen, violations: await seriousViolations(page) }).toEqual({ screen, violations: [] });
  const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect({ screen, overflow }).toEqual({ screen, overflow: 0 });
}

describe('the Zorgtafel: planned, held, and its action points done', () => {
  const b = useBrowserTest();
  let cases: DrivenCase[];
  let page: Page;
  let sessionPath: string;

  beforeAll(async () => {
    cases = [await driveCase(b().t, 'care_table_met'), await driveCase(b().t, 'care_table_met')];
    await projectionsCaughtUp(b().t);
    page = await b().page();
  });

  it('a coordinator plans a session for next week with two cases of the district', async () => {
    await signIn(page, COORDINATOR);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Zorgtafels' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zorgtafels' }).waitFor();
    await page.getByText('Er zijn geen zorgtafels gepland.').waitFor();
    await page.getByRole('link', { name: 'Zorgtafel plannen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zorgtafel plannen' }).waitFor();

    // Nothing chosen: an error summary that links to each field.
    await page.getByRole('button', { name: 'Zorgtafel plannen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.waitFor();
    expect((await summary.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([
      'Datum: Vul de datum van de zorgtafel in.',
      'Genodigden: Kies minstens één organisatie om uit te nodigen.',
      'Agenda: Kies minstens één casus voor de agenda.',
    ]);

    await page.getByLabel('Datum').fill(NEXT_WEEK);
    const invitees = page.getByRole('group', { name: 'Genodigden' });
    await invitees.getByLabel('Nederlandse Arbeidsinspectie').check();
    await invitees.getByLabel('Sterk Huis (opvang)').check();
    await invitees.getByLabel('Gemeente Breda').check();
    const agenda = page.getByRole('group', { name: 'Agenda' });
    for (const c of cases) await agenda.getByLabel(new RegExp(`^${c.reference} – Breda`)).check();
    await screenshot(page, 'zorgtafel-plannen');
    await page.getByRole('button', { name: 'Zorgtafel plannen' }).click();

    await page.getByRole('heading', { level: 1, name: `Zorgtafel De Baronie van ${formatDate(NEXT_WEEK)}` }).waitFor();
    sessionPath = new URL(page.url()).pathname;
    await page
      .getByRole('status')
      .filter({ hasText: `De zorgtafel van ${formatDate(NEXT_WEEK)} is gepland.` })
      .waitFor();
    const agendaSection = page.getByRole('region', { name: 'Agenda' });
    expect(await agendaSection.getByRole('heading', { level: 3 }).allTextContents()).toEqual(
      cases.map((c) => c.reference).sort(),
    );
    expect(
      await page
        .locator('.baken-screen-only')
        .getByText('Gemeente Breda, Nederlandse Arbeidsinspectie en Sterk Huis (opvang)')
        .count(),
    ).toBe(1);
  });

  it('records the outcome of a case with an action point for the labour inspectorate', async () => {
    const card = page.getByRole('article', { name: cases[0].reference });
    await card.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    const form = card.getByRole('region', { name: 'Uitkomst vastleggen' });
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Uitkomst vastleggen');

    await form.getByRole('button', { name: 'Actiepunt toevoegen' }).click();
    await form.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.waitFor();
    expect((await summary.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([
      'Deelnemers: Kies minstens één deelnemende organisatie.',
      'Conclusies: Vul de conclusies in.',
      'Actiepunt 1, omschrijving: Vul de omschrijving in.',
      'Actiepunt 1, uitvoerder: Kies wie het actiepunt uitvoert.',
      'Actiepunt 1, uiterlijk: Vul de uiterste datum in.',
    ]);

    const participants = form.getByRole('group', { name: 'Deelnemers' });
    await participants.getByLabel('Nederlandse Arbeidsinspectie').check();
    await participants.getByLabel('Sterk Huis (opvang)').check();
    // Someone who was not invited joined the table.
    await form.getByText('Andere deelnemers (niet uitgenodigd)').click();
    await form.getByRole('group', { name: 'Andere deelnemers' }).getByLabel('Veilig Thuis').check();
    await form.getByLabel('Conclusies').fill(CONCLUSIONS);
    await form.getByText(`${CONCLUSIONS.length} / 4.000 tekens`).waitFor();
    await form.getByRole('radiogroup', { name: 'Slachtoffer geïnformeerd' }).getByLabel('Ja').check();
    const point = form.getByRole('group', { name: 'Actiepunt 1' });
    await point.getByLabel('Omschrijving').fill(ACTION_POINT);
    const owner = point.getByLabel('Uitvoerder');
    expect(
      await owner.locator('optgroup').evaluateAll((groups: any[]) => groups.map((g) => g.getAttribute('label'))),
    ).toEqual(['Organisaties', 'Personen']);
    expect(await owner.locator('optgroup[label="Personen"] option').allTextContents()).toContain(
      'Ingrid Smits (Nederlandse Arbeidsinspectie)',
    );
    await owner.selectOption({ label: 'Nederlandse Arbeidsinspectie' });
    await point.getByLabel('Uiterlijk').fill(daysAgo(-14));
    await form.getByRole('button', { name: 'Uitkomst vastleggen' }).click();

    await page
      .getByRole('status')
      .filter({ hasText: `De uitkomst van ${cases[0].reference} is vastgelegd.` })
      .waitFor();
    const outcome = card.getByRole('region', { name: 'Uitkomst' });
    await outcome.getByText(CONCLUSIONS).waitFor();
    await screenshot(page, 'zorgtafel-uitkomst');
    expect(
      await outcome.getByRole('row').filter({ hasText: ACTION_POINT }).getByRole('cell').allTextContents(),
    ).toEqual([ACTION_POINT, 'Nederlandse Arbeidsinspectie', formatDate(daysAgo(-14)), 'Nog niet']);
    expect(await outcome.getByText('Nederlandse Arbeidsinspectie, Sterk Huis (opvang) en Veilig Thuis').count()).toBe(
      1,
    );
    // The other case waits for its turn.
    await page
      .getByRole('article', { name: cases[1].reference })
      .getByRole('button', { name: 'Uitkomst vastleggen' })
      .waitFor();
  });

  it('prints the agenda alone: date, district, invitees and the cases, none of the narrative', async () => {
    await page.evaluate('window.print = () => { window.__printed = (window.__printed || 0) + 1; }');
    await page.getByRole('button', { name: 'Agenda afdrukken' }).click();
    expect(await page.evaluate('window.__printed')).toBe(1);

    expect(await page.getByRole('heading', { name: 'Agenda Zorgtafel Mensenhandel' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    try {
      const printed = page.locator('.baken-printed-agenda');
      await printed.getByRole('heading', { name: 'Agenda Zorgtafel Mensenhandel' }).waitFor();
      const text = (await printed.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(formatDate(NEXT_WEEK));
      expect(text).toContain('De Baronie');
      expect(text).toContain('Gemeente Breda, Nederlandse Arbeidsinspectie en Sterk Huis (opvang)');
      const rows = await printed
        .locator('tbody tr')
        .evaluateAll((trs: any[]) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td: any) => td.textContent as string)),
        );
      expect(rows.map((r) => r[0])).toEqual(['1', '2']);
      expect(rows.map((r) => r[1]).sort()).toEqual(cases.map((c) => c.reference).sort());
      expect(rows.map((r) => r.slice(2))).toEqual([
        ['Breda', 'Arbeidsuitbuiting'],
        ['Breda', 'Arbeidsuitbuiting'],
      ]);
      // Only the agenda is on paper: no conclusions, no menu, no buttons.
      expect(await page.getByText(CONCLUSIONS).isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Agenda afdrukken' }).isVisible()).toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('lists the session among the coming ones with what was discussed', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Zorgtafels' }).click();
    const coming = page.getByRole('region', { name: 'Komende zorgtafels' });
    const row = coming.getByRole('row').filter({ hasText: formatDate(NEXT_WEEK) });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      formatDate(NEXT_WEEK),
      'De Baronie',
      'Gemeente Breda, Nederlandse Arbeidsinspectie en Sterk Huis (opvang)',
      '2 casussen, 1 besproken',
      'Anouk de Vries',
    ]);
    await screenshot(page, 'zorgtafels');
  });

  it('the labour inspectorate finds its action point in the work queue, completes it, and it leaves', async () => {
    await projectionsCaughtUp(b().t);
    const partner = await b().page();
    await signIn(partner, PARTNER);
    await partner.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    const row = partner.getByRole('row').filter({ hasText: ACTION_POINT });
    await row.waitFor();
    const cells = (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
    expect(cells.slice(0, 5)).toEqual([
      cases[0].reference,
      'Actiepunt van de Zorgtafel',
      formatDate(daysAgo(-14)),
      'Op tijd',
      ACTION_POINT,
    ]);

    await row.getByRole('button', { name: 'Afronden' }).click();
    const form = partner.getByRole('region', { name: 'Actiepunt afronden' });
    expect(await form.getByLabel('Afgerond op').inputValue()).toBe(daysAgo(0));
    await form.getByLabel('Toelichting').fill('Inspectie uitgevoerd, rapport gedeeld met de zorgcoördinator.');
    await form.getByRole('button', { name: 'Afronden' }).click();

    await partner
      .getByRole('status')
      .filter({ hasText: `Het actiepunt van ${cases[0].reference} is afgerond.` })
      .waitFor();
    expect(await partner.getByRole('row').filter({ hasText: ACTION_POINT }).count()).toBe(0);
    // And it stays gone once the queue has caught up with the completion.
    await projectionsCaughtUp(b().t);
    await partner.reload();
    await partner.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    await partner.locator('.baken-loading').waitFor({ state: 'detached' });
    expect(await partner.getByRole('row').filter({ hasText: ACTION_POINT }).count()).toBe(0);
    await partner.context().close();

    // The coordinator sees it done on the session.
    await page.goto(sessionPath);
    const done = page
      .getByRole('article', { name: cases[0].reference })
      .getByRole('row')
      .filter({ hasText: ACTION_POINT });
    await done.getByRole('cell', { name: formatDate(daysAgo(0)) }).waitFor();
  });

  for (const viewport of [DESKTOP, TABLET, PHONE]) {
    it(`every screen of the Zorgtafel is accessible at ${viewport.width} px wide`, async () => {
      const p = await b().page(viewport);
      await signIn(p, COORDINATOR);

      await p.goto('/zorgtafels');
      await p.getByRole('heading', { level: 1, name: 'Zorgtafels' }).waitFor();
      await p.getByRole('region', { name: 'Komende zorgtafels' }).getByRole('table').waitFor();
      await expectAccessible(p, 'Zorgtafels');

      await p.goto('/zorgtafels/plannen');
      await p.getByRole('heading', { level: 1, name: 'Zorgtafel plannen' }).waitFor();
      await p.getByRole('group', { name: 'Agenda' }).waitFor();
      await p.getByRole('button', { name: 'Zorgtafel plannen' }).click();
      await p.getByRole('alert').filter({ hasText: 'Er is een probleem' }).waitFor();
      await expectAccessible(p, 'Zorgtafel plannen met foutmeldingen');

      await p.goto(sessionPath);
      await p.getByRole('heading', { level: 1, name: /^Zorgtafel De Baronie/ }).waitFor();
      const card = p.getByRole('article', { name: cases[1].reference });
      await card.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
      const form = card.getByRole('region', { name: 'Uitkomst vastleggen' });
      await form.getByRole('button', { name: 'Actiepunt toevoegen' }).click();
      await form.getByText('Andere deelnemers (niet uitgenodigd)').click();
      await form.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
      await form.getByRole('alert').waitFor();
      await expectAccessible(p, 'Zorgtafel met uitkomst en formulier met foutmeldingen');
      if (viewport === TABLET) await screenshot(p, 'zorgtafel-768');
      await p.context().close();
    });
  }
});
