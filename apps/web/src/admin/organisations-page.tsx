import { useState, type FormEvent } from 'react';
import { Paragraph, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { RadioGroup, SelectField, TextField } from '../components/fields';
import { tooLongFields } from '../components/length-limit';
import { useQuery } from '../components/page';
import { label, optionsOf, PARTNER } from '../i18n/labels';
import { api, settle } from '../api/client';
import { itemsOf, type AdminOrganisation } from './admin-api';
import { AdminListPage, ChangeButton, FormPanel, useAdminPanel, useFormState } from './admin-list';
import { ChangedText } from './admin-parts';
import { useOrganisations } from '../reference-data';

const NAME_MAX = 200;
const CLAIM_MAX = 200;
const ID_MAX = 80;
const ORGANISATION_ID = /^(?:[a-z_]+|shelter:[a-z0-9]+(?:-[a-z0-9]+)*)$/;

const LABELS = {
  kind: 'Soort',
  id: 'Code',
  name: 'Naam',
  identityClaim: 'Claim bij de identiteitsprovider',
  active: 'Status',
};

const ACTIVE = { true: 'Actief', false: 'Niet actief: niet meer te kiezen' } as const;

/**
 * `Organisaties`: the organisations users act for and measures are led by. Municipalities come from `Gemeenten en
 * districten` and are read-only here.
 */
export function OrganisationsPage() {
  const query = useQuery(() => itemsOf(settle(api.GET('/api/admin/organisations'))), 'organisations');
  const { panel, saved, open, close, done } = useAdminPanel<{ kind: 'add' } | { kind: 'change'; id: string }>(() => {
    // Other screens read these once per session: they read them anew after a change.
    useOrganisations.forget();
    void query.reload();
  });
  const organisations = query.status === 'ok' ? [...query.data].sort((a, b) => a.name.localeCompare(b.name, 'nl')) : [];
  const selected = panel?.kind === 'change' ? organisations.find((o) => o.id === panel.id) : undefined;
  return (
    <AdminListPage
      title="Organisaties"
      intro={
        <Paragraph>
          Elke gebruiker werkt voor één organisatie; ketenpartners, leden van de stuurploeg en eigenaren van actiepunten
          zijn organisaties. De claim bij de identiteitsprovider koppelt een aanmelding aan de organisatie. Gemeenten
          beheert u onder Gemeenten en districten.
        </Paragraph>
      }
      saved={saved}
      addLabel="Organisatie toevoegen"
      onAdd={panel === null ? () => open({ kind: 'add' }) : undefined}
      panel={
        <>
          {panel?.kind === 'add' ? <OrganisationForm onSaved={done} onCancel={close} /> : null}
          {selected ? (
            <OrganisationForm key={selected.id} organisation={selected} onSaved={done} onCancel={close} />
          ) : null}
        </>
      }
      query={query}
      loadingWhat="de organisaties"
      errorWhat="De organisaties"
      caption={`Organisaties (${organisations.length})`}
      columns={['Naam', 'Code', 'Soort', 'Claim', 'Status', 'Laatst gewijzigd', 'Acties']}
      rows={organisations.map((o) => (
        <TableRow key={o.id}>
          <TableHeaderCell scope="row">{o.name}</TableHeaderCell>
          <TableCell>{o.id}</TableCell>
          <TableCell>{label(PARTNER, o.kind)}</TableCell>
          <TableCell>{o.identityClaim ?? '–'}</TableCell>
          <TableCell>{o.active ? 'Actief' : 'Niet actief'}</TableCell>
          <TableCell>
            <ChangedText changedBy={o.changedBy} changedAt={o.changedAt} />
          </TableCell>
          <TableCell>
            {o.kind === 'municipality' ? (
              'Via Gemeenten'
            ) : (
              <ChangeButton name={o.name} onClick={() => open({ kind: 'change', id: o.id })} />
            )}
          </TableCell>
        </TableRow>
      ))}
    />
  );
}

function OrganisationForm({
  organisation,
  onSaved,
  onCancel,
}: {
  organisation?: AdminOrganisation;
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const isNew = !organisation;
  const formId = isNew ? 'organisatie-toevoegen' : 'organisatie-wijzigen';
  const initial = {
    kind: organisation?.kind ?? '',
    id: organisation?.id ?? '',
    name: organisation?.name ?? '',
    identityClaim: organisation?.identityClaim ?? '',
    active: String(organisation?.active ?? true),
  };
  const { values, setValues, set, busy, setBusy, form, unsaved } = useFormState(initial, LABELS);
  const [idTouched, setIdTouched] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (isNew && !values.kind) problems.kind = 'Kies de soort organisatie.';
    if (isNew && !values.id.trim()) problems.id = 'Vul de code in, bijvoorbeeld shelter:de-haven.';
    else if (isNew && !ORGANISATION_ID.test(values.id.trim()))
      problems.id = 'Gebruik de soort (riec) of shelter: met de naam in kleine letters, bijvoorbeeld shelter:de-haven.';
    if (!values.name.trim()) problems.name = 'Vul de naam in.';
    Object.assign(
      problems,
      tooLongFields(values, { id: isNew ? ID_MAX : undefined, name: NAME_MAX, identityClaim: CLAIM_MAX }),
    );
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    // Without a claim the API keeps the current one (a new organisation's is its id).
    const identityClaim = values.identityClaim.trim() ? { identityClaim: values.identityClaim.trim() } : {};
    const result = isNew
      ? await settle(
          api.POST('/api/admin/organisations', {
            body: {
              id: values.id.trim(),
              kind: values.kind as AdminOrganisation['kind'],
              name: values.name.trim(),
              ...identityClaim,
            },
          }),
        )
      : await settle(
          api.PUT('/api/admin/organisations/{id}', {
            params: { path: { id: organisation.id } },
            body: { name: values.name.trim(), ...identityClaim, active: values.active === 'true' },
          }),
        );
    setBusy(false);
    if (!result.ok)
      return isNew && result.problem.status === 409
        ? form.fromChecks({ id: 'Er bestaat al een organisatie met deze code.' })
        : form.fromProblem(result.problem);
    unsaved.saved();
    onSaved(isNew ? `Organisatie ${values.name.trim()} toegevoegd.` : `Organisatie ${values.name.trim()} gewijzigd.`);
  };

  return (
    <FormPanel
      formId={formId}
      heading={isNew ? 'Organisatie toevoegen' : `${organisation.name} wijzigen`}
      onSubmit={submit}
      form={form}
      labels={LABELS}
      submitLabel={isNew ? 'Organisatie toevoegen' : 'Wijziging opslaan'}
      busy={busy}
      onCancel={onCancel}
    >
      {isNew ? (
        <>
          <SelectField
            formId={formId}
            name="kind"
            label={LABELS.kind}
            required
            placeholder="Kies een soort"
            options={optionsOf(PARTNER).filter((o) => o.value !== 'municipality')}
            value={values.kind}
            error={form.errors.fields.kind}
            // A regional organisation's code is its kind; a shelter's starts with `shelter:`.
            onChange={(kind) =>
              setValues((v) => ({ ...v, kind, id: idTouched ? v.id : kind === 'shelter' ? 'shelter:' : kind }))
            }
          />
          <TextField
            formId={formId}
            name="id"
            label={LABELS.id}
            required
            description="Regionale organisaties hebben hun soort als code (riec); opvang is shelter:<naam>, bijvoorbeeld shelter:de-haven. Later niet te wijzigen."
            maxLength={ID_MAX}
            value={values.id}
            error={form.errors.fields.id}
            onChange={(id) => {
              setIdTouched(true);
              set('id')(id);
            }}
          />
        </>
      ) : null}
      <TextField
        formId={formId}
        name="name"
        label={LABELS.name}
        required
        maxLength={NAME_MAX}
        value={values.name}
        error={form.errors.fields.name}
        onChange={set('name')}
      />
      <TextField
        formId={formId}
        name="identityClaim"
        label={LABELS.identityClaim}
        description="De waarde van de organisatieclaim in het token van de identiteitsprovider. Leeg: de code."
        maxLength={CLAIM_MAX}
        value={values.identityClaim}
        error={form.errors.fields.identityClaim}
        onChange={set('identityClaim')}
      />
      {isNew ? null : (
        <RadioGroup
          formId={formId}
          name="active"
          label={LABELS.active}
          required
          options={optionsOf(ACTIVE)}
          value={values.active}
          error={form.errors.fields.active}
          onChange={set('active')}
        />
      )}
    </FormPanel>
  );
}
