import type { FormEvent } from 'react';
import { Paragraph, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { RadioGroup, SelectField, TextField } from '../components/fields';
import { tooLongFields } from '../components/length-limit';
import { useQuery } from '../components/page';
import { INTERVENTION_LEVEL, label, optionsOf } from '../i18n/labels';
import { useInterventionTypes } from '../reference-data';
import { api, settle } from '../api/client';
import { itemsOf, type CatalogueType } from './admin-api';
import { AdminListPage, ChangeButton, FormPanel, useAdminPanel, useFormState } from './admin-list';
import { ChangedText } from './admin-parts';

const LABEL_MAX = 200;
const TYPE_MAX = 60;
const TYPE_CODE = /^[a-z][a-z0-9_]*$/;
const LABELS = { level: 'Niveau', type: 'Code', label: 'Naam', retired: 'Status' };
const RETIRED = { false: 'In gebruik', true: 'Vervallen: niet meer te kiezen' } as const;

const LEVEL_ORDER = Object.keys(INTERVENTION_LEVEL);

/**
 * `Interventiecatalogus`: the kinds of intervention per level. A kind no longer used is retired, never removed: the
 * interventions and reports that name it keep their meaning.
 */
export function InterventionTypesPage() {
  const query = useQuery(() => itemsOf(settle(api.GET('/api/admin/intervention-types'))), 'intervention-types');
  const { panel, saved, open, close, done } = useAdminPanel<{ kind: 'add' } | { kind: 'change'; type: string }>(() => {
    // The planning and target forms read the catalogue once per session: they read it anew after a change.
    useInterventionTypes.forget();
    void query.reload();
  });
  const types =
    query.status === 'ok'
      ? [...query.data].sort(
          (a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.label.localeCompare(b.label, 'nl'),
        )
      : [];
  const selected = panel?.kind === 'change' ? types.find((t) => t.type === panel.type) : undefined;
  return (
    <AdminListPage
      title="Interventiecatalogus"
      intro={
        <Paragraph>
          De soorten interventies die op een casus gepland en in een voorstel als maatregel gekozen kunnen worden, elk
          op één niveau (strafrechtelijk, bestuurlijk, fiscaal, arbeidsrechtelijk, zorg of overig). Het niveau bepaalt
          welke organisatie in de stuurploeg moet instemmen. Een soort die niet meer gebruikt wordt, laat u vervallen:
          interventies die haar al hebben, houden haar.
        </Paragraph>
      }
      saved={saved}
      addLabel="Interventiesoort toevoegen"
      onAdd={panel === null ? () => open({ kind: 'add' }) : undefined}
      panel={
        <>
          {panel?.kind === 'add' ? <TypeForm onSaved={done} onCancel={close} /> : null}
          {selected ? <TypeForm key={selected.type} entry={selected} onSaved={done} onCancel={close} /> : null}
        </>
      }
      query={query}
      loadingWhat="de interventiecatalogus"
      errorWhat="De interventiecatalogus"
      caption={`Interventiesoorten (${types.length})`}
      columns={['Interventie', 'Niveau', 'Code', 'Status', 'Laatst gewijzigd', 'Acties']}
      rows={types.map((t) => (
        <TableRow key={t.type}>
          <TableHeaderCell scope="row">{t.label}</TableHeaderCell>
          <TableCell>{label(INTERVENTION_LEVEL, t.level)}</TableCell>
          <TableCell>{t.type}</TableCell>
          <TableCell>{t.retired ? 'Vervallen' : 'In gebruik'}</TableCell>
          <TableCell>
            <ChangedText changedBy={t.changedBy} changedAt={t.changedAt} />
          </TableCell>
          <TableCell>
            <ChangeButton name={t.label} onClick={() => open({ kind: 'change', type: t.type })} />
          </TableCell>
        </TableRow>
      ))}
    />
  );
}

function TypeForm({
  entry,
  onSaved,
  onCancel,
}: {
  entry?: CatalogueType;
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const isNew = !entry;
  const formId = isNew ? 'interventiesoort-toevoegen' : 'interventiesoort-wijzigen';
  const initial = {
    level: entry?.level ?? '',
    type: entry?.type ?? '',
    label: entry?.label ?? '',
    retired: String(entry?.retired ?? false),
  };
  const { values, set, busy, setBusy, form, unsaved } = useFormState(initial, LABELS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (isNew && !values.level) problems.level = 'Kies het niveau.';
    if (isNew && !values.type.trim()) problems.type = 'Vul de code in, bijvoorbeeld housing_inspection.';
    else if (isNew && !TYPE_CODE.test(values.type.trim()))
      problems.type = 'Begin met een letter; gebruik kleine letters, cijfers en liggende streepjes (_).';
    if (!values.label.trim()) problems.label = 'Vul de naam in.';
    Object.assign(problems, tooLongFields(values, { type: isNew ? TYPE_MAX : undefined, label: LABEL_MAX }));
    if (Object.keys(problems).length) return form.fromChecks(problems);
    setBusy(true);
    const result = isNew
      ? await settle(
          api.POST('/api/admin/intervention-types', {
            body: {
              type: values.type.trim(),
              level: values.level as CatalogueType['level'],
              label: values.label.trim(),
            },
          }),
        )
      : await settle(
          api.PUT('/api/admin/intervention-types/{type}', {
            params: { path: { type: entry.type } },
            body: { label: values.label.trim(), retired: values.retired === 'true' },
          }),
        );
    setBusy(false);
    if (!result.ok)
      return isNew && result.problem.status === 409
        ? form.fromChecks({ type: 'Er bestaat al een interventiesoort met deze code.' })
        : form.fromProblem(result.problem);
    unsaved.saved();
    onSaved(
      isNew
        ? `Interventiesoort ${values.label.trim()} toegevoegd.`
        : `Interventiesoort ${values.label.trim()} gewijzigd.`,
    );
  };
  return (
    <FormPanel
      formId={formId}
      heading={isNew ? 'Interventiesoort toevoegen' : `${entry.label} wijzigen`}
      onSubmit={submit}
      form={form}
      labels={LABELS}
      submitLabel={isNew ? 'Interventiesoort toevoegen' : 'Wijziging opslaan'}
      busy={busy}
      onCancel={onCancel}
    >
      {isNew ? (
        <>
          <SelectField
            formId={formId}
            name="level"
            label={LABELS.level}
            required
            description="Bepaalt welke organisatie in de stuurploeg moet instemmen; later niet te wijzigen."
            placeholder="Kies een niveau"
            options={optionsOf(INTERVENTION_LEVEL)}
            value={values.level}
            error={form.errors.fields.level}
            onChange={set('level')}
          />
          <TextField
            formId={formId}
            name="type"
            label={LABELS.type}
            required
            description="Kleine letters en cijfers, woorden gescheiden door _; later niet te wijzigen."
            maxLength={TYPE_MAX}
            value={values.type}
            error={form.errors.fields.type}
            onChange={set('type')}
          />
        </>
      ) : null}
      <TextField
        formId={formId}
        name="label"
        label={LABELS.label}
        required
        maxLength={LABEL_MAX}
        value={values.label}
        error={form.errors.fields.label}
        onChange={set('label')}
      />
      {isNew ? null : (
        <RadioGroup
          formId={formId}
          name="retired"
          label={LABELS.retired}
          required
          options={optionsOf(RETIRED)}
          value={values.retired}
          error={form.errors.fields.retired}
          onChange={set('retired')}
        />
      )}
    </FormPanel>
  );
}
