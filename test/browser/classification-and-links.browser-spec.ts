import { COORDINATOR, ok } from '../e2e/support/cases';
import { cspViolations, seriousViolations, signIn, TABLET, useBrowserTest } from './support/browser';
import { driveCase, takeNextStep, type DrivenCase } from './support/cases';

/** Correcting a classification, linking cases and finding a case by a person's name, as a coordinator does it. */
describe('classification, links and search in the browser', () => {
  const b = useBrowserTest();
  let first: DrivenCase;
  let second: DrivenCase;

  beforeAll(async () => {
    const t = b().t;
    first = await driveCase(t, 'care_table_met');
    const coordinator = await t.as(COORDINATOR);
    const res = ok(
      await coordinator.post('/api/signals', {
        district: 'de-baronie',
        municipality: 'breda',
        receivedOn: '2026-01-05',
        source: { type: 'police' },
        forms: ['unknown'],
        summary: 'Signaal over een jongere in een drugspand.',
        subjects: [{ role: 'victim', name: 'Noa Verbeek-Şahin', birthDate: '2009-06-01' }],
      }),
      201,
      'register',
    );
    const detail = ok(await coordinator.get(`/api/cases/${res.body.caseId}`), 200, 'detail').body;
    second = { caseId: res.body.caseId, reference: detail.reference };
  });

  it('corrects the classification and links the case to another; both cases show the link', async () => {
    const page = await b().page(TABLET);
    await signIn(page, COORDINATOR);
    await page.goto(`/casussen/${second.caseId}`);
    await page.getByRole('heading', { level: 1, name: second.reference }).waitFor();
    await takeNextStep(
      page,
      'Classificatie corrigeren',
      async (form) => {
        await form.getByLabel('Criminele uitbuiting').check();
        await form.getByLabel('Onbekend').uncheck();
        await form.getByLabel('Minderjarig').check();
        await form.getByLabel('Sector').selectOption({ label: 'Drugscriminaliteit' });
        await form.getByLabel('Onderbouwing').fill('De Zorgtafel stelde criminele uitbuiting vast.');
      },
      'De classificatie is gecorrigeerd.',
    );
    const facts = page.getByRole('region', { name: 'Gegevens' });
    await facts.getByText('Drugscriminaliteit').waitFor();
    await facts.getByText('De Zorgtafel stelde criminele uitbuiting vast.').waitFor();

    await takeNextStep(
      page,
      'Casus koppelen',
      async (form) => {
        await form.getByLabel('Casusnummer').fill(first.reference);
        await form.getByLabel('Zelfde netwerk').check();
      },
      'De casussen zijn gekoppeld.',
    );
    await page.getByRole('link', { name: first.reference }).click();
    await page.getByRole('heading', { level: 1, name: first.reference }).waitFor();
    await page.getByRole('link', { name: second.reference }).waitFor();
    expect({ blocked: cspViolations(page) }).toEqual({ blocked: [] });
    await page.context().close();
  });

  it('finds the case by a person’s full name, accents or not', async () => {
    const page = await b().page();
    await signIn(page, COORDINATOR);
    await page.goto('/casussen');
    await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor();
    await page.getByLabel('Zoeken').fill('noa verbeek sahin');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByRole('link', { name: second.reference }).waitFor();
    expect(await page.getByRole('link', { name: first.reference }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
