import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, settle, type InterventionEffects, type QuarterlyTargets, type Result, type Schemas } from '../api/client';
import { useUser } from '../auth/session';
import { TargetStatusBadge } from '../components/badges';
import { Downloads } from '../components/download';
import { DateField, ErrorSummary, SelectField, useFormErrors } from '../components/fields';
import { Loading, PageHeading, ProblemNotice, useQuery } from '../components/page';
import {
  endOfDayInstant,
  formatDate,
  formatInstant,
  isIsoDate,
  quarterOf,
  quarterPeriod,
  quartersUpTo,
  todayInAmsterdam,
} from '../dates';
import {
  CLOSE_OUTCOME,
  EFFECT,
  INTERVENTION_LEVEL,
  INTERVENTION_TYPE,
  REOPEN_REASON,
  TRIAGE_DECISION,
  countOf,
  label,
  lowerFirst,
} from '../i18n/labels';
import { REPORT_GROUP_BY } from '@baken/labels';
import { organisationName, placeName, useDistricts, useOrganisations } from '../reference-data';
import { navigate, useLocation } from '../router';
import { Chart } from './chart';
import {
  effectBars,
  effectsSpec,
  effectsText,
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
  type TargetPoint,
} from '@baken/charts';
import { GROUP_BY_OPTIONS, groupName, isGroupBy, overlapNote, type GroupBy } from './group-names';

const FORM = 'rapportage';
const COURSE_QUARTERS = 4;
const NO_EFFECT_YET = 'Nog geen effect';

interface Selection {
  /** A quarter, or the whole year. */
  period: 'quarter' | 'year';
  year: number;
  quarter: number;
  district: string;
  /** Break the effects and the flow down by this; empty for no breakdown. */
  groupBy: GroupBy | '';
  /** Peildatum: the reports as they stood on this day, as known at its end; empty for now. */
  asKnownOn: string;
}

function selectionOf(query: URLSearchParams, today: string): Selection {
  const current = quarterOf(today);
  const year = Number(query.get('jaar'));
  const quarter = Number(query.get('kwartaal'));
  const asKnownOn = query.get('peildatum') ?? '';
  const groupBy = query.get('uitsplitsing');
  return {
    period: query.get('periode') === 'jaar' ? 'year' : 'quarter',
    year: Number.isInteger(year) && year >= 2000 && year <= current.year ? year : current.year,
    quarter: Number.isInteger(quarter) && quarter >= 1 && quarter <= 4 ? quarter : current.quarter,
    district: query.get('district') ?? '',
    groupBy: isGroupBy(groupBy) ? groupBy : '',
    asKnownOn: isIsoDate(asKnownOn) ? asKnownOn : '',
  };
}

function hrefOf(s: Selection): string {
  const q = new URLSearchParams({ jaar: String(s.year) });
  if (s.period === 'year') q.set('periode', 'jaar');
  else q.set('kwartaal', String(s.quarter));
  if (s.district) q.set('district', s.district);
  if (s.groupBy) q.set('uitsplitsing', s.groupBy);
  if (s.asKnownOn) q.set('peildatum', s.asKnownOn);
  return `/rapportages?${q}`;
}

/**
 * How every section reads time, the same way: `asOf`, the business date the figures stand on (the peildatum, or
 * today), and `asKnownAt`, what the log held then (the end of the peildatum; without one, everything recorded).
 */
interface Reading {
  asOf: string;
  asKnownAt?: string;
}

function readingOf(s: Selection, today: string): Reading {
  return s.asKnownOn ? { asOf: s.asKnownOn, asKnownAt: endOfDayInstant(s.asKnownOn) } : { asOf: today };
}

/** The period of the effects and the flow: the quarter or the year chosen. */
function periodOf(s: Selection): { from: string; to: string } {
  return s.period === 'year' ? { from: `${s.year}-01-01`, to: `${s.year}-12-31` } : quarterPeriod(s.year, s.quarter);
}

const periodName = (s: Selection) => (s.period === 'year' ? `${s.year}` : `kwartaal ${s.quarter} van ${s.year}`);

/**
 * The report of the period chosen (last), after the quarters of the course chart; each quarter evaluated as it stood at
 * its end, or on the peildatum when that is earlier, every one as known at the same moment.
 */
async function loadTargets(s: Selection, reading: Reading): Promise<Result<QuarterlyTargets[]>> {
  const current = quarterOf(todayInAmsterdam());
  const last = s.period === 'year' ? (s.year === current.year ? current.quarter : 4) : s.quarter;
  const quarters = quartersUpTo(s.year, last, s.period === 'year' ? last : COURSE_QUARTERS);
  const district = s.district || undefined;
  const capped = (end: string) => (end < reading.asOf ? end : reading.asOf);
  const results = await Promise.all([
    ...quarters.map(({ year, quarter }) =>
      settle(
        api.GET('/api/reports/quarterly-targets', {
          params: {
            query: {
              year,
              quarter,
              asOf: capped(quarterPeriod(year, quarter).to),
              asKnownAt: reading.asKnownAt,
              district,
            },
          },
        }),
      ),
    ),
    ...(s.period === 'year'
      ? [
          settle(
            api.GET('/api/reports/quarterly-targets', {
              params: {
                query: {
                  period: 'year',
                  year: s.year,
                  asOf: capped(`${s.year}-12-31`),
                  asKnownAt: reading.asKnownAt,
                  district,
                },
              },
            }),
          ),
        ]
      : []),
  ]);
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) return failed;
  return {
    ok: true,
    data: results.flatMap((r) => (r.ok ? [r.data] : [])),
    response: results[results.length - 1].ok
      ? (results[results.length - 1] as { response: Response }).response
      : new Response(),
  };
}

const quarterName = (year: number, quarter: number) => `${year} K${quarter}`;

function TargetsSection({ s, reading }: { s: Selection; reading: Reading }) {
  const districts = useDistricts();
  const targets = useQuery(() => loadTargets(s, reading), `targets-${hrefOf(s)}`);
  const current = targets.status === 'ok' ? targets.data[targets.data.length - 1] : null;
  const course = targets.status === 'ok' ? targets.data.filter((r) => r.period !== 'year' && r.quarter !== null) : [];
  const titles = current
    ? [...new Map(current.districts.flatMap((d) => d.targets.map((t) => [t.targetId, t.title] as const))).entries()]
    : [];
  return (
    <section aria-labelledby="doelstellingen" className="baken-section">
      <Heading2 id="doelstellingen">
        {s.period === 'year' ? 'Doelstellingen over het jaar' : 'Kwartaaldoelstellingen'}
      </Heading2>
      {targets.status === 'loading' ? <Loading what="de kwartaaldoelstellingen" /> : null}
      {targets.status === 'error' ? (
        <ProblemNotice problem={targets.problem} what="Het rapport kwartaaldoelstellingen" />
      ) : null}
      {current ? (
        <>
          <div className="baken-table-scroll" tabIndex={0}>
            <Table className="baken-table baken-targets">
              <TableCaption>
                {current.quarter === null
                  ? `Het jaar ${current.year}`
                  : `Kwartaal ${current.quarter} van ${current.year}`}{' '}
                ({formatDate(current.periodStart)} tot en met {formatDate(current.periodEnd)}), stand op{' '}
                {formatDate(current.asOf)}
                {current.quarter === null ? '; een kwartaalnorm telt voor elk kwartaal van het jaar' : ''}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">District</TableHeaderCell>
                  {titles.map(([id, title]) => (
                    <TableHeaderCell scope="col" key={id}>
                      {title}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {current.districts.map((d) => (
                  <TableRow key={d.district}>
                    <TableHeaderCell scope="row">{placeName(districts, d.district)}</TableHeaderCell>
                    {titles.map(([id]) => {
                      const t = d.targets.find((x) => x.targetId === id);
                      return (
                        <TableCell key={id}>
                          {t ? (
                            <>
                              <span className="baken-target-figure">
                                {t.actual} van {t.target}
                              </span>{' '}
                              <TargetStatusBadge status={t.status} />
                            </>
                          ) : (
                            '–'
                          )}
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Downloads
            path="/api/reports/quarterly-targets"
            baseName={
              current.quarter === null
                ? `jaardoelstellingen-${current.year}`
                : `kwartaaldoelstellingen-${current.year}-K${current.quarter}`
            }
            what={current.quarter === null ? 'Jaardoelstellingen' : 'Kwartaaldoelstellingen'}
            query={{
              year: current.year,
              quarter: current.quarter ?? undefined,
              period: current.quarter === null ? 'year' : undefined,
              asOf: current.asOf,
              asKnownAt: reading.asKnownAt,
              district: s.district || undefined,
            }}
          />
          <Heading3>Verloop over de kwartalen</Heading3>
          {titles
            .filter(([id]) => course.some((r) => r.districts.some((d) => d.targets.some((t) => t.targetId === id))))
            .map(([id, title]) => {
              const points: TargetPoint[] =
                course.length > 0
                  ? course.flatMap((report) =>
                      report.districts.flatMap((d) => {
                        const t = d.targets.find((x) => x.targetId === id);
                        return t
                          ? [
                              {
                                quarter: quarterName(report.year, report.quarter ?? 0),
                                district: placeName(districts, d.district),
                                actual: t.actual,
                                target: t.target,
                              },
                            ]
                          : [];
                      }),
                    )
                  : [];
              return (
                <Chart
                  key={id}
                  caption={title}
                  spec={targetCourseSpec(title, points)}
                  text={targetCourseText(title, points)}
                />
              );
            })}
        </>
      ) : null}
    </section>
  );
}

/** The names of the groups of a breakdown, from the reference data and the label catalogue. */
function useGroupNames(groupBy: GroupBy | '') {
  const districts = useDistricts();
  const organisations = useOrganisations();
  return (group: string | null) =>
    groupBy
      ? groupName(groupBy, group, {
          place: (id) => placeName(districts, id),
          organisation: (id) => organisationName(organisations, id),
        })
      : '';
}

function queryOf(s: Selection, reading: Reading) {
  const { from, to } = periodOf(s);
  return {
    from,
    to,
    asOf: reading.asOf,
    asKnownAt: reading.asKnownAt,
    district: s.district || undefined,
    groupBy: s.groupBy || undefined,
  };
}

function EffectsSection({ s, reading }: { s: Selection; reading: Reading }) {
  const query = queryOf(s, reading);
  const effects = useQuery(
    () => settle(api.GET('/api/reports/intervention-effects', { params: { query } })),
    `effects-${hrefOf(s)}`,
  );
  return (
    <section aria-labelledby="effecten" className="baken-section">
      <Heading2 id="effecten">Effecten van interventies</Heading2>
      <Paragraph>
        Interventies die in {periodName(s)} zijn uitgevoerd, met hun laatst vastgelegde effect
        {s.groupBy ? `, uitgesplitst naar ${lowerFirst(REPORT_GROUP_BY[s.groupBy])}` : ''}.
      </Paragraph>
      {effects.status === 'loading' ? <Loading what="de effecten" /> : null}
      {effects.status === 'error' ? (
        <ProblemNotice problem={effects.problem} what="Het rapport effecten van interventies" />
      ) : null}
      {effects.status === 'ok' ? <EffectsReport data={effects.data} groupBy={s.groupBy} /> : null}
      {effects.status === 'ok' ? (
        <Downloads
          path="/api/reports/intervention-effects"
          query={query}
          baseName={`effecten-${s.period === 'year' ? s.year : `${s.year}-K${s.quarter}`}`}
          what="Effecten"
        />
      ) : null}
    </section>
  );
}

function EffectsReport({ data, groupBy }: { data: InterventionEffects; groupBy: GroupBy | '' }) {
  const nameOf = useGroupNames(groupBy);
  const effectKeys = Object.keys(EFFECT).filter((e) => data.rows.some((r) => (r.effects[e] ?? 0) > 0));
  const order = (bars: readonly { effect: string }[]) => [
    ...effectKeys.map((e) => label(EFFECT, e)),
    ...(bars.some((b) => b.effect === NO_EFFECT_YET) ? [NO_EFFECT_YET] : []),
  ];
  if (data.rows.length === 0) return <Paragraph>In deze periode zijn geen interventies uitgevoerd.</Paragraph>;
  const dimension = groupBy ? REPORT_GROUP_BY[groupBy] : '';
  const chart = groupBy
    ? (() => {
        const bars = groupEffectBars(data.groups, nameOf, (e) => label(EFFECT, e), NO_EFFECT_YET);
        return (
          <Chart
            caption={`Uitgevoerde interventies per ${dimension.toLowerCase()} naar effect`}
            spec={groupEffectsSpec(bars, order(bars), dimension)}
            text={groupEffectsText(bars, dimension)}
          />
        );
      })()
    : (() => {
        const bars = effectBars(
          data.rows,
          (t) => label(INTERVENTION_TYPE, t),
          (e) => label(EFFECT, e),
          NO_EFFECT_YET,
        );
        return (
          <Chart
            caption="Uitgevoerde interventies naar effect"
            spec={effectsSpec(bars, order(bars))}
            text={effectsText(bars)}
          />
        );
      })();
  const total = (rows: readonly { executed: number; withEffect: number; effects: Record<string, number> }[]) => ({
    executed: rows.reduce((n, r) => n + r.executed, 0),
    withEffect: rows.reduce((n, r) => n + r.withEffect, 0),
    effects: Object.fromEntries(effectKeys.map((e) => [e, rows.reduce((n, r) => n + (r.effects[e] ?? 0), 0)])),
  });
  return (
    <>
      {chart}
      <div className="baken-table-scroll" tabIndex={0}>
        <Table className="baken-table">
          <TableCaption>
            Uitgevoerde interventies van {formatDate(data.from)} tot en met {formatDate(data.to)}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Interventie</TableHeaderCell>
              <TableHeaderCell scope="col">Niveau</TableHeaderCell>
              <TableHeaderCell scope="col">Uitgevoerd</TableHeaderCell>
              <TableHeaderCell scope="col">Met effect</TableHeaderCell>
              {effectKeys.map((e) => (
                <TableHeaderCell scope="col" key={e}>
                  {label(EFFECT, e)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.rows.map((r) => (
              <TableRow key={r.interventionType}>
                <TableHeaderCell scope="row">{label(INTERVENTION_TYPE, r.interventionType)}</TableHeaderCell>
                <TableCell>{label(INTERVENTION_LEVEL, r.level)}</TableCell>
                <TableCell>{r.executed}</TableCell>
                <TableCell>{r.withEffect}</TableCell>
                {effectKeys.map((e) => (
                  <TableCell key={e}>{r.effects[e] ?? 0}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {groupBy ? (
        <>
          <div className="baken-table-scroll" tabIndex={0}>
            <Table className="baken-table baken-breakdown">
              <TableCaption>Uitgevoerde interventies per {dimension.toLowerCase()}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{dimension}</TableHeaderCell>
                  <TableHeaderCell scope="col">Uitgevoerd</TableHeaderCell>
                  <TableHeaderCell scope="col">Met effect</TableHeaderCell>
                  {effectKeys.map((e) => (
                    <TableHeaderCell scope="col" key={e}>
                      {label(EFFECT, e)}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.groups.map((g) => {
                  const t = total(g.rows);
                  return (
                    <TableRow key={g.group ?? ''}>
                      <TableHeaderCell scope="row">{nameOf(g.group)}</TableHeaderCell>
                      <TableCell>{t.executed}</TableCell>
                      <TableCell>{t.withEffect}</TableCell>
                      {effectKeys.map((e) => (
                        <TableCell key={e}>{t.effects[e]}</TableCell>
                      ))}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          <Paragraph className="baken-muted">{overlapNote(groupBy, data.groupsExclusive)}</Paragraph>
        </>
      ) : null}
    </>
  );
}

const STAGE_NAMES: Record<string, string> = {
  receiptToTriage: 'Van ontvangst tot triage',
  triageToCareTable: 'Van triage tot zorgtafel',
  submissionToDecision: 'Van indiening tot besluit stuurploeg',
  submissionToApproval: 'Van indiening tot instemming stuurploeg',
  executionToFirstEffect: 'Van uitvoering tot eerste effect',
};

const counts = (record: Record<string, number> | undefined, names: Record<string, string>) =>
  Object.entries(record ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${lowerFirst(label(names, k))}: ${n}`)
    .join(', ') || 'geen';

type Flow = Schemas['FlowResponse'];
type FlowFigures = Omit<
  Flow,
  'from' | 'to' | 'asOf' | 'district' | 'districts' | 'asKnownAt' | 'groupBy' | 'groupsExclusive' | 'groups'
>;

/** The columns of the flow per group: a figure's short name and how to read it (the caption names them in full). */
const GROUP_COLUMNS: [string, (f: FlowFigures) => number][] = [
  ['Signalen', (f) => f.signalsReceived],
  ['Voorstellen', (f) => f.proposals.submitted],
  ['Uitgevoerd', (f) => f.interventionsExecuted],
  ['Geannuleerd', (f) => f.interventions.cancelled],
  ['Gesloten', (f) => f.casesClosed.total],
  ['Herhaald', (f) => f.repeatVictimisation.total],
  ['Open', (f) => f.openCases.total],
];

function FlowReport({ data, groupBy }: { data: Flow; groupBy: GroupBy | '' }) {
  const nameOf = useGroupNames(groupBy);
  const rows: [string, string][] = [
    ['Signalen ontvangen', String(data.signalsReceived)],
    ['Triagebesluiten', `${data.triageDecisions.total} (${counts(data.triageDecisions.byDecision, TRIAGE_DECISION)})`],
    [
      'Zorgtafel',
      `${data.careTable.referrals} verwezen, ${countOf(data.careTable.meetings, 'bespreking', 'besprekingen')} over ${countOf(data.careTable.casesDiscussed, 'casus', 'casussen')}`,
    ],
    [
      'Voorstellen',
      `${data.proposals.submitted} ingediend, ${data.proposals.approved} goedgekeurd, ${data.proposals.rejected} afgewezen`,
    ],
    [
      'Interventies',
      `${data.interventions.planned} gepland, ${data.interventionsExecuted} uitgevoerd, ${data.interventions.cancelled} geannuleerd; op ${formatDate(data.openCases.asOf)} nog ${data.interventions.open} open`,
    ],
    ['Casussen gesloten', `${data.casesClosed.total} (${counts(data.casesClosed.byOutcome, CLOSE_OUTCOME)})`],
    ['Heropend', `${data.reopenings.total} (${counts(data.reopenings.byReason, REOPEN_REASON)})`],
    [
      'Herhaald slachtofferschap',
      `${data.repeatVictimisation.total} (${data.repeatVictimisation.reopenings} heropend, ${countOf(data.repeatVictimisation.newCasesOfKnownVictims, 'nieuwe casus', 'nieuwe casussen')} van een slachtoffer uit een gesloten casus)`,
    ],
  ];
  const day = (n: number | null | undefined) =>
    n === null || n === undefined ? '–' : `${String(n).replace('.', ',')} ${n === 1 ? 'dag' : 'dagen'}`;
  const dimension = groupBy ? REPORT_GROUP_BY[groupBy] : '';
  const leadTimes = leadTimeBars(
    Object.entries(data.stageDurations ?? {}).map(([stage, d]) => ({
      step: STAGE_NAMES[stage] ?? stage,
      medianDays: d.medianDays ?? null,
      p90Days: d.p90Days ?? null,
    })),
  );
  return (
    <>
      <DataList className="baken-data-list">
        {rows.map(([k, v]) => (
          <DataListItem key={k}>
            <DataListKey>{k}</DataListKey>
            <DataListValue>{v}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      {groupBy ? (
        <>
          <Chart
            caption={`Doorstroom per ${dimension.toLowerCase()}`}
            spec={flowGroupsSpec(flowBars(data.groups, nameOf), dimension)}
            text={flowGroupsText(flowBars(data.groups, nameOf), dimension)}
          />
          <div className="baken-table-scroll" tabIndex={0}>
            <Table className="baken-table baken-breakdown">
              <TableCaption>
                Doorstroom per {dimension.toLowerCase()}: signalen ontvangen, voorstellen ingediend, interventies
                uitgevoerd en geannuleerd, casussen gesloten, herhaald slachtofferschap en casussen open op{' '}
                {formatDate(data.openCases.asOf)}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{dimension}</TableHeaderCell>
                  {GROUP_COLUMNS.map(([name]) => (
                    <TableHeaderCell scope="col" key={name}>
                      {name}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.groups.map((g) => (
                  <TableRow key={g.group ?? ''}>
                    <TableHeaderCell scope="row">{nameOf(g.group)}</TableHeaderCell>
                    {GROUP_COLUMNS.map(([name, value]) => (
                      <TableCell key={name}>{value(g)}</TableCell>
                    ))}
                  </TableRow>
                ))}
                <TableRow>
                  <TableHeaderCell scope="row">Totaal</TableHeaderCell>
                  {GROUP_COLUMNS.map(([name, value]) => (
                    <TableCell key={name}>{value(data)}</TableCell>
                  ))}
                </TableRow>
              </TableBody>
            </Table>
          </div>
          <Paragraph className="baken-muted">{overlapNote(groupBy, data.groupsExclusive)}</Paragraph>
        </>
      ) : null}
      {leadTimes.length > 0 ? (
        <Chart caption="Doorlooptijden in dagen" spec={leadTimesSpec(leadTimes)} text={leadTimesText(leadTimes)} />
      ) : null}
      <div className="baken-table-scroll" tabIndex={0}>
        <Table className="baken-table">
          <TableCaption>Doorlooptijden in de periode</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Stap</TableHeaderCell>
              <TableHeaderCell scope="col">Aantal</TableHeaderCell>
              <TableHeaderCell scope="col">Mediaan</TableHeaderCell>
              <TableHeaderCell scope="col">90e percentiel</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {Object.entries(data.stageDurations ?? {}).map(([stage, d]) => (
              <TableRow key={stage}>
                <TableHeaderCell scope="row">{STAGE_NAMES[stage] ?? stage}</TableHeaderCell>
                <TableCell>{d.count}</TableCell>
                <TableCell>{day(d.medianDays)}</TableCell>
                <TableCell>{day(d.p90Days)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className="baken-table-scroll" tabIndex={0}>
        <Table className="baken-table">
          <TableCaption>
            Open casussen op {formatDate(data.openCases.asOf)} naar leeftijd: {data.openCases.total} in totaal
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Dagen sinds ontvangst</TableHeaderCell>
              <TableHeaderCell scope="col">Aantal</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.openCases.byAge.map((b) => (
              <TableRow key={b.band}>
                <TableHeaderCell scope="row">{b.band}</TableHeaderCell>
                <TableCell>{b.count}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

function FlowSection({ s, reading }: { s: Selection; reading: Reading }) {
  const query = queryOf(s, reading);
  const flow = useQuery(() => settle(api.GET('/api/reports/flow', { params: { query } })), `flow-${hrefOf(s)}`);
  return (
    <section aria-labelledby="doorstroom" className="baken-section">
      <Heading2 id="doorstroom">Doorstroom van casussen</Heading2>
      {flow.status === 'loading' ? <Loading what="de doorstroom" /> : null}
      {flow.status === 'error' ? (
        <ProblemNotice problem={flow.problem} what="Het rapport doorstroom van casussen" />
      ) : null}
      {flow.status === 'ok' ? <FlowReport data={flow.data} groupBy={s.groupBy} /> : null}
      {flow.status === 'ok' ? (
        <Downloads
          path="/api/reports/flow"
          query={query}
          baseName={`doorstroom-${s.period === 'year' ? s.year : `${s.year}-K${s.quarter}`}`}
          what="Doorstroom"
        />
      ) : null}
    </section>
  );
}

/** How the figures read time, stated once for every section. */
function ReadingStatement({ s, reading, shownAt }: { s: Selection; reading: Reading; shownAt: string }) {
  return (
    <Paragraph className="baken-muted baken-reading" id="cijfers-bekend">
      {s.asKnownOn
        ? `Cijfers zoals bekend op ${formatDate(s.asKnownOn)}. `
        : `Cijfers zoals bekend op ${formatInstant(shownAt)}. `}
      Alle onderdelen tellen wat er tot en met {formatDate(reading.asOf)} gebeurde
      {s.asKnownOn ? ' en aan het eind van die dag was vastgelegd' : ' en nu is vastgelegd'}.
    </Paragraph>
  );
}

/**
 * The quarterly governance report of the quarter and district chosen, as one PDF: the figures as known now (the
 * peildatum does not apply to it).
 */
function QuarterlyReportDownload({ s }: { s: Selection }) {
  return (
    <section aria-labelledby="kwartaalrapportage" className="baken-section">
      <Heading2 id="kwartaalrapportage">Kwartaalrapportage (PDF)</Heading2>
      <Paragraph>
        De kwartaalrapportage van {periodName(s)} voor {s.district ? 'dit district' : 'de regio'} in één PDF:
        doelstellingen, doorstroom, effecten en de programmamonitor, met grafieken. De cijfers zijn zoals nu bekend.
      </Paragraph>
      <Downloads
        path="/api/reports/quarterly-report"
        query={{ year: s.year, quarter: s.quarter, district: s.district || undefined }}
        baseName={`kwartaalrapportage-${s.year}-K${s.quarter}${s.district ? `-${s.district}` : ''}`}
        what="Kwartaalrapportage"
        formats={['pdf']}
      />
    </section>
  );
}

export function ReportsPage() {
  const user = useUser();
  const location = useLocation();
  const districts = useDistricts();
  const today = todayInAmsterdam();
  const applied = selectionOf(location.query, today);
  const [draft, setDraft] = useState(applied);
  const key = hrefOf(applied);
  const [shownAt, setShownAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    setDraft(selectionOf(new URLSearchParams(key.split('?')[1]), todayInAmsterdam()));
    setShownAt(new Date().toISOString());
  }, [key]);
  const reading = readingOf(applied, today);
  const form = useFormErrors(['period', 'year', 'quarter', 'district', 'groupBy', 'asKnownOn']);
  const years = Array.from({ length: 5 }, (_, i) => String(quarterOf(today).year - i));
  const districtOptions = (districts ?? [])
    .filter((d) => user.districts.length === 0 || user.districts.includes(d.id))
    .map((d) => ({ value: d.id, label: d.name }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.asKnownOn && (!isIsoDate(draft.asKnownOn) || draft.asKnownOn > today)) {
      form.fromChecks({
        asKnownOn:
          draft.asKnownOn > today ? 'De peildatum mag niet in de toekomst liggen.' : 'Vul een geldige datum in.',
      });
      return;
    }
    form.clear();
    navigate(hrefOf(draft), { keepFocus: true });
  };

  return (
    <>
      <PageHeading title="Rapportages" />
      <form id={FORM} noValidate onSubmit={submit} className="baken-filters" aria-label="Rapportage kiezen">
        <ErrorSummary formId={FORM} errors={form.errors} shown={form.shown} labels={{ asKnownOn: 'Peildatum' }} />
        <SelectField
          formId={FORM}
          name="period"
          label="Periode"
          value={draft.period}
          options={[
            { value: 'quarter', label: 'Kwartaal' },
            { value: 'year', label: 'Heel jaar' },
          ]}
          onChange={(v) => setDraft({ ...draft, period: v === 'year' ? 'year' : 'quarter' })}
        />
        <SelectField
          formId={FORM}
          name="year"
          label="Jaar"
          value={String(draft.year)}
          options={years.map((y) => ({ value: y, label: y }))}
          onChange={(v) => setDraft({ ...draft, year: Number(v) })}
        />
        {draft.period === 'quarter' ? (
          <SelectField
            formId={FORM}
            name="quarter"
            label="Kwartaal"
            value={String(draft.quarter)}
            options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: `Kwartaal ${q}` }))}
            onChange={(v) => setDraft({ ...draft, quarter: Number(v) })}
          />
        ) : null}
        {districtOptions.length > 1 ? (
          <SelectField
            formId={FORM}
            name="district"
            label="District"
            value={draft.district}
            options={districtOptions}
            placeholder="Alle districten"
            onChange={(v) => setDraft({ ...draft, district: v })}
          />
        ) : null}
        <SelectField
          formId={FORM}
          name="groupBy"
          label="Uitsplitsen naar"
          value={draft.groupBy}
          options={GROUP_BY_OPTIONS}
          placeholder="Niet uitsplitsen"
          description="Effecten en doorstroom per groep, met de grafiek erbij."
          onChange={(v) => setDraft({ ...draft, groupBy: isGroupBy(v) ? v : '' })}
        />
        <DateField
          formId={FORM}
          name="asKnownOn"
          label="Peildatum"
          value={draft.asKnownOn}
          max={today}
          error={form.errors.fields.asKnownOn}
          description="Toon de cijfers zoals ze op deze datum stonden en bekend waren. Leeg: zoals nu bekend."
          onChange={(v) => setDraft({ ...draft, asKnownOn: v })}
        />
        <ButtonGroup className="baken-filters__buttons">
          <Button type="submit" appearance="primary-action-button">
            Rapportage tonen
          </Button>
        </ButtonGroup>
      </form>
      <ReadingStatement s={applied} reading={reading} shownAt={shownAt} />
      {applied.period === 'quarter' ? <QuarterlyReportDownload s={applied} /> : null}
      <TargetsSection s={applied} reading={reading} />
      <EffectsSection s={applied} reading={reading} />
      <FlowSection s={applied} reading={reading} />
    </>
  );
}
