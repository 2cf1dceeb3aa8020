import { ok } from './support/cases';
import { useTestApp } from './support/test-app';

/** A CSV download never hands a spreadsheet program a formula: text typed by a user reaches it as text. */
describe('CSV downloads and formulas', () => {
  const app = useTestApp();

  it("starts a target's title that begins with = with a single quote in the quarterly report's CSV", async () => {
    const admin = await app().as('admin');
    ok(
      await admin.post('/api/admin/targets', {
        id: 'formula-title',
        title: '=HYPERLINK("https://evil.example","Klik")',
        event: 'signal_received',
        minimum: 3,
      }),
      201,
      'create target',
    );
    const csv = await (
      await app().as('analyst')
    ).get('/api/reports/quarterly-targets?year=2026&quarter=1&district=de-baronie&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const line = csv.text.split('\r\n').find((l) => l.includes('HYPERLINK'));
    expect(line).toMatch(/^2026;K1;De Baronie;"'=HYPERLINK\(""https:\/\/evil\.example"",""Klik""\)";Per kwartaal;0;3;/);
  });
});
