/**
 * Vega-Lite specifications of the report charts, and the text alternative of each. Plain data in, plain objects
 * out, and no imports: the web UI draws them in a lazily loaded module (Vega is not part of the first page load), and
 * the API draws the same specifications into the quarterly report's PDF (ADR 63).
 */

export type VegaLiteSpec = Record<string, unknown>;

/** Colours with enough contrast against white (WCAG 1.4.11) and distinguishable with common colour blindness. */
export const SERIES_COLOURS = [
  '#0b4f8a',
  '#b35900',
  '#2e7d32',
  '#7b1fa2',
  '#c62828',
  '#00695c',
  '#4e342e',
  '#37474f',
  '#ad1457',
  '#283593',
  '#827717',
  '#000000',
];

/** The most an axis label takes, in pixels: an intervention type's name is shortened with an ellipsis beyond it. */
export const AXIS_LABEL_LIMIT = 120;

export interface TargetPoint {
  /** `2026 K1` */
  quarter: string;
  district: string;
  actual: number;
  target: number;
}

const FONT = 'system-ui, "Segoe UI", Roboto, Arial, sans-serif';
/**
 * The legend sits below the drawing, one entry a line, and long axis labels are shortened (the table beside each
 * chart has them in full): on a phone a legend or labels beside the drawing would leave it no width at all.
 */
const CONFIG = {
  font: FONT,
  axis: {
    labelFontSize: 13,
    titleFontSize: 13,
    labelColor: '#1a1a1a',
    titleColor: '#1a1a1a',
    gridColor: '#d0d0d0',
    labelLimit: AXIS_LABEL_LIMIT,
  },
  legend: {
    labelFontSize: 13,
    titleFontSize: 13,
    labelColor: '#1a1a1a',
    titleColor: '#1a1a1a',
    orient: 'bottom',
    direction: 'vertical',
    labelLimit: 260,
  },
  view: { stroke: null },
};

/** Charts take the width of their container (see `.baken-chart__canvas` for the least they are given). */
const RESPONSIVE = { width: 'container', autosize: { type: 'fit-x', contains: 'padding', resize: true } } as const;

/** The course of one target over the quarters: a line per district, and the norm as a dashed line. */
export function targetCourseSpec(title: string, points: readonly TargetPoint[]): VegaLiteSpec {
  const quarters = [...new Set(points.map((p) => p.quarter))];
  const norm = points[0]?.target ?? 0;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: targetCourseText(title, points),
    ...RESPONSIVE,
    height: 220,
    config: CONFIG,
    layer: [
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'line', point: { size: 60, filled: true }, strokeWidth: 3 },
        encoding: {
          x: { field: 'quarter', type: 'ordinal', title: 'Kwartaal', sort: quarters, axis: { labelAngle: 0 } },
          y: {
            field: 'actual',
            type: 'quantitative',
            title: 'Gerealiseerd',
            axis: { tickMinStep: 1 },
            scale: { domainMin: 0 },
          },
          color: { field: 'district', type: 'nominal', title: 'District', scale: { range: SERIES_COLOURS } },
          strokeDash: { field: 'district', type: 'nominal', title: 'District' },
        },
      },
      {
        data: { values: [{ norm }] },
        mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 2, color: '#1a1a1a' },
        encoding: { y: { field: 'norm', type: 'quantitative' } },
      },
    ],
  };
}

/** What the course chart shows, in words: the latest quarter per district against the norm. */
export function targetCourseText(title: string, points: readonly TargetPoint[]): string {
  if (points.length === 0) return `${title}: geen gegevens.`;
  const quarters = [...new Set(points.map((p) => p.quarter))];
  const last = quarters[quarters.length - 1];
  const latest = points
    .filter((p) => p.quarter === last)
    .map((p) => `${p.district} ${p.actual}`)
    .join(', ');
  return `Lijngrafiek van ${title.toLowerCase()} per district over ${quarters.length === 1 ? 'één kwartaal' : `${quarters.length} kwartalen`} (${quarters[0]} tot en met ${last}), met de norm van ${points[0].target} als stippellijn. In ${last}: ${latest}.`;
}

export interface EffectBar {
  interventionType: string;
  effect: string;
  count: number;
}

/** Interventions executed in the period by type, split by their latest effect (or none yet). */
export function effectsSpec(bars: readonly EffectBar[], effectOrder: readonly string[]): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: effectsText(bars),
    ...RESPONSIVE,
    height: { step: 28 },
    config: CONFIG,
    data: { values: bars.map((b) => ({ ...b })) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'interventionType', type: 'nominal', title: null, sort: '-x' },
      x: { field: 'count', type: 'quantitative', title: 'Aantal uitgevoerde interventies', axis: { tickMinStep: 1 } },
      color: {
        field: 'effect',
        type: 'nominal',
        title: 'Laatste effect',
        sort: effectOrder,
        scale: { domain: effectOrder, range: SERIES_COLOURS },
      },
      order: { field: 'effect', type: 'nominal' },
    },
  };
}

export function effectsText(bars: readonly EffectBar[]): string {
  if (bars.length === 0) return 'Staafdiagram: in deze periode zijn geen interventies uitgevoerd.';
  const byType = new Map<string, number>();
  for (const b of bars) byType.set(b.interventionType, (byType.get(b.interventionType) ?? 0) + b.count);
  const parts = [...byType.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type} ${n}`);
  return `Staafdiagram van de uitgevoerde interventies per soort, verdeeld naar hun laatste effect: ${parts.join(', ')}.`;
}

/** The bars of the effects chart from the report rows: one bar part per effect, and the interventions without one. */
export function effectBars(
  rows: readonly { interventionType: string; executed: number; withEffect: number; effects: Record<string, number> }[],
  typeName: (type: string) => string,
  effectName: (effect: string) => string,
  noEffectYet: string,
): EffectBar[] {
  const bars: EffectBar[] = [];
  for (const row of rows) {
    for (const [effect, count] of Object.entries(row.effects)) {
      if (count > 0) bars.push({ interventionType: typeName(row.interventionType), effect: effectName(effect), count });
    }
    const without = row.executed - row.withEffect;
    if (without > 0)
      bars.push({ interventionType: typeName(row.interventionType), effect: noEffectYet, count: without });
  }
  return bars;
}

/** One part of a breakdown's bar: the interventions of a group with one latest effect (or none yet). */
export interface GroupEffectBar {
  group: string;
  effect: string;
  count: number;
}

/** The bars of the effects chart by group: per group, its executed interventions split by their latest effect. */
export function groupEffectBars(
  groups: readonly {
    group: string | null;
    rows: readonly { executed: number; withEffect: number; effects: Record<string, number> }[];
  }[],
  groupName: (group: string | null) => string,
  effectName: (effect: string) => string,
  noEffectYet: string,
): GroupEffectBar[] {
  const bars = new Map<string, GroupEffectBar>();
  const add = (group: string, effect: string, count: number) => {
    if (count <= 0) return;
    const key = `${group}\u0000${effect}`;
    const bar = bars.get(key) ?? { group, effect, count: 0 };
    bar.count += count;
    bars.set(key, bar);
  };
  for (const g of groups) {
    const name = groupName(g.group);
    for (const row of g.rows) {
      for (const [effect, count] of Object.entries(row.effects)) add(name, effectName(effect), count);
      add(name, noEffectYet, row.executed - row.withEffect);
    }
  }
  return [...bars.values()];
}

/** Interventions executed in the period per group of a breakdown, split by their latest effect. */
export function groupEffectsSpec(
  bars: readonly GroupEffectBar[],
  effectOrder: readonly string[],
  dimension: string,
): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: groupEffectsText(bars, dimension),
    ...RESPONSIVE,
    height: { step: 28 },
    config: CONFIG,
    data: { values: bars.map((b) => ({ ...b })) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'group', type: 'nominal', title: dimension, sort: '-x' },
      x: { field: 'count', type: 'quantitative', title: 'Aantal uitgevoerde interventies', axis: { tickMinStep: 1 } },
      color: {
        field: 'effect',
        type: 'nominal',
        title: 'Laatste effect',
        sort: effectOrder,
        scale: { domain: effectOrder, range: SERIES_COLOURS },
      },
      order: { field: 'effect', type: 'nominal' },
    },
  };
}

export function groupEffectsText(bars: readonly GroupEffectBar[], dimension: string): string {
  if (bars.length === 0) return 'Staafdiagram: in deze periode zijn geen interventies uitgevoerd.';
  const byGroup = new Map<string, number>();
  for (const b of bars) byGroup.set(b.group, (byGroup.get(b.group) ?? 0) + b.count);
  const parts = [...byGroup.entries()].sort((a, b) => b[1] - a[1]).map(([group, n]) => `${group} ${n}`);
  return `Staafdiagram van de uitgevoerde interventies per ${dimension.toLowerCase()}, verdeeld naar hun laatste effect: ${parts.join(', ')}.`;
}

/** One bar of the flow by group: one figure of one group. */
export interface FlowBar {
  group: string;
  figure: string;
  count: number;
}

/** The figures of the flow a breakdown's chart shows, with their names, in this order. */
export const FLOW_CHART_FIGURES = [
  ['Signalen ontvangen', (f: FlowChartFigures) => f.signalsReceived],
  ['Interventies uitgevoerd', (f: FlowChartFigures) => f.interventionsExecuted],
  ['Casussen gesloten', (f: FlowChartFigures) => f.casesClosed.total],
  ['Open casussen aan het eind', (f: FlowChartFigures) => f.openCases.total],
] as const;

export interface FlowChartFigures {
  signalsReceived: number;
  interventionsExecuted: number;
  casesClosed: { total: number };
  openCases: { total: number };
}

/** The bars of the flow chart by group: a bar per figure per group, zero ones too (a group shows all its figures). */
export function flowBars(
  groups: readonly (FlowChartFigures & { group: string | null })[],
  groupName: (group: string | null) => string,
): FlowBar[] {
  return groups.flatMap((g) =>
    FLOW_CHART_FIGURES.map(([figure, value]) => ({ group: groupName(g.group), figure, count: value(g) })),
  );
}

/** The flow per group of a breakdown: per group a bar for each of its main figures. */
export function flowGroupsSpec(bars: readonly FlowBar[], dimension: string): VegaLiteSpec {
  const figures = FLOW_CHART_FIGURES.map(([figure]) => figure);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: flowGroupsText(bars, dimension),
    ...RESPONSIVE,
    height: { step: 12 },
    config: CONFIG,
    data: { values: bars.map((b) => ({ ...b })) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'group', type: 'nominal', title: dimension },
      yOffset: { field: 'figure', type: 'nominal', sort: figures },
      x: { field: 'count', type: 'quantitative', title: 'Aantal', axis: { tickMinStep: 1 } },
      color: {
        field: 'figure',
        type: 'nominal',
        title: 'Kengetal',
        sort: figures,
        scale: { domain: figures, range: SERIES_COLOURS },
      },
    },
  };
}

export function flowGroupsText(bars: readonly FlowBar[], dimension: string): string {
  const groups = [...new Set(bars.map((b) => b.group))];
  if (groups.length === 0) return `Staafdiagram: geen gegevens per ${dimension.toLowerCase()}.`;
  const first = FLOW_CHART_FIGURES[0][0];
  const parts = groups.map((g) => `${g} ${bars.find((b) => b.group === g && b.figure === first)?.count ?? 0}`);
  return `Staafdiagram van de doorstroom per ${dimension.toLowerCase()}: per groep ${FLOW_CHART_FIGURES.map(([f]) => f.toLowerCase()).join(', ')}. ${first}: ${parts.join(', ')}.`;
}

/** One bar of the lead times: a step's median or 90th percentile, in days. */
export interface LeadTimeBar {
  step: string;
  measure: string;
  days: number;
}

/** The measures of the lead-time chart, in this order. */
export const LEAD_TIME_MEASURES = ['Mediaan', '90e percentiel'] as const;

/** The bars of the lead-time chart: per step its median and 90th percentile; steps without a completed pair are left out. */
export function leadTimeBars(
  steps: readonly { step: string; medianDays: number | null; p90Days: number | null }[],
): LeadTimeBar[] {
  return steps.flatMap(({ step, medianDays, p90Days }) =>
    medianDays === null || p90Days === null
      ? []
      : [
          { step, measure: LEAD_TIME_MEASURES[0], days: medianDays },
          { step, measure: LEAD_TIME_MEASURES[1], days: p90Days },
        ],
  );
}

/** The lead times between the stages of a case: per step a bar for the median and one for the 90th percentile. */
export function leadTimesSpec(bars: readonly LeadTimeBar[]): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: leadTimesText(bars),
    ...RESPONSIVE,
    height: { step: 14 },
    config: CONFIG,
    data: { values: bars.map((b) => ({ ...b })) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'step', type: 'nominal', title: null, sort: null },
      yOffset: { field: 'measure', type: 'nominal', sort: [...LEAD_TIME_MEASURES] },
      x: { field: 'days', type: 'quantitative', title: 'Dagen', axis: { tickMinStep: 1 } },
      color: {
        field: 'measure',
        type: 'nominal',
        title: 'Doorlooptijd',
        sort: [...LEAD_TIME_MEASURES],
        scale: { domain: [...LEAD_TIME_MEASURES], range: SERIES_COLOURS },
      },
    },
  };
}

export function leadTimesText(bars: readonly LeadTimeBar[]): string {
  const steps = [...new Set(bars.map((b) => b.step))];
  if (steps.length === 0) return 'Staafdiagram: in deze periode is geen stap afgerond.';
  const days = (n: number) => `${String(n).replace('.', ',')} ${n === 1 ? 'dag' : 'dagen'}`;
  const parts = steps.map((step) => {
    const [median, p90] = LEAD_TIME_MEASURES.map((m) => bars.find((b) => b.step === step && b.measure === m)!.days);
    return `${step}: mediaan ${days(median)}, 90e percentiel ${days(p90)}`;
  });
  return `Staafdiagram van de doorlooptijden per stap, de mediaan en het 90e percentiel. ${parts.join('; ')}.`;
}
