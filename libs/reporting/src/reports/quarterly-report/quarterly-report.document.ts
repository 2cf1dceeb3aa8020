import {
  effectBars,
  effectsSpec,
  effectsText,
  flowBars,
  flowGroupsSpec,
  flowGroupsText,
  leadTimeBars,
  leadTimesSpec,
  leadTimesText,
  targetCourseSpec,
  targetCourseText,
  type TargetPoint,
} from '@baken/charts';
import * as nl from '@baken/labels';
import type { ReportTable } from '@baken/platform';
import { dueBy, type Monitor } from '@baken/programme';
import { groupName, type ReportNames } from '../../shared/report-names';
import { flowTable } from '../flow/flow.controller';
import { chartSvg } from './chart-svg';
import type { QuarterlyReportFigures } from './quarterly-report';
import { CHART_WIDTH, printable, type PdfBlock, type PdfCell, type ReportPdf } from './quarterly-report.pdf';

export const REGION = 'Zeeland-West-Brabant';
const NO_EFFECT_YET = 'Nog geen effect';

/** The programme monitor's statuses in words, from the one label catalogue. */
const PROGRESS_STATUS: Readonly<Record<string, string>> = nl.PROGRESS_STATUS;

export interface QuarterlyReportContext {
  figures: QuarterlyReportFigures;
  monitor: Monitor;
  names: ReportNames;
  /** The districts reported. */
  districts: readonly string[];
  /** Whether these are all the region's districts. */
  wholeRegion: boolean;
  today: string;
}

const quarterName = (q: { year: number; quarter: number | null }) => `${q.year} K${q.quarter}`;

export const reportTitle = (year: number, quarter: number) =>
  `Kwartaalrapportage mensenhandel ${REGION} — ${year} K${quarter}`;

function targetBlocks({ figures, names }: QuarterlyReportContext, charts: Map<string, string>): PdfBlock[] {
  const { targets, course } = figures;
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: 'Kwartaaldoelstellingen' },
    {
      kind: 'paragraph',
      text: `Realisatie tegen de norm in ${quarterName(targets)} (${nl.dateText(targets.periodStart)} tot en met ${nl.dateText(targets.periodEnd)}), stand op ${nl.dateText(targets.asOf)}. De kleur staat er steeds in woorden bij.`,
    },
  ];
  for (const d of targets.districts) {
    blocks.push({ kind: 'subheading', text: names.district(d.district) });
    blocks.push({
      kind: 'table',
      table: {
        columns: [
          { header: 'Doelstelling', width: 50 },
          { header: 'Realisatie', width: 12, align: 'right' },
          { header: 'Norm', width: 10, align: 'right' },
          { header: 'Status', width: 40 },
        ],
        rows: d.targets.map((t): PdfCell[] => [
          t.title,
          String(t.actual),
          String(t.target),
          { status: t.status, label: nl.label(nl.TARGET_STATUS, t.status) },
        ]),
      },
    });
  }
  const titles = [...new Map(targets.districts.flatMap((d) => d.targets.map((t) => [t.targetId, t.title]))).entries()];
  if (titles.length > 0)
    blocks.push({ kind: 'subheading', text: 'Verloop over de laatste vier kwartalen', keepWith: 300 });
  for (const [id, title] of titles) {
    const points = coursePoints(course, id, names);
    blocks.push({
      kind: 'chart',
      chart: { heading: title, text: targetCourseText(title, points), svg: charts.get(`target:${id}`)! },
    });
  }
  return blocks;
}

function coursePoints(course: QuarterlyReportFigures['course'], targetId: string, names: ReportNames): TargetPoint[] {
  return course.flatMap((report) =>
    report.districts.flatMap((d) => {
      const t = d.targets.find((x) => x.targetId === targetId);
      return t
        ? [{ quarter: quarterName(report), district: names.district(d.district), actual: t.actual, target: t.target }]
        : [];
    }),
  );
}

const LEAD_TIME = 'Doorlooptijd';
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The flow's lead times one step at a time, named as the flow's export names them: its table gives three rows a step
 * (count, median, 90th percentile).
 */
function leadTimeSteps(table: ReportTable) {
  const rows = table.rows.filter((row) => row.section === LEAD_TIME);
  return Array.from({ length: rows.length / 3 }, (_, i) => {
    const [count, median, p90] = rows.slice(3 * i, 3 * i + 3);
    return {
      step: printable(upperFirst(String(count.figure).replace(/: aantal$/, ''))),
      count: count.value as number,
      medianDays: median.value as number | null,
      p90Days: p90.value as number | null,
    };
  });
}

function flowBlocks({ figures, names }: QuarterlyReportContext, charts: Map<string, string>, now: Date): PdfBlock[] {
  const table = flowTable(figures.flow, names, now);
  const groupColumns = table.columns.slice(3);
  const perDistrict = groupColumns.length > 1;
  const number = (value: unknown) => (value === null || value === undefined ? '–' : String(value).replace('.', ','));
  // A breakdown of a figure (`Gesloten: doorverwezen`) is left out where it is nil everywhere.
  const rows = table.rows.filter(
    (row) => row.section !== LEAD_TIME && !(String(row.figure).includes(':') && row.value === 0),
  );
  const steps = leadTimeSteps(table);
  const leadTimes = leadTimeBars(steps);
  const bars = flowBars(figures.flow.groups, (g) => groupName('district', g, names));
  return [
    { kind: 'heading', text: 'Doorstroom van casussen en doorlooptijden' },
    {
      kind: 'paragraph',
      text: `Van ${nl.dateText(figures.period.start)} tot en met ${nl.dateText(figures.period.end)}; open casussen en interventies op ${nl.dateText(figures.flow.openCases.asOf)}. Doorlooptijden in dagen: het aantal afgeronde stappen, de mediaan en het 90e percentiel.`,
    },
    {
      kind: 'chart',
      chart: {
        heading: 'Doorstroom per district',
        text: flowGroupsText(bars, 'District'),
        svg: charts.get('flow')!,
      },
    },
    {
      kind: 'table',
      table: {
        columns: [
          { header: 'Kengetal', width: 44 },
          { header: perDistrict ? 'Totaal' : 'Aantal', width: 9, align: 'right' },
          ...(perDistrict ? groupColumns.map((c) => ({ header: c.header, width: 11, align: 'right' as const })) : []),
        ],
        rows: rows.map((row) => [
          String(row.figure),
          number(row.value),
          ...(perDistrict ? groupColumns.map((c) => number(row[c.key])) : []),
        ]),
      },
    },
    { kind: 'subheading', text: 'Doorlooptijden in dagen', keepWith: 120 },
    {
      kind: 'table',
      table: {
        columns: [
          { header: 'Stap', width: 50 },
          { header: 'Aantal', width: 12, align: 'right' },
          { header: 'Mediaan', width: 12, align: 'right' },
          { header: '90e percentiel', width: 14, align: 'right' },
        ],
        rows: steps.map((step) => [step.step, number(step.count), number(step.medianDays), number(step.p90Days)]),
      },
    },
    ...(leadTimes.length > 0
      ? [
          {
            kind: 'chart' as const,
            chart: {
              heading: 'Doorlooptijden in dagen',
              text: leadTimesText(leadTimes),
              svg: charts.get('lead-times')!,
            },
          },
        ]
      : []),
  ];
}

function effectBlocks({ figures }: QuarterlyReportContext, charts: Map<string, string>): PdfBlock[] {
  const { effects } = figures;
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: 'Effecten van interventies' },
    {
      kind: 'paragraph',
      text: `Interventies uitgevoerd van ${nl.dateText(figures.period.start)} tot en met ${nl.dateText(figures.period.end)}, met hun laatst vastgelegde effect (tot en met ${nl.dateText(figures.asOf)}).`,
    },
  ];
  if (effects.rows.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'In dit kwartaal zijn geen interventies uitgevoerd.' });
    return blocks;
  }
  blocks.push({
    kind: 'chart',
    chart: {
      heading: 'Uitgevoerde interventies naar effect',
      text: effectChart(figures).text,
      svg: charts.get('effects')!,
    },
  });
  blocks.push({
    kind: 'table',
    table: {
      columns: [
        { header: 'Interventietype', width: 30 },
        { header: 'Niveau', width: 16 },
        { header: 'Uitgevoerd', width: 13, align: 'right' },
        { header: 'Met effect', width: 13, align: 'right' },
        { header: 'Laatste effect', width: 36 },
      ],
      rows: effects.rows.map((r) => [
        nl.label(nl.INTERVENTION_TYPE, r.interventionType),
        nl.label(nl.INTERVENTION_LEVEL, r.level),
        String(r.executed),
        String(r.withEffect),
        Object.entries(r.effects)
          .filter(([, n]) => n > 0)
          .map(([e, n]) => `${nl.label(nl.EFFECT, e)} ${n}`)
          .join(', ') || '–',
      ]),
    },
  });
  return blocks;
}

function effectChart(figures: QuarterlyReportFigures) {
  const bars = effectBars(
    figures.effects.rows,
    (t) => nl.label(nl.INTERVENTION_TYPE, t),
    (e) => nl.label(nl.EFFECT, e),
    NO_EFFECT_YET,
  );
  const order = [
    ...Object.keys(nl.EFFECT)
      .filter((e) => figures.effects.rows.some((r) => (r.effects as Record<string, number>)[e] > 0))
      .map((e) => nl.label(nl.EFFECT, e)),
    ...(bars.some((b) => b.effect === NO_EFFECT_YET) ? [NO_EFFECT_YET] : []),
  ];
  return { spec: effectsSpec(bars, order), text: effectsText(bars) };
}

/** An action that has passed its due moment on `asOf` without being done. */
export const isOverdue = (action: Monitor['actions'][number], asOf: string) => {
  const last = dueBy(action.due);
  return last !== null && last < asOf && action.status !== 'done';
};

function programmeBlocks({ monitor }: QuarterlyReportContext): PdfBlock[] {
  const flagged = monitor.actions.filter((a) => a.status === 'red' || isOverdue(a, monitor.asOf));
  const statuses = ['green', 'orange', 'red', 'done', 'not_started'] as const;
  return [
    { kind: 'heading', text: 'Programmamonitor Actieprogramma Mensenhandel' },
    {
      kind: 'paragraph',
      text: `Stand op ${nl.dateText(monitor.asOf)}: per doelstelling het aantal acties naar hun laatste voortgangsupdate.`,
    },
    {
      kind: 'table',
      table: {
        columns: [
          { header: 'Doelstelling', width: 40 },
          ...statuses.map((s) => ({ header: PROGRESS_STATUS[s], width: 12, align: 'right' as const })),
        ],
        rows: monitor.goals.map((g) => [`${g.goal}. ${g.title}`, ...statuses.map((s) => String(g.counts[s]))]),
      },
    },
    { kind: 'subheading', text: 'Acties die rood staan of te laat zijn' },
    flagged.length === 0
      ? { kind: 'paragraph', text: 'Geen: er staat geen actie op rood en geen actie is te laat.' }
      : {
          kind: 'table',
          table: {
            columns: [
              { header: 'Actie', width: 8 },
              { header: 'Omschrijving', width: 46 },
              { header: 'Kartrekker', width: 20 },
              { header: 'Gereed', width: 14 },
              { header: 'Status', width: 26 },
            ],
            rows: flagged.map((a): PdfCell[] => [
              a.actionId,
              a.title,
              a.owner ?? '–',
              `${a.due ?? '–'}${isOverdue(a, monitor.asOf) ? ' (te laat)' : ''}`,
              { status: a.status, label: PROGRESS_STATUS[a.status] ?? a.status },
            ]),
          },
        },
  ];
}

/** The area a report covers, in lines of words: the region and its districts, or one district. */
export function areaOf(context: Pick<QuarterlyReportContext, 'districts' | 'names' | 'wholeRegion'>): string[] {
  const names = context.districts.map((d) => context.names.district(d));
  if (context.wholeRegion) return [`Regio ${REGION}`, `Districten ${nl.listOf(names)}`];
  return [names.length === 1 ? `District ${names[0]}` : `Districten ${nl.listOf(names)}`];
}

/** The quarterly governance report as a document: its charts drawn from the reports screen's specifications. */
export async function quarterlyReportDocument(context: QuarterlyReportContext, now: Date): Promise<ReportPdf> {
  const { figures, names } = context;
  const specs = new Map<string, Record<string, unknown>>();
  const titles = new Map(figures.targets.districts.flatMap((d) => d.targets.map((t) => [t.targetId, t.title])));
  for (const [id, title] of titles)
    specs.set(`target:${id}`, targetCourseSpec(title, coursePoints(figures.course, id, names)));
  specs.set(
    'flow',
    flowGroupsSpec(
      flowBars(figures.flow.groups, (g) => groupName('district', g, names)),
      'District',
    ),
  );
  const leadTimes = leadTimeBars(leadTimeSteps(flowTable(figures.flow, names, now)));
  if (leadTimes.length > 0) specs.set('lead-times', leadTimesSpec(leadTimes));
  if (figures.effects.rows.length > 0) specs.set('effects', effectChart(figures).spec);
  const charts = new Map<string, string>();
  for (const [key, spec] of specs) charts.set(key, await chartSvg(spec, CHART_WIDTH));
  return {
    title: reportTitle(figures.period.year, figures.period.quarter),
    // Broken by hand: a wrap after one of the region's hyphens would break its name.
    titleLines: ['Kwartaalrapportage mensenhandel', `${REGION} — ${figures.period.year} K${figures.period.quarter}`],
    subtitle: [...areaOf(context), `stand op ${nl.dateText(context.today)}`],
    blocks: [
      ...targetBlocks(context, charts),
      ...flowBlocks(context, charts, now),
      ...effectBlocks(context, charts),
      ...programmeBlocks(context),
    ],
  };
}
