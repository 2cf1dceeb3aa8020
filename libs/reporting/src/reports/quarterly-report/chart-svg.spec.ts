import { effectsSpec, targetCourseSpec } from '@baken/charts';
import { chartSvg, forPrint } from './chart-svg';

describe('a report chart drawn as SVG for the PDF', () => {
  const points = [
    { quarter: '2025 K3', district: 'De Baronie', actual: 2, target: 4 },
    { quarter: '2025 K4', district: 'De Baronie', actual: 5, target: 4 },
    { quarter: '2026 K1', district: 'De Baronie', actual: 3, target: 4 },
    { quarter: '2026 K1', district: 'Zeeland', actual: 1, target: 4 },
  ];

  it('draws the course of a target as a line per district, the norm and Dutch axis titles, in Helvetica', async () => {
    const svg = await chartSvg(targetCourseSpec('Bestuurlijke interventies', points), 400);
    expect(svg).toMatch(/^<svg[^>]* width="\d+"/);
    expect(svg).toContain('role-mark');
    expect(svg).toMatch(/class="mark-line role-mark/);
    expect(svg).toMatch(/class="mark-rule role-mark/);
    expect(svg).toContain('Kwartaal');
    expect(svg).toContain('Gerealiseerd');
    expect(svg).toContain('2025 K3');
    expect(svg).toContain('De Baronie');
    expect(svg).toContain('font-family="Helvetica"');
    expect(svg).not.toContain('system-ui');
  });

  it('draws the effects as bars with the series colours', async () => {
    const svg = await chartSvg(
      effectsSpec(
        [
          { interventionType: 'Arbeidsinspectie/controle', effect: 'Gestopt', count: 2 },
          { interventionType: 'Arbeidsinspectie/controle', effect: 'Nog geen effect', count: 1 },
        ],
        ['Gestopt', 'Nog geen effect'],
      ),
      400,
    );
    expect(svg).toMatch(/class="mark-rect role-mark/);
    expect(svg).toContain('fill="#0b4f8a"');
    expect(svg).toContain('Arbeidsinspectie/controle');
  });

  it('sets a fixed width instead of the container width of the screen', () => {
    const spec = forPrint(targetCourseSpec('Doel', points), 300);
    expect(spec.width).toBe(300);
    expect((spec.config as { font: string }).font).toBe('Helvetica');
  });
});
