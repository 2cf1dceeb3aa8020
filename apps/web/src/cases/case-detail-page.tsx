import { useState } from 'react';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
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
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import {
  api,
  settle,
  type CaseDetail,
  type CaseProposal,
  type HistoryEvent,
  type Organisation,
  type Schemas,
} from '../api/client';
import { useUser } from '../auth/session';
import { CaseStatusBadge } from '../components/badges';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatDate, formatInstant } from '../dates';
import { takeFlash } from '../flash';
import {
  CLOSE_OUTCOME,
  DEADLINE_KIND,
  EFFECT,
  EXPLOITATION_FORM,
  FORWARD_FEEDBACK,
  CASE_STATUS,
  LINK_REASON,
  SECTOR,
  INTERVENTION_LEVEL,
  PARTNER,
  PROPOSAL_STATUS,
  SOURCE_TYPE,
  STEERING_VOTE,
  SUBJECT_ROLE,
  TRIAGE_DECISION,
  URGENCY,
  VULNERABILITY,
  CONSENT_SCOPE,
  label,
  listOf,
  lowerFirst,
  phraseOf,
} from '../i18n/labels';
import { usePeople } from '../people/use-people';
import {
  interventionTypeName,
  organisationName,
  placeName,
  useDistricts,
  useInterventionTypes,
  useOrganisations,
} from '../reference-data';
import { AppLink, confirmLeaving } from '../router';
import { ActionForm } from './case-action-forms';
import { eventActor, eventSummary, eventTitle } from './event-summary';
import { ACTION_LABEL, offeredActions, type CaseAction } from './case-actions';

type Message = { type: 'ok' | 'warning'; text: string };

function Facts({ c }: { c: CaseDetail }) {
  const districts = useDistricts();
  const { name } = usePeople();
  const rows: [string, string][] = [
    ['District', placeName(districts, c.district)],
    ['Gemeente', placeName(districts, c.municipality)],
    ['Datum ontvangst', formatDate(c.receivedOn)],
  ];
  if (c.source)
    rows.push([
      'Bron',
      `${label(SOURCE_TYPE, c.source.type)}${c.source.organisation ? ` (${c.source.organisation})` : ''}`,
    ]);
  if (c.forms) rows.push(['Uitbuitingsvorm', phraseOf(c.forms.map((f) => label(EXPLOITATION_FORM, f)))]);
  if (c.vulnerabilities)
    rows.push([
      'Kwetsbaarheid',
      phraseOf(c.vulnerabilities.map((v) => label(VULNERABILITY, v))) || 'Nog niets vastgelegd',
    ]);
  if (c.sector !== undefined) rows.push(['Sector', c.sector ? label(SECTOR, c.sector) : 'Nog niet bekend']);
  for (const r of c.reclassifications ?? [])
    rows.push([`Classificatie gecorrigeerd (${formatDate(r.decidedOn)})`, r.rationale]);
  if (c.coordinator !== undefined)
    rows.push(['Zorgcoördinator', c.coordinator ? name(c.coordinator) : 'Nog niet toegewezen']);
  if (c.urgency !== undefined) rows.push(['Urgentie', label(URGENCY, c.urgency) || 'Nog niet bepaald']);
  if (c.triage)
    rows.push([
      'Triagebesluit',
      `${label(TRIAGE_DECISION, c.triage.decision)} (${formatDate(c.triage.decidedOn)}): ${c.triage.rationale}`,
    ]);
  if (c.forwarding) {
    const { forwardedTo, forwardedOn, feedback } = c.forwarding;
    rows.push([
      'Doorgezet',
      `Naar ${label(PARTNER, forwardedTo)} op ${formatDate(forwardedOn)}; ${
        feedback
          ? `${lowerFirst(label(FORWARD_FEEDBACK, feedback.feedback))} (${formatDate(feedback.receivedOn)})${feedback.note ? `: ${feedback.note}` : ''}`
          : 'wacht op terugkoppeling van de partner'
      }`,
    ]);
  }
  if (c.closedOn)
    rows.push([
      'Afgesloten',
      `${formatDate(c.closedOn)}: ${lowerFirst(label(CLOSE_OUTCOME, c.outcome))}${c.closeRationale ? `. ${c.closeRationale}` : ''}`,
    ]);
  return (
    <section aria-labelledby="gegevens" className="baken-section">
      <Heading2 id="gegevens">Gegevens</Heading2>
      <DataList className="baken-data-list">
        {rows.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{key}</DataListKey>
            <DataListValue>{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      {c.possiblyKnownFrom && c.possiblyKnownFrom.length > 0 ? (
        <Notice type="warning">
          Mogelijk bekend uit{' '}
          {c.possiblyKnownFrom.map((k, i) => (
            <span key={k.caseId}>
              {i > 0 ? ', ' : ''}
              <AppLink to={`/casussen/${k.caseId}`}>{k.reference}</AppLink> ({formatDate(k.receivedOn)},{' '}
              {lowerFirst(label(CASE_STATUS, k.status))})
            </span>
          ))}
          : daarin komt een persoon met dezelfde naam voor. Ga na of het dezelfde persoon is voordat u de casussen
          koppelt.
        </Notice>
      ) : null}
      {c.links && c.links.length > 0 ? (
        <>
          <Heading2 id="koppelingen" className="baken-subheading">
            Gekoppelde casussen
          </Heading2>
          <UnorderedList>
            {c.links.map((l) => (
              <UnorderedListItem key={l.caseId}>
                <AppLink to={`/casussen/${l.caseId}`}>{l.reference}</AppLink>:{' '}
                {lowerFirst(label(LINK_REASON, l.reason))}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      {c.summary ? (
        <>
          <Heading2 id="samenvatting" className="baken-subheading">
            Samenvatting
          </Heading2>
          <Paragraph className="baken-prewrap">{c.summary}</Paragraph>
        </>
      ) : null}
    </section>
  );
}

/** A person's consents as recorded, oldest first: `Gegevens delen met de zorgpartners: gegeven op 3 maart 2026`. */
function consentText(consents: readonly Schemas['ConsentResponse'][] | undefined): string {
  return (consents ?? [])
    .map((c) => `${label(CONSENT_SCOPE, c.scope)}: ${c.given ? 'gegeven' : 'geweigerd'} op ${formatDate(c.recordedOn)}`)
    .join('; ');
}

function Persons({ c }: { c: CaseDetail }) {
  if (!c.subjects) return null;
  const full = c.subjects.some((s) => s.name !== undefined);
  const consents = c.subjects.some((s) => (s.consents ?? []).length > 0);
  return (
    <section aria-labelledby="personen" className="baken-section">
      <Heading2 id="personen">Personen</Heading2>
      {c.subjects.length === 0 ? (
        <Paragraph>Er zijn geen personen vastgelegd.</Paragraph>
      ) : (
        <div className="baken-table-scroll" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption className="baken-visually-hidden">
              {full ? 'Betrokken personen' : 'Betrokken personen, gepseudonimiseerd'}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{full ? 'Naam' : 'Pseudoniem'}</TableHeaderCell>
                <TableHeaderCell scope="col">Rol</TableHeaderCell>
                {full ? <TableHeaderCell scope="col">Pseudoniem</TableHeaderCell> : null}
                {full ? <TableHeaderCell scope="col">Geboortedatum</TableHeaderCell> : null}
                {full ? <TableHeaderCell scope="col">Nationaliteit</TableHeaderCell> : null}
                {consents ? <TableHeaderCell scope="col">Toestemming</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {c.subjects.map((s) => (
                <TableRow key={s.subjectId}>
                  <TableCell>
                    {!full
                      ? s.pseudonym
                      : s.erased
                        ? 'Gegevens gewist'
                        : s.name === undefined
                          ? 'Niet bekendgemaakt'
                          : (s.name ?? 'Naam onbekend')}
                  </TableCell>
                  <TableCell>{label(SUBJECT_ROLE, s.role)}</TableCell>
                  {full ? <TableCell>{s.pseudonym}</TableCell> : null}
                  {full ? <TableCell>{formatDate(s.birthDate) || '–'}</TableCell> : null}
                  {full ? <TableCell>{s.nationality || '–'}</TableCell> : null}
                  {consents ? <TableCell>{consentText(s.consents) || '–'}</TableCell> : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {!full && c.subjects.length > 0 ? (
        <Paragraph className="baken-muted">Uw rol ziet personen alleen onder hun pseudoniem.</Paragraph>
      ) : null}
    </section>
  );
}

/** A proposal: its status and dates, what the stuurploeg reads, its measures, the votes, and what came of it. */
function ProposalItem({ p, organisations }: { p: CaseProposal; organisations: readonly Organisation[] | null }) {
  const interventionTypes = useInterventionTypes();
  const name = (id: string) => organisationName(organisations, id);
  const people = usePeople();
  const dates = [
    p.submittedOn ? `ingediend ${formatDate(p.submittedOn)}` : null,
    p.decidedOn ? `besloten ${formatDate(p.decidedOn)}` : null,
    p.status === 'submitted' && p.revisitOn ? `aangehouden tot ${formatDate(p.revisitOn)}` : null,
  ].filter(Boolean);
  return (
    <OrderedListItem>
      <strong>{label(PROPOSAL_STATUS, p.status)}</strong>
      {dates.length ? ` (${dates.join(', ')})` : ''}
      {p.summary ? `: ${p.summary}` : ''}
      <DataList className="baken-data-list baken-proposal">
        {p.steeringSummary ? (
          <DataListItem>
            <DataListKey>Voor de stuurploeg</DataListKey>
            <DataListValue>{p.steeringSummary}</DataListValue>
          </DataListItem>
        ) : null}
        <DataListItem>
          <DataListKey>Maatregelen</DataListKey>
          <DataListValue>
            {phraseOf(
              p.measures.map((m) => `${interventionTypeName(interventionTypes, m.type)} (${name(m.leadOrganisation)})`),
            ) || 'Geen'}
          </DataListValue>
        </DataListItem>
        {p.votes.length ? (
          <DataListItem>
            <DataListKey>Stemmen</DataListKey>
            <DataListValue>
              <ul className="baken-plain-list">
                {p.votes.map((v) => (
                  <li key={v.username}>
                    {name(v.organisation)} ({people.name(v.username)}): {label(STEERING_VOTE, v.decision).toLowerCase()}{' '}
                    op {formatDate(v.decidedOn)}
                    {v.rationale ? `. ${v.rationale}` : ''}
                    {v.revisitOn ? `. Opnieuw bespreken op ${formatDate(v.revisitOn)}` : ''}
                  </li>
                ))}
              </ul>
            </DataListValue>
          </DataListItem>
        ) : null}
        {p.conditions ? (
          <DataListItem>
            <DataListKey>Voorwaarden</DataListKey>
            <DataListValue>{p.conditions}</DataListValue>
          </DataListItem>
        ) : null}
        {p.evaluateOn ? (
          <DataListItem>
            <DataListKey>Evaluatie</DataListKey>
            <DataListValue>
              {p.evaluation
                ? `${formatDate(p.evaluation.evaluatedOn)}: ${p.evaluation.conclusion}`
                : `Gepland op ${formatDate(p.evaluateOn)}`}
            </DataListValue>
          </DataListItem>
        ) : null}
      </DataList>
    </OrderedListItem>
  );
}

function Work({ c }: { c: CaseDetail }) {
  const organisations = useOrganisations();
  const interventionTypes = useInterventionTypes();
  const meetings = c.careTableMeetings ?? [];
  const proposals = c.proposals ?? [];
  const interventions = c.interventions ?? [];
  const actionPoints = c.actionPoints ?? [];
  const { name } = usePeople();
  if (!c.careTableMeetings && !c.proposals && !c.interventions && !c.actionPoints) return null;
  return (
    <section aria-labelledby="aanpak" className="baken-section">
      <Heading2 id="aanpak">Aanpak</Heading2>
      <h3 className="utrecht-heading-3">Zorgtafels</h3>
      {meetings.length === 0 ? (
        <Paragraph>Nog geen zorgtafel gehouden.</Paragraph>
      ) : (
        <UnorderedMeetings meetings={meetings} />
      )}
      {c.actionPoints ? (
        <>
          <h3 className="utrecht-heading-3">Actiepunten</h3>
          {actionPoints.length === 0 ? (
            <Paragraph>Nog geen actiepunten afgesproken.</Paragraph>
          ) : (
            <UnorderedList className="baken-action-points">
              {actionPoints.map((a) => (
                <UnorderedListItem key={a.actionPointId}>
                  {a.description}{' '}
                  <span className="baken-muted">
                    ({a.ownerKind === 'user' ? name(a.owner) : organisationName(organisations, a.owner)}, uiterlijk{' '}
                    {formatDate(a.dueOn)};{' '}
                    {a.completedOn
                      ? `afgerond op ${formatDate(a.completedOn)}${a.completionNote ? `: ${a.completionNote}` : ''}`
                      : 'open'}
                    )
                  </span>
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </>
      ) : null}
      <h3 className="utrecht-heading-3">Voorstellen</h3>
      {proposals.length === 0 ? (
        <Paragraph>Nog geen voorstel.</Paragraph>
      ) : (
        <OrderedList>
          {proposals.map((p) => (
            <ProposalItem key={p.proposalId} p={p} organisations={organisations} />
          ))}
        </OrderedList>
      )}
      <h3 className="utrecht-heading-3">Interventies</h3>
      {interventions.length === 0 ? (
        <Paragraph>Nog geen interventies.</Paragraph>
      ) : (
        <div className="baken-table-scroll" tabIndex={0}>
          <Table className="baken-table">
            <TableCaption className="baken-visually-hidden">Interventies en hun effecten</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Interventie</TableHeaderCell>
                <TableHeaderCell scope="col">Trekker</TableHeaderCell>
                <TableHeaderCell scope="col">Doen mee</TableHeaderCell>
                <TableHeaderCell scope="col">Gepland</TableHeaderCell>
                <TableHeaderCell scope="col">Uitgevoerd</TableHeaderCell>
                <TableHeaderCell scope="col">Effecten</TableHeaderCell>
                <TableHeaderCell scope="col">Bekendgemaakt</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {interventions.map((i) => (
                <TableRow key={i.interventionId}>
                  <TableCell>
                    {interventionTypeName(interventionTypes, i.type)}{' '}
                    <span className="baken-muted">({label(INTERVENTION_LEVEL, i.level).toLowerCase()})</span>
                  </TableCell>
                  <TableCell>
                    {organisationName(organisations, i.leadOrganisation)}
                    {i.proposalId ? <span className="baken-muted"> (uit voorstel)</span> : null}
                  </TableCell>
                  <TableCell>{listOf(i.participants.map((o) => organisationName(organisations, o))) || '–'}</TableCell>
                  <TableCell>{formatDate(i.plannedOn)}</TableCell>
                  <TableCell>
                    {i.executedOn
                      ? formatDate(i.executedOn)
                      : i.cancelledOn
                        ? `Geannuleerd op ${formatDate(i.cancelledOn)}${i.cancellationReason ? `: ${i.cancellationReason}` : ''}`
                        : 'Nog niet'}
                  </TableCell>
                  <TableCell>
                    {i.effects.length
                      ? i.effects
                          .map((e, n) => {
                            const effect = label(EFFECT, e.effect);
                            return `${n === 0 ? effect : lowerFirst(effect)} (${formatDate(e.observedOn)})`;
                          })
                          .join('; ')
                      : '–'}
                  </TableCell>
                  <TableCell>
                    {listOf(
                      i.disclosedSubjects.map(
                        (id) => (c.subjects ?? []).find((s) => s.subjectId === id)?.pseudonym ?? id,
                      ),
                    ) || '–'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {c.missedDeadlines && c.missedDeadlines.length > 0 ? (
        <>
          <h3 className="utrecht-heading-3">Verstreken termijnen</h3>
          <OrderedList>
            {c.missedDeadlines.map((d) => (
              <OrderedListItem key={`${d.kind}-${d.ref}-${d.dueOn}`}>
                {label(DEADLINE_KIND, d.kind)}: uiterlijk {formatDate(d.dueOn)}
              </OrderedListItem>
            ))}
          </OrderedList>
        </>
      ) : null}
    </section>
  );
}

function UnorderedMeetings({ meetings }: { meetings: NonNullable<CaseDetail['careTableMeetings']> }) {
  return (
    <OrderedList>
      {meetings.map((m, i) => (
        <OrderedListItem key={m.meetingId ?? i}>
          <strong>{formatDate(m.heldOn)}</strong> met {listOf(m.participants.map((p) => label(PARTNER, p)))}:{' '}
          {m.conclusions}
          {m.victimInformed === true
            ? ' Slachtoffer geïnformeerd.'
            : m.victimInformed === false
              ? ' Slachtoffer niet geïnformeerd.'
              : ''}
        </OrderedListItem>
      ))}
    </OrderedList>
  );
}

/** The events of the case: what, who and when. */
export function Timeline({ events }: { events: readonly HistoryEvent[] }) {
  const organisations = useOrganisations();
  const people = usePeople();
  // Without the reference data the summary names the organisation's kind.
  const name = organisations ? (id: string) => organisationName(organisations, id) : undefined;
  return (
    <ol className="baken-timeline">
      {[...events].reverse().map((e) => (
        <li key={e.version} className="baken-timeline__item">
          <span className="baken-timeline__title">{eventTitle(e.type)}</span>
          <span className="baken-timeline__meta">
            {' '}
            – {formatInstant(e.recordedAt)}, door {eventActor(e.actor, people.name)}
          </span>
          {eventSummary(e.type, e.data, name, people.name) ? (
            <span className="baken-timeline__summary">{eventSummary(e.type, e.data, name, people.name)}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function CaseDetailPage({ caseId }: { caseId: string }) {
  const user = useUser();
  const detail = useQuery(
    () => settle(api.GET('/api/cases/{caseId}', { params: { path: { caseId } } })),
    `case-${caseId}`,
  );
  const mayReadHistory = user.role !== 'liaison';
  const history = useQuery(
    () =>
      mayReadHistory
        ? settle(api.GET('/api/cases/{caseId}/history', { params: { path: { caseId } } }))
        : Promise.resolve({ ok: true as const, data: null, response: new Response() }),
    `history-${caseId}`,
  );
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [message, setMessage] = useState<Message | null>(() => {
    const flash = takeFlash();
    return flash ? { type: 'ok', text: flash } : null;
  });

  if (detail.status === 'loading')
    return (
      <>
        <PageHeading title="Casus" />
        <Loading what="de casus" />
      </>
    );
  if (detail.status === 'error') {
    return (
      <>
        <PageHeading title="Casus" />
        {detail.problem.status === 404 ? (
          <Notice type="warning">Deze casus bestaat niet of valt buiten uw bereik.</Notice>
        ) : (
          <ProblemNotice problem={detail.problem} what="De casus" />
        )}
      </>
    );
  }
  const c = detail.data;
  const actions = offeredActions(c);
  const reload = () => Promise.all([detail.reload(), history.reload()]);

  return (
    <>
      <PageHeading title={`Casus ${c.reference}`}>{c.reference}</PageHeading>
      <p className="utrecht-paragraph baken-case-status">
        Status: <CaseStatusBadge status={c.status} /> <span className="baken-muted">(versie {c.version})</span>
      </p>
      {message ? (
        <Notice type={message.type} focus={!open}>
          {message.text}
        </Notice>
      ) : null}
      {user.role === 'auditor' ? (
        <Paragraph>
          <AppLink to={`/audit?casus=${c.reference}`}>Geschiedenis en hashketen van deze casus controleren</AppLink>
        </Paragraph>
      ) : null}

      {actions.length > 0 ? (
        <section aria-labelledby="volgende-stappen" className="baken-section baken-next-steps">
          <Heading2 id="volgende-stappen">Volgende stappen</Heading2>
          <ButtonGroup className="baken-action-buttons">
            {actions.map((a) => (
              <Button
                key={a}
                appearance={open === a ? 'primary-action-button' : 'secondary-action-button'}
                aria-expanded={open === a}
                aria-controls={open === a ? `actie-${a}-section` : undefined}
                onClick={() => {
                  // Another form, or closing this one, would lose what was typed: ask first.
                  if (open && !confirmLeaving()) return;
                  setMessage(null);
                  setOpen(open === a ? null : a);
                }}
              >
                {ACTION_LABEL[a]}
              </Button>
            ))}
          </ButtonGroup>
          {open ? (
            <ActionForm
              key={open}
              action={open}
              caseDetail={c}
              user={user}
              onCancel={() => setOpen(null)}
              onDone={async (text) => {
                await reload();
                setOpen(null);
                setMessage({ type: 'ok', text });
              }}
              onConflict={async () => {
                await reload();
                setOpen(null);
                setMessage({
                  type: 'warning',
                  text: 'De casus is intussen door iemand anders gewijzigd. De nieuwste versie is geladen: bekijk de wijziging en probeer het zo nodig opnieuw.',
                });
              }}
            />
          ) : null}
        </section>
      ) : null}

      <Facts c={c} />
      <Persons c={c} />
      <Work c={c} />

      {mayReadHistory ? (
        <section aria-labelledby="tijdlijn" className="baken-section">
          <Heading2 id="tijdlijn">Tijdlijn</Heading2>
          {history.status === 'loading' ? <Loading what="de tijdlijn" /> : null}
          {history.status === 'error' ? <ProblemNotice problem={history.problem} what="De tijdlijn" /> : null}
          {history.status === 'ok' && history.data ? <Timeline events={history.data.events} /> : null}
        </section>
      ) : null}
    </>
  );
}
