import { targetCourseSpec } from '@baken/charts';
import { chartSvg } from './chart-svg';
import { CONTENT_WIDTH, printableSvg, toReportPdf } from './quarterly-report.pdf';

describe('the quarterly report PDF', () => {
  it('draws a course chart with a line per district (the first one solid) into the PDF', async () => {
    const points = ['De Baronie', 'Zeeland', 'De Markiezaten'].flatMap((district, i) =>
      ['2025 K4', '2026 K1'].map((quarter, j) => ({ quarter, district, actual: i + j, target: 2 })),
    );
    const svg = await chartSvg(targetCourseSpec('Doel', points), CONTENT_WIDTH);
    const pdf = await toReportPdf({
      title: 'Titel',
      subtitle: ['stand op 16 maart 2026'],
      blocks: [
        { kind: 'heading', text: 'Kop' },
        {
          kind: 'table',
          table: {
            columns: [
              { header: 'Doelstelling', width: 50 },
              { header: 'Status', width: 40 },
            ],
            rows: [['Doel', { status: 'orange', label: 'Oranje: op schema, norm nog niet gehaald' }]],
          },
        },
        { kind: 'chart', chart: { heading: 'Doel', text: 'Lijngrafiek.', svg } },
      ],
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2_000);
  });

  it('draws a dash of zero length solid, as pdfkit cannot', () => {
    expect(printableSvg('<path stroke-dasharray="1,0" d="M0,0"/><path stroke-dasharray="4,2"/>')).toBe(
      '<path d="M0,0"/><path stroke-dasharray="4,2"/>',
    );
  });
});
