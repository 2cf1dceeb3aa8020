import type { FormEvent } from 'react';
import { CheckboxGroup, DateField, RadioGroup, SelectField, TextareaField, TextField } from '../components/fields';
import { tooLongFields } from '../components/length-limit';
import { EXPLOITATION_FORM, INTERVENTION_LEVEL, INTERVENTION_TYPE, optionsOf, VULNERABILITY } from '../i18n/labels';
import { useInterventionTypes, useOrganisations } from '../reference-data';
import { api, settle } from '../api/client';
import { FormPanel, useFormState } from './admin-list';
import type { Target, TargetEvent } from './admin-api';
import {
  checkTarget,
  ID_MAX,
  INTERVENTION_EVENTS,
  REASON_MAX,
  TARGET_EVENT,
  TARGET_PERIOD_NAME,
  targetChange,
  targetCreation,
  targetFormValues,
  TITLE_MAX,
  type TargetFormValues,
} from './targets';

const LABELS = {
  id: 'Code',
  title: 'Naam',
  event: 'Telt',
  period: 'Periode',
  minimum: 'Minimum per district',
  forms: 'Alleen casussen met uitbuitingsvorm',
  vulnerabilities: 'Alleen casussen met kwetsbaarheid',
  interventionTypes: 'Alleen interventies van soort',
  interventionLevels: 'Alleen interventies op niveau',
  organisations: 'Alleen interventies waarbij betrokken',
  validFrom: 'Geldig vanaf',
  validUntil: 'Geldig tot en met',
  reason: 'Reden van de wijziging',
};

/** Adds a target (without `target`) or changes one; a change may say why. */
export function TargetForm({
  target,
  onSaved,
  onCancel,
}: {
  target?: Target;
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const isNew = !target;
  const formId = isNew ? 'doelstelling-toevoegen' : 'doelstelling-wijzigen';
  const initial = targetFormValues(target);
  const { values, set, busy, setBusy, form, unsaved } = useFormState<TargetFormValues>(initial, LABELS);
  const organisations = useOrganisations();
  const catalogue = useInterventionTypes();
  // The administrator's catalogue, retired types marked (they still name past work); the built-in types until it loads.
  const interventionTypeOptions = catalogue
    ? catalogue.map((t) => ({ value: t.type, label: t.retired ? `${t.label} (vervallen)` : t.label }))
    : optionsOf(INTERVENTION_TYPE);
  const intervention = INTERVENTION_EVENTS.includes(values.event as TargetEvent);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      ...checkTarget(values, isNew),
      ...tooLongFields(values as unknown as Record<string, string>, {
        id: isNew ? ID_MAX : undefined,
        title: TITLE_MAX,
        reason: isNew ? undefined : REASON_MAX,
      }),
    };
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = isNew
      ? await settle(api.POST('/api/admin/targets', { body: targetCreation(values) }))
      : await settle(
          api.PUT('/api/admin/targets/{id}', { params: { path: { id: target.id } }, body: targetChange(values) }),
        );
    setBusy(false);
    if (!result.ok)
      return isNew && result.problem.status === 409
        ? form.fromChecks({ id: 'Er bestaat al een doelstelling met deze code. Kies een andere code.' })
        : form.fromProblem(result.problem);
    unsaved.saved();
    onSaved(
      isNew ? `Doelstelling ${values.title.trim()} toegevoegd.` : `Doelstelling ${values.title.trim()} gewijzigd.`,
    );
  };

  return (
    <FormPanel
      formId={formId}
      heading={isNew ? 'Doelstelling toevoegen' : `${target.title} wijzigen`}
      onSubmit={submit}
      form={form}
      labels={LABELS}
      submitLabel={isNew ? 'Doelstelling toevoegen' : 'Wijziging opslaan'}
      busy={busy}
      onCancel={onCancel}
    >
      {isNew ? (
        <TextField
          formId={formId}
          name="id"
          label={LABELS.id}
          required
          description="Kleine letters en cijfers, woorden gescheiden door een streepje; later niet te wijzigen."
          maxLength={ID_MAX}
          value={values.id}
          error={form.errors.fields.id}
          onChange={set('id')}
        />
      ) : null}
      <TextField
        formId={formId}
        name="title"
        label={LABELS.title}
        required
        description="Zoals de rapportages haar tonen."
        maxLength={TITLE_MAX}
        value={values.title}
        error={form.errors.fields.title}
        onChange={set('title')}
      />
      <SelectField
        formId={formId}
        name="event"
        label={LABELS.event}
        required
        placeholder="Kies wat er geteld wordt"
        options={optionsOf(TARGET_EVENT)}
        value={values.event}
        error={form.errors.fields.event}
        onChange={set('event')}
      />
      <RadioGroup
        formId={formId}
        name="period"
        label={LABELS.period}
        required
        options={optionsOf(TARGET_PERIOD_NAME)}
        value={values.period}
        error={form.errors.fields.period}
        onChange={set('period')}
      />
      <TextField
        formId={formId}
        name="minimum"
        label={LABELS.minimum}
        required
        type="number"
        description="Het aantal dat elk district per periode minstens haalt."
        value={values.minimum}
        error={form.errors.fields.minimum}
        onChange={set('minimum')}
      />
      <CheckboxGroup
        formId={formId}
        name="forms"
        label={LABELS.forms}
        description="Niets aangevinkt: alle casussen tellen mee."
        options={optionsOf(EXPLOITATION_FORM)}
        values={values.forms}
        error={form.errors.fields.forms}
        onChange={set('forms')}
      />
      <CheckboxGroup
        formId={formId}
        name="vulnerabilities"
        label={LABELS.vulnerabilities}
        description="Niets aangevinkt: alle casussen tellen mee."
        options={optionsOf(VULNERABILITY)}
        values={values.vulnerabilities}
        error={form.errors.fields.vulnerabilities}
        onChange={set('vulnerabilities')}
      />
      {intervention ? (
        <>
          <CheckboxGroup
            formId={formId}
            name="interventionTypes"
            label={LABELS.interventionTypes}
            description="Niets aangevinkt: elke soort telt mee."
            options={interventionTypeOptions}
            values={values.interventionTypes}
            error={form.errors.fields.interventionTypes}
            onChange={set('interventionTypes')}
          />
          <CheckboxGroup
            formId={formId}
            name="interventionLevels"
            label={LABELS.interventionLevels}
            description="Niets aangevinkt: elk niveau telt mee."
            options={optionsOf(INTERVENTION_LEVEL)}
            values={values.interventionLevels}
            error={form.errors.fields.interventionLevels}
            onChange={set('interventionLevels')}
          />
          <CheckboxGroup
            formId={formId}
            name="organisations"
            label={LABELS.organisations}
            description="Als leidende of deelnemende organisatie. Niets aangevinkt: elke organisatie telt mee."
            options={(organisations ?? [])
              .filter((o) => o.kind !== 'municipality' || values.organisations.includes(o.id))
              .map((o) => ({ value: o.id, label: o.name }))}
            values={values.organisations}
            error={form.errors.fields.organisations}
            onChange={set('organisations')}
          />
        </>
      ) : null}
      <DateField
        formId={formId}
        name="validFrom"
        label={LABELS.validFrom}
        description="Leeg: altijd al geldig. Buiten de geldigheid is de status ‘niet van toepassing’, nooit rood."
        value={values.validFrom}
        error={form.errors.fields.validFrom}
        onChange={set('validFrom')}
      />
      <DateField
        formId={formId}
        name="validUntil"
        label={LABELS.validUntil}
        description="Leeg: geldig zonder einde."
        value={values.validUntil}
        error={form.errors.fields.validUntil}
        onChange={set('validUntil')}
      />
      {isNew ? null : (
        <TextareaField
          formId={formId}
          name="reason"
          label={LABELS.reason}
          rows={3}
          maxLength={REASON_MAX}
          value={values.reason}
          error={form.errors.fields.reason}
          onChange={set('reason')}
        />
      )}
    </FormPanel>
  );
}
