import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { api, ifMatch, settle, type CaseDetail, type Result, type Schemas, type User } from '../api/client';
import type { Problem } from '../api/problems';
import {
  CheckboxGroup, DateField, ErrorSummary, RadioGroup, SelectField, TextareaField, TextField, useFormErrors, type Option,
} from '../components/fields';
import { formatDate, isIsoDate, todayInAmsterdam } from '../dates';
import {
  CLOSE_OUTCOME, EFFECT, INTERVENTION_TYPE, PARTNER, PROPOSAL_DECISION, REOPEN_REASON, SUBJECT_ROLE, TRIAGE_DECISION, URGENCY, label, optionsOf,
} from '../i18n/labels';
import { ACTION_LABEL, partsAllowing, type CaseAction } from './case-actions';

type Values = Record<string, string | string[]>;
type Outcome = Schemas['CommandOutcomeResponse'];

type FieldSpec =
  | { kind: 'date' | 'text' | 'textarea'; name: string; label: string; required?: boolean; initial?: string; description?: string; maxLength?: number }
  | { kind: 'select' | 'radio'; name: string; label: string; required?: boolean; initial?: string; description?: string; options: Option[] }
  | { kind: 'checkboxes'; name: string; label: string; required?: boolean; description?: string; options: Option[] };

interface ActionSpec {
  intro?: string;
  fields: FieldSpec[];
  /** Extra checks in the browser, after the required fields. */
  check?(values: Values): Record<string, string>;
  send(values: Values): Promise<Result<Outcome>>;
  done: string;
}

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : []);
const optional = (v: string | string[] | undefined) => (str(v).trim() ? str(v).trim() : undefined);
/** A chosen option: the options come from the label dictionaries, whose keys are the API's enumeration values. */
const chosen = <T extends Record<string, string>>(_names: T, v: string | string[] | undefined) => str(v) as keyof T & string;

const YES_NO: Option[] = [{ value: 'true', label: 'Ja' }, { value: 'false', label: 'Nee' }, { value: '', label: 'Niet vastgelegd' }];

function specFor(action: CaseAction, c: CaseDetail, user: User): ActionSpec {
  const caseId = c.caseId;
  const headers = ifMatch(c.version);
  const path = { caseId };
  const today = todayInAmsterdam();
  const date = (name: string, text: string): FieldSpec => ({ kind: 'date', name, label: text, required: true, initial: today });
  const interventionOption = (i: Schemas['CaseInterventionResponse']): Option => ({
    value: i.interventionId,
    label: `${label(INTERVENTION_TYPE, i.type)} – ${label(PARTNER, i.leadPartner)}, gepland ${formatDate(i.plannedOn)}${i.executedOn ? `, uitgevoerd ${formatDate(i.executedOn)}` : ''}`,
  });
  const [drafted] = partsAllowing(c.proposals, 'SubmitProposal');
  const [submitted] = partsAllowing(c.proposals, 'DecideProposal');

  switch (action) {
    case 'AssignCoordinator':
      return {
        fields: [{ kind: 'text', name: 'coordinator', label: 'Zorgcoördinator', required: true, initial: c.coordinator ?? (user.role === 'coordinator' ? user.username : ''),
          description: 'De gebruikersnaam van de zorgcoördinator van het district, bijvoorbeeld coordinator.de-baronie.', maxLength: 100 }],
        send: (v) => settle(api.POST('/api/cases/{caseId}/assign', { params: { path }, headers, body: { coordinator: str(v.coordinator).trim() } })),
        done: 'De zorgcoördinator is toegewezen.',
      };
    case 'Triage':
      return {
        fields: [
          date('decidedOn', 'Datum besluit'),
          { kind: 'radio', name: 'urgency', label: 'Urgentie', required: true, options: optionsOf(URGENCY) },
          { kind: 'select', name: 'decision', label: 'Besluit', required: true, options: optionsOf(TRIAGE_DECISION) },
          { kind: 'textarea', name: 'rationale', label: 'Onderbouwing', required: true, maxLength: 4000 },
          { kind: 'select', name: 'forwardedTo', label: 'Doorverwezen naar', options: optionsOf(PARTNER), description: 'Alleen bij het besluit Doorverwijzen.' },
        ],
        check: (v): Record<string, string> => (str(v.decision) === 'forward' && !str(v.forwardedTo) ? { forwardedTo: 'Kies de ketenpartner waarnaar u doorverwijst.' } : {}),
        send: (v) => settle(api.POST('/api/cases/{caseId}/triage', {
          params: { path }, headers,
          body: {
            decidedOn: str(v.decidedOn), urgency: chosen(URGENCY, v.urgency), decision: chosen(TRIAGE_DECISION, v.decision), rationale: str(v.rationale).trim(),
            forwardedTo: str(v.decision) === 'forward' ? chosen(PARTNER, v.forwardedTo) : undefined,
          },
        })),
        done: 'De triage is vastgelegd.',
      };
    case 'RecordCareTableMeeting':
      return {
        fields: [
          date('heldOn', 'Datum zorgtafel'),
          { kind: 'checkboxes', name: 'participants', label: 'Deelnemers', required: true, options: optionsOf(PARTNER) },
          { kind: 'textarea', name: 'conclusions', label: 'Conclusies', required: true, maxLength: 4000 },
          { kind: 'radio', name: 'victimInformed', label: 'Slachtoffer geïnformeerd', options: YES_NO, initial: '' },
        ],
        send: (v) => settle(api.POST('/api/cases/{caseId}/care-table-meetings', {
          params: { path }, headers,
          body: {
            heldOn: str(v.heldOn), participants: list(v.participants) as Schemas['RecordCareTableMeetingRequest']['participants'],
            conclusions: str(v.conclusions).trim(), victimInformed: str(v.victimInformed) === '' ? undefined : str(v.victimInformed) === 'true',
          },
        })),
        done: 'De zorgtafel is vastgelegd.',
      };
    case 'DraftProposal':
      return {
        intro: 'Een voorstel voor een integrale aanpak, dat daarna aan de stuurploeg wordt voorgelegd.',
        fields: [
          { kind: 'textarea', name: 'summary', label: 'Voorstel', required: true, maxLength: 4000 },
          { kind: 'checkboxes', name: 'proposedInterventions', label: 'Voorgestelde interventies', required: true, options: optionsOf(INTERVENTION_TYPE) },
        ],
        send: (v) => settle(api.POST('/api/cases/{caseId}/proposals', {
          params: { path }, headers,
          body: { summary: str(v.summary).trim(), proposedInterventions: list(v.proposedInterventions) as Schemas['DraftProposalRequest']['proposedInterventions'] },
        })),
        done: 'Het voorstel is opgesteld.',
      };
    case 'SubmitProposal':
      return {
        intro: drafted ? `Het voorstel: ${drafted.summary}` : undefined,
        fields: [date('submittedOn', 'Datum indiening')],
        send: (v) => settle(api.POST('/api/cases/{caseId}/proposals/{proposalId}/submit', {
          params: { path: { caseId, proposalId: drafted?.proposalId ?? '' } }, headers, body: { submittedOn: str(v.submittedOn) },
        })),
        done: 'Het voorstel is ingediend bij de stuurploeg.',
      };
    case 'DecideProposal':
      return {
        intro: submitted ? `Het voorstel: ${submitted.summary}` : undefined,
        fields: [
          date('decidedOn', 'Datum besluit'),
          { kind: 'radio', name: 'decision', label: 'Besluit', required: true, options: optionsOf(PROPOSAL_DECISION) },
          { kind: 'textarea', name: 'notes', label: 'Toelichting', maxLength: 4000 },
        ],
        send: (v) => settle(api.POST('/api/cases/{caseId}/proposals/{proposalId}/decision', {
          params: { path: { caseId, proposalId: submitted?.proposalId ?? '' } }, headers,
          body: { decidedOn: str(v.decidedOn), decision: chosen(PROPOSAL_DECISION, v.decision), notes: optional(v.notes) },
        })),
        done: 'Het besluit van de stuurploeg is vastgelegd.',
      };
    case 'PlanIntervention':
      return {
        fields: [
          { kind: 'select', name: 'type', label: 'Soort interventie', required: true, options: optionsOf(INTERVENTION_TYPE) },
          { kind: 'select', name: 'leadPartner', label: 'Trekker', required: true, options: optionsOf(PARTNER), description: 'De ketenpartner die de interventie uitvoert.' },
          date('plannedOn', 'Datum planning'),
          { kind: 'textarea', name: 'description', label: 'Omschrijving', maxLength: 4000 },
        ],
        send: (v) => settle(api.POST('/api/cases/{caseId}/interventions', {
          params: { path }, headers,
          body: { type: chosen(INTERVENTION_TYPE, v.type), leadPartner: chosen(PARTNER, v.leadPartner), plannedOn: str(v.plannedOn), description: optional(v.description) },
        })),
        done: 'De interventie is gepland.',
      };
    case 'RecordInterventionExecuted': {
      const options = partsAllowing(c.interventions, 'RecordInterventionExecuted').map(interventionOption);
      return {
        fields: [
          { kind: 'select', name: 'interventionId', label: 'Interventie', required: true, options, initial: options.length === 1 ? options[0].value : '' },
          date('executedOn', 'Datum uitvoering'),
          { kind: 'textarea', name: 'notes', label: 'Toelichting', maxLength: 4000 },
        ],
        send: (v) => settle(api.POST('/api/cases/{caseId}/interventions/{interventionId}/execution', {
          params: { path: { caseId, interventionId: str(v.interventionId) } }, headers, body: { executedOn: str(v.executedOn), notes: optional(v.notes) },
        })),
        done: 'De uitvoering van de interventie is vastgelegd.',
      };
    }
    case 'RecordInterventionEffect': {
      const options = partsAllowing(c.interventions, 'RecordInterventionEffect').map(interventionOption);
      return {
        fields: [
          { kind: 'select', name: 'interventionId', label: 'Interventie', required: true, options, initial: options.length === 1 ? options[0].value : '' },
          date('observedOn', 'Datum waarneming'),
          { kind: 'select', name: 'effect', label: 'Effect', required: true, options: optionsOf(EFFECT) },
          { kind: 'textarea', name: 'description', label: 'Toelichting', maxLength: 4000 },
        ],
        send: (v) => settle(api.POST('/api/cases/{caseId}/interventions/{interventionId}/effects', {
          params: { path: { caseId, interventionId: str(v.interventionId) } }, headers,
          body: { observedOn: str(v.observedOn), effect: chosen(EFFECT, v.effect), description: optional(v.description) },
        })),
        done: 'Het effect is vastgelegd.',
      };
    }
    case 'CloseCase':
      return {
        fields: [
          date('closedOn', 'Datum sluiting'),
          { kind: 'select', name: 'outcome', label: 'Uitkomst', required: true, options: optionsOf(CLOSE_OUTCOME) },
          { kind: 'textarea', name: 'rationale', label: 'Onderbouwing', required: true, maxLength: 4000 },
        ],
        send: (v) => settle(api.POST('/api/cases/{caseId}/close', {
          params: { path }, headers, body: { closedOn: str(v.closedOn), outcome: chosen(CLOSE_OUTCOME, v.outcome), rationale: str(v.rationale).trim() },
        })),
        done: 'De casus is gesloten.',
      };
    case 'ReopenCase':
      return {
        fields: [
          date('reopenedOn', 'Datum heropening'),
          { kind: 'radio', name: 'reason', label: 'Reden', required: true, options: optionsOf(REOPEN_REASON) },
        ],
        send: (v) => settle(api.POST('/api/cases/{caseId}/reopen', {
          params: { path }, headers, body: { reopenedOn: str(v.reopenedOn), reason: chosen(REOPEN_REASON, v.reason) },
        })),
        done: 'De casus is heropend en staat weer in triage.',
      };
    case 'EraseSubjectPersonalData': {
      const options = partsAllowing(c.subjects, 'EraseSubjectPersonalData').map((s) => ({
        value: s.subjectId, label: `${s.name ? `${s.name} ` : ''}(${s.pseudonym}, ${label(SUBJECT_ROLE, s.role).toLowerCase()})`,
      }));
      return {
        intro: 'Wissen maakt de persoonsgegevens overal onleesbaar, ook in de geschiedenis en in exports. Dit kan niet ongedaan worden gemaakt. Het pseudoniem blijft.',
        fields: [
          { kind: 'select', name: 'subjectId', label: 'Persoon', required: true, options, initial: options.length === 1 ? options[0].value : '' },
          { kind: 'checkboxes', name: 'confirm', label: 'Bevestiging', required: true, options: [{ value: 'yes', label: 'Ik begrijp dat dit niet ongedaan kan worden' }] },
        ],
        send: (v) => settle(api.DELETE('/api/cases/{caseId}/subjects/{subjectId}/personal-data', {
          params: { path: { caseId, subjectId: str(v.subjectId) } }, headers,
        })),
        done: 'De persoonsgegevens zijn gewist.',
      };
    }
  }
}

function initialValues(fields: FieldSpec[]): Values {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === 'checkboxes' ? [] : f.initial ?? '']));
}

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
  const spec = specFor(action, caseDetail, user);
  const formId = `actie-${action}`;
  const [values, setValues] = useState<Values>(() => initialValues(spec.fields));
  const [busy, setBusy] = useState(false);
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
      if (f.required && (Array.isArray(v) ? v.length === 0 : !str(v).trim())) {
        problems[f.name] = f.kind === 'checkboxes' ? `Kies minstens één waarde bij ${f.label.toLowerCase()}.` : `Vul ${f.label.toLowerCase()} in.`;
        if (f.kind === 'select' || f.kind === 'radio') problems[f.name] = `Kies ${f.label.toLowerCase()}.`;
      } else if (f.kind === 'date' && str(v) && !isIsoDate(str(v))) problems[f.name] = 'Vul een geldige datum in.';
      else if (f.kind === 'date' && str(v) > today) problems[f.name] = 'De datum mag niet in de toekomst liggen.';
    }
    Object.assign(problems, Object.keys(problems).length ? {} : spec.check?.(values) ?? {});
    if (Object.keys(problems).length) {
      form.fromChecks(problems);
      return;
    }
    setBusy(true);
    const result = await spec.send(values);
    if (result.ok) {
      await onDone(spec.done);
      return;
    }
    if (result.problem.status === 412) {
      await onConflict();
      return;
    }
    setBusy(false);
    form.fromProblem(result.problem as Problem);
  };

  const set = (name: string, value: string | string[]) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <section aria-labelledby={`${formId}-heading`} className="baken-action-form" id={`${formId}-section`}>
      <Heading2 id={`${formId}-heading`} ref={heading} tabIndex={-1}>{ACTION_LABEL[action]}</Heading2>
      {spec.intro ? <Paragraph>{spec.intro}</Paragraph> : null}
      <form id={formId} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={formId} errors={form.errors} shown={form.shown} labels={labels} />
        {spec.fields.map((f) => {
          const common = { formId, name: f.name, label: f.label, required: f.required, description: f.description, error: form.errors.fields[f.name] };
          switch (f.kind) {
            case 'date':
              return <DateField key={f.name} {...common} value={str(values[f.name])} max={today} onChange={(v) => set(f.name, v)} />;
            case 'text':
              return <TextField key={f.name} {...common} value={str(values[f.name])} maxLength={f.maxLength} onChange={(v) => set(f.name, v)} />;
            case 'textarea':
              return <TextareaField key={f.name} {...common} value={str(values[f.name])} maxLength={f.maxLength} onChange={(v) => set(f.name, v)} />;
            case 'select':
              return <SelectField key={f.name} {...common} value={str(values[f.name])} options={f.options} placeholder="Maak een keuze" onChange={(v) => set(f.name, v)} />;
            case 'radio':
              return <RadioGroup key={f.name} {...common} value={str(values[f.name])} options={f.options} onChange={(v) => set(f.name, v)} />;
            case 'checkboxes':
              return <CheckboxGroup key={f.name} {...common} values={list(values[f.name])} options={f.options} onChange={(v) => set(f.name, v)} />;
          }
        })}
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>{ACTION_LABEL[action]}</Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
