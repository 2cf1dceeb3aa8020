import { useState, type MouseEvent, type ReactNode } from 'react';
import {
  ButtonLink,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { api, settle } from '../api/client';
import type { Problem } from '../api/problems';
import { fieldId, NO_ERRORS, type FormErrors } from '../components/fields';
import type { Option } from '../components/option';
import { useQuery } from '../components/page';
import { navigate } from '../router';
import { sessionMessages, type PersonLike } from './session-form';

/** A link that looks like a button (to another screen), followed without a page load. */
export function AppButtonLink({
  to,
  appearance = 'secondary-action-button',
  children,
}: {
  to: string;
  appearance?: 'primary-action-button' | 'secondary-action-button' | 'subtle-button';
  children: ReactNode;
}) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <ButtonLink href={to} appearance={appearance} onClick={follow}>
      {children}
    </ButtonLink>
  );
}

/** The people Baken knows (`GET /api/people`), for owner choices and names; `null` while loading or unavailable. */
export function usePeopleList(): PersonLike[] | null {
  const people = useQuery(() => settle(api.GET('/api/people')), 'people');
  return people.status === 'ok' ? people.data.items : null;
}

/** The errors of a form of the Zorgtafel or its action points: from checks in the browser, or from the API's problem details told in Dutch. */
export function useCareTableFormErrors(fieldNames: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [shown, setShown] = useState(0);
  return {
    errors,
    shown,
    clear: () => setErrors(NO_ERRORS),
    fromChecks: (fields: Record<string, string>) => {
      setErrors({ summary: 'Niet alle gegevens zijn goed ingevuld.', fields });
      setShown((n) => n + 1);
    },
    fromProblem: (problem: Problem) => {
      setErrors(sessionMessages(problem, fieldNames));
      setShown((n) => n + 1);
    },
  };
}

/** A select whose choices come in named groups (organisations, people); the API's field path names it. */
export function GroupedSelectField(props: {
  formId: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  groups: readonly { label: string; options: readonly Option[] }[];
  placeholder: string;
  required?: boolean;
  error?: string;
}) {
  const id = fieldId(props.formId, props.name);
  return (
    <FormField invalid={Boolean(props.error)}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {props.label}
          {props.required ? (
            <span className="baken-required" aria-hidden="true">
              {' '}
              (verplicht)
            </span>
          ) : null}
        </FormLabel>
      </div>
      {props.error ? <FormFieldErrorMessage id={`${id}-error`}>{props.error}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <Select
          id={id}
          name={props.name}
          value={props.value}
          required={props.required}
          invalid={Boolean(props.error)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        >
          <SelectOption value="">{props.placeholder}</SelectOption>
          {props.groups
            .filter((g) => g.options.length > 0)
            .map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => (
                  <SelectOption key={o.value} value={o.value}>
                    {o.label}
                  </SelectOption>
                ))}
              </optgroup>
            ))}
        </Select>
      </div>
    </FormField>
  );
}
