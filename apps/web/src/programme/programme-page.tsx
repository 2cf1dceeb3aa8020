import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { api, settle } from '../api/client';
import type { components } from '../api/schema';
import { useUser } from '../auth/session';
import { Downloads } from '../components/download';
import { DateField, ErrorSummary, SelectField, TextareaField, useFormErrors } from '../components/fields';
import { Loading, Notice, PageHeading, ProblemNotice } from '../components/page';
import { formatDate, todayInAmsterdam } from '../dates';
import {
  checkProgress,
  NOTE_MAX,
  PROGRAMME_WRITERS,
  PROGRESS_STATUS,
  RECORDABLE_STATUSES,
  STATUS_ORDER,
} from './programme-status';
import { ActionForm } from './action-form';
import './programme.css';

type Monitor = components['schemas']['MonitorResponse'];
type MonitorAction = components['schemas']['MonitorActionResponse'];
type ProgrammeAction = components['schemas']['ProgrammeActionResponse'];
type Goal = components['schemas']['ProgrammeGoalResponse'];

export function ProgressBadge({ status }: { status: string }) {
  return (
    <StatusBadge className={`baken-status baken-progress baken-progress--${status}`}>
      {PROGRESS_STATUS[status] ?? status}
    </StatusBadge>
  );
}

/**
 * The programme monitor: the action programme's actions per strategic goal with their status on a date, in colour and
 * in words; an action's history; progress recorded by the programme lead and the administrator, read-only for others.
 */
export function ProgrammePage() {
  const user = useUser();
  const mayWrite = PROGRAMME_WRITERS.includes(user.role);
  const today = todayInAmsterdam();
  const [asOf, setAsOf] = useState(today);
  const [monitor, setMonitor] = useState<Monitor | null>(null);
  const [actions, setActions] = useState<ProgrammeAction[]>([]);
  const [goals, setGoals] = useState<Goal[]>([]);
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<Parameters<typeof ProblemNotice>[0]['problem'] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const validAsOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : today;

  useEffect(() => {
    let current = true;
    void Promise.all([
      settle(api.GET('/api/programme/monitor', { params: { query: { asOf: validAsOf } } })),
      settle(api.GET('/api/programme/actions')),
    ]).then(([m, a]) => {
      if (!current) return;
      if (m.ok && a.ok) {
        setMonitor(m.data as Monitor);
        setActions(a.data.items);
        setGoals(a.data.goals);
        setProblem(null);
      } else setProblem(!m.ok ? m.problem : !a.ok ? a.problem : null);
    });
    return () => {
      current = false;
    };
  }, [validAsOf, generation]);

  const selectedAction = actions.find((a) => a.actionId === selected) ?? null;

  return (
    <>
      <PageHeading title="Programmamonitor" />
      <Paragraph>
        De voortgang van het Actieprogramma Mensenhandel Zeeland-West-Brabant: per strategische doelstelling de acties
        met hun status (groen, oranje, rood, afgerond of nog niet gestart) op de gekozen datum.
        {mayWrite ? '' : ' U kunt de monitor inzien; de ketenregisseur houdt de voortgang bij.'}
      </Paragraph>
      <div className="baken-form baken-filters">
        <DateField
          formId="monitor"
          name="asOf"
          label="Stand op"
          description="De status van elke actie volgens de laatste update op of vóór deze datum."
          max={today}
          value={asOf}
          onChange={setAsOf}
        />
      </div>
      <Downloads
        path="/api/programme/monitor"
        query={{ asOf: validAsOf }}
        baseName={`programmamonitor-${validAsOf}`}
        what="Programmamonitor"
        formats={['xlsx', 'pdf']}
      />
      {saved ? <Notice type="ok">{saved}</Notice> : null}
      {problem ? <ProblemNotice problem={problem} what="De programmamonitor" /> : null}
      {!monitor && !problem ? <Loading what="de programmamonitor" /> : null}
      {mayWrite && !adding ? (
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => (setSaved(null), setAdding(true))}>
            Actie toevoegen
          </Button>
        </ButtonGroup>
      ) : null}
      {mayWrite && adding ? (
        <section className="baken-section" aria-label="Nieuwe actie">
          <ActionForm
            goals={goals}
            onCancel={() => setAdding(false)}
            onSaved={(actionId, message) => {
              setAdding(false);
              setSaved(message);
              setSelected(actionId);
              setGeneration((g) => g + 1);
            }}
          />
        </section>
      ) : null}
      {selectedAction ? (
        <ActionPanel
          key={selectedAction.actionId}
          action={selectedAction}
          goals={goals}
          mayWrite={mayWrite}
          today={today}
          onClose={() => setSelected(null)}
          onSaved={(message) => {
            setSaved(message);
            setGeneration((g) => g + 1);
          }}
        />
      ) : null}
      {monitor ? <MonitorTables monitor={monitor} onOpen={(id) => (setSaved(null), setSelected(id))} /> : null}
    </>
  );
}

function MonitorTables({ monitor, onOpen }: { monitor: Monitor; onOpen(actionId: string): void }) {
  return (
    <>
      <section aria-labelledby="programma-overzicht" className="baken-section">
        <Heading2 id="programma-overzicht">Overzicht per doelstelling</Heading2>
        <div className="baken-table-scroll" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption>Aantal acties per status, stand op {formatDate(monitor.asOf)}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Doelstelling</TableHeaderCell>
                {STATUS_ORDER.map((s) => (
                  <TableHeaderCell scope="col" key={s}>
                    <ProgressBadge status={s} />
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {monitor.goals.map((g) => (
                <TableRow key={g.goal}>
                  <TableHeaderCell scope="row">
                    {g.goal}. {g.title}
                  </TableHeaderCell>
                  {STATUS_ORDER.map((s) => (
                    <TableCell key={s}>{g.counts[s]}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
      {monitor.goals.map((g) => (
        <section key={g.goal} aria-labelledby={`doelstelling-${g.goal}`} className="baken-section">
          <Heading2 id={`doelstelling-${g.goal}`}>
            Doelstelling {g.goal}: {g.title}
          </Heading2>
          <div className="baken-table-scroll" tabIndex={0}>
            <Table className="baken-table">
              <TableCaption>Acties onder doelstelling {g.goal}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Actie</TableHeaderCell>
                  <TableHeaderCell scope="col">Kartrekker</TableHeaderCell>
                  <TableHeaderCell scope="col">Gereed</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">Laatste update</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {monitor.actions
                  .filter((a) => a.goal === g.goal)
                  .map((a) => (
                    <ActionRow key={a.actionId} action={a} onOpen={onOpen} />
                  ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ))}
    </>
  );
}

function ActionRow({ action, onOpen }: { action: MonitorAction; onOpen(actionId: string): void }) {
  const update = action.lastUpdate as { on: string; note: string } | null;
  return (
    <TableRow>
      <TableHeaderCell scope="row">
        <Button appearance="subtle-button" onClick={() => onOpen(action.actionId)}>
          {action.actionId}
        </Button>{' '}
        {action.title}
      </TableHeaderCell>
      <TableCell>{action.owner ?? '–'}</TableCell>
      <TableCell>{action.due ?? '–'}</TableCell>
      <TableCell>
        <ProgressBadge status={action.status} />
      </TableCell>
      <TableCell>{update ? `${formatDate(update.on)}${update.note ? `: ${update.note}` : ''}` : '–'}</TableCell>
    </TableRow>
  );
}

const FORM = 'voortgang';
const LABELS = { on: 'Datum', status: 'Status', note: 'Toelichting' };

/** One action: its history, newest first, and (for the programme lead and the administrator) a new update. */
function ActionPanel({
  action,
  goals,
  mayWrite,
  today,
  onClose,
  onSaved,
}: {
  action: ProgrammeAction;
  goals: readonly Goal[];
  mayWrite: boolean;
  today: string;
  onClose(): void;
  onSaved(message: string): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [values, setValues] = useState({ on: today, status: '', note: '' });
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const form = useFormErrors(Object.keys(LABELS));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkProgress(values, today);
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = await settle(
      api.POST('/api/programme/actions/{actionId}/updates', {
        params: { path: { actionId: action.actionId } },
        body: { on: values.on, status: values.status as (typeof RECORDABLE_STATUSES)[number], note: values.note },
      }),
    );
    setBusy(false);
    if (!result.ok) return form.fromProblem(result.problem);
    form.clear();
    setValues({ on: today, status: '', note: '' });
    onSaved(`Voortgang van actie ${action.actionId} vastgelegd: ${PROGRESS_STATUS[values.status]}.`);
  };

  return (
    <section aria-labelledby="actie-heading" className="baken-section baken-programme__history">
      <Heading2 id="actie-heading" ref={heading} tabIndex={-1}>
        Actie {action.actionId}
      </Heading2>
      <Paragraph>{action.title}</Paragraph>
      <Paragraph>
        Kartrekker: {action.owner ?? 'niet genoemd'} · Gereed: {action.due ?? 'niet genoemd'}
      </Paragraph>
      {action.source ? <Paragraph>Bron: {action.source}</Paragraph> : null}
      {mayWrite && editing ? (
        <ActionForm
          action={action}
          goals={goals}
          onCancel={() => setEditing(false)}
          onSaved={(_, message) => {
            setEditing(false);
            onSaved(message);
          }}
        />
      ) : null}
      {mayWrite && !editing ? (
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
            Actie wijzigen
          </Button>
        </ButtonGroup>
      ) : null}
      <Heading3>Geschiedenis</Heading3>
      {action.updates.length === 0 ? (
        <Paragraph>Nog geen voortgang vastgelegd.</Paragraph>
      ) : (
        <UnorderedList>
          {[...action.updates].reverse().map((u, i) => (
            <UnorderedListItem key={i}>
              {formatDate(u.on)}: <ProgressBadge status={u.status} /> {u.note} (door {u.by})
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {mayWrite ? (
        <>
          <Heading3>Voortgang vastleggen</Heading3>
          <form id={FORM} noValidate onSubmit={submit} className="baken-form">
            <ErrorSummary formId={FORM} errors={form.errors} shown={form.shown} labels={LABELS} />
            <DateField
              formId={FORM}
              name="on"
              label={LABELS.on}
              required
              max={today}
              value={values.on}
              error={form.errors.fields.on}
              onChange={(on) => setValues((v) => ({ ...v, on }))}
            />
            <SelectField
              formId={FORM}
              name="status"
              label={LABELS.status}
              required
              placeholder="Kies een status"
              options={RECORDABLE_STATUSES.map((s) => ({ value: s, label: PROGRESS_STATUS[s] }))}
              value={values.status}
              error={form.errors.fields.status}
              onChange={(status) => setValues((v) => ({ ...v, status }))}
            />
            <TextareaField
              formId={FORM}
              name="note"
              label={LABELS.note}
              rows={3}
              maxLength={NOTE_MAX}
              value={values.note}
              error={form.errors.fields.note}
              onChange={(note) => setValues((v) => ({ ...v, note }))}
            />
            <ButtonGroup className="baken-form__actions">
              <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
                Voortgang vastleggen
              </Button>
            </ButtonGroup>
          </form>
        </>
      ) : null}
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={onClose}>
          Sluiten
        </Button>
      </ButtonGroup>
    </section>
  );
}
