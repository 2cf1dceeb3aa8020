import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import {
  api,
  settle,
  toVerification,
  type CaseDetail,
  type ChainVerification,
  type HistoryEvent,
  type Result,
} from '../api/client';
import { messagesFor, type Problem } from '../api/problems';
import { CaseStatusBadge } from '../components/badges';
import { Downloads } from '../components/download';
import { DateField, fieldId, SelectField, TextField } from '../components/fields';
import { tooLong } from '../components/length-limit';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { eventActor, eventSummary, eventTitle } from '../cases/event-summary';
import { formatInstant } from '../dates';
import { ACCESS_ACTION, CASE_STATUS, ROLE, SUBJECT_ROLE, URGENCY, label, listOf, lowerFirst } from '../i18n/labels';
import { organisationName, useOrganisations } from '../reference-data';
import { navigate, useLocation } from '../router';
import { personNameWithUsername } from '../people/people';
import { usePeople } from '../people/use-people';

/** `X-Access-Reason`: why the auditor reads the case, kept in the access log with every read. */
const reasonHeaders = (reason: string) => (reason.trim() ? { 'X-Access-Reason': reason.trim() } : undefined);

/** A case reference as people write it: `ZWB-2026-00012`. */
export const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{5}$/;

/** The case of a reference (the screens speak of references, the API's paths of ids). */
async function caseByReference(reference: string): Promise<Result<{ caseId: string } | null>> {
  const found = await settle(api.GET('/api/cases', { params: { query: { q: reference, pageSize: 1 } } }));
  if (!found.ok) return found;
  const item = found.data.items.find((i) => i.reference === reference);
  return { ok: true, data: item ? { caseId: item.caseId } : null, response: found.response };
}

/** The longest reason this screen takes for its reads (X-Access-Reason; the API takes up to 500 characters). */
const REASON_MAX = 200;

function CasePicker({
  selected,
  reason,
  onReason,
}: {
  selected: string;
  reason: string;
  onReason(reason: string): void;
}) {
  const cases = useQuery(
    () => settle(api.GET('/api/cases', { params: { query: { page: 1, pageSize: 100 } } })),
    'audit-cases',
  );
  const [choice, setChoice] = useState(selected);
  useEffect(() => setChoice(selected), [selected]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A reason over its limit is refused at the field, never cut.
    if (tooLong(reason, REASON_MAX)) {
      document.getElementById(fieldId('audit-casus', 'reason'))?.focus();
      return;
    }
    if (choice) navigate(`/audit?casus=${encodeURIComponent(choice)}`, { keepFocus: true });
  };
  if (cases.status === 'loading') return <Loading what="de casussen" />;
  if (cases.status === 'error') return <ProblemNotice problem={cases.problem} what="De casussen" />;
  return (
    <form id="audit-casus" noValidate onSubmit={submit} className="baken-filters" aria-label="Casus kiezen">
      <SelectField
        formId="audit-casus"
        name="caseId"
        label="Casus"
        value={choice}
        onChange={setChoice}
        placeholder="Kies een casus"
        options={cases.data.items.map((c) => ({
          value: c.reference,
          label: `${c.reference} – ${label(CASE_STATUS, c.status)}`,
        }))}
        description="De honderd meest recente casussen."
      />
      <TextField
        formId="audit-casus"
        name="reason"
        label="Reden van inzage"
        value={reason}
        onChange={onReason}
        maxLength={REASON_MAX}
        description="Komt bij elke inzage in het toegangslog."
      />
      <ButtonGroup className="baken-filters__buttons">
        <Button type="submit" appearance="primary-action-button">
          Geschiedenis tonen
        </Button>
      </ButtonGroup>
    </form>
  );
}

function StateAt({ caseId, version, reason }: { caseId: string; version: number; reason: string }) {
  const state = useQuery(
    () =>
      settle(
        api.GET('/api/cases/{caseId}', {
          params: { path: { caseId }, query: { version } },
          headers: reasonHeaders(reason),
        }),
      ),
    `${caseId}@${version}`,
  );
  const { people } = usePeople();
  if (state.status === 'loading') return <Loading what={`versie ${version}`} />;
  if (state.status === 'error') return <ProblemNotice problem={state.problem} what={`Versie ${version}`} />;
  const c = state.data;
  const rows: [string, ReactNode][] = [
    ['Status', <CaseStatusBadge key="s" status={c.status} />],
    ['Zorgcoördinator', c.coordinator ? personNameWithUsername(people, c.coordinator) : 'Nog niet toegewezen'],
    ['Urgentie', label(URGENCY, c.urgency) || 'Nog niet bepaald'],
    ['Personen', String(c.subjects?.length ?? 0)],
    ['Zorgtafels', String(c.careTableMeetings?.length ?? 0)],
    ['Voorstellen', String(c.proposals?.length ?? 0)],
    ['Interventies', String(c.interventions?.length ?? 0)],
    ['Effecten', String((c.interventions ?? []).reduce((n, i) => n + i.effects.length, 0))],
  ];
  return (
    <DataList className="baken-data-list baken-state">
      {rows.map(([k, v]) => (
        <DataListItem key={k}>
          <DataListKey>{k}</DataListKey>
          <DataListValue>{v}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}

function Verification({ caseId, reason }: { caseId: string; reason: string }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<
    { ok: true; data: ChainVerification } | { ok: false; problem: Problem } | null
  >(null);
  useEffect(() => setOutcome(null), [caseId]);
  const verify = async () => {
    setBusy(true);
    const result = await settle(
      api.GET('/api/audit/cases/{caseId}/verify', { params: { path: { caseId } }, headers: reasonHeaders(reason) }),
    );
    setBusy(false);
    setOutcome(result.ok ? { ok: true, data: toVerification(result.data) } : { ok: false, problem: result.problem });
  };
  return (
    <div className="baken-verify">
      <Button appearance="primary-action-button" busy={busy} disabled={busy} onClick={() => void verify()}>
        Keten controleren
      </Button>
      {outcome?.ok && outcome.data.valid ? (
        <Notice type="ok" focus>
          De keten is intact: {outcome.data.checkedEvents} gebeurtenissen gecontroleerd, geen enkele is gewijzigd,
          verwijderd of tussengevoegd. <SealNote sealed={outcome.data.sealed} />
        </Notice>
      ) : null}
      {outcome?.ok && !outcome.data.valid ? (
        <Notice type="error" focus>
          De keten is verbroken
          {outcome.data.firstInvalidVersion ? ` vanaf versie ${outcome.data.firstInvalidVersion}` : ''}: de geschiedenis
          is na vastlegging gewijzigd of ingekort. {outcome.data.checkedEvents} gebeurtenissen gecontroleerd.{' '}
          <SealNote sealed={outcome.data.sealed} />
        </Notice>
      ) : null}
      {outcome && !outcome.ok ? (
        <Notice type="error" focus>
          De keten kon niet worden gecontroleerd. {messagesFor(outcome.problem).summary}
        </Notice>
      ) : null}
    </div>
  );
}

function SealNote({ sealed }: { sealed: ChainVerification['sealed'] }) {
  return sealed ? (
    <>
      Vergeleken met zegel {sealed.sealId} van {formatInstant(sealed.at)}.
    </>
  ) : (
    <>Deze casus is nog niet verzegeld: een herberekende keten is pas na het eerstvolgende zegel aantoonbaar.</>
  );
}

type Seal = { sealId: string; at: string; globalPosition: string; root: string; streams?: number };

/** The latest seal of the event log, and sealing it now: a signed fingerprint of every history, kept outside the database. */
function Seals() {
  const latest = useQuery(() => settle(api.GET('/api/audit/seals/latest', {})), 'audit-seal-latest');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true; seal: Seal } | { ok: false; problem: Problem } | null>(null);
  const seal = async () => {
    setBusy(true);
    const result = await settle(api.POST('/api/audit/seals', {}));
    setBusy(false);
    setOutcome(result.ok ? { ok: true, seal: result.data as Seal } : { ok: false, problem: result.problem });
  };
  const current = (outcome?.ok ? outcome.seal : null) ?? (latest.status === 'ok' ? (latest.data as Seal) : null);
  return (
    <section aria-labelledby="zegels">
      <Heading2 id="zegels">Zegels</Heading2>
      <Paragraph>
        Een zegel legt van alle casussen tegelijk vast hoe hun geschiedenis eindigt, ondertekend met een sleutel buiten
        de database. Wie de database beheert kan een keten herberekenen, maar niet het zegel.
      </Paragraph>
      {current ? (
        <Paragraph>
          Laatste zegel: {current.sealId} van {formatInstant(current.at)}
          {current.streams !== undefined ? `, ${current.streams} geschiedenissen` : ''}.
        </Paragraph>
      ) : latest.status === 'loading' ? (
        <Loading what="Het laatste zegel" />
      ) : (
        <Paragraph>Er is nog geen zegel gezet.</Paragraph>
      )}
      <Button appearance="secondary-action-button" busy={busy} disabled={busy} onClick={() => void seal()}>
        Nu verzegelen
      </Button>
      {outcome?.ok ? (
        <Notice type="ok" focus>
          Verzegeld: {outcome.seal.sealId}.
        </Notice>
      ) : null}
      {outcome && !outcome.ok ? (
        <Notice type="error" focus>
          Niet verzegeld. {messagesFor(outcome.problem).summary}
        </Notice>
      ) : null}
    </section>
  );
}

function HistoryStepper({
  caseId,
  events,
  reason,
}: {
  caseId: string;
  events: readonly HistoryEvent[];
  reason: string;
}) {
  const organisations = useOrganisations();
  const name = organisations ? (id: string) => organisationName(organisations, id) : undefined;
  const { people } = usePeople();
  const who = (username: string) => personNameWithUsername(people, username);
  const [version, setVersion] = useState(events.length);
  useEffect(() => setVersion(events.length), [caseId, events.length]);
  const event = events[version - 1];
  if (!event) return <Paragraph>Deze casus heeft geen gebeurtenissen.</Paragraph>;
  const valueText = `Versie ${version} van ${events.length}: ${eventTitle(event.type)}`;
  return (
    <div className="baken-stepper">
      <FormField type="text">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="audit-versie">Versie</FormLabel>
        </div>
        <div className="utrecht-form-field__input baken-stepper__range">
          <input
            id="audit-versie"
            type="range"
            min={1}
            max={events.length}
            step={1}
            value={version}
            aria-valuetext={valueText}
            onChange={(e) => setVersion(Number(e.target.value))}
          />
        </div>
      </FormField>
      <ButtonGroup>
        <Button appearance="secondary-action-button" disabled={version <= 1} onClick={() => setVersion(1)}>
          Eerste versie
        </Button>
        <Button appearance="secondary-action-button" disabled={version <= 1} onClick={() => setVersion(version - 1)}>
          Vorige versie
        </Button>
        <Button
          appearance="secondary-action-button"
          disabled={version >= events.length}
          onClick={() => setVersion(version + 1)}
        >
          Volgende versie
        </Button>
        <Button
          appearance="secondary-action-button"
          disabled={version >= events.length}
          onClick={() => setVersion(events.length)}
        >
          Laatste versie
        </Button>
      </ButtonGroup>
      <div aria-live="polite" className="baken-stepper__current">
        <Heading3>{valueText}</Heading3>
        <DataList className="baken-data-list">
          <DataListItem>
            <DataListKey>Vastgelegd</DataListKey>
            <DataListValue>{formatInstant(event.recordedAt)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Door</DataListKey>
            <DataListValue>{eventActor(event.actor, who)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Inhoud</DataListKey>
            <DataListValue>{eventSummary(event.type, event.data, name, who) || '–'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Hash</DataListKey>
            <DataListValue>
              <code className="baken-hash">{event.hash}</code>
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Vorige hash</DataListKey>
            <DataListValue>
              <code className="baken-hash">{event.prevHash ?? '–'}</code>
            </DataListValue>
          </DataListItem>
        </DataList>
      </div>
      <Heading3>Toestand van de casus na versie {version}</Heading3>
      <StateAt caseId={caseId} version={version} reason={reason} />
    </div>
  );
}

/** Who saw one person's data: every read of the person's case, saying which showed the personal data. */
function SubjectAccess({ subjectId, reason }: { subjectId: string; reason: string }) {
  const access = useQuery(
    () =>
      settle(
        api.GET('/api/audit/subjects/{subjectId}/access', {
          params: { path: { subjectId } },
          headers: reasonHeaders(reason),
        }),
      ),
    `subject-access-${subjectId}`,
  );
  const { people } = usePeople();
  if (access.status === 'loading') return <Loading what="de inzages" />;
  if (access.status === 'error') return <ProblemNotice problem={access.problem} what="De inzages" />;
  const saw = access.data.items.filter((i) => i.personalData);
  return (
    <div className="baken-table-scroll" tabIndex={0}>
      <Paragraph>
        {saw.length === 0
          ? `Niemand heeft de persoonsgegevens van ${access.data.pseudonym} gezien.`
          : `${saw.length === 1 ? 'Eén inzage toonde' : `${saw.length} inzages toonden`} de persoonsgegevens van ${access.data.pseudonym}, door ${listOf([...new Set(saw.map((i) => i.username))].map((u) => personNameWithUsername(people, u)))}.`}
      </Paragraph>
      <Table className="baken-table">
        <TableCaption>Inzages van {access.data.reference}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Tijdstip</TableHeaderCell>
            <TableHeaderCell scope="col">Gebruiker</TableHeaderCell>
            <TableHeaderCell scope="col">Handeling</TableHeaderCell>
            <TableHeaderCell scope="col">Persoonsgegevens gezien</TableHeaderCell>
            <TableHeaderCell scope="col">Reden</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {access.data.items.map((item, i) => (
            <TableRow key={`${item.at}-${i}`}>
              <TableCell>{formatInstant(item.at)}</TableCell>
              <TableCell>
                {personNameWithUsername(people, item.username)} ({lowerFirst(label(ROLE, item.role))})
              </TableCell>
              <TableCell>{label(ACCESS_ACTION, item.action)}</TableCell>
              <TableCell>{item.personalData ? 'Ja' : 'Nee'}</TableCell>
              <TableCell>{item.reason ?? '–'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function Persons({ c, reason }: { c: CaseDetail; reason: string }) {
  const [open, setOpen] = useState<string | null>(null);
  const subjects = c.subjects ?? [];
  return (
    <>
      <Heading3>Personen</Heading3>
      {subjects.length === 0 ? <Paragraph>Er zijn geen personen vastgelegd.</Paragraph> : null}
      {subjects.map((s) => (
        <div key={s.subjectId} className="baken-subject-access">
          <Paragraph>
            {s.erased ? 'Gegevens gewist' : (s.name ?? 'Naam onbekend')} ({s.pseudonym},{' '}
            {label(SUBJECT_ROLE, s.role).toLowerCase()}){' '}
            <Button
              appearance="secondary-action-button"
              aria-expanded={open === s.subjectId}
              onClick={() => setOpen(open === s.subjectId ? null : s.subjectId)}
            >
              Wie zag de gegevens van {s.pseudonym}?
            </Button>
          </Paragraph>
          {open === s.subjectId ? <SubjectAccess subjectId={s.subjectId} reason={reason} /> : null}
        </div>
      ))}
    </>
  );
}

function CaseAudit({ caseId, reason }: { caseId: string; reason: string }) {
  const history = useQuery(
    () =>
      settle(api.GET('/api/cases/{caseId}/history', { params: { path: { caseId } }, headers: reasonHeaders(reason) })),
    `audit-history-${caseId}`,
  );
  const detail = useQuery(
    () => settle(api.GET('/api/cases/{caseId}', { params: { path: { caseId } }, headers: reasonHeaders(reason) })),
    `audit-detail-${caseId}`,
  );
  const reference = detail.status === 'ok' ? detail.data.reference : 'casus';
  return (
    <section aria-labelledby="audit-geschiedenis" className="baken-section">
      <Heading2 id="audit-geschiedenis">Geschiedenis van {reference}</Heading2>
      <Paragraph>
        Stap door de versies van de casus: bij elke versie ziet u de gebeurtenis en de toestand van de casus op dat
        moment.
      </Paragraph>
      {history.status === 'loading' ? <Loading what="de geschiedenis" /> : null}
      {history.status === 'error' ? <ProblemNotice problem={history.problem} what="De geschiedenis" /> : null}
      {history.status === 'ok' ? <HistoryStepper caseId={caseId} events={history.data.events} reason={reason} /> : null}
      <Heading3>Hashketen</Heading3>
      <Paragraph>
        Elke gebeurtenis bevat de hash van de vorige. Controleer of de opgeslagen geschiedenis nog klopt.
      </Paragraph>
      <Verification caseId={caseId} reason={reason} />
      {detail.status === 'ok' ? <Persons c={detail.data} reason={reason} /> : null}
      <Heading3>Dossier</Heading3>
      <Paragraph>De geschiedenis, de controle van de keten en het toegangslog van de casus in één PDF.</Paragraph>
      <Downloads
        path={`/api/audit/cases/${caseId}/dossier`}
        query={{}}
        baseName={`dossier-${reference}`}
        what="Dossier"
        formats={['pdf']}
      />
    </section>
  );
}

interface LogFilter {
  reference: string;
  username: string;
  from: string;
  to: string;
}

function AccessLog({ initialReference }: { initialReference: string }) {
  const [draft, setDraft] = useState<LogFilter>({ reference: initialReference, username: '', from: '', to: '' });
  const [applied, setApplied] = useState<LogFilter>(draft);
  const { people } = usePeople();
  useEffect(() => {
    setDraft((d) => ({ ...d, reference: initialReference }));
    setApplied((a) => ({ ...a, reference: initialReference }));
  }, [initialReference]);
  const log = useQuery(
    () =>
      settle(
        api.GET('/api/audit/access-log', {
          params: {
            query: {
              reference: applied.reference.trim().toUpperCase() || undefined,
              username: applied.username || undefined,
              from: applied.from || undefined,
              to: applied.to || undefined,
            },
          },
        }),
      ),
    `log-${JSON.stringify(applied)}`,
  );
  const form = 'toegangslog';
  return (
    <section aria-labelledby="toegangslog-kop" className="baken-section">
      <Heading2 id="toegangslog-kop">Toegangslog</Heading2>
      <Paragraph>Wie heeft wanneer welke casusgegevens ingezien, en waarom.</Paragraph>
      <form
        id={form}
        noValidate
        className="baken-filters"
        aria-label="Toegangslog filteren"
        onSubmit={(e) => {
          e.preventDefault();
          // The same filter again means: look again (new reads may have been logged since).
          if (JSON.stringify(draft) === JSON.stringify(applied)) void log.reload();
          else setApplied(draft);
        }}
      >
        <TextField
          formId={form}
          name="reference"
          label="Casusnummer"
          value={draft.reference}
          description="Het casusnummer, bijvoorbeeld ZWB-2026-00012."
          onChange={(reference) => setDraft({ ...draft, reference })}
        />
        <TextField
          formId={form}
          name="username"
          label="Gebruiker"
          value={draft.username}
          onChange={(username) => setDraft({ ...draft, username })}
        />
        <DateField
          formId={form}
          name="from"
          label="Van"
          value={draft.from}
          onChange={(from) => setDraft({ ...draft, from })}
        />
        <DateField
          formId={form}
          name="to"
          label="Tot en met"
          value={draft.to}
          onChange={(to) => setDraft({ ...draft, to })}
        />
        <ButtonGroup className="baken-filters__buttons">
          <Button type="submit" appearance="primary-action-button">
            Filteren
          </Button>
        </ButtonGroup>
      </form>
      {log.status === 'loading' ? <Loading what="het toegangslog" /> : null}
      {log.status === 'error' && log.problem.status === 400 ? (
        <Notice type="error">{messagesFor(log.problem).summary}</Notice>
      ) : null}
      {log.status === 'error' && log.problem.status !== 400 ? (
        <ProblemNotice problem={log.problem} what="Het toegangslog" />
      ) : null}
      {log.status === 'ok' && log.data.items.length === 0 ? <Paragraph>Geen inzages gevonden.</Paragraph> : null}
      {log.status === 'ok' && log.data.items.length > 0 ? (
        <div className="baken-table-scroll" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption>{log.data.items.length === 1 ? '1 inzage' : `${log.data.items.length} inzages`}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Tijdstip</TableHeaderCell>
                <TableHeaderCell scope="col">Gebruiker</TableHeaderCell>
                <TableHeaderCell scope="col">Rol</TableHeaderCell>
                <TableHeaderCell scope="col">Casus</TableHeaderCell>
                <TableHeaderCell scope="col">Handeling</TableHeaderCell>
                <TableHeaderCell scope="col">Persoonsgegevens gezien</TableHeaderCell>
                <TableHeaderCell scope="col">Reden</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {log.data.items.map((item, i) => (
                <TableRow key={`${item.at}-${i}`}>
                  <TableCell>{formatInstant(item.at)}</TableCell>
                  <TableCell>{personNameWithUsername(people, item.username)}</TableCell>
                  <TableCell>{label(ROLE, item.role)}</TableCell>
                  <TableCell className="baken-reference">{item.reference ?? '–'}</TableCell>
                  <TableCell>{label(ACCESS_ACTION, item.action)}</TableCell>
                  <TableCell>
                    {item.subjectsRevealed.length === 0
                      ? 'Nee'
                      : `Ja (${item.subjectsRevealed.length === 1 ? '1 persoon' : `${item.subjectsRevealed.length} personen`})`}
                  </TableCell>
                  <TableCell>{item.reason ?? '–'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}

export function AuditPage() {
  const location = useLocation();
  const asked = (location.query.get('casus') ?? '').trim().toUpperCase();
  const reference = REFERENCE.test(asked) ? asked : '';
  const [reason, setReason] = useState('');
  const found = useQuery(
    () =>
      reference
        ? caseByReference(reference)
        : Promise.resolve({ ok: true as const, data: null, response: new Response() }),
    `audit-case-${reference}`,
  );
  return (
    <>
      <PageHeading title="Audit" />
      <Paragraph>
        Alleen-lezen: geschiedenis en tijdreizen per casus, controle van de hashketen, wie welke gegevens zag, het
        dossier en het toegangslog. Elke inzage wordt zelf ook gelogd.
      </Paragraph>
      <CasePicker selected={reference} reason={reason} onReason={setReason} />
      {asked && !reference ? (
        <Notice type="warning">Dit is geen casusnummer. Een casusnummer ziet eruit als ZWB-2026-00012.</Notice>
      ) : null}
      {reference && found.status === 'ok' && !found.data ? (
        <Notice type="warning">Er is geen casus {reference}.</Notice>
      ) : null}
      {found.status === 'error' ? <ProblemNotice problem={found.problem} what="De casus" /> : null}
      {found.status === 'ok' && found.data ? <CaseAudit caseId={found.data.caseId} reason={reason} /> : null}
      <AccessLog initialReference={reference} />
      <Seals />
    </>
  );
}
