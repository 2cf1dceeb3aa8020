import {
  Heading2,
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
import { Loading, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatDate, todayInAmsterdam } from '../dates';
import { organisationName, placeName, useDistricts, useOrganisations } from '../reference-data';
import { AppLink } from '../router';
import { sessionPath, type SessionSummary } from './session-api';
import { organisationList, personName, splitByDate, type PersonLike } from './session-form';
import { AppButtonLink, usePeopleList } from './session-parts';
import './sessions.css';

/** The Zorgtafel's sessions of the coordinator's districts: those to come, soonest first, and those held. */
export function SessionListPage() {
  const sessions = useQuery(() => settle(api.GET('/api/care-table-sessions')), 'care-table-sessions');
  const people = usePeopleList();
  const today = todayInAmsterdam();
  const { upcoming, past } =
    sessions.status === 'ok' ? splitByDate(sessions.data.items, today) : { upcoming: [], past: [] };
  return (
    <>
      <PageHeading title="Zorgtafels" />
      <Paragraph>
        De Zorgtafel Mensenhandel bespreekt casussen met de ketenpartners. Plan een zorgtafel met de genodigden en de
        agenda, en leg per casus de uitkomst en de actiepunten vast.
      </Paragraph>
      <AppButtonLink to="/zorgtafels/plannen" appearance="primary-action-button">
        Zorgtafel plannen
      </AppButtonLink>
      {sessions.status === 'loading' ? <Loading what="de zorgtafels" /> : null}
      {sessions.status === 'error' ? <ProblemNotice problem={sessions.problem} what="De zorgtafels" /> : null}
      {sessions.status === 'ok' ? (
        <>
          <section aria-labelledby="komende-zorgtafels" className="baken-section">
            <Heading2 id="komende-zorgtafels">Komende zorgtafels</Heading2>
            <SessionTable sessions={upcoming} people={people} empty="Er zijn geen zorgtafels gepland." upcoming />
          </section>
          <section aria-labelledby="eerdere-zorgtafels" className="baken-section">
            <Heading2 id="eerdere-zorgtafels">Eerdere zorgtafels</Heading2>
            <SessionTable sessions={past} people={people} empty="Er zijn nog geen zorgtafels gehouden." />
          </section>
        </>
      ) : null}
    </>
  );
}

function SessionTable({
  sessions,
  people,
  empty,
  upcoming = false,
}: {
  sessions: readonly SessionSummary[];
  people: readonly PersonLike[] | null;
  empty: string;
  upcoming?: boolean;
}) {
  const districts = useDistricts();
  const organisations = useOrganisations();
  if (sessions.length === 0) return <Paragraph>{empty}</Paragraph>;
  const plannedBy = (username: string) => {
    const person = people?.find((p) => p.username === username);
    return person ? personName(person) : username;
  };
  return (
    <div className="baken-table-scroll" tabIndex={0}>
      <Table className="baken-table">
        <TableCaption className="baken-visually-hidden">
          {upcoming ? 'Komende zorgtafels, eerstvolgende bovenaan' : 'Eerdere zorgtafels, laatste bovenaan'}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Datum</TableHeaderCell>
            <TableHeaderCell scope="col">District</TableHeaderCell>
            <TableHeaderCell scope="col">Genodigden</TableHeaderCell>
            <TableHeaderCell scope="col">Agenda</TableHeaderCell>
            <TableHeaderCell scope="col">Gepland door</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sessions.map((s) => (
            <TableRow key={s.sessionId}>
              <TableCell className="baken-reference">
                <AppLink to={sessionPath(s.sessionId)}>{formatDate(s.plannedOn)}</AppLink>
              </TableCell>
              <TableCell>{placeName(districts, s.district)}</TableCell>
              <TableCell>{organisationList(s.invitees, (id) => organisationName(organisations, id)) || '–'}</TableCell>
              <TableCell>
                {s.caseCount === 1 ? '1 casus' : `${s.caseCount} casussen`}, {s.discussedCount} besproken
              </TableCell>
              <TableCell>{plannedBy(s.plannedBy)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
