import {
  AXIS_LABEL_LIMIT,
  effectBars,
  effectsSpec,
  effectsText,
  FLOW_CHART_FIGURES,
  flowBars,
  flowGroupsSpec,
  flowGroupsText,
  groupEffectBars,
  groupEffectsSpec,
  groupEffectsText,
  leadTimeBars,
  leadTimesSpec,
  leadTimesText,
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

describe('the charts of a breakdown', () => {
  const name = (g: string | null) => (g === null ? 'Geen kwetsbaarheid vastgelegd' : g === 'minor' ? 'Minderjarig' : g);

  it('splits the executed interventions of each group by their latest effect, and follows the breakdown in its words', () => {
    const bars = groupEffectBars(
      [
        {
          group: 'minor',
          rows: [
            { executed: 2, withEffect: 1, effects: { victim_safe: 1, no_effect: 0 } },
            { executed: 1, withEffect: 1, effects: { victim_safe: 1 } },
          ],
        },
        { group: null, rows: [{ executed: 1, withEffect: 0, effects: { victim_safe: 0 } }] },
      ],
      name,
      (e) => (e === 'victim_safe' ? 'Slachtoffer veilig' : e),
      'Nog geen effect',
    );
    expect(bars).toEqual([
      { group: 'Minderjarig', effect: 'Slachtoffer veilig', count: 2 },
      { group: 'Minderjarig', effect: 'Nog geen effect', count: 1 },
      { group: 'Geen kwetsbaarheid vastgelegd', effect: 'Nog geen effect', count: 1 },
    ]);
    expect(groupEffectsText(bars, 'Kwetsbaarheid')).toBe(
      'Staafdiagram van de uitgevoerde interventies per kwetsbaarheid, verdeeld naar hun laatste effect: Minderjarig 3, Geen kwetsbaarheid vastgelegd 1.',
    );
    const spec = groupEffectsSpec(bars, ['Slachtoffer veilig', 'Nog geen effect'], 'Kwetsbaarheid') as {
      encoding: { y: { field: string; title: string } };
      width: unknown;
    };
    expect(spec.encoding.y).toMatchObject({ field: 'group', title: 'Kwetsbaarheid' });
    expect(spec.width).toBe('container');
  });

  it('draws the main figures of the flow per group side by side', () => {
    const figures = (n: number) => ({
      signalsReceived: n,
      interventionsExecuted: 1,
      casesClosed: { total: 0 },
      openCases: { total: n - 1 },
    });
    const bars = flowBars(
      [
        { group: 'minor', ...figures(3) },
        { group: null, ...figures(2) },
      ],
      name,
    );
    expect(bars).toHaveLength(2 * FLOW_CHART_FIGURES.length);
    expect(bars.filter((b) => b.figure === 'Signalen ontvangen')).toEqual([
      { group: 'Minderjarig', figure: 'Signalen ontvangen', count: 3 },
      { group: 'Geen kwetsbaarheid vastgelegd', figure: 'Signalen ontvangen', count: 2 },
    ]);
    expect(flowGroupsText(bars, 'Kwetsbaarheid')).toBe(
      'Staafdiagram van de doorstroom per kwetsbaarheid: per groep signalen ontvangen, interventies uitgevoerd, casussen gesloten, open casussen aan het eind. Signalen ontvangen: Minderjarig 3, Geen kwetsbaarheid vastgelegd 2.',
    );
    const spec = flowGroupsSpec(bars, 'Kwetsbaarheid') as {
      encoding: { y: { field: string }; yOffset: { field: string }; color: { scale: { domain: string[] } } };
    };
    expect(spec.encoding.y.field).toBe('group');
    expect(spec.encoding.yOffset.field).toBe('figure');
    expect(spec.encoding.color.scale.domain).toEqual(FLOW_CHART_FIGURES.map(([f]) => f));
  });

  it('draws the lead times per step, the median beside the 90th percentile, and leaves steps without pairs out', () => {
    const bars = leadTimeBars([
      { step: 'Melding – triage', medianDays: 1, p90Days: 2.5 },
      { step: 'Triage – eerste Zorgtafel', medianDays: null, p90Days: null },
    ]);
    expect(bars).toEqual([
      { step: 'Melding – triage', measure: 'Mediaan', days: 1 },
      { step: 'Melding – triage', measure: '90e percentiel', days: 2.5 },
    ]);
    expect(leadTimesText(bars)).toBe(
      'Staafdiagram van de doorlooptijden per stap, de mediaan en het 90e percentiel. Melding – triage: mediaan 1 dag, 90e percentiel 2,5 dagen.',
    );
    expect(leadTimesText([])).toBe('Staafdiagram: in deze periode is geen stap afgerond.');
    const spec = leadTimesSpec(bars) as { encoding: { y: { field: string }; yOffset: { field: string } } };
    expect(spec.encoding.y.field).toBe('step');
    expect(spec.encoding.yOffset.field).toBe('measure');
  });
});
