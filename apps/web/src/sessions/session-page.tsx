import { useState } from 'react';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Heading4,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, settle, type Organisation } from '../api/client';
import { CaseStatusBadge } from '../components/badges';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatDate } from '../dates';
import { takeFlash } from '../flash';
import { EXPLOITATION_FORM, label, listOf } from '../i18n/labels';
import { organisationName, organisationsFor, placeName, useDistricts, useOrganisations } from '../reference-data';
import { AppLink } from '../router';
import { OutcomeForm } from './outcome-form';
import type { Session, SessionAgendaItem, SessionOutcome } from './session-api';
import { organisationList, ownerText, personName, type PersonLike } from './session-form';
import { AppButtonLink, usePeopleList } from './session-parts';
import './sessions.css';

const without = (set: ReadonlySet<string>, value: string) => new Set([...set].filter((v) => v !== value));

const formsText = (forms: readonly string[]) => listOf(forms.map((f) => label(EXPLOITATION_FORM, f)));

/**
 * One session of the Zorgtafel: its date, district and invitees, and the agenda, with per case its outcome or the form
 * to record it. "Agenda afdrukken" prints the agenda alone: date, district, invitees, the cases by reference with
 * municipality and forms, and nothing of the cases' narrative.
 */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const session = useQuery(
    () => settle(api.GET('/api/care-table-sessions/{sessionId}', { params: { path: { sessionId } } })),
    `care-table-session-${sessionId}`,
  );
  const districts = useDistricts();
  const organisations = useOrganisations();
  const people = usePeopleList();
  const [message, setMessage] = useState<string | null>(() => takeFlash());
  const [recording, setRecording] = useState<ReadonlySet<string>>(new Set());

  if (session.status === 'loading')
    return (
      <>
        <PageHeading title="Zorgtafel" />
        <Loading what="de zorgtafel" />
      </>
    );
  if (session.status === 'error')
    return (
      <>
        <PageHeading title="Zorgtafel" />
        <ProblemNotice problem={session.problem} what="De zorgtafel" />
        <AppLink to="/zorgtafels">Terug naar de zorgtafels</AppLink>
      </>
    );

  const s = session.data;
  const name = (id: string) => organisationName(organisations, id);
  const plannedBy = people?.find((p) => p.username === s.plannedBy);
  const title = `Zorgtafel ${placeName(districts, s.district)} van ${formatDate(s.plannedOn)}`;
  return (
    <>
      <PageHeading title={title} />
      <div className="baken-screen-only">
        {message ? (
          <Notice type="ok" focus>
            {message}
          </Notice>
        ) : null}
        <DataList className="baken-data-list">
          <DataListItem>
            <DataListKey>Datum</DataListKey>
            <DataListValue>{formatDate(s.plannedOn)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>District</DataListKey>
            <DataListValue>{placeName(districts, s.district)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Genodigden</DataListKey>
            <DataListValue>{organisationList(s.invitees, name) || 'Niemand'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Gepland door</DataListKey>
            <DataListValue>{plannedBy ? personName(plannedBy) : s.plannedBy}</DataListValue>
          </DataListItem>
        </DataList>
        <ButtonGroup className="baken-session-buttons">
          <Button type="button" appearance="secondary-action-button" onClick={() => window.print()}>
            Agenda afdrukken
          </Button>
          <AppButtonLink to="/zorgtafels" appearance="subtle-button">
            Alle zorgtafels
          </AppButtonLink>
        </ButtonGroup>
        <section aria-labelledby="agenda" className="baken-section">
          <Heading2 id="agenda">Agenda</Heading2>
          {s.agenda.length === 0 ? <Paragraph>Er staan geen casussen op de agenda.</Paragraph> : null}
          {s.agenda.map((item) => (
            <AgendaCase
              key={item.caseId}
              session={s}
              item={item}
              organisations={organisationsFor(organisations, districts, s.district)}
              people={people}
              recording={recording.has(item.caseId)}
              onRecord={() => {
                setMessage(null);
                setRecording((open) => new Set(open).add(item.caseId));
              }}
              onCancel={() => setRecording((open) => without(open, item.caseId))}
              onRecorded={async () => {
                await session.reload();
                setRecording((open) => without(open, item.caseId));
                setMessage(`De uitkomst van ${item.reference} is vastgelegd.`);
              }}
            />
          ))}
        </section>
      </div>
      <PrintedAgenda session={s} name={name} districtName={placeName(districts, s.district)} />
    </>
  );
}

function AgendaCase({
  session,
  item,
  organisations,
  people,
  recording,
  onRecord,
  onCancel,
  onRecorded,
}: {
  session: Session;
  item: SessionAgendaItem;
  organisations: readonly Organisation[];
  people: readonly PersonLike[] | null;
  recording: boolean;
  onRecord(): void;
  onCancel(): void;
  onRecorded(): Promise<void>;
}) {
  const districts = useDistricts();
  const headingId = `agenda-${item.caseId}`;
  const mayRecord = item.allowedActions.includes('RecordCareTableMeeting');
  return (
    <article aria-labelledby={headingId} className="baken-card">
      <Heading3 id={headingId}>
        <AppLink to={`/casussen/${item.caseId}`}>{item.reference}</AppLink>
      </Heading3>
      <DataList className="baken-data-list">
        <DataListItem>
          <DataListKey>Status</DataListKey>
          <DataListValue>
            <CaseStatusBadge status={item.status} />
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Gemeente</DataListKey>
          <DataListValue>{placeName(districts, item.municipality)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Uitbuitingsvorm</DataListKey>
          <DataListValue>{formsText(item.forms)}</DataListValue>
        </DataListItem>
      </DataList>
      {item.outcome ? (
        <OutcomeView outcome={item.outcome} reference={item.reference} people={people} caseId={item.caseId} />
      ) : recording ? (
        <OutcomeForm
          session={session}
          item={item}
          organisations={organisations}
          people={people}
          onDone={onRecorded}
          onCancel={onCancel}
        />
      ) : mayRecord ? (
        <Button appearance="primary-action-button" aria-describedby={headingId} onClick={onRecord}>
          Uitkomst vastleggen
        </Button>
      ) : (
        <Paragraph className="baken-muted">Nog niet besproken.</Paragraph>
      )}
    </article>
  );
}

function OutcomeView({
  outcome,
  reference,
  caseId,
  people,
}: {
  outcome: SessionOutcome;
  reference: string;
  caseId: string;
  people: readonly PersonLike[] | null;
}) {
  const organisations = useOrganisations();
  const name = (id: string) => organisationName(organisations, id);
  return (
    <section aria-labelledby={`uitkomst-${caseId}`}>
      <Heading4 id={`uitkomst-${caseId}`}>Uitkomst</Heading4>
      <DataList className="baken-data-list">
        <DataListItem>
          <DataListKey>Gehouden op</DataListKey>
          <DataListValue>{formatDate(outcome.heldOn)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Deelnemers</DataListKey>
          <DataListValue>{organisationList(outcome.participants, name)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Conclusies</DataListKey>
          <DataListValue className="baken-prewrap">{outcome.conclusions}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Slachtoffer geïnformeerd</DataListKey>
          <DataListValue>
            {outcome.victimInformed === true ? 'Ja' : outcome.victimInformed === false ? 'Nee' : 'Niet vastgelegd'}
          </DataListValue>
        </DataListItem>
      </DataList>
      {outcome.actionPoints.length === 0 ? (
        <Paragraph>Geen actiepunten afgesproken.</Paragraph>
      ) : (
        <div className="baken-table-scroll" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption>Actiepunten van {reference}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Omschrijving</TableHeaderCell>
                <TableHeaderCell scope="col">Uitvoerder</TableHeaderCell>
                <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
                <TableHeaderCell scope="col">Afgerond</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {outcome.actionPoints.map((point) => (
                <TableRow key={point.actionPointId}>
                  <TableCell className="baken-prewrap">{point.description}</TableCell>
                  <TableCell>{ownerText(point, name, people)}</TableCell>
                  <TableCell>{formatDate(point.dueOn)}</TableCell>
                  <TableCell>{point.completedOn ? formatDate(point.completedOn) : 'Nog niet'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

/** The agenda as it is printed: only what the invitees need to prepare, none of the cases' narrative. */
function PrintedAgenda({
  session,
  name,
  districtName,
}: {
  session: Session;
  name: (id: string) => string;
  districtName: string;
}) {
  const districts = useDistricts();
  return (
    <div className="baken-print-only baken-printed-agenda">
      <h1 className="utrecht-heading-1">Agenda Zorgtafel Mensenhandel</h1>
      <dl className="baken-printed-agenda__facts">
        <dt>Datum</dt>
        <dd>{formatDate(session.plannedOn)}</dd>
        <dt>District</dt>
        <dd>{districtName}</dd>
        <dt>Genodigden</dt>
        <dd>{organisationList(session.invitees, name) || 'Niemand'}</dd>
      </dl>
      <table className="baken-printed-agenda__table">
        <thead>
          <tr>
            <th scope="col">Nr.</th>
            <th scope="col">Casus</th>
            <th scope="col">Gemeente</th>
            <th scope="col">Uitbuitingsvorm</th>
          </tr>
        </thead>
        <tbody>
          {session.agenda.map((item, i) => (
            <tr key={item.caseId}>
              <td>{i + 1}</td>
              <td>{item.reference}</td>
              <td>{placeName(districts, item.municipality)}</td>
              <td>{formsText(item.forms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
