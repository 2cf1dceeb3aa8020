import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, settle, type Task } from '../api/client';
import { OverdueBadge } from '../components/badges';
import { DateField, ErrorSummary, TextareaField } from '../components/fields';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatDate, todayInAmsterdam } from '../dates';
import { DEADLINE_KIND, label } from '../i18n/labels';
import { AppLink } from '../router';
import { useCareTableFormErrors } from '../sessions/session-parts';
import { checkCompletion, completionBody, queueCaption, taskDescription, taskKey } from './task-text';
import './work-queue.css';

/** The API's limit of a completion's note. */
const NOTE_MAX = 4000;
const COLUMNS = 6;

/**
 * The user's work with its due dates, soonest first: the coordinator's deadlines (and every overdue item of the
 * partners in the district), the stuurploeg's decisions, a partner's action points, effects and forwarded cases. An
 * action point is completed here ("Afronden"); every other task is done on its case.
 */
export function WorkQueuePage() {
  const tasks = useQuery(() => settle(api.GET('/api/me/tasks')), 'tasks');
  const [completing, setCompleting] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The queue follows the event log a moment later: an action point just completed is left out meanwhile.
  const [completed, setCompleted] = useState<ReadonlySet<string>>(new Set());
  const items =
    tasks.status === 'ok' ? tasks.data.items.filter((t) => !(t.actionPointId && completed.has(t.actionPointId))) : [];
  return (
    <>
      <PageHeading title="Werkvoorraad" />
      <Paragraph>Uw taken met hun uiterste datum, de eerstvolgende bovenaan.</Paragraph>
      {message ? (
        <Notice type="ok" focus>
          {message}
        </Notice>
      ) : null}
      {tasks.status === 'loading' ? <Loading what="uw taken" /> : null}
      {tasks.status === 'error' ? <ProblemNotice problem={tasks.problem} what="De werkvoorraad" /> : null}
      {tasks.status === 'ok' && items.length === 0 ? <Paragraph>U heeft geen openstaande taken.</Paragraph> : null}
      {items.length > 0 ? (
        <div className="baken-table-scroll baken-work-queue" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption>{queueCaption(items)}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Casus</TableHeaderCell>
                <TableHeaderCell scope="col">Taak</TableHeaderCell>
                <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
                <TableHeaderCell scope="col">Termijn</TableHeaderCell>
                <TableHeaderCell scope="col">Omschrijving</TableHeaderCell>
                <TableHeaderCell scope="col">
                  <span className="baken-visually-hidden">Actie</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((task) => {
                const key = taskKey(task);
                return (
                  <Fragment key={key}>
                    <TaskRow
                      task={task}
                      rowKey={key}
                      completing={completing === key}
                      onComplete={() => {
                        setMessage(null);
                        setCompleting(key);
                      }}
                    />
                    {completing === key ? (
                      <TableRow className="baken-work-queue__form-row">
                        <TableCell colSpan={COLUMNS}>
                          <CompletionForm
                            task={task}
                            onCancel={() => setCompleting(null)}
                            onDone={async () => {
                              setCompleted((done) => new Set(done).add(task.actionPointId!));
                              await tasks.reload();
                              setCompleting(null);
                              setMessage(`Het actiepunt van ${task.reference} is afgerond.`);
                            }}
                          />
                        </TableCell>
                      </TableRow>
                    ) : null}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}

function TaskRow({
  task,
  rowKey,
  completing,
  onComplete,
}: {
  task: Task;
  rowKey: string;
  completing: boolean;
  onComplete(): void;
}) {
  const descriptionId = `taak-${rowKey}`;
  return (
    <TableRow className={task.overdue ? 'baken-row--overdue' : undefined}>
      <TableCell className="baken-reference">
        <AppLink to={`/casussen/${task.caseId}`}>{task.reference}</AppLink>
      </TableCell>
      <TableCell>{label(DEADLINE_KIND, task.kind)}</TableCell>
      <TableCell>{formatDate(task.dueOn)}</TableCell>
      <TableCell>{task.overdue ? <OverdueBadge /> : 'Op tijd'}</TableCell>
      <TableCell id={descriptionId} className="baken-prewrap">
        {taskDescription(task)}
      </TableCell>
      <TableCell className="baken-work-queue__action">
        {task.kind === 'action_point' && task.actionPointId ? (
          <Button
            appearance="secondary-action-button"
            aria-describedby={descriptionId}
            aria-expanded={completing}
            onClick={onComplete}
          >
            Afronden
          </Button>
        ) : task.kind === 'forward_feedback' ? (
          <AppLink to={`/casussen/${task.caseId}`} aria-describedby={descriptionId}>
            Terugkoppeling geven
          </AppLink>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

const FORM = 'afronden';
const LABELS = { completedOn: 'Afgerond op', note: 'Toelichting' };

/** Records that an action point was done: the date (today unless said otherwise) and an optional note. */
function CompletionForm({ task, onDone, onCancel }: { task: Task; onDone(): Promise<void>; onCancel(): void }) {
  const today = todayInAmsterdam();
  const [values, setValues] = useState({ completedOn: today, note: '' });
  const [busy, setBusy] = useState(false);
  const form = useCareTableFormErrors(Object.keys(LABELS));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkCompletion(values, today, NOTE_MAX);
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = await settle(
      api.POST('/api/cases/{caseId}/action-points/{actionPointId}/completion', {
        params: { path: { caseId: task.caseId, actionPointId: task.actionPointId! } },
        body: completionBody(values),
      }),
    );
    if (result.ok) return onDone();
    setBusy(false);
    form.fromProblem(result.problem);
  };

  return (
    <section aria-labelledby={`${FORM}-heading`} className="baken-work-queue__completion">
      <Heading2 id={`${FORM}-heading`} ref={heading} tabIndex={-1} className="baken-work-queue__form-heading">
        Actiepunt afronden
      </Heading2>
      <Paragraph>
        {task.reference}: {taskDescription(task)}
      </Paragraph>
      <form id={FORM} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={FORM} errors={form.errors} shown={form.shown} labels={LABELS} />
        <DateField
          formId={FORM}
          name="completedOn"
          label={LABELS.completedOn}
          required
          max={today}
          value={values.completedOn}
          error={form.errors.fields.completedOn}
          onChange={(completedOn) => setValues((v) => ({ ...v, completedOn }))}
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
            Afronden
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
