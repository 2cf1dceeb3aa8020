import type { Option } from './option';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { messagesFor, type Problem } from '../api/problems';
import { lengthState, TOO_LONG_PREFIX, type LengthState } from './length-limit';

/** The id of a field's input: the form's id and the API's field path (`source.type` → `signaal-source-type`). */
export const fieldId = (formId: string, field: string) => `${formId}-${field.replace(/[^a-zA-Z0-9]+/g, '-')}`;

interface FieldBase {
  formId: string;
  /** The API's field path; validation errors of the API name it. */
  name: string;
  label: string;
  required?: boolean;
  description?: string;
  error?: string;
}

function RequiredMarker({ required }: { required?: boolean }) {
  // Hidden from the accessible name: the input itself says it is required (aria-required), so it is not read twice.
  return required ? (
    <span className="baken-required" aria-hidden="true">
      {' '}
      (verplicht)
    </span>
  ) : null;
}

function describedBy(id: string, description?: string, error?: string, counted?: boolean): string | undefined {
  const ids = [
    description ? `${id}-description` : null,
    error ? `${id}-error` : null,
    counted ? `${id}-count` : null,
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * A text field's length against its limit, and the error to show: a text over the limit says so while it is typed or
 * pasted; the form's own message about the length goes once the text fits again.
 */
function limitOf(value: string, maxLength: number | undefined, error: string | undefined) {
  const length = maxLength === undefined ? null : lengthState(value, maxLength);
  const shown =
    length?.state === 'over' ? (length.message ?? undefined) : error?.startsWith(TOO_LONG_PREFIX) ? undefined : error;
  return { length, error: shown };
}

/** "n / max tekens" below a field with a limit; at the limit it says so, over it the count shows as an error. */
function LengthCounter({ id, length }: { id: string; length: LengthState }) {
  return (
    <>
      <div id={`${id}-count`} className={`utrecht-form-field-description baken-counter baken-counter--${length.state}`}>
        {length.counter}
        {length.state === 'full' ? ` – ${length.message}` : null}
      </div>
      {/* Said once by screen readers when the limit is reached or passed, not at every keystroke below it. */}
      <div className="baken-visually-hidden" role="status">
        {length.message}
      </div>
    </>
  );
}

function Shell({
  id,
  label,
  required,
  description,
  error,
  children,
  type,
  after,
}: {
  id: string;
  label: string;
  required?: boolean;
  description?: string;
  error?: string;
  children: ReactNode;
  type?: string;
  /** Shown below the input, e.g. a length counter. */
  after?: ReactNode;
}) {
  return (
    <FormField invalid={Boolean(error)} type={type}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {label}
          <RequiredMarker required={required} />
        </FormLabel>
      </div>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">{children}</div>
      {after}
    </FormField>
  );
}

export function TextField(
  props: FieldBase & {
    value: string;
    onChange: (value: string) => void;
    type?: string;
    /** The most characters the API accepts: counted below the field, and a longer text is refused, never cut. */
    maxLength?: number;
    autoComplete?: string;
  },
) {
  const id = fieldId(props.formId, props.name);
  const { length, error } = limitOf(props.value, props.maxLength, props.error);
  return (
    <Shell id={id} {...props} error={error} after={length ? <LengthCounter id={id} length={length} /> : null}>
      <Textbox
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        invalid={Boolean(error)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, props.description, error, Boolean(length))}
        autoComplete={props.autoComplete ?? 'off'}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Shell>
  );
}

export function DateField(props: FieldBase & { value: string; onChange: (value: string) => void; max?: string }) {
  const id = fieldId(props.formId, props.name);
  return (
    <Shell id={id} {...props}>
      <Textbox
        id={id}
        name={props.name}
        type="date"
        value={props.value}
        required={props.required}
        max={props.max}
        className="baken-date"
        invalid={Boolean(props.error)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.description, props.error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Shell>
  );
}

export function TextareaField(
  props: FieldBase & { value: string; onChange: (value: string) => void; maxLength?: number; rows?: number },
) {
  const id = fieldId(props.formId, props.name);
  const { length, error } = limitOf(props.value, props.maxLength, props.error);
  return (
    <Shell id={id} {...props} error={error} after={length ? <LengthCounter id={id} length={length} /> : null}>
      <Textarea
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        rows={props.rows ?? 4}
        invalid={Boolean(error)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, props.description, error, Boolean(length))}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Shell>
  );
}

export function SelectField(
  props: FieldBase & {
    value: string;
    onChange: (value: string) => void;
    options: readonly Option[];
    placeholder?: string;
  },
) {
  const id = fieldId(props.formId, props.name);
  return (
    <Shell id={id} {...props}>
      <Select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        invalid={Boolean(props.error)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.description, props.error)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.placeholder !== undefined ? <SelectOption value="">{props.placeholder}</SelectOption> : null}
        {props.options.map((o) => (
          <SelectOption key={o.value} value={o.value}>
            {o.label}
          </SelectOption>
        ))}
      </Select>
    </Shell>
  );
}

/** A group of checkboxes in a fieldset; the legend is the label. The first box is the target of error links. */
/** The fieldset of a group of choices: legend with required marker, description and error, then the choices. */
function GroupFieldset(props: FieldBase & { id: string; radio?: boolean; children: ReactNode }) {
  const { id } = props;
  return (
    <Fieldset
      invalid={Boolean(props.error)}
      aria-describedby={describedBy(id, props.description, props.error)}
      className="baken-fieldset"
      {...(props.radio ? { role: 'radiogroup', required: props.required } : {})}
    >
      <FieldsetLegend>
        {props.label}
        <RequiredMarker required={props.required} />
      </FieldsetLegend>
      {props.description ? (
        <FormFieldDescription id={`${id}-description`}>{props.description}</FormFieldDescription>
      ) : null}
      {props.error ? <FormFieldErrorMessage id={`${id}-error`}>{props.error}</FormFieldErrorMessage> : null}
      {props.children}
    </Fieldset>
  );
}

export function CheckboxGroup(
  props: FieldBase & { values: readonly string[]; onChange: (values: string[]) => void; options: readonly Option[] },
) {
  const id = fieldId(props.formId, props.name);
  const toggle = (value: string, checked: boolean) =>
    props.onChange(checked ? [...props.values, value] : props.values.filter((v) => v !== value));
  return (
    <GroupFieldset {...props} id={id}>
      {props.options.map((o, i) => {
        const boxId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <FormField type="checkbox" key={o.value}>
            <div className="utrecht-form-field__input">
              <Checkbox
                id={boxId}
                name={props.name}
                value={o.value}
                checked={props.values.includes(o.value)}
                invalid={Boolean(props.error)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
            </div>
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor={boxId} type="checkbox">
                {o.label}
              </FormLabel>
            </div>
          </FormField>
        );
      })}
    </GroupFieldset>
  );
}

/** One choice out of a few, as radio buttons in a fieldset. */
export function RadioGroup(
  props: FieldBase & { value: string; onChange: (value: string) => void; options: readonly Option[] },
) {
  const id = fieldId(props.formId, props.name);
  return (
    <GroupFieldset {...props} id={id} radio>
      {props.options.map((o, i) => {
        const radioId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <FormField type="radio" key={o.value}>
            <div className="utrecht-form-field__input">
              <RadioButton
                id={radioId}
                name={`${props.formId}-${props.name}`}
                value={o.value}
                checked={props.value === o.value}
                invalid={Boolean(props.error)}
                onChange={() => props.onChange(o.value)}
              />
            </div>
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor={radioId} type="radio">
                {o.label}
              </FormLabel>
            </div>
          </FormField>
        );
      })}
    </GroupFieldset>
  );
}

export interface FormErrors {
  summary: string | null;
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { summary: null, fields: {} };

/** The errors of a submitted form: from checks in the browser, or from the API's problem details. */
export function useFormErrors(fieldNames: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [shown, setShown] = useState(0);
  return {
    errors,
    /** Increases each time errors are (re)shown, so the summary takes the focus again. */
    shown,
    clear: () => setErrors(NO_ERRORS),
    fromChecks: (fields: Record<string, string>) => {
      setErrors({ summary: 'Niet alle gegevens zijn goed ingevuld.', fields });
      setShown((n) => n + 1);
    },
    fromProblem: (problem: Problem) => {
      const messages = messagesFor(problem, fieldNames);
      setErrors({ summary: messages.summary, fields: messages.fields });
      setShown((n) => n + 1);
    },
  };
}

/** Required fields left empty, as Dutch messages by field. */
export function missingFields(
  values: Record<string, string | readonly string[]>,
  required: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, label] of Object.entries(required)) {
    const value = values[name];
    const empty = Array.isArray(value)
      ? value.length === 0
      : typeof value === 'string'
        ? value.trim() === ''
        : value === undefined;
    if (empty)
      out[name] = Array.isArray(value) ? `Kies minstens één ${label.toLowerCase()}.` : `Vul ${label.toLowerCase()} in.`;
  }
  return out;
}

/**
 * The error summary at the top of a form (NL Design System pattern): a heading, what went wrong, and a link to each
 * field with an error. It takes the focus each time it is shown.
 */
export function ErrorSummary({
  formId,
  errors,
  shown,
  labels,
}: {
  formId: string;
  errors: FormErrors;
  shown: number;
  labels: Record<string, string>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown > 0) ref.current?.focus();
  }, [shown]);
  if (!errors.summary && Object.keys(errors.fields).length === 0) return null;
  const headingId = `${formId}-error-summary-heading`;
  return (
    <div
      className="baken-error-summary utrecht-alert utrecht-alert--error"
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={headingId}
    >
      <Heading2 id={headingId} className="baken-error-summary__heading">
        Er is een probleem
      </Heading2>
      {errors.summary ? <Paragraph>{errors.summary}</Paragraph> : null}
      {Object.keys(errors.fields).length ? (
        <UnorderedList>
          {Object.entries(errors.fields).map(([field, message]) => (
            <UnorderedListItem key={field}>
              <a
                className="utrecht-link"
                href={`#${fieldId(formId, field)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(fieldId(formId, field))?.focus();
                }}
              >
                {labels[field] ?? field}: {message}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
    </div>
  );
}

/** One row of a {@link MeasuresField}: an intervention type and the organisation that leads it. */
export interface MeasureValue {
  type: string;
  leadOrganisation: string;
}

/** One select of a row in a group (a measure's type or lead): labelled on its own, invalid while empty. */
function RowSelect(props: {
  id: string;
  label: string;
  value: string;
  invalid: boolean;
  placeholder: string;
  options: readonly Option[];
  onChange: (value: string) => void;
}) {
  return (
    <FormField>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={props.id}>{props.label}</FormLabel>
      </div>
      <div className="utrecht-form-field__input">
        <Select
          id={props.id}
          value={props.value}
          invalid={props.invalid}
          aria-invalid={props.invalid ? true : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        >
          <SelectOption value="">{props.placeholder}</SelectOption>
          {props.options.map((o) => (
            <SelectOption key={o.value} value={o.value}>
              {o.label}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
}

/**
 * The measures of a proposal: rows of a type and a lead organisation, to add and remove. The first row's type is the
 * target of the error summary's link.
 */
export function MeasuresField(
  props: FieldBase & {
    values: readonly MeasureValue[];
    onChange: (values: MeasureValue[]) => void;
    types: readonly Option[];
    organisations: readonly Option[];
  },
) {
  const id = fieldId(props.formId, props.name);
  const set = (index: number, change: Partial<MeasureValue>) =>
    props.onChange(props.values.map((v, i) => (i === index ? { ...v, ...change } : v)));
  return (
    <GroupFieldset {...props} id={id}>
      <ol className="baken-measures">
        {props.values.map((measure, i) => {
          const rowId = fieldId(props.formId, `${props.name}.${i}`);
          const typeId = i === 0 ? id : `${rowId}-type`;
          return (
            <li key={i} className="baken-measures__row">
              <RowSelect
                id={typeId}
                label={`Maatregel ${i + 1}`}
                value={measure.type}
                invalid={Boolean(props.error) && !measure.type}
                placeholder="Kies een maatregel"
                options={props.types}
                onChange={(type) => set(i, { type })}
              />
              <RowSelect
                id={`${rowId}-lead`}
                label={`Uitgevoerd door (maatregel ${i + 1})`}
                value={measure.leadOrganisation}
                invalid={Boolean(props.error) && !measure.leadOrganisation}
                placeholder="Kies een organisatie"
                options={props.organisations}
                onChange={(leadOrganisation) => set(i, { leadOrganisation })}
              />
              {props.values.length > 1 ? (
                <Button
                  type="button"
                  appearance="subtle-button"
                  onClick={() => props.onChange(props.values.filter((_, j) => j !== i))}
                >
                  Maatregel {i + 1} verwijderen
                </Button>
              ) : null}
            </li>
          );
        })}
      </ol>
      <Button
        type="button"
        appearance="secondary-action-button"
        onClick={() => props.onChange([...props.values, { type: '', leadOrganisation: '' }])}
      >
        Maatregel toevoegen
      </Button>
    </GroupFieldset>
  );
}
