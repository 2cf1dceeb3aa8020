import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Fieldset, FieldsetLegend, Heading2, Paragraph } from '@utrecht/component-library-react';
import { api, settle, type Schemas } from '../api/client';
import { useUser } from '../auth/session';
import {
  CheckboxGroup,
  DateField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextareaField,
  TextField,
  useFormErrors,
} from '../components/fields';
import { PageHeading } from '../components/page';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { todayInAmsterdam } from '../dates';
import { setFlash } from '../flash';
import {
  EXPLOITATION_FORM,
  SECTOR,
  SOURCE_TYPE,
  SUBJECT_ROLE,
  URGENCY,
  VULNERABILITY,
  optionsOf,
} from '../i18n/labels';
import { useDistricts } from '../reference-data';
import { navigate } from '../router';
import {
  checkSignal,
  NAME_MAX,
  NATIONALITY_MAX,
  signalFieldLabels,
  signalRequest,
  SOURCE_ORGANISATION_MAX,
  SUMMARY_MAX,
  type SignalDraft,
  type SubjectDraft,
} from './signal-form';

const FORM = 'signaal';
let subjectKeys = 0;

export function RegisterSignalPage() {
  const user = useUser();
  const districts = useDistricts();
  const today = todayInAmsterdam();
  const [draft, setDraft] = useState<SignalDraft>({
    district: user.districts.length === 1 ? user.districts[0] : '',
    municipality: user.role === 'liaison' && user.municipality ? user.municipality : '',
    receivedOn: today,
    sourceType: '',
    sourceOrganisation: '',
    forms: [],
    vulnerabilities: [],
    urgency: '',
    sector: '',
    summary: '',
    subjects: [],
  });
  // What the user typed or chose; the district filled in for them is no change of theirs.
  const unsaved = useUnsavedChanges(
    Boolean(
      draft.municipality !== (user.role === 'liaison' && user.municipality ? user.municipality : '') ||
      draft.receivedOn !== today ||
      draft.sourceType ||
      draft.sourceOrganisation ||
      draft.forms.length ||
      draft.vulnerabilities.length ||
      draft.urgency ||
      draft.sector ||
      draft.summary ||
      draft.subjects.length,
    ),
  );
  const [busy, setBusy] = useState(false);
  const labels = signalFieldLabels(draft.subjects);
  const form = useFormErrors(Object.keys(labels));
  const focusSubject = useRef<number | null>(null);

  const allowed = (districts ?? [])
    .filter((d) => user.role !== 'coordinator' || user.districts.includes(d.id))
    .filter((d) => user.role !== 'liaison' || d.municipalities.some((m) => m.id === user.municipality));
  const municipalities =
    allowed
      .find((d) => d.id === draft.district)
      ?.municipalities.filter((m) => user.role !== 'liaison' || m.id === user.municipality) ?? [];

  useEffect(() => {
    if (!draft.district && allowed.length === 1) setDraft((d) => ({ ...d, district: allowed[0].id }));
  }, [allowed, draft.district]);
  useEffect(() => {
    if (focusSubject.current !== null) {
      document.getElementById(`${FORM}-subjects-${focusSubject.current}-role`)?.focus();
      focusSubject.current = null;
    }
  }, [draft.subjects.length]);

  const set = <K extends keyof SignalDraft>(key: K, value: SignalDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setSubject = (index: number, patch: Partial<SubjectDraft>) =>
    setDraft((d) => ({ ...d, subjects: d.subjects.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkSignal(draft, today);
    if (Object.keys(problems).length) {
      form.fromChecks(problems);
      return;
    }
    setBusy(true);
    const result = await settle(
      api.POST('/api/signals', { body: signalRequest(draft) as Schemas['RegisterSignalRequest'] }),
    );
    setBusy(false);
    if (!result.ok) {
      form.fromProblem(result.problem);
      return;
    }
    form.clear();
    unsaved.saved();
    setFlash('Het signaal is geregistreerd.');
    navigate(`/casussen/${result.data.caseId}`);
  };

  const e = form.errors.fields;
  return (
    <>
      <PageHeading title="Signaal registreren" />
      <Paragraph>
        Leg een signaal van mogelijke mensenhandel vast. Er ontstaat een nieuwe casus in uw district.
      </Paragraph>
      <form id={FORM} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={FORM} errors={form.errors} shown={form.shown} labels={labels} />
        <SelectField
          formId={FORM}
          name="district"
          label="District"
          required
          value={draft.district}
          error={e.district}
          onChange={(district) =>
            setDraft((d) => ({ ...d, district, municipality: user.role === 'liaison' ? d.municipality : '' }))
          }
          options={allowed.map((d) => ({ value: d.id, label: d.name }))}
          placeholder={districts ? 'Kies een district' : 'Districten laden…'}
        />
        <SelectField
          formId={FORM}
          name="municipality"
          label="Gemeente"
          required
          value={draft.municipality}
          error={e.municipality}
          description={
            draft.district ? undefined : 'Kies eerst het district; dan ziet u de gemeenten van dat district.'
          }
          onChange={(v) => set('municipality', v)}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          placeholder="Kies een gemeente"
        />
        <DateField
          formId={FORM}
          name="receivedOn"
          label="Datum ontvangst"
          required
          value={draft.receivedOn}
          max={today}
          error={e.receivedOn}
          onChange={(v) => set('receivedOn', v)}
        />
        <SelectField
          formId={FORM}
          name="source.type"
          label="Bron"
          required
          value={draft.sourceType}
          error={e['source.type']}
          onChange={(v) => set('sourceType', v)}
          options={optionsOf(SOURCE_TYPE)}
          placeholder="Kies de bron"
        />
        <TextField
          formId={FORM}
          name="source.organisation"
          label="Organisatie van de melder"
          value={draft.sourceOrganisation}
          maxLength={SOURCE_ORGANISATION_MAX}
          error={e['source.organisation']}
          onChange={(v) => set('sourceOrganisation', v)}
        />
        <CheckboxGroup
          formId={FORM}
          name="forms"
          label="Uitbuitingsvorm"
          required
          values={draft.forms}
          error={e.forms}
          description="Kies alle vormen die het signaal noemt."
          onChange={(v) => set('forms', v)}
          options={optionsOf(EXPLOITATION_FORM)}
        />
        <CheckboxGroup
          formId={FORM}
          name="vulnerabilities"
          label="Kwetsbaarheid"
          values={draft.vulnerabilities}
          error={e.vulnerabilities}
          onChange={(v) => set('vulnerabilities', v)}
          options={optionsOf(VULNERABILITY)}
        />
        <SelectField
          formId={FORM}
          name="sector"
          label="Sector"
          value={draft.sector}
          error={e.sector}
          description="Waar de uitbuiting plaatsvindt, voor zover bekend."
          onChange={(v) => set('sector', v)}
          options={optionsOf(SECTOR)}
          placeholder="Nog niet bekend"
        />
        <RadioGroup
          formId={FORM}
          name="urgency"
          label="Urgentie"
          value={draft.urgency}
          error={e.urgency}
          description="Voor zover al bekend. Triage is binnen 1 werkdag nodig bij acuut, 3 bij hoog, anders 5."
          onChange={(v) => set('urgency', v)}
          options={[...optionsOf(URGENCY), { value: '', label: 'Nog niet bekend' }]}
        />
        <TextareaField
          formId={FORM}
          name="summary"
          label="Samenvatting"
          required
          value={draft.summary}
          maxLength={SUMMARY_MAX}
          rows={6}
          description="Wat is er gemeld, door wie en wanneer?"
          error={e.summary}
          onChange={(v) => set('summary', v)}
        />

        <section aria-labelledby={`${FORM}-persons-heading`} className="baken-subjects">
          <Heading2 id={`${FORM}-persons-heading`}>Betrokken personen</Heading2>
          <Paragraph>
            Slachtoffers, verdachten en anderen. Persoonsgegevens worden versleuteld opgeslagen; alleen wie ze nodig
            heeft, ziet ze.
          </Paragraph>
          {draft.subjects.map((s, i) => (
            <Fieldset key={s.key} className="baken-subject">
              <FieldsetLegend>Persoon {i + 1}</FieldsetLegend>
              <SelectField
                formId={FORM}
                name={`subjects.${i}.role`}
                label="Rol"
                required
                value={s.role}
                error={e[`subjects.${i}.role`]}
                onChange={(role) => setSubject(i, { role })}
                options={optionsOf(SUBJECT_ROLE)}
                placeholder="Kies een rol"
              />
              <TextField
                formId={FORM}
                name={`subjects.${i}.name`}
                label="Naam"
                value={s.name}
                maxLength={NAME_MAX}
                error={e[`subjects.${i}.name`]}
                onChange={(name) => setSubject(i, { name })}
              />
              <DateField
                formId={FORM}
                name={`subjects.${i}.birthDate`}
                label="Geboortedatum"
                value={s.birthDate}
                max={today}
                error={e[`subjects.${i}.birthDate`]}
                onChange={(birthDate) => setSubject(i, { birthDate })}
              />
              <TextField
                formId={FORM}
                name={`subjects.${i}.nationality`}
                label="Nationaliteit"
                value={s.nationality}
                maxLength={NATIONALITY_MAX}
                error={e[`subjects.${i}.nationality`]}
                onChange={(nationality) => setSubject(i, { nationality })}
              />
              <Button
                type="button"
                appearance="subtle-button"
                onClick={() => {
                  setDraft((d) => ({ ...d, subjects: d.subjects.filter((_, j) => j !== i) }));
                  document.getElementById(`${FORM}-add-subject`)?.focus();
                }}
              >
                Persoon {i + 1} verwijderen
              </Button>
            </Fieldset>
          ))}
          <Button
            type="button"
            id={`${FORM}-add-subject`}
            appearance="secondary-action-button"
            onClick={() => {
              focusSubject.current = draft.subjects.length;
              setDraft((d) => ({
                ...d,
                subjects: [...d.subjects, { key: ++subjectKeys, role: '', name: '', birthDate: '', nationality: '' }],
              }));
            }}
          >
            Persoon toevoegen
          </Button>
        </section>

        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            Signaal registreren
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
