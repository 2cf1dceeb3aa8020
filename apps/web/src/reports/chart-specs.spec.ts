import {
  AXIS_LABEL_LIMIT,
  effectBars,
  effectsSpec,
  effectsText,
  targetCourseSpec,
  targetCourseText,
} from './chart-specs';

describe('the report charts', () => {
  const points = [
    { quarter: '2026 K1', district: 'De Baronie', actual: 1, target: 4 },
    { quarter: '2026 K1', district: 'Zeeland', actual: 0, target: 4 },
    { quarter: '2026 K2', district: 'De Baronie', actual: 5, target: 4 },
    { quarter: '2026 K2', district: 'Zeeland', actual: 2, target: 4 },
  ];

  it('describes the course of a target in words: the quarters, the norm and the latest figures', () => {
    expect(targetCourseText('Uitgevoerde arbeidsinspecties', points)).toBe(
      'Lijngrafiek van uitgevoerde arbeidsinspecties per district over 2 kwartalen (2026 K1 tot en met 2026 K2), met de norm van 4 als stippellijn. In 2026 K2: De Baronie 5, Zeeland 2.',
    );
    expect(targetCourseText('Iets', [])).toBe('Iets: geen gegevens.');
  });

  it('draws the course as lines per district with the norm as a rule, quarters in order', () => {
    const spec = targetCourseSpec('Inspecties', points) as {
      description: string;
      layer: { mark: { type: string }; encoding: Record<string, { sort?: string[] }> }[];
    };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['line', 'rule']);
    expect(spec.layer[0].encoding.x.sort).toEqual(['2026 K1', '2026 K2']);
    expect(spec.description).toMatch(/^Lijngrafiek/);
  });

  it('splits executed interventions by their latest effect, and counts those without one', () => {
    const bars = effectBars(
      [
        {
          interventionType: 'labour_inspection',
          executed: 3,
          withEffect: 2,
          effects: { exploitation_stopped: 1, no_effect: 1, victim_safe: 0 },
        },
      ],
      (t) => (t === 'labour_inspection' ? 'Arbeidsinspectie' : t),
      (e) => e.toUpperCase(),
      'Nog geen effect',
    );
    expect(bars).toEqual([
      { interventionType: 'Arbeidsinspectie', effect: 'EXPLOITATION_STOPPED', count: 1 },
      { interventionType: 'Arbeidsinspectie', effect: 'NO_EFFECT', count: 1 },
      { interventionType: 'Arbeidsinspectie', effect: 'Nog geen effect', count: 1 },
    ]);
    expect(effectsText(bars)).toBe(
      'Staafdiagram van de uitgevoerde interventies per soort, verdeeld naar hun laatste effect: Arbeidsinspectie 3.',
    );
    expect(effectsText([])).toMatch(/geen interventies uitgevoerd/);
    expect((effectsSpec(bars, ['EXPLOITATION_STOPPED']) as { data: { values: unknown[] } }).data.values).toHaveLength(
      3,
    );
  });

  it('takes the width of its container, with the legend below and labels shortened, so a phone still shows the bars', () => {
    const bars = [{ interventionType: 'Intrekking van een vergunning', effect: 'Uitbuiting gestopt', count: 2 }];
    for (const spec of [effectsSpec(bars, ['Uitbuiting gestopt']), targetCourseSpec('Inspecties', points)]) {
      const { width, autosize, config } = spec as {
        width: unknown;
        autosize: { type: string; contains: string };
        config: { legend: { orient: string; direction: string }; axis: { labelLimit: number } };
      };
      expect(width).toBe('container');
      expect(autosize).toMatchObject({ type: 'fit-x', contains: 'padding' });
      expect(config.legend).toMatchObject({ orient: 'bottom', direction: 'vertical' });
      expect(config.axis.labelLimit).toBe(AXIS_LABEL_LIMIT);
    }
  });
});
