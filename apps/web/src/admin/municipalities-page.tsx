import { useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading2,
  OrderedList,
  OrderedListItem,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { DateField, ErrorSummary, SelectField, TextField, useFormErrors } from '../components/fields';
import { tooLongFields } from '../components/length-limit';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { formatDate } from '../dates';
import { confirmLeaving } from '../router';
import { api, settle } from '../api/client';
import { itemsOf, type AdminDistrict, type AdminMunicipality } from './admin-api';
import { slugOf } from './slug';
import { BackToAdmin, ChangedText, PanelHeading } from './admin-parts';
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
  const [panel, setPanel] = useState<{ kind: 'add' } | { kind: 'change'; id: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const open = (next: typeof panel) => {
    if (!confirmLeaving()) return;
    setSaved(null);
    setPanel(next);
  };
  const done = (message: string) => {
    setPanel(null);
    setSaved(message);
    // Other screens read these once per session: they read them anew after a change.
    useDistricts.forget();
    useOrganisations.forget();
    void query.reload();
  };
  const data = query.status === 'ok' ? query.data : { districts: [], municipalities: [] };
  const districtName = (id: string) => data.districts.find((d) => d.id === id)?.name ?? id;
  const municipalities = [...data.municipalities].sort(
    (a, b) =>
      districtName(a.district).localeCompare(districtName(b.district), 'nl') || a.name.localeCompare(b.name, 'nl'),
  );
  const selected = panel?.kind === 'change' ? municipalities.find((m) => m.id === panel.id) : undefined;

  return (
    <>
      <BackToAdmin />
      <PageHeading title="Gemeenten en districten" />
      <Paragraph>
        De regio Zeeland-West-Brabant heeft vier districten; elke gemeente hoort bij één district. Signalen worden
        geregistreerd bij een gemeente die op de datum van ontvangst geldig is.
      </Paragraph>
      <section className="baken-section" aria-labelledby="herindeling">
        <Heading2 id="herindeling">Een herindeling vastleggen</Heading2>
        <Paragraph>Gaan gemeenten samen, dan legt u dat in twee stappen vast:</Paragraph>
        <OrderedList>
          <OrderedListItem>
            Beëindig elke gemeente die opgaat in de nieuwe: kies bij die gemeente Wijzigen en vul als laatste dag de dag
            vóór de herindeling in.
          </OrderedListItem>
          <OrderedListItem>
            Voeg de nieuwe gemeente toe in hetzelfde district, geldig vanaf de dag van de herindeling.
          </OrderedListItem>
        </OrderedList>
        <Paragraph>
          Bestaande casussen houden de gemeente waarbij ze zijn geregistreerd; rapportages over het verleden tonen de
          oude gemeenten.
        </Paragraph>
      </section>
      {saved ? (
        <Notice type="ok" focus>
          {saved}
        </Notice>
      ) : null}
      {panel === null ? (
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => open({ kind: 'add' })}>
            Gemeente toevoegen
          </Button>
        </ButtonGroup>
      ) : null}
      {panel?.kind === 'add' ? (
        <AddMunicipality districts={data.districts} onSaved={done} onCancel={() => setPanel(null)} />
      ) : null}
      {selected ? (
        <ChangeMunicipality key={selected.id} municipality={selected} onSaved={done} onCancel={() => setPanel(null)} />
      ) : null}
      {query.status === 'loading' ? <Loading what="de gemeenten" /> : null}
      {query.status === 'error' ? <ProblemNotice problem={query.problem} what="De gemeenten" /> : null}
      {query.status === 'ok' ? (
        <div className="baken-table-scroll" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption>Gemeenten ({municipalities.length})</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                <TableHeaderCell scope="col">District</TableHeaderCell>
                <TableHeaderCell scope="col">Code</TableHeaderCell>
                <TableHeaderCell scope="col">Geldig vanaf</TableHeaderCell>
                <TableHeaderCell scope="col">Laatste dag</TableHeaderCell>
                <TableHeaderCell scope="col">Laatst gewijzigd</TableHeaderCell>
                <TableHeaderCell scope="col">Acties</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {municipalities.map((m) => (
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
                    <Button
                      appearance="subtle-button"
                      aria-label={`${m.name} wijzigen`}
                      onClick={() => open({ kind: 'change', id: m.id })}
                    >
                      Wijzigen
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
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
  const [values, setValues] = useState({ district: '', name: '', id: '', validFrom: '' });
  const [idTouched, setIdTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(Object.keys(LABELS));
  const unsaved = useUnsavedChanges(Object.values(values).some((v) => v !== ''));
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
    <section className="baken-section" aria-labelledby={`${formId}-heading`}>
      <PanelHeading id={`${formId}-heading`}>Gemeente toevoegen</PanelHeading>
      <form id={formId} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={formId} errors={form.errors} shown={form.shown} labels={LABELS} />
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
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            Gemeente toevoegen
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => confirmLeaving() && onCancel()}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </section>
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
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(Object.keys(LABELS));
  const unsaved = useUnsavedChanges(values.name !== initial.name || values.validUntil !== initial.validUntil);
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
    <section className="baken-section" aria-labelledby={`${formId}-heading`}>
      <PanelHeading id={`${formId}-heading`}>{municipality.name} wijzigen</PanelHeading>
      <form id={formId} noValidate onSubmit={submit} className="baken-form">
        <ErrorSummary formId={formId} errors={form.errors} shown={form.shown} labels={LABELS} />
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
        <ButtonGroup className="baken-form__actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            Wijziging opslaan
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => confirmLeaving() && onCancel()}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
