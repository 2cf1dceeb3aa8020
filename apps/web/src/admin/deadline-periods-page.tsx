import { useEffect, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { ErrorSummary, TextField, useFormErrors } from '../components/fields';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { dutchNumber } from '../components/length-limit';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { api, settle } from '../api/client';
import { DEADLINE_PERIOD_KEYS, type DeadlinePeriodKey, type DeadlinePeriods } from './admin-api';
import { BackToAdmin, ChangedText } from './admin-parts';

const FORM = 'termijnen';
const MAX_DAYS = 3650;

export const DEADLINE_PERIOD: Readonly<Record<DeadlinePeriodKey, { label: string; description: string }>> = {
  triageWorkingDays: {
    label: 'Triage (urgentie normaal of onbekend), werkdagen',
    description: 'Na de datum van ontvangst van het signaal.',
  },
  triageHighWorkingDays: { label: 'Triage bij urgentie hoog, werkdagen', description: 'Na de datum van ontvangst.' },
  triageAcuteWorkingDays: { label: 'Triage bij urgentie acuut, werkdagen', description: 'Na de datum van ontvangst.' },
  forwardFeedbackWorkingDays: {
    label: 'Terugkoppeling na doorverwijzen, werkdagen',
    description: 'Na de triage die de casus doorverwees, tot de partner heeft geantwoord.',
  },
  proposalDecisionDays: {
    label: 'Besluit van de stuurploeg, kalenderdagen',
    description: 'Na het indienen van een voorstel.',
  },
  effectFollowUpDays: {
    label: 'Effect vastleggen, kalenderdagen',
    description: 'Na de uitvoering van een interventie zonder vastgelegd effect.',
  },
};

type Values = Record<DeadlinePeriodKey, string>;
const valuesOf = (periods: DeadlinePeriods): Values =>
  Object.fromEntries(DEADLINE_PERIOD_KEYS.map((key) => [key, String(periods[key] ?? '')])) as Values;

/** `Termijnen`: the periods of the deadlines, in working days (weekends and Dutch public holidays skipped) or days. */
export function DeadlinePeriodsPage() {
  const query = useQuery(() => settle(api.GET('/api/admin/deadline-periods')), 'deadline-periods');
  return (
    <>
      <BackToAdmin />
      <PageHeading title="Termijnen" />
      <Paragraph>
        De termijnen waarbinnen het werk gedaan moet zijn; wat te laat is, staat als te laat in de werkvoorraad en leidt
        tot een melding. Werkdagen slaan weekenden en Nederlandse feestdagen over.
      </Paragraph>
      <Notice type="info">
        Een gewijzigde termijn geldt voor termijnen die vanaf nu beginnen. Lopende termijnen houden de termijn waarmee
        ze begonnen.
      </Notice>
      {query.status === 'loading' ? <Loading what="de termijnen" /> : null}
      {query.status === 'error' ? <ProblemNotice problem={query.problem} what="De termijnen" /> : null}
      {query.status === 'ok' ? <PeriodsForm periods={query.data} reload={query.reload} /> : null}
    </>
  );
}

function PeriodsForm({ periods, reload }: { periods: DeadlinePeriods; reload(): Promise<void> }) {
  const [values, setValues] = useState<Values>(() => valuesOf(periods));
  const [initial, setInitial] = useState<Values>(() => valuesOf(periods));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useFormErrors(DEADLINE_PERIOD_KEYS);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  useUnsavedChanges(dirty);
  useEffect(() => {
    setInitial(valuesOf(periods));
    setValues(valuesOf(periods));
  }, [periods]);
  const labels = Object.fromEntries(DEADLINE_PERIOD_KEYS.map((k) => [k, DEADLINE_PERIOD[k].label]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    for (const key of DEADLINE_PERIOD_KEYS) {
      const n = Number(values[key]);
      if (!values[key].trim()) problems[key] = 'Vul het aantal dagen in.';
      else if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS)
        problems[key] = `Vul een heel getal in van 1 tot en met ${dutchNumber(MAX_DAYS)}.`;
    }
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const body = Object.fromEntries(DEADLINE_PERIOD_KEYS.map((k) => [k, Number(values[k])])) as Record<
      DeadlinePeriodKey,
      number
    >;
    const result = await settle(api.PUT('/api/admin/deadline-periods', { body }));
    setBusy(false);
    if (!result.ok) return form.fromProblem(result.problem);
    form.clear();
    setInitial(values);
    setSaved('De termijnen zijn gewijzigd. Ze gelden voor termijnen die vanaf nu beginnen.');
    await reload();
  };

  return (
    <section className="baken-section" aria-labelledby="termijnen-heading">
      <Heading2 id="termijnen-heading">Termijnen wijzigen</Heading2>
      <Paragraph>
        {periods.changedAt ? (
          <>
            Laatst gewijzigd: <ChangedText changedBy={periods.changedBy} changedAt={periods.changedAt} />
          </>
        ) : (
          'Nog nooit gewijzigd: dit zijn de standaardtermijnen.'
        )}
      </Paragraph>
      {saved ? (
        <Notice type="ok" focus>
          {saved}
        </Notice>
      ) : null}
      <form id={FORM} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={FORM} errors={form.errors} shown={form.shown} labels={labels} />
        {DEADLINE_PERIOD_KEYS.map((key) => (
          <TextField
            key={key}
            formId={FORM}
            name={key}
            type="number"
            label={DEADLINE_PERIOD[key].label}
            description={DEADLINE_PERIOD[key].description}
            required
            value={values[key]}
            error={form.errors.fields[key]}
            onChange={(value) => {
              setSaved(null);
              setValues((v) => ({ ...v, [key]: value }));
            }}
          />
        ))}
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            Termijnen opslaan
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
