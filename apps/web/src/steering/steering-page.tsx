import { useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
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
  type AgendaItem,
  type CaseDetail,
  type Organisation,
  type SteeringDecision,
  type User,
  type Vote,
} from '../api/client';
import { useUser } from '../auth/session';
import { Downloads } from '../components/download';
import { DateField, ErrorSummary, useFormErrors } from '../components/fields';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { ActionForm } from '../cases/case-action-forms';
import { stillNeededText } from '../cases/case-actions';
import { formatDate, isIsoDate, quarterOf, quarterPeriod, todayInAmsterdam } from '../dates';
import { EXPLOITATION_FORM, PROPOSAL_STATUS, STEERING_VOTE, label, phraseOf } from '../i18n/labels';
import {
  interventionTypeName,
  organisationName,
  placeName,
  useDistricts,
  useInterventionTypes,
  useOrganisations,
} from '../reference-data';
import { AppLink } from '../router';

type Message = { type: 'ok' | 'warning'; text: string };

const measuresText = (
  item: { measures: AgendaItem['measures'] },
  name: (id: string) => string,
  typeName: (type: string) => string,
) => phraseOf(item.measures.map((m) => `${typeName(m.type)} (${name(m.leadOrganisation)})`));

const voteText = (v: Vote, name: (id: string) => string) =>
  `${name(v.organisation)}: ${label(STEERING_VOTE, v.decision).toLowerCase()} op ${formatDate(v.decidedOn)}${
    v.revisitOn ? `, opnieuw bespreken op ${formatDate(v.revisitOn)}` : ''
  }${v.rationale ? ` (${v.rationale})` : ''}`;

/**
 * The stuurploeg's screen: the agenda of its districts (submitted proposals, the votes so far and whose assent is still
 * needed), voting, and the besluitenlijst of a period with its PDF and XLSX. The stuurploeg reads the steering summary
 * and the measures only; the care narrative and names stay with the care coordination.
 */
export function SteeringPage() {
  const user = useUser();
  const [message, setMessage] = useState<Message | null>(null);
  const agenda = useQuery(() => settle(api.GET('/api/steering/agenda')), 'agenda');

  return (
    <>
      <PageHeading title="Stuurploeg" />
      <Paragraph>
        De stuurploeg besluit samen: een voorstel is goedgekeurd zodra twee leden van twee organisaties instemmen,
        waaronder de bevoegde organisatie van elke maatregel (de gemeente bestuurlijke, het OM strafrechtelijke, de
        Belastingdienst fiscale en de Arbeidsinspectie arbeidsrechtelijke maatregelen).
      </Paragraph>
      {message ? (
        <Notice type={message.type} focus>
          {message.text}
        </Notice>
      ) : null}
      <section aria-labelledby="agenda" className="baken-section">
        <Heading2 id="agenda">Agenda</Heading2>
        {agenda.status === 'loading' ? <Loading what="de agenda" /> : null}
        {agenda.status === 'error' ? <ProblemNotice problem={agenda.problem} what="De agenda" /> : null}
        {agenda.status === 'ok' && agenda.data.items.length === 0 ? (
          <Paragraph>Er liggen geen voorstellen voor de stuurploeg.</Paragraph>
        ) : null}
        {agenda.status === 'ok'
          ? agenda.data.items.map((item) => (
              <AgendaCard
                key={item.proposalId}
                item={item}
                user={user}
                onMessage={async (next) => {
                  await agenda.reload();
                  setMessage(next);
                }}
              />
            ))
          : null}
      </section>
      <DecisionHistory />
    </>
  );
}

function AgendaCard({
  item,
  user,
  onMessage,
}: {
  item: AgendaItem;
  user: User;
  onMessage(message: Message | null): Promise<void>;
}) {
  const districts = useDistricts();
  const organisations = useOrganisations();
  const name = (id: string) => organisationName(organisations, id);
  const interventionTypes = useInterventionTypes();
  const typeName = (type: string) => interventionTypeName(interventionTypes, type);
  const [voting, setVoting] = useState<CaseDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const headingId = `voorstel-${item.proposalId}`;

  const openVote = async () => {
    await onMessage(null);
    setLoading(true);
    // The form sends the version the member saw (If-Match): the case as it is now.
    const detail = await settle(api.GET('/api/cases/{caseId}', { params: { path: { caseId: item.caseId } } }));
    setLoading(false);
    if (detail.ok) setVoting(detail.data);
    else
      await onMessage({ type: 'warning', text: `${item.reference} kon niet worden geopend. Laad de agenda opnieuw.` });
  };

  return (
    <article aria-labelledby={headingId} className="baken-card">
      <Heading3 id={headingId}>
        <AppLink to={`/casussen/${item.caseId}`}>{item.reference}</AppLink>
      </Heading3>
      <DataList className="baken-data-list">
        <DataListItem>
          <DataListKey>District</DataListKey>
          <DataListValue>
            {placeName(districts, item.district)}, {placeName(districts, item.municipality)}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Uitbuitingsvorm</DataListKey>
          <DataListValue>{phraseOf(item.forms.map((f) => label(EXPLOITATION_FORM, f)))}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Ingediend</DataListKey>
          <DataListValue>
            {formatDate(item.submittedOn)}
            {item.revisitOn ? `; aangehouden tot ${formatDate(item.revisitOn)}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Samenvatting</DataListKey>
          <DataListValue>{item.steeringSummary ?? 'Geen samenvatting voor de stuurploeg.'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Maatregelen</DataListKey>
          <DataListValue>{measuresText(item, name, typeName)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Stemmen</DataListKey>
          <DataListValue>
            {item.votes.length === 0 ? (
              'Nog niemand heeft gestemd.'
            ) : (
              <ul className="baken-plain-list">
                {item.votes.map((v) => (
                  <li key={v.username}>{voteText(v, name)}</li>
                ))}
              </ul>
            )}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Instemming</DataListKey>
          <DataListValue className="baken-still-needed">{stillNeededText(item.stillNeeded)}</DataListValue>
        </DataListItem>
      </DataList>
      {voting ? (
        <ActionForm
          action="DecideProposal"
          caseDetail={voting}
          user={user}
          onCancel={() => setVoting(null)}
          onDone={async (text) => {
            setVoting(null);
            await onMessage({ type: 'ok', text: `${item.reference}: ${text}` });
          }}
          onConflict={async () => {
            setVoting(null);
            await onMessage({
              type: 'warning',
              text: `${item.reference} is intussen gewijzigd. De agenda is opnieuw geladen; bekijk het voorstel opnieuw.`,
            });
          }}
        />
      ) : item.allowedActions.includes('DecideProposal') ? (
        <Button appearance="primary-action-button" aria-describedby={headingId} busy={loading} onClick={openVote}>
          Stemmen
        </Button>
      ) : user.role === 'steering_group' ? (
        <Paragraph className="baken-muted">U heeft over dit voorstel gestemd.</Paragraph>
      ) : null}
    </article>
  );
}

/** The besluitenlijst: the proposals the stuurploeg decided in a period, with its PDF and XLSX. */
function DecisionHistory() {
  const today = todayInAmsterdam();
  const quarter = quarterOf(today);
  const [period, setPeriod] = useState(() => ({ from: quarterPeriod(quarter.year, quarter.quarter).from, to: today }));
  const [draft, setDraft] = useState(period);
  const form = useFormErrors(['from', 'to']);
  const organisations = useOrganisations();
  const decisions = useQuery(
    () => settle(api.GET('/api/steering/decisions', { params: { query: period } })),
    `decisions-${period.from}-${period.to}`,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!isIsoDate(draft.from)) problems.from = 'Vul een geldige datum in.';
    if (!isIsoDate(draft.to)) problems.to = 'Vul een geldige datum in.';
    else if (draft.to < draft.from) problems.to = 'De einddatum ligt vóór de begindatum.';
    if (Object.keys(problems).length) return form.fromChecks(problems);
    form.clear();
    setPeriod(draft);
  };

  return (
    <section aria-labelledby="besluiten" className="baken-section">
      <Heading2 id="besluiten">Besluitenlijst</Heading2>
      <form id="besluiten-periode" noValidate onSubmit={submit} className="baken-filters" aria-label="Periode kiezen">
        <ErrorSummary
          formId="besluiten-periode"
          errors={form.errors}
          shown={form.shown}
          labels={{ from: 'Van', to: 'Tot en met' }}
        />
        <DateField
          formId="besluiten-periode"
          name="from"
          label="Van"
          value={draft.from}
          error={form.errors.fields.from}
          onChange={(from) => setDraft((d) => ({ ...d, from }))}
        />
        <DateField
          formId="besluiten-periode"
          name="to"
          label="Tot en met"
          value={draft.to}
          error={form.errors.fields.to}
          onChange={(to) => setDraft((d) => ({ ...d, to }))}
        />
        <ButtonGroup className="baken-filters__buttons">
          <Button type="submit" appearance="secondary-action-button">
            Besluiten tonen
          </Button>
        </ButtonGroup>
      </form>
      {decisions.status === 'loading' ? <Loading what="de besluiten" /> : null}
      {decisions.status === 'error' ? <ProblemNotice problem={decisions.problem} what="De besluitenlijst" /> : null}
      {decisions.status === 'ok' ? (
        <>
          <DecisionTable items={decisions.data.items} organisations={organisations} period={period} />
          <Downloads
            path="/api/steering/decisions"
            query={period}
            baseName={`besluitenlijst-${period.from}-${period.to}`}
            what="Besluitenlijst"
            formats={['pdf', 'xlsx']}
          />
        </>
      ) : null}
    </section>
  );
}

function DecisionTable({
  items,
  organisations,
  period,
}: {
  items: readonly SteeringDecision[];
  organisations: readonly Organisation[] | null;
  period: { from: string; to: string };
}) {
  const name = (id: string) => organisationName(organisations, id);
  const interventionTypes = useInterventionTypes();
  const typeName = (type: string) => interventionTypeName(interventionTypes, type);
  if (items.length === 0)
    return (
      <Paragraph>
        Van {formatDate(period.from)} tot en met {formatDate(period.to)} heeft de stuurploeg geen besluiten genomen.
      </Paragraph>
    );
  return (
    <div className="baken-table-scroll" tabIndex={0}>
      <Table className="baken-table">
        <TableCaption>
          Besluiten van {formatDate(period.from)} tot en met {formatDate(period.to)}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Casus</TableHeaderCell>
            <TableHeaderCell scope="col">Besluit</TableHeaderCell>
            <TableHeaderCell scope="col">Maatregelen</TableHeaderCell>
            <TableHeaderCell scope="col">Stemmen</TableHeaderCell>
            <TableHeaderCell scope="col">Voorwaarden en evaluatie</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((d) => (
            <TableRow key={d.proposalId}>
              <TableCell className="baken-reference">
                <AppLink to={`/casussen/${d.caseId}`}>{d.reference}</AppLink>
              </TableCell>
              <TableCell>
                {label(PROPOSAL_STATUS, d.decision)} op {formatDate(d.decidedOn)}
                {d.decision === 'rejected' && d.rationale ? `: ${d.rationale}` : ''}
              </TableCell>
              <TableCell>{measuresText(d, name, typeName)}</TableCell>
              <TableCell>
                <ul className="baken-plain-list">
                  {d.votes.map((v) => (
                    <li key={v.username}>{voteText(v, name)}</li>
                  ))}
                </ul>
              </TableCell>
              <TableCell>
                {[d.conditions, d.evaluateOn ? `Evaluatie op ${formatDate(d.evaluateOn)}` : null]
                  .filter(Boolean)
                  .join('. ') || '–'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
