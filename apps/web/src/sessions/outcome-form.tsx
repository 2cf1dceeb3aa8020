import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  Heading4,
} from '@utrecht/component-library-react';
import { api, settle, type Organisation } from '../api/client';
import { CheckboxGroup, DateField, ErrorSummary, fieldId, RadioGroup, TextareaField } from '../components/fields';
import type { Option } from '../components/option';
import { todayInAmsterdam } from '../dates';
import type { Session, SessionAgendaItem } from './session-api';
import {
  ACTION_POINT_DESCRIPTION_MAX,
  actionPointField,
  blankActionPoint,
  checkOutcome,
  CONCLUSIONS_MAX,
  outcomeBody,
  outcomeFields,
  ownerPeople,
  personOption,
  type ActionPointRow,
  type OutcomeValues,
  type PersonLike,
} from './session-form';
import { GroupedSelectField, useCareTableFormErrors } from './session-parts';

const YES_NO: Option[] = [
  { value: 'yes', label: 'Ja' },
  { value: 'no', label: 'Nee' },
];

function labelsFor(rows: number): Record<string, string> {
  const labels: Record<string, string> = {
    heldOn: 'Gehouden op',
    participants: 'Deelnemers',
    conclusions: 'Conclusies',
    victimInformed: 'Slachtoffer geïnformeerd',
  };
  for (let i = 0; i < rows; i++) {
    labels[actionPointField(i, 'description')] = `Actiepunt ${i + 1}, omschrijving`;
    labels[actionPointField(i, 'owner')] = `Actiepunt ${i + 1}, uitvoerder`;
    labels[actionPointField(i, 'dueOn')] = `Actiepunt ${i + 1}, uiterlijk`;
  }
  return labels;
}

/**
 * "Uitkomst vastleggen" for one case of a session's agenda: when it was held, who took part, the conclusions, whether
 * the victim was informed, and the action points agreed, each with an owner (an organisation or a person) and a due
 * date. The invited organisations are offered first; others who joined can be ticked too.
 */
export function OutcomeForm({
  session,
  item,
  organisations,
  people,
  onDone,
  onCancel,
}: {
  session: Session;
  item: SessionAgendaItem;
  /** The organisations that may take part in work on a case of the session's district, by name. */
  organisations: readonly Organisation[];
  people: readonly PersonLike[] | null;
  onDone(): Promise<void>;
  onCancel(): void;
}) {
  const formId = `uitkomst-${item.reference}`;
  const today = todayInAmsterdam();
  const [values, setValues] = useState<OutcomeValues>(() => ({
    heldOn: session.plannedOn <= today ? session.plannedOn : today,
    participants: [],
    conclusions: '',
    victimInformed: '',
    actionPoints: [],
  }));
  const [busy, setBusy] = useState(false);
  const fields = outcomeFields(values.actionPoints.length);
  const form = useCareTableFormErrors(fields);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const name = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
  const invited = new Set(session.invitees);
  const invitedOptions = session.invitees
    .map((id) => ({ value: id, label: name(id) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  const otherOptions = organisations.filter((o) => !invited.has(o.id)).map((o) => ({ value: o.id, label: o.name }));
  const othersChosen = values.participants.filter((p) => !invited.has(p));
  const set = (change: Partial<OutcomeValues>) => setValues((v) => ({ ...v, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkOutcome(values, today);
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = await settle(
      api.POST('/api/care-table-sessions/{sessionId}/cases/{caseId}/outcome', {
        params: { path: { sessionId: session.sessionId, caseId: item.caseId } },
        body: outcomeBody(values),
      }),
    );
    if (result.ok) return onDone();
    setBusy(false);
    form.fromProblem(result.problem);
  };

  return (
    <section aria-labelledby={`${formId}-heading`} className="baken-action-form">
      <Heading4 id={`${formId}-heading`} ref={heading} tabIndex={-1}>
        Uitkomst vastleggen
      </Heading4>
      <form id={formId} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary
          formId={formId}
          errors={form.errors}
          shown={form.shown}
          labels={labelsFor(values.actionPoints.length)}
        />
        <DateField
          formId={formId}
          name="heldOn"
          label="Gehouden op"
          required
          max={today}
          value={values.heldOn}
          error={form.errors.fields.heldOn}
          onChange={(heldOn) => set({ heldOn })}
        />
        <CheckboxGroup
          formId={formId}
          name="participants"
          label="Deelnemers"
          required
          description="De organisaties die aan tafel zaten. Eerst de genodigden."
          values={values.participants.filter((p) => invited.has(p))}
          options={invitedOptions}
          error={form.errors.fields.participants}
          onChange={(chosen) => set({ participants: [...chosen, ...othersChosen] })}
        />
        <details className="baken-details" open={othersChosen.length > 0 || invitedOptions.length === 0}>
          <summary>Andere deelnemers (niet uitgenodigd)</summary>
          <CheckboxGroup
            formId={formId}
            name="otherParticipants"
            label="Andere deelnemers"
            values={othersChosen}
            options={otherOptions}
            onChange={(chosen) =>
              set({ participants: [...values.participants.filter((p) => invited.has(p)), ...chosen] })
            }
          />
        </details>
        <TextareaField
          formId={formId}
          name="conclusions"
          label="Conclusies"
          required
          rows={6}
          maxLength={CONCLUSIONS_MAX}
          value={values.conclusions}
          error={form.errors.fields.conclusions}
          onChange={(conclusions) => set({ conclusions })}
        />
        <RadioGroup
          formId={formId}
          name="victimInformed"
          label="Slachtoffer geïnformeerd"
          value={values.victimInformed}
          options={YES_NO}
          error={form.errors.fields.victimInformed}
          onChange={(v) => set({ victimInformed: v === 'yes' ? 'yes' : 'no' })}
        />
        <ActionPointsField
          formId={formId}
          rows={values.actionPoints}
          errors={form.errors.fields}
          organisations={organisations}
          people={people}
          district={session.district}
          onChange={(actionPoints) => set({ actionPoints })}
        />
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            Uitkomst vastleggen
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

/** The action points agreed: rows of a description, an owner and a due date, to add and remove. */
function ActionPointsField({
  formId,
  rows,
  errors,
  organisations,
  people,
  district,
  onChange,
}: {
  formId: string;
  rows: readonly ActionPointRow[];
  errors: Record<string, string>;
  organisations: readonly Organisation[];
  people: readonly PersonLike[] | null;
  district: string;
  onChange(rows: ActionPointRow[]): void;
}) {
  const organisationName = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
  const groups = [
    { label: 'Organisaties', options: organisations.map((o) => ({ value: o.id, label: o.name })) },
    {
      label: 'Personen',
      options: ownerPeople(people ?? [], district).map((p) => personOption(p, organisationName)),
    },
  ];
  const setRow = (index: number, change: Partial<ActionPointRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const addRef = useRef<HTMLButtonElement>(null);
  const added = useRef(false);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    document.getElementById(fieldId(formId, actionPointField(rows.length - 1, 'description')))?.focus();
  }, [rows.length]);

  return (
    <Fieldset className="baken-fieldset">
      <FieldsetLegend>Actiepunten</FieldsetLegend>
      <FormFieldDescription>Wat is afgesproken, wie het uitvoert en wanneer het klaar moet zijn.</FormFieldDescription>
      <ol className="baken-action-points">
        {rows.map((row, i) => (
          <li key={i} className="baken-action-points__row">
            <Fieldset className="baken-fieldset">
              <FieldsetLegend>Actiepunt {i + 1}</FieldsetLegend>
              <TextareaField
                formId={formId}
                name={actionPointField(i, 'description')}
                label="Omschrijving"
                required
                rows={2}
                maxLength={ACTION_POINT_DESCRIPTION_MAX}
                value={row.description}
                error={errors[actionPointField(i, 'description')]}
                onChange={(description) => setRow(i, { description })}
              />
              <GroupedSelectField
                formId={formId}
                name={actionPointField(i, 'owner')}
                label="Uitvoerder"
                required
                placeholder="Kies een organisatie of persoon"
                value={row.owner}
                groups={groups}
                error={errors[actionPointField(i, 'owner')]}
                onChange={(owner) => setRow(i, { owner })}
              />
              <DateField
                formId={formId}
                name={actionPointField(i, 'dueOn')}
                label="Uiterlijk"
                required
                value={row.dueOn}
                error={errors[actionPointField(i, 'dueOn')]}
                onChange={(dueOn) => setRow(i, { dueOn })}
              />
              <Button
                type="button"
                appearance="subtle-button"
                onClick={() => {
                  onChange(rows.filter((_, j) => j !== i));
                  addRef.current?.focus();
                }}
              >
                Actiepunt {i + 1} verwijderen
              </Button>
            </Fieldset>
          </li>
        ))}
      </ol>
      <Button
        type="button"
        appearance="secondary-action-button"
        ref={addRef}
        onClick={() => {
          added.current = true;
          onChange([...rows, blankActionPoint()]);
        }}
      >
        Actiepunt toevoegen
      </Button>
    </Fieldset>
  );
}
