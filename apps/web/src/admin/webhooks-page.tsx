import { useState } from 'react';
import {
  Button,
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
import { api, settle, type Schemas } from '../api/client';
import { messagesFor } from '../api/problems';
import { Loading, Notice, PageHeading, ProblemNotice, useQuery } from '../components/page';
import { formatInstant } from '../dates';
import { kindLabel } from '../notifications/notification-view';
import { organisationName, useOrganisations } from '../reference-data';
import { itemsOf } from './admin-api';
import { BackToAdmin, ChangedText } from './admin-parts';

type Webhook = Schemas['WebhookResponse'];
type DeadLetter = Schemas['DeadLetterResponse'];

async function load() {
  const [webhooks, deadLetters] = await Promise.all([
    itemsOf(settle(api.GET('/api/admin/webhooks'))),
    itemsOf(settle(api.GET('/api/admin/webhooks/dead-letters'))),
  ]);
  if (!webhooks.ok) return webhooks;
  if (!deadLetters.ok) return deadLetters;
  return { ...webhooks, data: { webhooks: webhooks.data, deadLetters: deadLetters.data } };
}

const lastResult = (status: number | null, error: string | null) =>
  [status ? `HTTP ${status}` : null, error].filter(Boolean).join(': ') || '–';

/**
 * `Webhooks`: the organisations' outgoing webhooks with how their deliveries fare, and the deliveries that failed for
 * good (dead letters), each of which the administrator may send again.
 */
export function WebhooksPage() {
  const query = useQuery<{ webhooks: Webhook[]; deadLetters: DeadLetter[] }>(load, 'webhooks');
  const organisations = useOrganisations();
  const [message, setMessage] = useState<{ type: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const name = (id: string) => organisationName(organisations, id);

  const retry = async (letter: DeadLetter) => {
    setBusy(letter.deliveryId);
    setMessage(null);
    const result = await settle(
      api.POST('/api/admin/webhooks/dead-letters/{deliveryId}/retry', {
        params: { path: { deliveryId: letter.deliveryId } },
      }),
    );
    setBusy(null);
    setMessage(
      result.ok
        ? { type: 'ok', text: `De melding aan ${name(letter.organisation)} wordt opnieuw verstuurd.` }
        : { type: 'error', text: `Opnieuw versturen lukte niet. ${messagesFor(result.problem).summary}` },
    );
    if (result.ok) await query.reload();
  };

  return (
    <>
      <BackToAdmin />
      <PageHeading title="Webhooks" />
      <Paragraph>
        Organisaties met een webhook krijgen hun meldingen ook in hun eigen systeem. Een melding die na alle pogingen
        niet aankwam, staat hieronder bij de mislukte meldingen; u kunt haar opnieuw laten versturen.
      </Paragraph>
      {message ? <Notice type={message.type}>{message.text}</Notice> : null}
      {query.status === 'loading' ? <Loading what="de webhooks" /> : null}
      {query.status === 'error' ? <ProblemNotice problem={query.problem} what="De webhooks" /> : null}
      {query.status === 'ok' ? (
        <>
          <section className="baken-section" aria-labelledby="webhooks-ingesteld">
            <Heading2 id="webhooks-ingesteld">Ingestelde webhooks</Heading2>
            {query.data.webhooks.length === 0 ? (
              <Paragraph>Geen organisatie heeft een webhook.</Paragraph>
            ) : (
              <div className="baken-table-scroll" tabIndex={0}>
                <Table className="baken-table">
                  <TableCaption>Webhooks ({query.data.webhooks.length})</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                      <TableHeaderCell scope="col">Adres</TableHeaderCell>
                      <TableHeaderCell scope="col">Wachtend</TableHeaderCell>
                      <TableHeaderCell scope="col">Afgeleverd</TableHeaderCell>
                      <TableHeaderCell scope="col">Mislukt</TableHeaderCell>
                      <TableHeaderCell scope="col">Laatste poging</TableHeaderCell>
                      <TableHeaderCell scope="col">Laatst gewijzigd</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {query.data.webhooks.map((w) => (
                      <TableRow key={w.organisation}>
                        <TableHeaderCell scope="row">{name(w.organisation)}</TableHeaderCell>
                        <TableCell className="baken-admin-code">{w.url}</TableCell>
                        <TableCell>{w.health.pending}</TableCell>
                        <TableCell>{w.health.delivered}</TableCell>
                        <TableCell>{w.health.dead}</TableCell>
                        <TableCell>
                          {w.health.lastAttemptAt ? formatInstant(w.health.lastAttemptAt) : '–'}
                          {w.health.lastStatus || w.health.lastError
                            ? ` (${lastResult(w.health.lastStatus, w.health.lastError)})`
                            : ''}
                        </TableCell>
                        <TableCell>
                          <ChangedText changedBy={w.updatedBy} changedAt={w.updatedAt} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </section>
          <section className="baken-section" aria-labelledby="webhooks-mislukt">
            <Heading2 id="webhooks-mislukt">Mislukte meldingen</Heading2>
            {query.data.deadLetters.length === 0 ? (
              <Paragraph>Er zijn geen mislukte meldingen.</Paragraph>
            ) : (
              <div className="baken-table-scroll" tabIndex={0}>
                <Table className="baken-table">
                  <TableCaption>Mislukte meldingen ({query.data.deadLetters.length})</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                      <TableHeaderCell scope="col">Soort melding</TableHeaderCell>
                      <TableHeaderCell scope="col">Pogingen</TableHeaderCell>
                      <TableHeaderCell scope="col">Opgegeven op</TableHeaderCell>
                      <TableHeaderCell scope="col">Laatste resultaat</TableHeaderCell>
                      <TableHeaderCell scope="col">Acties</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {query.data.deadLetters.map((d) => (
                      <TableRow key={d.deliveryId}>
                        <TableHeaderCell scope="row">{name(d.organisation)}</TableHeaderCell>
                        <TableCell>{kindLabel(d.kind)}</TableCell>
                        <TableCell>{d.attempts}</TableCell>
                        <TableCell>{formatInstant(d.deadAt ?? d.createdAt)}</TableCell>
                        <TableCell>{lastResult(d.lastStatus, d.lastError)}</TableCell>
                        <TableCell>
                          <Button
                            appearance="subtle-button"
                            busy={busy === d.deliveryId}
                            disabled={busy !== null}
                            onClick={() => void retry(d)}
                          >
                            Opnieuw versturen
                          </Button>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
