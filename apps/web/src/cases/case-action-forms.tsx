import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { CaseDetail, User } from '../api/client';
import type { Problem } from '../api/problems';
import {
  CheckboxGroup,
  DateField,
  ErrorSummary,
  MeasuresField,
  RadioGroup,
  SelectField,
  TextareaField,
  TextField,
  useFormErrors,
} from '../components/fields';
import { tooLong } from '../components/length-limit';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { isIsoDate, todayInAmsterdam } from '../dates';
import { usePeople } from '../people/use-people';
import { organisationsFor, useDistricts, useInterventionTypes, useOrganisations } from '../reference-data';
import {
  ACTION_LABEL,
  list,
  rows,
  specFor,
  str,
  type CaseAction,
  type FieldSpec,
  type Value,
  type Values,
} from './case-actions';

function initialValues(fields: FieldSpec[]): Values {
  return Object.fromEntries(
    fields.map((f): [string, Value] => [f.name, f.kind === 'checkboxes' ? [...(f.initial ?? [])] : (f.initial ?? '')]),
  );
}

const isEmpty = (f: FieldSpec, v: Value | undefined) =>
  f.kind === 'measures' ? rows(v).length === 0 : Array.isArray(v) ? v.length === 0 : !str(v).trim();

export interface ActionFormProps {
  action: CaseAction;
  caseDetail: CaseDetail;
  user: User;
  onDone(message: string): void | Promise<void>;
  /** 412: the case changed since it was loaded. */
  onConflict(): void | Promise<void>;
  onCancel(): void;
}

/** The form behind one of the case's action buttons. Sends `If-Match` with the version the user saw. */
export function ActionForm({ action, caseDetail, user, onDone, onConflict, onCancel }: ActionFormProps) {
  const organisations = organisationsFor(useOrganisations(), useDistricts(), caseDetail.district);
  const coordinators = usePeople(
    action === 'AssignCoordinator' ? { role: 'coordinator', district: caseDetail.district } : null,
  );
  const interventionTypes = useInterventionTypes();
  const spec = specFor(action, caseDetail, user, {
    organisations,
    interventionTypes,
    coordinators: coordinators.people ?? (coordinators.failed ? 'failed' : 'loading'),
  });
  const formId = `actie-${action}`;
  const [initial] = useState<Values>(() => initialValues(spec.fields));
  const [values, setValues] = useState<Values>(initial);
  const [busy, setBusy] = useState(false);
  const unsaved = useUnsavedChanges(JSON.stringify(values) !== JSON.stringify(initial));
  const labels = Object.fromEntries(spec.fields.map((f) => [f.name, f.label]));
  const form = useFormErrors(spec.fields.map((f) => f.name));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [action]);
  const today = todayInAmsterdam();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    for (const f of spec.fields) {
      const v = values[f.name];
      if (f.required && isEmpty(f, v)) {
        problems[f.name] =
          f.kind === 'checkboxes' || f.kind === 'measures'
            ? `Kies minstens één waarde bij ${f.label.toLowerCase()}.`
            : `Vul ${f.label.toLowerCase()} in.`;
        if (f.kind === 'select' || f.kind === 'radio') problems[f.name] = `Kies ${f.label.toLowerCase()}.`;
      } else if ((f.kind === 'text' || f.kind === 'textarea') && f.maxLength && tooLong(str(v), f.maxLength))
        problems[f.name] = tooLong(str(v), f.maxLength)!;
      else if (f.kind === 'date' && str(v) && !isIsoDate(str(v))) problems[f.name] = 'Vul een geldige datum in.';
      else if (f.kind === 'date' && !f.future && str(v) > today)
        problems[f.name] = 'De datum mag niet in de toekomst liggen.';
    }
    Object.assign(problems, Object.keys(problems).length ? {} : (spec.check?.(values) ?? {}));
    if (Object.keys(problems).length) {
      form.fromChecks(problems);
      return;
    }
    setBusy(true);
    const result = await spec.send(values);
    if (result.ok) {
      unsaved.saved();
      await onDone(spec.done);
      return;
    }
    if (result.problem.status === 412) {
      // The form closes and the newest version of the case is shown: what was typed is gone by design.
      unsaved.saved();
      await onConflict();
      return;
    }
    setBusy(false);
    form.fromProblem(result.problem as Problem);
  };

  const set = (name: string, value: Value) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <section aria-labelledby={`${formId}-heading`} className="baken-action-form" id={`${formId}-section`}>
      <Heading2 id={`${formId}-heading`} ref={heading} tabIndex={-1}>
        {ACTION_LABEL[action]}
      </Heading2>
      {spec.intro ? <Paragraph>{spec.intro}</Paragraph> : null}
      <form id={formId} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={formId} errors={form.errors} shown={form.shown} labels={labels} />
        {spec.fields.map((f) => {
          const common = {
            formId,
            name: f.name,
            label: f.label,
            required: f.required,
            description: f.description,
            error: form.errors.fields[f.name],
          };
          switch (f.kind) {
            case 'date':
              return (
                <DateField
                  key={f.name}
                  {...common}
                  value={str(values[f.name])}
                  max={f.future ? undefined : today}
                  onChange={(v) => set(f.name, v)}
                />
              );
            case 'text':
              return (
                <TextField
                  key={f.name}
                  {...common}
                  value={str(values[f.name])}
                  maxLength={f.maxLength}
                  onChange={(v) => set(f.name, v)}
                />
              );
            case 'textarea':
              return (
                <TextareaField
                  key={f.name}
                  {...common}
                  value={str(values[f.name])}
                  maxLength={f.maxLength}
                  onChange={(v) => set(f.name, v)}
                />
              );
            case 'select':
              return (
                <SelectField
                  key={f.name}
                  {...common}
                  value={str(values[f.name])}
                  options={f.options}
                  placeholder="Maak een keuze"
                  onChange={(v) => set(f.name, v)}
                />
              );
            case 'radio':
              return (
                <RadioGroup
                  key={f.name}
                  {...common}
                  value={str(values[f.name])}
                  options={f.options}
                  onChange={(v) => set(f.name, v)}
                />
              );
            case 'checkboxes':
              return (
                <CheckboxGroup
                  key={f.name}
                  {...common}
                  values={list(values[f.name])}
                  options={f.options}
                  onChange={(v) => set(f.name, v)}
                />
              );
            case 'measures':
              return (
                <MeasuresField
                  key={f.name}
                  {...common}
                  values={rows(values[f.name])}
                  types={f.types}
                  organisations={f.organisations}
                  onChange={(v) => set(f.name, v)}
                />
              );
          }
        })}
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {ACTION_LABEL[action]}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
