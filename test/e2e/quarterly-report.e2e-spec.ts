import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { driveCase, ok } from './support/cases';
import { expectProblem } from './support/problems';
import { useTestApp, TODAY, type ApiClient } from './support/test-app';

const DISTRICT_NAMES = ['De Baronie', 'De Markiezaten', 'Hart van Brabant', 'Zeeland'];
const TARGET_TITLES = [
  'Voorstellen aan de stuurploeg bij seksuele of criminele uitbuiting',
  'Uitgevoerde arbeidsinspecties bij arbeidsuitbuiting',
];

function withPdf<T>(bytes: Buffer, run: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'baken-quarterly-report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    return run(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF (poppler's pdftotext), its whitespace folded so that a wrapped line reads as one. */
const pdfText = (bytes: Buffer) =>
  withPdf(bytes, (_dir, file) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');

/** Every page rendered by poppler's pdftoppm at 50 dpi. */
const pagesAsPng = (bytes: Buffer) =>
  withPdf(bytes, (dir, file) => {
    execFileSync('pdftoppm', ['-png', '-r', '50', file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => PNG.sync.read(readFileSync(join(dir, f))));
  });

/** Pixels that are not (nearly) white. */
function inked(png: PNG): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i] < 200 || png.data[i + 1] < 200 || png.data[i + 2] < 200) n++;
  return n;
}

/** Waits until the reporting projection has caught up with the log. */
async function reportsCaughtUp(client: ApiClient): Promise<void> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const res = ok(await client.get('/api/projections'), 200, 'projections');
    const entry = (res.body as { name: string; lag: number }[]).find((p) => p.name === 'reporting-facts');
    if (entry?.lag === 0) return;
    if (Date.now() > deadline) throw new Error(`reporting-facts did not catch up: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Cases driven through the HTTP API in March 2026 (the clock stands on 16 March): a labour case in de-baronie with a
 * labour inspection and its effect, and a closed case in zeeland; an action of the programme recorded red.
 */
describe('the quarterly governance report as a PDF', () => {
  const app = useTestApp();
  let analyst: ApiClient;
  let region: { status: number; headers: Record<string, string>; bytes: Buffer };

  beforeAll(async () => {
    analyst = await app().as('analyst');
    await driveCase(app(), 'effect_recorded', { signal: { forms: ['labour'] } });
    await driveCase(app(), 'closed', {
      coordinator: 'coordinator.zeeland',
      signal: { district: 'zeeland', municipality: 'goes', forms: ['labour'] },
    });
    ok(
      await (
        await app().as('programme.lead')
      ).post('/api/programme/actions/A1.2/updates', { on: TODAY, status: 'red', note: 'Geen locatie' }),
      201,
      'programme update',
    );
    await reportsCaughtUp(analyst);
    region = await analyst.download('/api/reports/quarterly-report?year=2026&quarter=1');
  }, 120_000);

  it('answers the region as a PDF download named after the quarter', () => {
    expect(region.status).toBe(200);
    expect(region.headers['content-type']).toMatch(/^application\/pdf/);
    expect(region.headers['content-disposition']).toBe('attachment; filename="kwartaalrapportage-2026-K1.pdf"');
    expect(region.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('holds the title, the districts by name, the date it stands on, the targets and page numbers', () => {
    const text = pdfText(region.bytes);
    expect(text).toContain('Kwartaalrapportage mensenhandel Zeeland-West-Brabant — 2026 K1');
    for (const name of DISTRICT_NAMES) expect(text).toContain(name);
    expect(text).toContain('stand op 16 maart 2026');
    for (const title of TARGET_TITLES) expect(text).toContain(title);
    expect(text).toMatch(/Groen: norm gehaald|Oranje: op schema|Rood: achter op de norm|Nog niet begonnen/);
    expect(text).toContain('Doorstroom van casussen en doorlooptijden');
    expect(text).toContain('Staafdiagram van de doorlooptijden per stap');
    expect(text).toContain('Effecten van interventies');
    expect(text).toContain('Programmamonitor');
    expect(text).toContain('A1.2');
    expect(text).toMatch(/Pagina 1 van (\d+)/);
    const pages = Number(/Pagina 1 van (\d+)/.exec(text)![1]);
    expect(text).toContain(`Pagina ${pages} van ${pages}`);
  });

  it('draws every page, the charts among them: no page is blank', () => {
    const pages = pagesAsPng(region.bytes);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(inked(page)).toBeGreaterThan(500);
    // The pages with charts carry far more ink than text alone leaves.
    expect(Math.max(...pages.map(inked))).toBeGreaterThan(5_000);
  });

  it("answers a district's report for a coordinator of that district, named after it", async () => {
    const coordinator = await app().as('coordinator.de-baronie');
    const res = await coordinator.download('/api/reports/quarterly-report?year=2026&quarter=1&district=de-baronie');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="kwartaalrapportage-2026-K1-de-baronie.pdf"');
    const text = pdfText(res.bytes);
    expect(text).toContain('District De Baronie');
    expect(text).not.toContain('Hart van Brabant');
  });

  it('answers the programme lead too, over the region', async () => {
    const lead = await app().as('programme.lead');
    const res = await lead.download('/api/reports/quarterly-report?year=2026&quarter=1&format=pdf');
    expect(res.status).toBe(200);
    expect(pdfText(res.bytes)).toContain('Regio Zeeland-West-Brabant');
  });

  it('answers a quarter long past or still to come with a PDF too, its figures nil', async () => {
    for (const [year, quarter] of [
      [2000, 1],
      [2100, 4],
    ]) {
      const res = await analyst.download(`/api/reports/quarterly-report?year=${year}&quarter=${quarter}`);
      expect({ year, status: res.status }).toEqual({ year, status: 200 });
      expect(pdfText(res.bytes)).toContain(`Zeeland-West-Brabant — ${year} K${quarter}`);
    }
  });

  it("answers 404 for another district's report to a coordinator, as every report does", async () => {
    const coordinator = await app().as('coordinator.de-baronie');
    expectProblem(await coordinator.get('/api/reports/quarterly-report?year=2026&quarter=1&district=zeeland'), 404);
  });

  it('refuses a role that may not read reports (403)', async () => {
    const liaison = await app().as('liaison.breda');
    expectProblem(await liaison.get('/api/reports/quarterly-report?year=2026&quarter=1'), 403);
  });

  it('answers 400 for a quarter that does not exist, a missing year or an unknown district', async () => {
    expectProblem(await analyst.get('/api/reports/quarterly-report?year=2026&quarter=5'), 400, 'quarter');
    expectProblem(await analyst.get('/api/reports/quarterly-report?quarter=1'), 400, 'year');
    expectProblem(
      await analyst.get('/api/reports/quarterly-report?year=2026&quarter=1&district=atlantis'),
      400,
      'district',
    );
    expectProblem(await analyst.get('/api/reports/quarterly-report?year=2026&quarter=1&format=xlsx'), 400, 'format');
  });
});
