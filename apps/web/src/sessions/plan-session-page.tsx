import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { api, settle, type CaseListItem, type Result } from '../api/client';
import { useUser } from '../auth/session';
import { CheckboxGroup, DateField, ErrorSummary, SelectField } from '../components/fields';
import { Loading, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatDate } from '../dates';
import { setFlash } from '../flash';
import { CASE_STATUS, EXPLOITATION_FORM, label, listOf } from '../i18n/labels';
import { organisationsFor, placeName, useDistricts, useOrganisations } from '../reference-data';
import { navigate } from '../router';
import { sessionPath } from './session-api';
import { checkPlan, type PlanValues } from './session-form';
import { AppButtonLink, useCareTableFormErrors } from './session-parts';
import './sessions.css';

const FORM = 'zorgtafel';
const LABELS = { district: 'District', plannedOn: 'Datum', invitees: 'Genodigden', caseIds: 'Agenda' };
/** The statuses of cases whose outcome a care-table session can record (DOMAIN.md: `RecordCareTableMeeting`). */
const AGENDA_STATUSES = ['at_care_table', 'in_execution'] as const;
/** The API's largest page: a district has far fewer cases at the table at once. */
const PAGE_SIZE = 200;

/** The cases of a district that can be put on a session's agenda, by reference. */
async function agendaCases(district: string): Promise<Result<CaseListItem[]>> {
  const lists = await Promise.all(
    AGENDA_STATUSES.map((status) =>
      settle(api.GET('/api/cases', { params: { query: { district, status, pageSize: PAGE_SIZE } } })),
    ),
  );
  const items: CaseListItem[] = [];
  for (const list of lists) {
    if (!list.ok) return list;
    items.push(...list.data.items);
  }
  return { ...lists[0], data: items.sort((a, b) => a.reference.localeCompare(b.reference)) } as Result<CaseListItem[]>;
}

/** Plans a session of the Zorgtafel: its district, date (it may lie ahead), the invited organisations and the agenda. */
export function PlanSessionPage() {
  const user = useUser();
  const districts = useDistricts();
  const organisations = useOrganisations();
  const [values, setValues] = useState<PlanValues>(() => ({
    district: user.districts.length === 1 ? user.districts[0] : '',
    plannedOn: '',
    invitees: [],
    caseIds: [],
  }));
  const [busy, setBusy] = useState(false);
  const form = useCareTableFormErrors(Object.keys(LABELS));
  const ownDistricts = (districts ?? []).filter((d) => user.districts.includes(d.id));
  const invitable = values.district ? organisationsFor(organisations, districts, values.district) : [];
  const set = (change: Partial<PlanValues>) => setValues((v) => ({ ...v, ...change }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkPlan(values);
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = await settle(api.POST('/api/care-table-sessions', { body: values }));
    if (result.ok) {
      setFlash(`De zorgtafel van ${formatDate(values.plannedOn)} is gepland.`);
      navigate(sessionPath(result.data.sessionId));
      return;
    }
    setBusy(false);
    form.fromProblem(result.problem);
  };

  return (
    <>
      <PageHeading title="Zorgtafel plannen" />
      <Paragraph>
        Kies de datum, de organisaties die u uitnodigt en de casussen op de agenda. Een zorgtafel mag in de toekomst
        liggen.
      </Paragraph>
      <form id={FORM} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={FORM} errors={form.errors} shown={form.shown} labels={LABELS} />
        {ownDistricts.length > 1 ? (
          <SelectField
            formId={FORM}
            name="district"
            label={LABELS.district}
            required
            value={values.district}
            placeholder="Kies een district"
            options={ownDistricts.map((d) => ({ value: d.id, label: d.name }))}
            error={form.errors.fields.district}
            onChange={(district) => set({ district, invitees: [], caseIds: [] })}
          />
        ) : (
          <Paragraph>
            <strong>District:</strong> {placeName(districts, values.district)}
          </Paragraph>
        )}
        <DateField
          formId={FORM}
          name="plannedOn"
          label={LABELS.plannedOn}
          required
          value={values.plannedOn}
          error={form.errors.fields.plannedOn}
          onChange={(plannedOn) => set({ plannedOn })}
        />
        {values.district ? (
          <CheckboxGroup
            formId={FORM}
            name="invitees"
            label={LABELS.invitees}
            required
            description="De organisaties die u voor deze zorgtafel uitnodigt."
            values={values.invitees}
            options={invitable.map((o) => ({ value: o.id, label: o.name }))}
            error={form.errors.fields.invitees}
            onChange={(invitees) => set({ invitees })}
          />
        ) : null}
        {values.district ? (
          <AgendaField
            district={values.district}
            values={values.caseIds}
            error={form.errors.fields.caseIds}
            onChange={(caseIds) => set({ caseIds })}
          />
        ) : null}
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            Zorgtafel plannen
          </Button>
          <AppButtonLink to="/zorgtafels">Annuleren</AppButtonLink>
        </ButtonGroup>
      </form>
    </>
  );
}

/** The agenda: a choice of the district's cases at the Zorgtafel or in execution. */
function AgendaField({
  district,
  values,
  error,
  onChange,
}: {
  district: string;
  values: string[];
  error?: string;
  onChange(caseIds: string[]): void;
}) {
  const districts = useDistricts();
  const cases = useQuery(() => agendaCases(district), `agenda-cases-${district}`);
  if (cases.status === 'loading') return <Loading what="de casussen van het district" />;
  if (cases.status === 'error') return <ProblemNotice problem={cases.problem} what="De casussen" />;
  if (cases.data.length === 0)
    return (
      <Paragraph>
        Er zijn in {placeName(districts, district)} geen casussen aan de Zorgtafel of in uitvoering.
      </Paragraph>
    );
  const caseOption = (c: CaseListItem) => ({
    value: c.caseId,
    label: `${c.reference} – ${placeName(districts, c.municipality)}, ${listOf(
      (c.forms ?? []).map((f) => label(EXPLOITATION_FORM, f).toLowerCase()),
    )} (${label(CASE_STATUS, c.status).toLowerCase()})`,
  });
  return (
    <CheckboxGroup
      formId={FORM}
      name="caseIds"
      label={LABELS.caseIds}
      required
      description="Casussen van het district die aan de Zorgtafel of in uitvoering zijn."
      values={values}
      options={cases.data.map(caseOption)}
      error={error}
      onChange={onChange}
    />
  );
}
