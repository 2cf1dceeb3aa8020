import { useState } from 'react';
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { api, settle, type CaseDetail, type Result } from '../api/client';
import { useUser } from '../auth/session';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { ActionForm } from '../cases/case-action-forms';
import { formatDate } from '../dates';
import { EXPLOITATION_FORM, INTERVENTION_TYPE, SUBJECT_ROLE, label, listOf } from '../i18n/labels';
import { placeName, useDistricts } from '../reference-data';
import { AppLink } from '../router';

/** The district's cases whose proposal awaits the steering group, with the proposal (pseudonymised, as the API gives it). */
async function loadAwaiting(): Promise<Result<CaseDetail[]>> {
  const list = await settle(
    api.GET('/api/cases', { params: { query: { status: 'awaiting_steering_group', page: 1, pageSize: 100 } } }),
  );
  if (!list.ok) return list;
  const details = await Promise.all(
    list.data.items.map((i) => settle(api.GET('/api/cases/{caseId}', { params: { path: { caseId: i.caseId } } }))),
  );
  const failed = details.find((d) => !d.ok);
  if (failed && !failed.ok) return failed;
  return { ok: true, data: details.flatMap((d) => (d.ok ? [d.data] : [])), response: list.response };
}

export function SteeringPage() {
  const user = useUser();
  const districts = useDistricts();
  const awaiting = useQuery(loadAwaiting, 'awaiting');
  const [deciding, setDeciding] = useState<string | null>(null);
  const [message, setMessage] = useState<{ type: 'ok' | 'warning'; text: string } | null>(null);

  return (
    <>
      <PageHeading title="Stuurploeg" />
      <Paragraph>
        Voorstellen voor een integrale aanpak die op een besluit van de stuurploeg wachten. Personen staan er alleen met
        hun pseudoniem.
      </Paragraph>
      {message ? (
        <Notice type={message.type} focus>
          {message.text}
        </Notice>
      ) : null}
      {awaiting.status === 'loading' ? <Loading what="de voorstellen" /> : null}
      {awaiting.status === 'error' ? <ProblemNotice problem={awaiting.problem} what="De voorstellen" /> : null}
      {awaiting.status === 'ok' && awaiting.data.length === 0 ? (
        <Paragraph>Er wachten geen voorstellen op een besluit.</Paragraph>
      ) : null}
      {awaiting.status === 'ok'
        ? awaiting.data.map((c) => {
            const proposal = (c.proposals ?? []).find((p) => p.status === 'submitted');
            if (!proposal) return null;
            const headingId = `voorstel-${c.caseId}`;
            return (
              <article key={c.caseId} aria-labelledby={headingId} className="baken-card">
                <Heading2 id={headingId}>
                  <AppLink to={`/casussen/${c.caseId}`}>{c.reference}</AppLink>
                </Heading2>
                <DataList className="baken-data-list">
                  <DataListItem>
                    <DataListKey>District</DataListKey>
                    <DataListValue>
                      {placeName(districts, c.district)}, {placeName(districts, c.municipality)}
                    </DataListValue>
                  </DataListItem>
                  <DataListItem>
                    <DataListKey>Uitbuitingsvorm</DataListKey>
                    <DataListValue>{listOf((c.forms ?? []).map((f) => label(EXPLOITATION_FORM, f)))}</DataListValue>
                  </DataListItem>
                  <DataListItem>
                    <DataListKey>Personen</DataListKey>
                    <DataListValue>
                      {listOf(
                        (c.subjects ?? []).map((s) => `${s.pseudonym} (${label(SUBJECT_ROLE, s.role).toLowerCase()})`),
                      ) || 'Geen'}
                    </DataListValue>
                  </DataListItem>
                  <DataListItem>
                    <DataListKey>Ingediend</DataListKey>
                    <DataListValue>{formatDate(proposal.submittedOn)}</DataListValue>
                  </DataListItem>
                  <DataListItem>
                    <DataListKey>Voorstel</DataListKey>
                    <DataListValue>{proposal.summary}</DataListValue>
                  </DataListItem>
                  <DataListItem>
                    <DataListKey>Voorgestelde interventies</DataListKey>
                    <DataListValue>
                      {listOf((proposal.proposedInterventions ?? []).map((t) => label(INTERVENTION_TYPE, t)))}
                    </DataListValue>
                  </DataListItem>
                </DataList>
                {deciding === c.caseId ? (
                  <ActionForm
                    action="DecideProposal"
                    caseDetail={c}
                    user={user}
                    onCancel={() => setDeciding(null)}
                    onDone={async (text) => {
                      await awaiting.reload();
                      setDeciding(null);
                      setMessage({ type: 'ok', text: `${c.reference}: ${text}` });
                    }}
                    onConflict={async () => {
                      await awaiting.reload();
                      setDeciding(null);
                      setMessage({
                        type: 'warning',
                        text: `${c.reference} is intussen gewijzigd. De lijst is opnieuw geladen; bekijk het voorstel opnieuw.`,
                      });
                    }}
                  />
                ) : proposal.allowedActions.includes('DecideProposal') ? (
                  <Button
                    appearance="primary-action-button"
                    aria-describedby={headingId}
                    onClick={() => {
                      setMessage(null);
                      setDeciding(c.caseId);
                    }}
                  >
                    Besluit vastleggen
                  </Button>
                ) : null}
              </article>
            );
          })
        : null}
    </>
  );
}
