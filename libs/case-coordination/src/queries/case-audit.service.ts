import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { AccessLog, authorizeAudit, SecurityEvents, type Actor, type AccessLogItem } from '@baken/access';
import * as nl from '@baken/labels';
import { DATABASE, forbidden, notFound, toPdf, type Clock, CLOCK } from '@baken/platform';
import { SubjectKeyStore } from '@baken/privacy';
import { CaseQueries } from './case-queries.service';

type AuditRead = 'read_dossier' | 'read_access_log';

/** One field of event data as a line of the dossier: `name: value`, lists and objects as compact JSON. */
const fieldLine = ([name, value]: [string, unknown]) =>
  `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;

/**
 * What an auditor asks of one case or one person: the case's dossier (its history as the auditor sees it, the
 * verification of its hash chain and its access log, as a PDF) and who saw a subject's personal data. Auditors only;
 * every such read is itself written to the access log.
 */
@Injectable()
export class CaseAudit {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queries: CaseQueries,
    private readonly accessLog: AccessLog,
    private readonly keys: SubjectKeyStore,
    private readonly events: SecurityEvents,
  ) {}

  /** Every read of the subject's case, newest first, each saying whether it showed the subject's personal data. */
  async subjectAccess(actor: Actor, subjectId: string, reason: string | null) {
    this.authorize(actor, 'read_access_log', { subjectId });
    const { rows } = await this.db.query<{ case_id: string; reference: string; pseudonym: string }>(
      `SELECT d.case_id, l.reference, s->>'pseudonym' AS pseudonym
       FROM case_details d JOIN case_list l ON l.case_id = d.case_id, jsonb_array_elements(d.state->'subjects') s
       WHERE d.state->'subjects' @> jsonb_build_array(jsonb_build_object('subjectId', $1::text)) AND s->>'subjectId' = $1`,
      [subjectId],
    );
    if (rows.length === 0) throw notFound('The subject');
    const { case_id: caseId, reference, pseudonym } = rows[0];
    const items = await this.accessLog.search({ caseId, limit: 5000 });
    await this.accessLog.record({
      actor,
      caseId,
      reference,
      action: 'read_access_log',
      reason,
      detail: `subjectId=${subjectId}`,
    });
    return {
      subjectId,
      pseudonym,
      caseId,
      reference,
      items: items.map((item) => ({ ...item, personalData: item.subjectsRevealed.includes(subjectId) })),
    };
  }

  /** The case's dossier as a PDF: its history, the verification of its chain, and its access log. */
  async dossier(actor: Actor, caseId: string, reason: string | null): Promise<{ pdf: Buffer; fileName: string }> {
    this.authorize(actor, 'read_dossier', { caseId });
    const history = await this.queries.history(actor, caseId, reason);
    const verification = await this.queries.verify(actor, caseId, reason);
    const log = await this.accessLog.search({ caseId, limit: 5000 });
    const { rows } = await this.db.query<{ reference: string; status: string; district: string }>(
      'SELECT reference, status, district FROM case_list WHERE case_id = $1',
      [caseId],
    );
    const reference = rows[0]?.reference ?? caseId;
    const pdf = await toPdf({
      title: `Dossier ${reference}`,
      subtitle: `Opgemaakt op ${nl.instantText(this.clock.now())} voor ${actor.username} (${nl.label(nl.ROLE, actor.role)}). Status: ${nl.label(nl.CASE_STATUS, rows[0]?.status)}.`,
      empty: '',
      sections: [
        {
          heading: 'Controle van de hashketen',
          lines: [
            verification.valid
              ? `De keten is intact: ${verification.checkedEvents} gebeurtenissen gecontroleerd.`
              : `De keten is verbroken bij versie ${verification.firstInvalidVersion}.`,
          ],
        },
        ...history.events.map((e) => ({
          heading: `Versie ${e.version}: ${nl.label(nl.EVENT_TYPE, e.type)}`,
          lines: [
            `${nl.instantText(e.recordedAt)}, door ${e.actor.username ?? 'het systeem'}${e.actor.role ? ` (${nl.label(nl.ROLE, e.actor.role)})` : ''}`,
            ...Object.entries(e.data ?? {}).map(fieldLine),
            `Hash ${e.hash}`,
          ],
        })),
        {
          heading: 'Toegangslog',
          lines: log.length ? log.map((item) => accessLine(item)) : ['Niemand heeft deze casus ingezien.'],
        },
      ],
    });
    await this.accessLog.record({ actor, caseId, reference, action: 'read_dossier', reason });
    return { pdf, fileName: `dossier-${reference}.pdf` };
  }

  private authorize(actor: Actor, action: AuditRead, what: Record<string, string>): void {
    if (authorizeAudit(actor, action) === 'allow') return;
    this.events.record('access_refused', {
      username: actor.username,
      role: actor.role,
      action,
      decision: 'deny',
      ...what,
    });
    throw forbidden(`Your role (${actor.role}) may not read the audit trail.`);
  }
}

const accessLine = (item: AccessLogItem) =>
  [
    nl.instantText(item.at),
    `${item.username} (${nl.label(nl.ROLE, item.role)})`,
    nl.label(nl.ACCESS_ACTION, item.action),
    item.detail,
    item.reason ? `reden: ${item.reason}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
