import { useEffect, useRef, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { DateField, TextareaField } from '../components/fields';
import { tooLongFields } from '../components/length-limit';
import { Loading, ProblemNotice, useQuery } from '../components/page';
import { formatDate } from '../dates';
import {
  EXPLOITATION_FORM,
  INTERVENTION_LEVEL,
  INTERVENTION_TYPE,
  label,
  phraseOf,
  VULNERABILITY,
} from '../i18n/labels';
import { usePeople } from '../people/use-people';
import { organisationName, useOrganisations } from '../reference-data';
import { api, settle } from '../api/client';
import { itemsOf, type Target } from './admin-api';
import { AdminListPage, ChangeButton, FormPanel, useAdminPanel, useFormState } from './admin-list';
import { ChangedText, changedWhen } from './admin-parts';
import { TargetForm } from './target-form';
import { REASON_MAX, TARGET_EVENT, TARGET_PERIOD_NAME } from './targets';

type Panel = { kind: 'add' } | { kind: 'change' | 'retire' | 'history'; id: string };

/** The targets' filters in one phrase: `Seksuele uitbuiting; Stopgesprek`, or `Geen`. */
function filtersOf(target: Target, organisationNames: (id: string) => string): string {
  const parts = [
    target.forms?.length ? phraseOf(target.forms.map((f) => label(EXPLOITATION_FORM, f))) : null,
    target.vulnerabilities?.length ? phraseOf(target.vulnerabilities.map((v) => label(VULNERABILITY, v))) : null,
    target.interventionTypes?.length
      ? phraseOf(target.interventionTypes.map((t) => label(INTERVENTION_TYPE, t)))
      : null,
    target.interventionLevels?.length
      ? phraseOf(target.interventionLevels.map((l) => label(INTERVENTION_LEVEL, l)))
      : null,
    target.organisations?.length ? phraseOf(target.organisations.map(organisationNames)) : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'Geen';
}

function validityOf(target: Pick<Target, 'validFrom' | 'validUntil'>): string {
  if (target.validFrom && target.validUntil)
    return `${formatDate(target.validFrom)} tot en met ${formatDate(target.validUntil)}`;
  if (target.validFrom) return `Vanaf ${formatDate(target.validFrom)}`;
  if (target.validUntil) return `Tot en met ${formatDate(target.validUntil)}`;
  return 'Altijd';
}

const statusOf = (target: Target) =>
  `Beëindigd${target.retiredOn ? `, laatste dag ${formatDate(target.retiredOn)}` : ''}`;

/**
 * `Doelstellingen`: the targets the reports monitor, added, changed and retired by the administrator. Every change is
 * kept, so a past report reads the targets as they were; each target's history shows them.
 */
export function TargetsPage() {
  const query = useQuery(() => itemsOf(settle(api.GET('/api/admin/targets'))), 'targets');
  const organisations = useOrganisations();
  const { panel, saved, open, close, done } = useAdminPanel<Panel>(() => void query.reload());
  const targets = query.status === 'ok' ? query.data : [];
  const selected = panel && panel.kind !== 'add' ? targets.find((t) => t.id === panel.id) : undefined;

  return (
    <AdminListPage
      title="Doelstellingen"
      intro={
        <Paragraph>
          Een doelstelling telt één soort gebeurtenis per district, per kwartaal of per jaar, eventueel alleen voor
          bepaalde uitbuitingsvormen, kwetsbaarheden, interventies of organisaties, met een minimum en een geldigheid.
          Een wijziging geldt vanaf nu; rapportages over het verleden lezen de doelstelling zoals ze toen was.
        </Paragraph>
      }
      saved={saved}
      addLabel="Doelstelling toevoegen"
      onAdd={panel === null ? () => open({ kind: 'add' }) : undefined}
      panel={
        <>
          {panel?.kind === 'add' ? <TargetForm onSaved={done} onCancel={close} /> : null}
          {panel?.kind === 'change' && selected ? (
            <TargetForm key={selected.id} target={selected} onSaved={done} onCancel={close} />
          ) : null}
          {panel?.kind === 'retire' && selected ? (
            <RetireTarget key={selected.id} target={selected} onSaved={done} onCancel={close} />
          ) : null}
          {panel?.kind === 'history' && selected ? (
            <TargetHistory key={selected.id} target={selected} onClose={close} />
          ) : null}
        </>
      }
      query={query}
      loadingWhat="de doelstellingen"
      errorWhat="De doelstellingen"
      caption={`Doelstellingen (${targets.length})`}
      columns={['Doelstelling', 'Telt', 'Minimum', 'Filters', 'Geldig', 'Laatst gewijzigd', 'Acties']}
      rows={targets.map((t) => (
        <TableRow key={t.id}>
          <TableHeaderCell scope="row">
            {t.title} <span className="baken-muted">({t.id})</span>
          </TableHeaderCell>
          <TableCell>{label(TARGET_EVENT, t.event)}</TableCell>
          <TableCell>
            {t.minimum} {label(TARGET_PERIOD_NAME, t.period).toLowerCase()}
          </TableCell>
          <TableCell>{filtersOf(t, (id) => organisationName(organisations, id))}</TableCell>
          <TableCell>
            {validityOf(t)}
            {t.retired ? (
              <>
                <br />
                <strong>{statusOf(t)}</strong>
              </>
            ) : null}
          </TableCell>
          <TableCell>
            <ChangedText changedBy={t.changedBy ?? t.createdBy} changedAt={t.changedAt ?? t.createdAt} />
          </TableCell>
          <TableCell>
            <ButtonGroup className="baken-row-actions">
              {t.retired ? null : (
                <>
                  <ChangeButton name={t.title} onClick={() => open({ kind: 'change', id: t.id })} />
                  <Button
                    appearance="subtle-button"
                    aria-label={`${t.title} beëindigen`}
                    onClick={() => open({ kind: 'retire', id: t.id })}
                  >
                    Beëindigen
                  </Button>
                </>
              )}
              <Button
                appearance="subtle-button"
                aria-label={`Geschiedenis van ${t.title}`}
                onClick={() => open({ kind: 'history', id: t.id })}
              >
                Geschiedenis
              </Button>
            </ButtonGroup>
          </TableCell>
        </TableRow>
      ))}
    />
  );
}

const RETIRE = 'doelstelling-beeindigen';
const RETIRE_LABELS = { lastDay: 'Laatste dag', reason: 'Reden' };

/** Retires a target: from the day after its last day it no longer applies; its history stays. */
function RetireTarget({
  target,
  onSaved,
  onCancel,
}: {
  target: Target;
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const { values, setValues, busy, setBusy, form, unsaved } = useFormState({ lastDay: '', reason: '' }, RETIRE_LABELS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {
      ...(values.reason.trim() ? {} : { reason: 'Vul de reden in.' }),
      ...tooLongFields(values, { reason: REASON_MAX }),
    };
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = await settle(
      api.POST('/api/admin/targets/{id}/retirement', {
        params: { path: { id: target.id } },
        body: { ...(values.lastDay ? { lastDay: values.lastDay } : {}), reason: values.reason.trim() },
      }),
    );
    setBusy(false);
    if (!result.ok) return form.fromProblem(result.problem);
    unsaved.saved();
    onSaved(`Doelstelling ${target.title} beëindigd.`);
  };
  return (
    <FormPanel
      formId={RETIRE}
      heading={`${target.title} beëindigen`}
      intro={
        <Paragraph>
          Na de laatste dag telt de doelstelling niet meer mee; rapportages over de periode daarvoor tonen haar nog.
        </Paragraph>
      }
      onSubmit={submit}
      form={form}
      labels={RETIRE_LABELS}
      submitLabel="Doelstelling beëindigen"
      busy={busy}
      onCancel={onCancel}
    >
      <DateField
        formId={RETIRE}
        name="lastDay"
        label={RETIRE_LABELS.lastDay}
        description="Leeg: vandaag is de laatste dag."
        value={values.lastDay}
        error={form.errors.fields.lastDay}
        onChange={(lastDay) => setValues((v) => ({ ...v, lastDay }))}
      />
      <TextareaField
        formId={RETIRE}
        name="reason"
        label={RETIRE_LABELS.reason}
        required
        rows={3}
        maxLength={REASON_MAX}
        value={values.reason}
        error={form.errors.fields.reason}
        onChange={(reason) => setValues((v) => ({ ...v, reason }))}
      />
    </FormPanel>
  );
}

const HISTORY_KIND: Record<string, string> = {
  defined: 'Vastgesteld',
  changed: 'Gewijzigd',
  retired: 'Beëindigd',
};

/** A target's versions, newest first: what changed, who did it, when and why. */
function TargetHistory({ target, onClose }: { target: Target; onClose(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const people = usePeople();
  const history = useQuery(
    () => itemsOf(settle(api.GET('/api/admin/targets/{id}/history', { params: { path: { id: target.id } } }))),
    target.id,
  );
  return (
    <section className="baken-section" aria-labelledby="doelstelling-geschiedenis">
      <Heading2 id="doelstelling-geschiedenis" ref={heading} tabIndex={-1}>
        Geschiedenis van {target.title}
      </Heading2>
      {history.status === 'loading' ? <Loading what="de geschiedenis" /> : null}
      {history.status === 'error' ? <ProblemNotice problem={history.problem} what="De geschiedenis" /> : null}
      {history.status === 'ok' ? (
        <UnorderedList>
          {[...history.data].reverse().map((entry) => (
            <UnorderedListItem key={entry.version}>
              <strong>
                {HISTORY_KIND[entry.kind] ?? entry.kind} door {people.name(entry.by)}, {changedWhen(entry.at)}
              </strong>
              {entry.reason ? `: ${entry.reason}` : ''}. {label(TARGET_EVENT, entry.target.event)},{' '}
              {label(TARGET_PERIOD_NAME, entry.target.period).toLowerCase()}, minimum {entry.target.minimum}, geldig{' '}
              {validityOf(entry.target).toLowerCase()}.
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={onClose}>
          Sluiten
        </Button>
      </ButtonGroup>
    </section>
  );
}
