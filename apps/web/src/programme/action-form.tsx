import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading3 } from '@utrecht/component-library-react';
import { api, settle } from '../api/client';
import type { components } from '../api/schema';
import { ErrorSummary, SelectField, TextField, useFormErrors } from '../components/fields';

type ProgrammeAction = components['schemas']['ProgrammeActionResponse'];
type Goal = components['schemas']['ProgrammeGoalResponse'];

const LABELS = { actionId: 'Nummer', goal: 'Doelstelling', title: 'Omschrijving', owner: 'Kartrekker', due: 'Gereed' };

/** Adds an action (without `action`) or changes one (programme lead, admin). */
export function ActionForm({
  action,
  goals,
  onSaved,
  onCancel,
}: {
  action?: ProgrammeAction;
  goals: readonly Goal[];
  onSaved(actionId: string, message: string): void;
  onCancel(): void;
}) {
  const formId = action ? 'actie-wijzigen' : 'actie-toevoegen';
  const [values, setValues] = useState({
    actionId: action?.actionId ?? '',
    goal: action ? String(action.goal) : '',
    title: action?.title ?? '',
    owner: action?.owner ?? '',
    due: action?.due ?? '',
  });
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(Object.keys(LABELS));
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!action && !values.actionId.trim()) problems.actionId = 'Vul het nummer in, bijvoorbeeld A7.1.';
    if (!values.goal) problems.goal = 'Kies een doelstelling.';
    if (values.title.trim().length < 3) problems.title = 'Vul de omschrijving in.';
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const fields = {
      goal: Number(values.goal),
      title: values.title.trim(),
      owner: values.owner.trim() || null,
      due: values.due.trim() || null,
      source: action?.source ?? null,
    };
    const result = action
      ? await settle(
          api.PUT('/api/programme/actions/{actionId}', {
            params: { path: { actionId: action.actionId } },
            body: fields,
          }),
        )
      : await settle(api.POST('/api/programme/actions', { body: { ...fields, actionId: values.actionId.trim() } }));
    setBusy(false);
    if (!result.ok) return form.fromProblem(result.problem);
    const id = result.data.actionId;
    onSaved(id, action ? `Actie ${id} gewijzigd.` : `Actie ${id} toegevoegd.`);
  };

  return (
    <>
      <Heading3>{action ? 'Actie wijzigen' : 'Actie toevoegen'}</Heading3>
      <form id={formId} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={formId} errors={form.errors} shown={form.shown} labels={LABELS} />
        {action ? null : (
          <TextField
            formId={formId}
            name="actionId"
            label={LABELS.actionId}
            required
            description="Bijvoorbeeld A7.1: de doelstelling en een volgnummer."
            maxLength={20}
            value={values.actionId}
            error={form.errors.fields.actionId}
            onChange={set('actionId')}
          />
        )}
        <SelectField
          formId={formId}
          name="goal"
          label={LABELS.goal}
          required
          placeholder="Kies een doelstelling"
          options={goals.map((g) => ({ value: String(g.goal), label: `${g.goal}. ${g.title}` }))}
          value={values.goal}
          error={form.errors.fields.goal}
          onChange={set('goal')}
        />
        <TextField
          formId={formId}
          name="title"
          label={LABELS.title}
          required
          maxLength={400}
          value={values.title}
          error={form.errors.fields.title}
          onChange={set('title')}
        />
        <TextField
          formId={formId}
          name="owner"
          label={LABELS.owner}
          maxLength={200}
          value={values.owner}
          error={form.errors.fields.owner}
          onChange={set('owner')}
        />
        <TextField
          formId={formId}
          name="due"
          label={LABELS.due}
          description="Zoals het programma het schrijft, bijvoorbeeld Q2|2022, 2022 of doorlopend."
          maxLength={60}
          value={values.due}
          error={form.errors.fields.due}
          onChange={set('due')}
        />
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {action ? 'Wijziging opslaan' : 'Actie toevoegen'}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
