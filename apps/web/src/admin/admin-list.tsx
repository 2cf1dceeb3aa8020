import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Button,
  ButtonGroup,
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { ErrorSummary, useFormErrors } from '../components/fields';
import { Loading, Notice, PageHeading, ProblemNotice, type QueryState } from '../components/page';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { confirmLeaving } from '../router';
import { BackToAdmin, PanelHeading } from './admin-parts';

/**
 * The panel open on a list screen (`null`: none) and the notice of the last change. Opening another panel asks first
 * when a form holds unsaved changes; `done` closes the panel, shows the notice and calls `onChanged` (reload the list,
 * forget reference data other screens keep).
 */
export function useAdminPanel<P>(onChanged: () => void) {
  const [panel, setPanel] = useState<P | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return {
    panel,
    saved,
    open(next: P) {
      if (!confirmLeaving()) return;
      setSaved(null);
      setPanel(next);
    },
    close: () => setPanel(null),
    done(message: string) {
      setPanel(null);
      setSaved(message);
      onChanged();
    },
  };
}

/**
 * A panel form's state: its values, `set(field)` for a field's change handler, whether it is being sent, its errors
 * (one per label), and the unsaved-changes guard, which holds while the values differ from `initial`.
 */
export function useFormState<V extends object>(initial: V, labels: Record<string, string>) {
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(Object.keys(labels));
  const unsaved = useUnsavedChanges(JSON.stringify(values) !== JSON.stringify(initial));
  const set =
    <K extends keyof V>(field: K) =>
    (value: V[K]) =>
      setValues((v) => ({ ...v, [field]: value }));
  return { values, setValues, set, busy, setBusy, form, unsaved };
}

/**
 * The frame of an admin list screen: the way back, heading and intro, the notice of the last change, the add button
 * while no panel is open, the open panel, and the table (or its loading or error notice).
 */
export function AdminListPage({
  title,
  intro,
  saved,
  addLabel,
  onAdd,
  panel,
  query,
  loadingWhat,
  errorWhat,
  caption,
  columns,
  rows,
}: {
  title: string;
  intro: ReactNode;
  saved: string | null;
  addLabel: string;
  /** Absent while a panel is open: the add button is then hidden. */
  onAdd?: () => void;
  panel: ReactNode;
  query: QueryState<unknown>;
  /** `de organisaties` in `Bezig met laden van de organisaties`. */
  loadingWhat: string;
  /** `De organisaties` in the notice when they could not be read. */
  errorWhat: string;
  caption: string;
  columns: readonly string[];
  rows: ReactNode;
}) {
  return (
    <>
      <BackToAdmin />
      <PageHeading title={title} />
      {intro}
      {saved ? (
        <Notice type="ok" focus>
          {saved}
        </Notice>
      ) : null}
      {onAdd ? (
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={onAdd}>
            {addLabel}
          </Button>
        </ButtonGroup>
      ) : null}
      {panel}
      {query.status === 'loading' ? <Loading what={loadingWhat} /> : null}
      {query.status === 'error' ? <ProblemNotice problem={query.problem} what={errorWhat} /> : null}
      {query.status === 'ok' ? (
        <div className="baken-table-scroll" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption>{caption}</TableCaption>
            <TableHeader>
              <TableRow>
                {columns.map((column) => (
                  <TableHeaderCell key={column} scope="col">
                    {column}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>{rows}</TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}

/** A row's `Wijzigen` button, named after the row for screen readers: `De Haven wijzigen`. */
export function ChangeButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Button appearance="subtle-button" aria-label={`${name} wijzigen`} onClick={onClick}>
      Wijzigen
    </Button>
  );
}

/**
 * A form in a panel: its heading takes the focus, the error summary heads the form, and `Annuleren` asks first when
 * the form holds unsaved changes.
 */
export function FormPanel({
  formId,
  heading,
  intro,
  onSubmit,
  form,
  labels,
  submitLabel,
  busy,
  onCancel,
  children,
}: {
  formId: string;
  heading: ReactNode;
  /** Text between the heading and the form. */
  intro?: ReactNode;
  onSubmit: (event: FormEvent) => void;
  form: Pick<ReturnType<typeof useFormErrors>, 'errors' | 'shown'>;
  labels: Record<string, string>;
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <section className="baken-section" aria-labelledby={`${formId}-heading`}>
      <PanelHeading id={`${formId}-heading`}>{heading}</PanelHeading>
      {intro}
      <form id={formId} noValidate onSubmit={onSubmit} className="baken-form">
        <ErrorSummary formId={formId} errors={form.errors} shown={form.shown} labels={labels} />
        {children}
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {submitLabel}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => confirmLeaving() && onCancel()}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
