import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormLabel,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, settle } from '../api/client';
import { useUser } from '../auth/session';
import { CaseStatusBadge, OverdueBadge } from '../components/badges';
import { SelectField, TextField } from '../components/fields';
import { Loading, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatDate } from '../dates';
import { CASE_STATUS, EXPLOITATION_FORM, URGENCY, label, optionsOf, phraseOf, type CaseStatus } from '../i18n/labels';
import { placeName, useDistricts } from '../reference-data';
import { AppLink, navigate, useLocation } from '../router';

const PAGE_SIZE = 20;
const FORM = 'filters';

interface Filters {
  /** A reference (or its beginning), or for coordinators a subject's full name. */
  search: string;
  district: string;
  status: string;
  form: string;
  overdue: boolean;
  page: number;
}

function filtersOf(query: URLSearchParams): Filters {
  const page = Number(query.get('pagina') ?? '1');
  return {
    search: query.get('zoek') ?? '',
    district: query.get('district') ?? '',
    status: query.get('status') ?? '',
    form: query.get('vorm') ?? '',
    overdue: query.get('te-laat') === 'ja',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

function hrefOf(f: Filters): string {
  const q = new URLSearchParams();
  if (f.search.trim()) q.set('zoek', f.search.trim());
  if (f.district) q.set('district', f.district);
  if (f.status) q.set('status', f.status);
  if (f.form) q.set('vorm', f.form);
  if (f.overdue) q.set('te-laat', 'ja');
  if (f.page > 1) q.set('pagina', String(f.page));
  const s = q.toString();
  return s ? `/casussen?${s}` : '/casussen';
}

export function CaseListPage() {
  const user = useUser();
  const location = useLocation();
  const districts = useDistricts();
  const applied = filtersOf(location.query);
  const [draft, setDraft] = useState<Filters>(applied);
  const key = hrefOf(applied);
  useEffect(() => setDraft(filtersOf(new URLSearchParams(key.split('?')[1] ?? ''))), [key]);

  const cases = useQuery(
    () =>
      settle(
        api.GET('/api/cases', {
          params: {
            query: {
              q: applied.search || undefined,
              district: applied.district || undefined,
              status: (applied.status || undefined) as CaseStatus | undefined,
              form: (applied.form || undefined) as keyof typeof EXPLOITATION_FORM | undefined,
              overdue: applied.overdue ? true : undefined,
              page: applied.page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    key,
  );

  const ownDistricts = user.districts.length
    ? (districts ?? []).filter((d) => user.districts.includes(d.id))
    : (districts ?? []);
  const showDetails = user.role !== 'liaison';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefOf({ ...draft, page: 1 }), { keepFocus: true });
  };
  const totalPages = cases.status === 'ok' ? Math.max(1, Math.ceil(cases.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeading title="Casussen" />
      <form
        id={FORM}
        role="search"
        aria-label="Casussen filteren"
        noValidate
        onSubmit={submit}
        className="baken-filters"
      >
        <TextField
          formId={FORM}
          name="search"
          label="Zoeken"
          value={draft.search}
          maxLength={200}
          description={
            user.role === 'coordinator'
              ? 'Een casusnummer (of het begin ervan) of de volledige naam van een persoon.'
              : 'Een casusnummer of het begin ervan.'
          }
          onChange={(search) => setDraft({ ...draft, search })}
        />
        {ownDistricts.length > 1 || user.districts.length === 0 ? (
          <SelectField
            formId={FORM}
            name="district"
            label="District"
            value={draft.district}
            onChange={(district) => setDraft({ ...draft, district })}
            options={ownDistricts.map((d) => ({ value: d.id, label: d.name }))}
            placeholder="Alle districten"
          />
        ) : null}
        <SelectField
          formId={FORM}
          name="status"
          label="Status"
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          options={optionsOf(CASE_STATUS)}
          placeholder="Alle statussen"
        />
        {showDetails ? (
          <SelectField
            formId={FORM}
            name="form"
            label="Uitbuitingsvorm"
            value={draft.form}
            onChange={(form) => setDraft({ ...draft, form })}
            options={optionsOf(EXPLOITATION_FORM)}
            placeholder="Alle vormen"
          />
        ) : null}
        <FormField type="checkbox" className="baken-filters__checkbox">
          <div className="utrecht-form-field__input">
            <Checkbox
              id={`${FORM}-overdue`}
              checked={draft.overdue}
              onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })}
            />
          </div>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={`${FORM}-overdue`} type="checkbox">
              Alleen met verstreken termijn
            </FormLabel>
          </div>
        </FormField>
        <ButtonGroup className="baken-filters__buttons">
          <Button type="submit" appearance="primary-action-button">
            Filteren
          </Button>
          <Button type="button" appearance="subtle-button" onClick={() => navigate('/casussen', { keepFocus: true })}>
            Filters wissen
          </Button>
        </ButtonGroup>
      </form>

      {cases.status === 'loading' ? <Loading what="casussen" /> : null}
      {cases.status === 'error' ? <ProblemNotice problem={cases.problem} what="De casussen" /> : null}
      {cases.status === 'ok' ? (
        <>
          <p role="status" className="utrecht-paragraph baken-result-count">
            {cases.data.total === 1 ? '1 casus gevonden' : `${cases.data.total} casussen gevonden`}
          </p>
          {cases.data.items.length > 0 ? (
            <div className="baken-table-scroll" tabIndex={0}>
              <Table className="baken-table">
                <TableCaption className="baken-visually-hidden">Casussen, nieuwste ontvangst eerst</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Referentie</TableHeaderCell>
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                    <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                    {showDetails ? <TableHeaderCell scope="col">Uitbuitingsvorm</TableHeaderCell> : null}
                    {showDetails ? <TableHeaderCell scope="col">Urgentie</TableHeaderCell> : null}
                    <TableHeaderCell scope="col">Ontvangen</TableHeaderCell>
                    <TableHeaderCell scope="col">Termijn</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {cases.data.items.map((c) => (
                    <TableRow key={c.caseId}>
                      <TableCell>
                        <AppLink to={`/casussen/${c.caseId}`}>{c.reference}</AppLink>
                      </TableCell>
                      <TableCell>
                        <CaseStatusBadge status={c.status} />
                      </TableCell>
                      <TableCell>
                        {placeName(districts, c.municipality)}
                        <span className="baken-muted"> ({placeName(districts, c.district)})</span>
                      </TableCell>
                      {showDetails ? (
                        <TableCell>{phraseOf((c.forms ?? []).map((f) => label(EXPLOITATION_FORM, f)))}</TableCell>
                      ) : null}
                      {showDetails ? <TableCell>{label(URGENCY, c.urgency) || '–'}</TableCell> : null}
                      <TableCell>{formatDate(c.receivedOn)}</TableCell>
                      <TableCell>{c.overdue ? <OverdueBadge /> : '–'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : (
            <Paragraph>Er zijn geen casussen die aan de filters voldoen.</Paragraph>
          )}
          {totalPages > 1 ? (
            <nav aria-label="Paginering" className="baken-pagination">
              {applied.page > 1 ? (
                <AppLink to={hrefOf({ ...applied, page: applied.page - 1 })}>Vorige pagina</AppLink>
              ) : null}
              <span aria-current="page">
                Pagina {applied.page} van {totalPages}
              </span>
              {applied.page < totalPages ? (
                <AppLink to={hrefOf({ ...applied, page: applied.page + 1 })}>Volgende pagina</AppLink>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
