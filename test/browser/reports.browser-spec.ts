import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { formatDate, quarterOf, quarterPeriod } from '../../apps/web/src/dates';
import { ok } from '../e2e/support/cases';
import type { TestApp } from '../e2e/support/test-app';
import { cspViolations, daysAgo, NOW, screenshot, seriousViolations, signIn, useBrowserTest } from './support/browser';
import { projectionsCaughtUp } from './support/cases';

/** The peildatum of these tests, and the quarter it falls in. */
const P = daysAgo(5);
const { year, quarter } = quarterOf(P);
/** The business date of every step of the cases: two weeks ago, or the first day of the quarter when that is later. */
const start = quarterPeriod(year, quarter).from;
const ON = daysAgo(14) > start ? daysAgo(14) : start;
const TITLE = 'Voorstellen aan de stuurploeg bij seksuele of criminele uitbuiting';

/** A criminal case taken to the stuurploeg, every step dated ON, recorded at the app's clock. */
async function toSteeringGroup(t: TestApp, district: string, municipality: string, vulnerabilities: string[]) {
  const coordinator = await t.as(`coordinator.${district}`);
  const caseId: string = ok(
    await coordinator.post('/api/signals', {
      district,
      municipality,
      receivedOn: ON,
      source: { type: 'police' },
      forms: ['criminal'],
      vulnerabilities,
      summary: 'Jongeren die voor een netwerk drugs vervoeren.',
    }),
    201,
    'register',
  ).body.caseId;
  const step = async (path: string, body: unknown, status = 200) =>
    ok(await coordinator.post(`/api/cases/${caseId}${path}`, body), status, path).body;
  await step('/assign', { coordinator: `coordinator.${district}` });
  await step('/triage', { decidedOn: ON, urgency: 'high', decision: 'refer_to_care_table', rationale: 'Zorgtafel.' });
  await step('/care-table-meetings', { heldOn: ON, participants: ['police_avim'], conclusions: 'Naar de stuurploeg.' });
  const { proposalId } = await step(
    '/proposals',
    {
      summary: 'Stopgesprek.',
      steeringSummary: 'Stopgesprek met de ronselaar.',
      measures: [{ type: 'stop_talk', leadOrganisation: 'police_avim' }],
    },
    201,
  );
  await step(`/proposals/${proposalId}/submit`, { submittedOn: ON });
}

/** The figure of the proposals target per district, as the targets table shows it ("1 van 1"). */
async function proposalsPerDistrict(page: Page): Promise<Record<string, string>> {
  const table = page.getByRole('table').filter({ hasText: 'District' }).first();
  await table.waitFor();
  const column = (await table.locator('thead th').allTextContents()).indexOf(TITLE);
  const rows = await table.locator('tbody tr').all();
  const figures: Record<string, string> = {};
  for (const row of rows) {
    const district = (await row.locator('th').textContent())!.trim();
    figures[district] = (await row
      .locator('td')
      .nth(column - 1)
      .locator('.baken-target-figure')
      .textContent())!;
  }
  return figures;
}

async function submittedInFlow(page: Page): Promise<string> {
  const flow = page.getByRole('region', { name: 'Doorstroom van casussen' });
  const value = flow.locator('.baken-data-list div').filter({ hasText: 'Voorstellen' }).locator('dd');
  await value.waitFor();
  return (await value.textContent())!;
}

/**
 * Two criminal cases whose proposals were submitted before the peildatum: one in De Markiezaten recorded on the
 * peildatum, one in Hart van Brabant recorded only today. With the peildatum set, every section counts the first alone.
 */
describe('the reports page in the browser', () => {
  const b = useBrowserTest();

  beforeAll(async () => {
    const t = b().t;
    t.clock.set(new Date(`${P}T11:00:00Z`));
    await toSteeringGroup(t, 'de-markiezaten', 'roosendaal', ['minor']);
    t.clock.set(NOW);
    await toSteeringGroup(t, 'hart-van-brabant', 'tilburg', []);
    await projectionsCaughtUp(t);
  }, 90_000);

  it('shows consistent numbers with a peildatum: the targets and the flow count the same proposals, as stated on the page', async () => {
    const page = await b().page();
    await signIn(page, 'analyst');
    await page.goto(`/rapportages?jaar=${year}&kwartaal=${quarter}&peildatum=${P}`);
    await page
      .getByText(`Cijfers zoals bekend op ${formatDate(P)}. Alle onderdelen tellen wat er tot en met ${formatDate(P)}`)
      .waitFor();
    const targets = await proposalsPerDistrict(page);
    expect(targets).toMatchObject({ 'De Markiezaten': '1 van 1', 'Hart van Brabant': '0 van 1' });
    expect(await submittedInFlow(page)).toMatch(/^1 ingediend/);

    await page.goto(`/rapportages?jaar=${year}&kwartaal=${quarter}`);
    await page.getByText(/^Cijfers zoals bekend op .* om \d\d:\d\d\. Alle onderdelen tellen/).waitFor();
    await page.getByRole('table').filter({ hasText: 'District' }).first().getByText('1 van 1').nth(1).waitFor();
    expect(await proposalsPerDistrict(page)).toMatchObject({
      'De Markiezaten': '1 van 1',
      'Hart van Brabant': '1 van 1',
    });
    expect(await submittedInFlow(page)).toMatch(/^2 ingediend/);
    expect(cspViolations(page)).toEqual([]);
  });

  it('breaks the flow down by the chosen group, with the chart following it, and downloads the breakdown for Dutch Excel', async () => {
    const page = await b().page();
    await signIn(page, 'analyst');
    await page.goto(`/rapportages?jaar=${year}&kwartaal=${quarter}`);
    await page.getByLabel('Uitsplitsen naar').selectOption({ label: 'Kwetsbaarheid' });
    await page.getByRole('button', { name: 'Rapportage tonen' }).click();
    await page.waitForURL(/uitsplitsing=vulnerability/);
    const flow = page.getByRole('region', { name: 'Doorstroom van casussen' });
    const table = flow.getByRole('table', { name: /^Doorstroom per kwetsbaarheid:/ });
    await table.waitFor();
    expect(await table.locator('tbody th').allTextContents()).toEqual([
      'Minderjarig',
      'Geen kwetsbaarheid vastgelegd',
      'Totaal',
    ]);
    const chart = flow.locator('.baken-chart').filter({ hasText: 'Doorstroom per kwetsbaarheid' });
    await chart.locator('svg .mark-rect path').first().waitFor({ state: 'attached' });
    expect(await chart.locator('figcaption').textContent()).toMatch(
      /Staafdiagram van de doorstroom per kwetsbaarheid: .* Signalen ontvangen: Minderjarig 1, Geen kwetsbaarheid vastgelegd 1\./,
    );
    await flow.getByText('Een casus met meer dan één kwetsbaarheid telt in elk van die groepen mee').waitFor();

    // The chart follows the breakdown: by district the bars are the districts.
    await page.getByLabel('Uitsplitsen naar').selectOption({ label: 'District' });
    await page.getByRole('button', { name: 'Rapportage tonen' }).click();
    const byDistrict = flow.locator('.baken-chart').filter({ hasText: 'Doorstroom per district' });
    await byDistrict.locator('figcaption').filter({ hasText: 'De Markiezaten 1' }).waitFor();
    await flow.getByText('Elke telling valt in één groep: de groepen tellen op tot het totaal.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'rapportages-uitsplitsing');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      flow.getByRole('button', { name: 'Doorstroom downloaden als CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/-per-district\.csv$/);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(lines[0]).toBe('Onderdeel;Kengetal;Totaal;De Baronie;De Markiezaten;Hart van Brabant;Zeeland');
    expect(lines).toContain('Instroom;Signalen ontvangen;2;0;1;1;0');
    expect(cspViolations(page)).toEqual([]);
  });

  it('reports a whole year: the targets against a norm for every quarter, the effects and flow over the year', async () => {
    const page = await b().page();
    await signIn(page, 'analyst');
    await page.goto(`/rapportages?jaar=${year}&kwartaal=${quarter}`);
    await page.getByLabel('Periode').selectOption({ label: 'Heel jaar' });
    await page.getByRole('button', { name: 'Rapportage tonen' }).click();
    await page.waitForURL(/periode=jaar/);
    await page.getByRole('heading', { name: 'Doelstellingen over het jaar' }).waitFor();
    await page.getByRole('table').filter({ hasText: 'District' }).first().getByText(`Het jaar ${year}`).waitFor();
    expect((await proposalsPerDistrict(page))['De Markiezaten']).toBe('1 van 4');
    expect(await submittedInFlow(page)).toMatch(/^2 ingediend/);
  });
});
