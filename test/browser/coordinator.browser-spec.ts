import type { Page } from 'playwright-core';
import { COORDINATOR, ok } from '../e2e/support/cases';
import { formatDate, formatInstant } from '../../apps/web/src/dates';
import { daysAgo, NOW, screenshot, signIn, useBrowserTest } from './support/browser';
import { projectionsCaughtUp, takeNextStep } from './support/cases';

const DATES = {
  receivedOn: daysAgo(14),
  decidedOn: daysAgo(13),
  heldOn: daysAgo(11),
  plannedOn: daysAgo(7),
  executedOn: daysAgo(6),
  observedOn: daysAgo(4),
};
const REFERENCE = new RegExp(`^ZWB-${daysAgo(0).slice(0, 4)}-\\d{5}$`);

/** The texts of the main navigation, in order. */
async function navigationItems(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).map((s) =>
    s.trim(),
  );
}

async function statusText(page: Page): Promise<string> {
  return ((await page.locator('.baken-case-status .baken-status').textContent()) ?? '').trim();
}

describe('a care coordinator in the browser', () => {
  const b = useBrowserTest();
  let page: Page;
  let caseUrl: string;

  beforeAll(async () => {
    page = await b().page();
  });

  it('signs in with a demo user and gets the screens of the role, without any token in browser storage', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await screenshot(page, 'inloggen');

    await signIn(page, COORDINATOR);

    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    expect(await navigationItems(page)).toEqual([
      'Werkvoorraad',
      'Casussen',
      'Zorgtafels',
      'Signaal registreren',
      'Stuurploeg',
      'Rapportages',
      'Programmamonitor',
    ]);
    expect(await page.evaluate('JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage)])')).toBe(
      '[[],[]]',
    );
  });

  it('keeps the session on a reload (the API keeps it in an httpOnly cookie)', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    // By the name the demo user goes by, not the login name.
    expect(await page.getByText('Ingelogd als Anouk de Vries (zorgcoördinator)').count()).toBe(1);
  });

  it('refuses an incomplete signal with an error summary that links to each field', async () => {
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Signaal registreren' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Signaal registreren' }).waitFor();
    await page.getByRole('button', { name: 'Signaal registreren' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
    await summary.waitFor();
    expect(await page.evaluate(`document.activeElement.getAttribute('aria-labelledby')`)).toBe(
      'signaal-error-summary-heading',
    );
    const links = (await summary.getByRole('link').allTextContents()).map((s) => s.trim());
    expect(links).toEqual(
      expect.arrayContaining([
        'Gemeente: Kies de gemeente.',
        'Bron: Kies de bron van het signaal.',
        expect.stringMatching(/^Uitbuitingsvorm: Kies minstens één/),
        'Samenvatting: Vul een samenvatting in.',
      ]),
    );
    await summary.getByRole('link', { name: /^Samenvatting/ }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('signaal-summary');
    expect(await page.getByLabel('Samenvatting').getAttribute('aria-invalid')).toBe('true');
  });

  it('counts the characters of a text against its limit, and refuses a pasted text that is too long instead of cutting it', async () => {
    await page.getByLabel('Gemeente').selectOption({ label: 'Breda' });
    await page.getByLabel('Bron').selectOption({ label: 'Politie' });
    await page.getByLabel('Arbeidsuitbuiting').check();
    const summary = page.getByLabel('Samenvatting');
    const counter = page.locator('#signaal-summary-count');
    expect(await counter.textContent()).toBe('0 / 4.000 tekens');
    expect(await summary.getAttribute('maxlength')).toBeNull();

    await summary.focus();
    await page.keyboard.insertText('x'.repeat(10_000));
    expect((await summary.inputValue()).length).toBe(10_000);
    await counter.filter({ hasText: '10.000 / 4.000 tekens' }).waitFor();
    expect(await counter.getAttribute('class')).toContain('baken-counter--over');
    const message = 'Deze tekst is 10.000 tekens; er passen er 4.000 in. Kort de tekst in.';
    expect(await page.locator('#signaal-summary-error').textContent()).toBe(message);
    expect(await summary.getAttribute('aria-invalid')).toBe('true');
    expect(await summary.getAttribute('aria-describedby')).toContain('signaal-summary-count');

    // Not sent: the summary of errors names it, and no case was made.
    await page.getByRole('button', { name: 'Signaal registreren' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `Samenvatting: ${message}` })
      .waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Signaal registreren');

    // Shortened to the limit it says so, and the error is gone.
    await summary.fill('x'.repeat(4000));
    await counter.filter({ hasText: '4.000 / 4.000 tekens – U heeft het maximum van 4.000 tekens bereikt.' }).waitFor();
    expect(await page.locator('#signaal-summary-error').count()).toBe(0);
    await summary.fill('Arbeidsmigranten slapen in een loods bij een autowasstraat.');
  });

  it('registers a signal with a person and opens the new case', async () => {
    await page.getByLabel('Organisatie van de melder').fill('Politie Zeeland-West-Brabant');
    await page.getByLabel('Datum ontvangst').fill(DATES.receivedOn);
    await page.getByLabel('Arbeidsmigrant').check();
    await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
    const person = page.getByRole('group', { name: 'Persoon 1' });
    await person.getByLabel('Rol').selectOption({ label: 'Slachtoffer' });
    await person.getByLabel('Naam').fill('Ana Popescu');
    await person.getByLabel('Nationaliteit').fill('Roemeens');
    await screenshot(page, 'signaal-registreren');
    await page.getByRole('button', { name: 'Signaal registreren' }).click();

    await page.getByRole('heading', { level: 1, name: REFERENCE }).waitFor();
    caseUrl = page.url();
    expect(await statusText(page)).toBe('Signaal ontvangen');
    await page.getByRole('status').filter({ hasText: 'Het signaal is geregistreerd.' }).waitFor();
    const persons = page.getByRole('region', { name: 'Personen' });
    expect(await persons.getByRole('cell', { name: 'Ana Popescu' }).count()).toBe(1);
    expect(await persons.getByRole('cell', { name: 'Slachtoffer' }).count()).toBe(1);
  });

  it('puts the triage of the new signal in the work queue, overdue in words as well as colour', async () => {
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())!;
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkvoorraad' }).click();
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    await projectionsCaughtUp(b().t, COORDINATOR);
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect([cells[0], cells[1], cells[3]]).toEqual([reference, 'Triage', 'Te laat']);
    expect(cells[2]).toMatch(/^\d{1,2} [a-z]+ \d{4}$/);
    const badge = row.getByText('Te laat');
    expect(await badge.evaluate((el: any) => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe(
      'rgb(176, 0, 32)',
    );
    await screenshot(page, 'werkvoorraad');
    await row.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  });

  it('assigns and triages the signal, which then sits at the care table', async () => {
    await takeNextStep(
      page,
      'Toewijzen',
      async (form) => {
        // Chosen from the district's coordinators, by name; the signed-in coordinator is proposed.
        const select = form.getByRole('combobox', { name: 'Zorgcoördinator' });
        await select.locator('option', { hasText: 'Anouk de Vries' }).waitFor({ state: 'attached' });
        expect(await select.locator('option').allTextContents()).toEqual(['Maak een keuze', 'Anouk de Vries']);
        expect(await select.inputValue()).toBe(COORDINATOR);
      },
      'De zorgcoördinator is toegewezen.',
    );
    expect(await statusText(page)).toBe('In triage');

    await takeNextStep(
      page,
      'Triage vastleggen',
      async (form) => {
        await form.getByLabel('Datum besluit').fill(DATES.decidedOn);
        await form.getByLabel('Hoog').check();
        await form.getByRole('combobox', { name: 'Besluit', exact: true }).selectOption({ label: 'Naar de Zorgtafel' });
        await form.getByLabel('Onderbouwing').fill('Meerdere signalen van arbeidsuitbuiting.');
      },
      'De triage is vastgelegd.',
    );
    expect(await statusText(page)).toBe('Zorgtafel');
  });

  it('records a care table, plans an intervention, and records its execution and effect', async () => {
    await takeNextStep(
      page,
      'Zorgtafel vastleggen',
      async (form) => {
        await form.getByLabel('Datum zorgtafel').fill(DATES.heldOn);
        await form.getByLabel('Politie (AVIM)').check();
        await form.getByLabel('Nederlandse Arbeidsinspectie').check();
        await form.getByLabel('Conclusies').fill('Samen het pand inspecteren.');
        await form.getByLabel('Ja', { exact: true }).check();
      },
      'De zorgtafel is vastgelegd.',
    );

    await takeNextStep(
      page,
      'Interventie plannen',
      async (form) => {
        await form.getByLabel('Soort interventie').selectOption({ label: 'Arbeidsinspectie/controle' });
        await form.getByLabel('Trekker').selectOption({ label: 'Nederlandse Arbeidsinspectie' });
        await form.getByLabel('Datum planning').fill(DATES.plannedOn);
        await form.getByLabel('Opdracht').fill('Onaangekondigde inspectie.');
      },
      'De interventie is gepland.',
    );

    await takeNextStep(
      page,
      'Uitvoering vastleggen',
      async (form) => {
        await form.getByLabel('Datum uitvoering').fill(DATES.executedOn);
      },
      'De uitvoering van de interventie is vastgelegd.',
    );

    await takeNextStep(
      page,
      'Effect vastleggen',
      async (form) => {
        await form.getByLabel('Datum waarneming').fill(DATES.observedOn);
        await form.getByRole('combobox', { name: 'Effect', exact: true }).selectOption({ label: 'Uitbuiting gestopt' });
      },
      'Het effect is vastgelegd.',
    );

    const interventions = page.getByRole('table').filter({ hasText: 'Trekker' });
    expect(
      await interventions.getByRole('cell', { name: `Uitbuiting gestopt (${formatDate(DATES.observedOn)})` }).count(),
    ).toBe(1);
    const timeline = page.getByRole('region', { name: 'Tijdlijn' });
    await timeline.getByText('Effect vastgelegd').waitFor();
    expect(await timeline.locator('.baken-timeline__title').allTextContents()).toEqual([
      'Effect vastgelegd',
      'Uitvoering vastgelegd',
      'Interventie gepland',
      'Zorgtafel vastgelegd',
      'Triage vastgelegd',
      'Zorgcoördinator toegewezen',
      'Signaal geregistreerd',
    ]);
    expect(await timeline.getByRole('listitem').first().textContent()).toBe(
      `Effect vastgelegd – ${formatInstant(NOW.toISOString())}, door Anouk de Vries (zorgcoördinator)Uitbuiting gestopt, waargenomen op ${formatDate(DATES.observedOn)}.`,
    );
    await screenshot(page, 'casus');
  });

  it('shows a rule the API enforces at the field it concerns', async () => {
    await page
      .getByRole('region', { name: 'Volgende stappen' })
      .getByRole('button', { name: 'Effect vastleggen', exact: true, expanded: false })
      .click();
    const form = page.getByRole('region', { name: 'Effect vastleggen', exact: true });
    await form.getByLabel('Datum waarneming').fill(DATES.plannedOn);
    await form.getByRole('combobox', { name: 'Effect', exact: true }).selectOption({ label: 'Slachtoffer veilig' });
    await form.getByRole('button', { name: 'Effect vastleggen' }).click();
    await page
      .locator('#actie-RecordInterventionEffect-observedOn-error')
      .filter({ hasText: 'De datum ligt vóór de uitvoering van de interventie.' })
      .waitFor();
    expect(await form.getByLabel('Datum waarneming').getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Annuleren' }).click();
  });

  it('sends If-Match with every command: when the case changed meanwhile, it says so and reloads it', async () => {
    await page.goto(caseUrl);
    await page.getByRole('heading', { level: 1, name: /^ZWB-/ }).waitFor();
    const versionBefore = await page.locator('.baken-case-status .baken-muted').textContent();
    await page
      .getByRole('region', { name: 'Volgende stappen' })
      .getByRole('button', { name: 'Zorgtafel vastleggen', exact: true, expanded: false })
      .click();
    const form = page.getByRole('region', { name: 'Zorgtafel vastleggen', exact: true });
    await form.getByLabel('Datum zorgtafel').fill(daysAgo(1));
    await form.getByLabel('RIEC').check();
    await form.getByLabel('Conclusies').fill('Evaluatie.');

    const caseId = caseUrl.split('/').pop()!;
    const other = await b().t.as(COORDINATOR);
    ok(
      await other.post(`/api/cases/${caseId}/care-table-meetings`, {
        heldOn: daysAgo(2),
        participants: ['riec'],
        conclusions: 'Tussendoor.',
      }),
      200,
      'meeting by someone else',
    );

    await form.getByRole('button', { name: 'Zorgtafel vastleggen' }).click();
    await page.getByRole('status').filter({ hasText: 'De casus is intussen door iemand anders gewijzigd.' }).waitFor();
    await page
      .locator('.baken-case-status .baken-muted')
      .filter({ hasNotText: versionBefore ?? '' })
      .waitFor();
    const history = ok(await other.get(`/api/cases/${caseId}/history`), 200, 'history');
    expect(history.body.events.filter((e: { type: string }) => e.type === 'CareTableMeetingRecorded')).toHaveLength(2);
  });

  it('lists the case with filters and paging in the URL', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Casussen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor();
    await page.getByText('1 casus gevonden').waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Afgesloten' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('0 casussen gevonden').waitFor();
    expect(page.url()).toMatch(/\/casussen\?status=closed$/);
    await page.getByLabel('Status').selectOption({ label: 'Zorgtafel' });
    await page.getByLabel('Uitbuitingsvorm').selectOption({ label: 'Arbeidsuitbuiting' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('1 casus gevonden').waitFor();
    const row = page.getByRole('row').filter({ hasText: /ZWB-\d{4}-/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      expect.stringMatching(REFERENCE),
      'Zorgtafel',
      'Breda (De Baronie)',
      'Arbeidsuitbuiting',
      'Hoog',
      formatDate(DATES.receivedOn),
      '–',
    ]);
    await screenshot(page, 'casussen');
  });
  it('drafts a proposal with measures and their lead organisations, revises it, and submits it to the stuurploeg', async () => {
    await page.goto(caseUrl);
    await page.getByRole('heading', { level: 1, name: REFERENCE }).waitFor();
    await takeNextStep(
      page,
      'Voorstel opstellen',
      async (form) => {
        await form
          .getByRole('textbox', { name: 'Voorstel', exact: true })
          .fill('Opvang voor de werknemers en een bestuurlijke boete voor de eigenaar.');
        await form
          .getByLabel('Samenvatting voor de stuurploeg')
          .fill('Opvang van de werknemers en een bestuurlijke boete voor de autowasstraat.');
        // A measure without its organisation is refused in the browser, at the field.
        await form.getByLabel('Maatregel 1', { exact: true }).selectOption({ label: 'Plaatsing in de opvang' });
        await form.getByRole('button', { name: 'Voorstel opstellen' }).click();
        await form
          .getByRole('alert')
          .filter({ hasText: 'Kies bij elke maatregel de soort en de organisatie' })
          .waitFor();
        await form.getByLabel('Uitgevoerd door (maatregel 1)').selectOption({ label: 'Sterk Huis (opvang)' });
        await form.getByRole('button', { name: 'Maatregel toevoegen' }).click();
        await form.getByLabel('Maatregel 2', { exact: true }).selectOption({ label: 'Bestuurlijke boete' });
        await form.getByLabel('Uitgevoerd door (maatregel 2)').selectOption({ label: 'Gemeente Oosterhout' });
        await screenshot(page, 'voorstel-opstellen');
      },
      'Het voorstel is opgesteld.',
    );
    // Breda is the case's municipality: the fine is the mayor of Breda's.
    await takeNextStep(
      page,
      'Voorstel aanpassen',
      async (form) => {
        expect(await form.getByLabel('Uitgevoerd door (maatregel 2)').inputValue()).toBe('municipality:oosterhout');
        await form.getByLabel('Uitgevoerd door (maatregel 2)').selectOption({ label: 'Gemeente Breda' });
      },
      'Het voorstel is aangepast.',
    );
    const proposals = page.getByRole('region', { name: 'Aanpak' });
    await proposals
      .getByText('Plaatsing in de opvang (Sterk Huis (opvang)) en bestuurlijke boete (Gemeente Breda)')
      .waitFor();
    await takeNextStep(
      page,
      'Voorstel indienen',
      async (form) => {
        expect(await form.textContent()).toContain(
          'Het voorstel: Opvang van de werknemers en een bestuurlijke boete voor de autowasstraat.',
        );
        await form.getByLabel('Datum indiening').fill(daysAgo(1));
      },
      'Het voorstel is ingediend bij de stuurploeg.',
    );
    await page.locator('.baken-case-status .baken-status').filter({ hasText: 'Wacht op stuurploeg' }).waitFor();
    expect(await page.getByRole('region', { name: 'Volgende stappen' }).getByRole('button').allTextContents()).toEqual([
      'Classificatie corrigeren',
      'Casus koppelen',
      'Interventie plannen',
      'Effect vastleggen',
      'Persoon toevoegen',
      'Toestemming vastleggen',
      'Persoon bekendmaken',
      'Persoonsgegevens wissen',
    ]);
  });

  it('sees the measures planned once the stuurploeg approved, closes the case, and reopens it', async () => {
    const caseId = caseUrl.split('/').pop()!;
    const detail = ok(await (await b().t.as(COORDINATOR)).get(`/api/cases/${caseId}`), 200, 'detail');
    const proposalId = detail.body.proposals.find((p: { status: string }) => p.status === 'submitted').proposalId;
    // The chair (RIEC) and the mayor of Breda, competent for the fine.
    for (const member of ['steering.de-baronie', 'steering.de-baronie.gemeente'])
      ok(
        await (
          await b().t.as(member)
        ).post(`/api/cases/${caseId}/proposals/${proposalId}/decision`, {
          decidedOn: daysAgo(0),
          decision: 'approved',
        }),
        200,
        `vote ${member}`,
      );
    await page.reload();
    await page.locator('.baken-case-status .baken-status').filter({ hasText: 'In uitvoering' }).waitFor();
    const interventions = page.getByRole('table').filter({ hasText: 'Trekker' });
    await interventions.getByRole('cell', { name: 'Gemeente Breda (uit voorstel)' }).waitFor();
    expect(await interventions.getByRole('cell', { name: 'Sterk Huis (opvang) (uit voorstel)' }).count()).toBe(1);

    await takeNextStep(
      page,
      'Casus sluiten',
      async (form) => {
        await form.getByLabel('Datum sluiting').fill(daysAgo(0));
        await form.getByRole('combobox', { name: 'Uitkomst' }).selectOption({ label: 'Uitbuiting gestopt' });
        await form.getByLabel('Onderbouwing').fill('De uitbuiting is gestopt; de werknemers zijn opgevangen.');
      },
      'De casus is gesloten.',
    );
    expect(await page.locator('.baken-case-status .baken-status').textContent()).toBe('Afgesloten');

    await takeNextStep(
      page,
      'Casus heropenen',
      async (form) => {
        await form.getByLabel('Datum heropening').fill(daysAgo(0));
        await form.getByLabel('Herhaald slachtofferschap').check();
      },
      'De casus is heropend en staat weer in triage.',
    );
    expect(await page.locator('.baken-case-status .baken-status').textContent()).toBe('In triage');
  });

  it("erases a person's personal data for good, after an explicit confirmation", async () => {
    await page
      .getByRole('region', { name: 'Volgende stappen' })
      .getByRole('button', { name: 'Persoonsgegevens wissen', expanded: false })
      .click();
    const form = page.getByRole('region', { name: 'Persoonsgegevens wissen', exact: true });
    expect(await form.getByRole('combobox', { name: 'Persoon' }).locator('option:checked').textContent()).toMatch(
      /^Ana Popescu \(S-[A-Z0-9]{4}, slachtoffer\)$/,
    );
    await form.getByRole('button', { name: 'Persoonsgegevens wissen' }).click();
    await form.locator('#actie-EraseSubjectPersonalData-confirm-error').waitFor();
    await form.getByLabel('Ik begrijp dat dit niet ongedaan kan worden').check();
    await form.getByRole('button', { name: 'Persoonsgegevens wissen' }).click();
    await page.getByRole('status').filter({ hasText: 'De persoonsgegevens zijn gewist.' }).waitFor();
    const persons = page.getByRole('region', { name: 'Personen' });
    expect(await persons.getByRole('cell', { name: 'Gegevens gewist' }).count()).toBe(1);
    expect(await page.getByText('Ana Popescu').count()).toBe(0);
    expect(
      await page
        .getByRole('region', { name: 'Volgende stappen' })
        .getByRole('button', { name: 'Persoonsgegevens wissen' })
        .count(),
    ).toBe(0);
  });
});
