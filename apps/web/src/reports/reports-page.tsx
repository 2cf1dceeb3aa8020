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
import { placeName, useDistricts } from '../reference-data';
import { navigate, useLocation } from '../router';
import { Chart } from './chart';
import {
  effectBars,
  effectsSpec,
  effectsText,
  targetCourseSpec,
  targetCourseText,
  type TargetPoint,
} from './chart-specs';

const FORM = 'rapportage';
const COURSE_QUARTERS = 4;
const NO_EFFECT_YET = 'Nog geen effect';

interface Selection {
  year: number;
  quarter: number;
  district: string;
  /** Peildatum: the reports as known at the end of this day; empty for now. */
  asKnownOn: string;
}

function selectionOf(query: URLSearchParams, today: string): Selection {
  const current = quarterOf(today);
  const year = Number(query.get('jaar'));
  const quarter = Number(query.get('kwartaal'));
  const asKnownOn = query.get('peildatum') ?? '';
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= current.year ? year : current.year,
    quarter: Number.isInteger(quarter) && quarter >= 1 && quarter <= 4 ? quarter : current.quarter,
    district: query.get('district') ?? '',
    asKnownOn: isIsoDate(asKnownOn) ? asKnownOn : '',
  };
}

function hrefOf(s: Selection): string {
  const q = new URLSearchParams({ jaar: String(s.year), kwartaal: String(s.quarter) });
  if (s.district) q.set('district', s.district);
  if (s.asKnownOn) q.set('peildatum', s.asKnownOn);
  return `/rapportages?${q}`;
}

/** The quarters of the course chart, each evaluated as at its end (or the peildatum when earlier). */
async function loadTargets(s: Selection): Promise<Result<QuarterlyTargets[]>> {
  const quarters = quartersUpTo(s.year, s.quarter, COURSE_QUARTERS);
  const today = todayInAmsterdam();
  const results = await Promise.all(
    quarters.map(({ year, quarter }) => {
      const end = quarterPeriod(year, quarter).to;
      const limit = s.asKnownOn || today;
      return settle(
        api.GET('/api/reports/quarterly-targets', {
          params: { query: { year, quarter, asOf: end < limit ? end : limit, district: s.district || undefined } },
        }),
      );
    }),
  );
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

function TargetsSection({ s }: { s: Selection }) {
  const districts = useDistricts();
  const targets = useQuery(() => loadTargets(s), `targets-${hrefOf(s)}`);
  const current = targets.status === 'ok' ? targets.data[targets.data.length - 1] : null;
  const titles = current
    ? [...new Map(current.districts.flatMap((d) => d.targets.map((t) => [t.targetId, t.title] as const))).entries()]
    : [];
  return (
    <section aria-labelledby="doelstellingen" className="baken-section">
      <Heading2 id="doelstellingen">Kwartaaldoelstellingen</Heading2>
      {targets.status === 'loading' ? <Loading what="de kwartaaldoelstellingen" /> : null}
      {targets.status === 'error' ? (
        <ProblemNotice problem={targets.problem} what="Het rapport kwartaaldoelstellingen" />
      ) : null}
      {current ? (
        <>
          <div className="baken-table-scroll" tabIndex={0}>
            <Table className="baken-table baken-targets">
              <TableCaption>
                Kwartaal {current.quarter} van {current.year} ({formatDate(current.periodStart)} tot en met{' '}
                {formatDate(current.periodEnd)}), stand op {formatDate(current.asOf)}
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
            baseName={`kwartaaldoelstellingen-${current.year}-K${current.quarter}`}
            what="Kwartaaldoelstellingen"
            query={{
              year: current.year,
              quarter: current.quarter ?? undefined,
              asOf: current.asOf,
              district: s.district || undefined,
            }}
          />
          <Heading3>Verloop over de kwartalen</Heading3>
          {titles.map(([id, title]) => {
            const points: TargetPoint[] =
              targets.status === 'ok'
                ? targets.data.flatMap((report) =>
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

function EffectsSection({ s }: { s: Selection }) {
  const period = quarterPeriod(s.year, s.quarter);
  const query = {
    from: period.from,
    to: period.to,
    district: s.district || undefined,
    asKnownAt: s.asKnownOn ? endOfDayInstant(s.asKnownOn) : undefined,
  };
  const effects = useQuery(
    () => settle(api.GET('/api/reports/intervention-effects', { params: { query } })),
    `effects-${hrefOf(s)}`,
  );
  return (
    <section aria-labelledby="effecten" className="baken-section">
      <Heading2 id="effecten">Effecten van interventies</Heading2>
      <Paragraph>
        Interventies die in kwartaal {s.quarter} van {s.year} zijn uitgevoerd, met hun laatst vastgelegde effect.
      </Paragraph>
      {effects.status === 'loading' ? <Loading what="de effecten" /> : null}
      {effects.status === 'error' ? (
        <ProblemNotice problem={effects.problem} what="Het rapport effecten van interventies" />
      ) : null}
      {effects.status === 'ok' ? <EffectsReport data={effects.data} /> : null}
      {effects.status === 'ok' ? (
        <Downloads
          path="/api/reports/intervention-effects"
          query={query}
          baseName={`effecten-${s.year}-K${s.quarter}`}
          what="Effecten"
        />
      ) : null}
    </section>
  );
}

function EffectsReport({ data }: { data: InterventionEffects }) {
  const effectKeys = Object.keys(EFFECT).filter((e) => data.rows.some((r) => (r.effects[e] ?? 0) > 0));
  const bars = effectBars(
    data.rows,
    (t) => label(INTERVENTION_TYPE, t),
    (e) => label(EFFECT, e),
    NO_EFFECT_YET,
  );
  const order = [
    ...effectKeys.map((e) => label(EFFECT, e)),
    ...(bars.some((b) => b.effect === NO_EFFECT_YET) ? [NO_EFFECT_YET] : []),
  ];
  if (data.rows.length === 0) return <Paragraph>In deze periode zijn geen interventies uitgevoerd.</Paragraph>;
  return (
    <>
      <Chart caption="Uitgevoerde interventies naar effect" spec={effectsSpec(bars, order)} text={effectsText(bars)} />
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
    </>
  );
}

const STAGE_NAMES: Record<string, string> = {
  receiptToTriage: 'Van ontvangst tot triage',
  triageToCareTable: 'Van triage tot zorgtafel',
  submissionToDecision: 'Van indiening tot besluit stuurploeg',
  executionToFirstEffect: 'Van uitvoering tot eerste effect',
};

const counts = (record: Record<string, number> | undefined, names: Record<string, string>) =>
  Object.entries(record ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${lowerFirst(label(names, k))}: ${n}`)
    .join(', ') || 'geen';

function FlowReport({ data }: { data: Schemas['FlowResponse'] }) {
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
    ['Interventies uitgevoerd', String(data.interventionsExecuted)],
    ['Casussen gesloten', `${data.casesClosed.total} (${counts(data.casesClosed.byOutcome, CLOSE_OUTCOME)})`],
    ['Heropend', `${data.reopenings.total} (${counts(data.reopenings.byReason, REOPEN_REASON)})`],
  ];
  const day = (n: number | null | undefined) =>
    n === null || n === undefined ? '–' : `${String(n).replace('.', ',')} ${n === 1 ? 'dag' : 'dagen'}`;
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

function FlowSection({ s }: { s: Selection }) {
  const period = quarterPeriod(s.year, s.quarter);
  const query = {
    from: period.from,
    to: period.to,
    district: s.district || undefined,
    asKnownAt: s.asKnownOn ? endOfDayInstant(s.asKnownOn) : undefined,
  };
  const flow = useQuery(() => settle(api.GET('/api/reports/flow', { params: { query } })), `flow-${hrefOf(s)}`);
  return (
    <section aria-labelledby="doorstroom" className="baken-section">
      <Heading2 id="doorstroom">Doorstroom van casussen</Heading2>
      {flow.status === 'loading' ? <Loading what="de doorstroom" /> : null}
      {flow.status === 'error' ? (
        <ProblemNotice problem={flow.problem} what="Het rapport doorstroom van casussen" />
      ) : null}
      {flow.status === 'ok' ? <FlowReport data={flow.data} /> : null}
      {flow.status === 'ok' ? (
        <Downloads
          path="/api/reports/flow"
          query={query}
          baseName={`doorstroom-${s.year}-K${s.quarter}`}
          what="Doorstroom"
        />
      ) : null}
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
  useEffect(() => setDraft(selectionOf(new URLSearchParams(key.split('?')[1]), todayInAmsterdam())), [key]);
  const form = useFormErrors(['year', 'quarter', 'district', 'asKnownOn']);
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
          name="year"
          label="Jaar"
          value={String(draft.year)}
          options={years.map((y) => ({ value: y, label: y }))}
          onChange={(v) => setDraft({ ...draft, year: Number(v) })}
        />
        <SelectField
          formId={FORM}
          name="quarter"
          label="Kwartaal"
          value={String(draft.quarter)}
          options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: `Kwartaal ${q}` }))}
          onChange={(v) => setDraft({ ...draft, quarter: Number(v) })}
        />
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
        <DateField
          formId={FORM}
          name="asKnownOn"
          label="Peildatum"
          value={draft.asKnownOn}
          max={today}
          error={form.errors.fields.asKnownOn}
          description="Toon de cijfers zoals ze op deze datum bekend waren. Leeg: zoals nu bekend."
          onChange={(v) => setDraft({ ...draft, asKnownOn: v })}
        />
        <ButtonGroup className="baken-filters__buttons">
          <Button type="submit" appearance="primary-action-button">
            Rapportage tonen
          </Button>
        </ButtonGroup>
      </form>
      {applied.asKnownOn ? (
        <Paragraph className="baken-muted">Cijfers zoals bekend op {formatDate(applied.asKnownOn)}.</Paragraph>
      ) : null}
      <TargetsSection s={applied} />
      <EffectsSection s={applied} />
      <FlowSection s={applied} />
    </>
  );
}
