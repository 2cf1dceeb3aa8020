import { useState, type FormEvent } from 'react';
import {
  Heading2,
  OrderedList,
  OrderedListItem,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { DateField, SelectField, TextField } from '../components/fields';
import { tooLongFields } from '../components/length-limit';
import { useQuery } from '../components/page';
import { formatDate } from '../dates';
import { api, settle } from '../api/client';
import { itemsOf, type AdminDistrict, type AdminMunicipality } from './admin-api';
import { slugOf } from './slug';
import { AdminListPage, ChangeButton, FormPanel, useAdminPanel, useFormState } from './admin-list';
import { ChangedText } from './admin-parts';
import { useDistricts, useOrganisations } from '../reference-data';

const NAME_MAX = 200;
const ID_MAX = 60;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const LABELS = {
  district: 'District',
  name: 'Naam',
  id: 'Code',
  validFrom: 'Geldig vanaf',
  validUntil: 'Laatste dag',
};

interface Loaded {
  districts: AdminDistrict[];
  municipalities: AdminMunicipality[];
}

async function load() {
  const [districts, municipalities] = await Promise.all([
    itemsOf(settle(api.GET('/api/admin/districts'))),
    itemsOf(settle(api.GET('/api/admin/municipalities'))),
  ]);
  if (!municipalities.ok) return municipalities;
  // Without the districts list the ids stand in for their names.
  return {
    ...municipalities,
    data: { districts: districts.ok ? districts.data : [], municipalities: municipalities.data },
  };
}

/**
 * `Gemeenten en districten`: the region's municipalities per district, kept as data so that a merger is recorded
 * here (end the old ones, add the new one) and never needs a release.
 */
export function MunicipalitiesPage() {
  const query = useQuery<Loaded>(load, 'municipalities');
  const { panel, saved, open, close, done } = useAdminPanel<{ kind: 'add' } | { kind: 'change'; id: string }>(() => {
    // Other screens read these once per session: they read them anew after a change.
    useDistricts.forget();
    useOrganisations.forget();
    void query.reload();
  });
  const data = query.status === 'ok' ? query.data : { districts: [], municipalities: [] };
  const districtName = (id: string) => data.districts.find((d) => d.id === id)?.name ?? id;
  const municipalities = [...data.municipalities].sort(
    (a, b) =>
      districtName(a.district).localeCompare(districtName(b.district), 'nl') || a.name.localeCompare(b.name, 'nl'),
  );
  const selected = panel?.kind === 'change' ? municipalities.find((m) => m.id === panel.id) : undefined;

  return (
    <AdminListPage
      title="Gemeenten en districten"
      intro={
        <>
          <Paragraph>
            De regio Zeeland-West-Brabant heeft vier districten; elke gemeente hoort bij één district. Signalen worden
            geregistreerd bij een gemeente die op de datum van ontvangst geldig is.
          </Paragraph>
          <section className="baken-section" aria-labelledby="herindeling">
            <Heading2 id="herindeling">Een herindeling vastleggen</Heading2>
            <Paragraph>Gaan gemeenten samen, dan legt u dat in twee stappen vast:</Paragraph>
            <OrderedList>
              <OrderedListItem>
                Beëindig elke gemeente die opgaat in de nieuwe: kies bij die gemeente Wijzigen en vul als laatste dag de
                dag vóór de herindeling in.
              </OrderedListItem>
              <OrderedListItem>
                Voeg de nieuwe gemeente toe in hetzelfde district, geldig vanaf de dag van de herindeling.
              </OrderedListItem>
            </OrderedList>
            <Paragraph>
              Bestaande casussen houden de gemeente waarbij ze zijn geregistreerd; rapportages over het verleden tonen
              de oude gemeenten.
            </Paragraph>
          </section>
        </>
      }
      saved={saved}
      addLabel="Gemeente toevoegen"
      onAdd={panel === null ? () => open({ kind: 'add' }) : undefined}
      panel={
        <>
          {panel?.kind === 'add' ? (
            <AddMunicipality districts={data.districts} onSaved={done} onCancel={close} />
          ) : null}
          {selected ? (
            <ChangeMunicipality key={selected.id} municipality={selected} onSaved={done} onCancel={close} />
          ) : null}
        </>
      }
      query={query}
      loadingWhat="de gemeenten"
      errorWhat="De gemeenten"
      caption={`Gemeenten (${municipalities.length})`}
      columns={['Gemeente', 'District', 'Code', 'Geldig vanaf', 'Laatste dag', 'Laatst gewijzigd', 'Acties']}
      rows={municipalities.map((m) => (
        <TableRow key={m.id}>
          <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
          <TableCell>{districtName(m.district)}</TableCell>
          <TableCell>{m.id}</TableCell>
          <TableCell>{m.validFrom ? formatDate(m.validFrom) : '–'}</TableCell>
          <TableCell>{m.validUntil ? formatDate(m.validUntil) : '–'}</TableCell>
          <TableCell>
            <ChangedText changedBy={m.changedBy} changedAt={m.changedAt} />
          </TableCell>
          <TableCell>
            <ChangeButton name={m.name} onClick={() => open({ kind: 'change', id: m.id })} />
          </TableCell>
        </TableRow>
      ))}
    />
  );
}

function AddMunicipality({
  districts,
  onSaved,
  onCancel,
}: {
  districts: readonly AdminDistrict[];
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const formId = 'gemeente-toevoegen';
  const { values, setValues, busy, setBusy, form, unsaved } = useFormState(
    { district: '', name: '', id: '', validFrom: '' },
    LABELS,
  );
  const [idTouched, setIdTouched] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.district) problems.district = 'Kies het district.';
    if (!values.name.trim()) problems.name = 'Vul de naam in.';
    if (!values.id.trim()) problems.id = 'Vul de code in.';
    else if (!SLUG.test(values.id.trim()))
      problems.id = 'Gebruik kleine letters en cijfers, gescheiden door streepjes.';
    if (!values.validFrom) problems.validFrom = 'Vul de eerste dag in.';
    Object.assign(problems, tooLongFields(values, { name: NAME_MAX, id: ID_MAX }));
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = await settle(
      api.POST('/api/admin/municipalities', {
        body: {
          id: values.id.trim(),
          name: values.name.trim(),
          district: values.district,
          validFrom: values.validFrom,
        },
      }),
    );
    setBusy(false);
    if (!result.ok)
      return result.problem.status === 409
        ? form.fromChecks({ id: 'Er bestaat al een gemeente met deze code.' })
        : form.fromProblem(result.problem);
    unsaved.saved();
    onSaved(`Gemeente ${values.name.trim()} toegevoegd.`);
  };
  return (
    <FormPanel
      formId={formId}
      heading="Gemeente toevoegen"
      onSubmit={submit}
      form={form}
      labels={LABELS}
      submitLabel="Gemeente toevoegen"
      busy={busy}
      onCancel={onCancel}
    >
      <SelectField
        formId={formId}
        name="district"
        label={LABELS.district}
        required
        placeholder="Kies een district"
        options={districts.map((d) => ({ value: d.id, label: d.name }))}
        value={values.district}
        error={form.errors.fields.district}
        onChange={(district) => setValues((v) => ({ ...v, district }))}
      />
      <TextField
        formId={formId}
        name="name"
        label={LABELS.name}
        required
        maxLength={NAME_MAX}
        value={values.name}
        error={form.errors.fields.name}
        onChange={(name) => setValues((v) => ({ ...v, name, id: idTouched ? v.id : slugOf(name) }))}
      />
      <TextField
        formId={formId}
        name="id"
        label={LABELS.id}
        required
        description="De naam in kleine letters, spaties als streepje (bergen-op-zoom); later niet te wijzigen."
        maxLength={ID_MAX}
        value={values.id}
        error={form.errors.fields.id}
        onChange={(id) => {
          setIdTouched(true);
          setValues((v) => ({ ...v, id }));
        }}
      />
      <DateField
        formId={formId}
        name="validFrom"
        label={LABELS.validFrom}
        required
        description="Bij een herindeling: de dag van de herindeling."
        value={values.validFrom}
        error={form.errors.fields.validFrom}
        onChange={(validFrom) => setValues((v) => ({ ...v, validFrom }))}
      />
    </FormPanel>
  );
}

function ChangeMunicipality({
  municipality,
  onSaved,
  onCancel,
}: {
  municipality: AdminMunicipality;
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const formId = 'gemeente-wijzigen';
  const initial = { name: municipality.name, validUntil: municipality.validUntil ?? '' };
  const { values, setValues, busy, setBusy, form, unsaved } = useFormState(initial, LABELS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.name.trim()) problems.name = 'Vul de naam in.';
    if (values.validUntil && municipality.validFrom && values.validUntil < municipality.validFrom)
      problems.validUntil = `De laatste dag ligt vóór de eerste (${formatDate(municipality.validFrom)}).`;
    Object.assign(problems, tooLongFields(values, { name: NAME_MAX }));
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = await settle(
      api.PUT('/api/admin/municipalities/{id}', {
        params: { path: { id: municipality.id } },
        body: { name: values.name.trim(), validUntil: values.validUntil || null },
      }),
    );
    setBusy(false);
    if (!result.ok) return form.fromProblem(result.problem);
    unsaved.saved();
    onSaved(
      values.validUntil
        ? `Gemeente ${values.name.trim()} gewijzigd: laatste dag ${formatDate(values.validUntil)}.`
        : `Gemeente ${values.name.trim()} gewijzigd.`,
    );
  };
  return (
    <FormPanel
      formId={formId}
      heading={`${municipality.name} wijzigen`}
      onSubmit={submit}
      form={form}
      labels={LABELS}
      submitLabel="Wijziging opslaan"
      busy={busy}
      onCancel={onCancel}
    >
      <TextField
        formId={formId}
        name="name"
        label={LABELS.name}
        required
        maxLength={NAME_MAX}
        value={values.name}
        error={form.errors.fields.name}
        onChange={(name) => setValues((v) => ({ ...v, name }))}
      />
      <DateField
        formId={formId}
        name="validUntil"
        label={LABELS.validUntil}
        description="De laatste dag dat de gemeente bestaat, bijvoorbeeld de dag vóór een herindeling. Leeg: geen einde."
        value={values.validUntil}
        error={form.errors.fields.validUntil}
        onChange={(validUntil) => setValues((v) => ({ ...v, validUntil }))}
      />
    </FormPanel>
  );
}
