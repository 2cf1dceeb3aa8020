import { Inject, Injectable } from '@nestjs/common';
import type { Database, EventStore, StoredEvent } from '@baken/event-store';
import { authorizeCase, caseView, mayListCases, type Actor } from '@baken/access';
import { DATABASE, EVENT_STORE, forbidden, notFound } from '@baken/platform';
import { SubjectKeyStore } from '@baken/privacy';
import { evolve, type CaseEvent, type CaseState, type OpenCase } from '../domain';
import { resourceOf, streamIdOf } from '../infrastructure/case-command-runner';
import { CaseReadModelProjection } from '../projections/case-read-model.projection';
import { maskEventData, subjectIdsInEvents, subjectIdsOf, toCaseResponse } from './case-view';

export interface CaseListFilter {
  district?: string;
  status?: string;
  form?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export type CasePointInTime = { version: number } | { asOf: Date } | null;

function fold(events: readonly StoredEvent[]): CaseState {
  return events.reduce<CaseState>((state, e) => evolve(state, { type: e.type, data: e.data } as CaseEvent), null);
}

@Injectable()
export class CaseQueries {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: CaseReadModelProjection,
    private readonly keys: SubjectKeyStore,
  ) {}

  async list(actor: Actor, filter: CaseListFilter) {
    if (!mayListCases(actor)) throw forbidden(`Your role (${actor.role}) has no access to case content.`);
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    switch (actor.role) {
      case 'coordinator':
      case 'steering_group':
        where.push(`district = ANY(${p(actor.districts)}::text[])`);
        break;
      case 'liaison':
        where.push(`registered_by = ${p(actor.username)}`);
        break;
      case 'partner':
        where.push(`${p(actor.organisation ?? '')} = ANY(involved_partners)`);
        break;
    }
    if (filter.district) where.push(`district = ${p(filter.district)}`);
    if (filter.status) where.push(`status = ${p(filter.status)}`);
    if (filter.form) where.push(`${p(filter.form)} = ANY(forms)`);
    if (filter.overdue !== undefined) where.push(`overdue = ${p(filter.overdue)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM case_list ${clause}`, params);
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT case_id, reference, district, municipality, status, forms, urgency, to_char(received_on, 'YYYY-MM-DD') AS received_on,
              coordinator, overdue, version
       FROM case_list ${clause}
       ORDER BY received_on DESC, reference DESC
       LIMIT ${p(filter.pageSize)} OFFSET ${p((filter.page - 1) * filter.pageSize)}`,
      params,
    );
    const statusOnly = caseView(actor) === 'status';
    return {
      items: rows.map((r) => ({
        caseId: r.case_id, reference: r.reference, district: r.district, municipality: r.municipality, status: r.status,
        ...(statusOnly ? {} : { forms: r.forms, urgency: r.urgency, coordinator: r.coordinator }),
        receivedOn: r.received_on, overdue: r.overdue, version: Number(r.version),
      })),
      total: Number(total.rows[0].n),
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /** The case now, or as it was after version N or at an instant (time travel). */
  async detail(actor: Actor, caseId: string, at: CasePointInTime) {
    const current = await this.readModel.load(this.db, caseId);
    this.authorize(actor, current?.state ?? null, 'read');
    let state: OpenCase = current!.state;
    let version = current!.version;
    if (at) {
      const events = await this.store.readStream(streamIdOf(caseId), 'version' in at ? { toVersion: at.version } : { asOf: at.asOf });
      const past = fold(events);
      if (!past || ('version' in at && at.version > version)) throw notFound('That version of the case');
      state = past;
      version = events.length;
    }
    const keys = caseView(actor) === 'full' ? await this.keys.load(this.db, subjectIdsOf(state)) : new Map();
    return toCaseResponse(state, version, caseView(actor), keys);
  }

  async history(actor: Actor, caseId: string) {
    const current = await this.readModel.load(this.db, caseId);
    this.authorize(actor, current?.state ?? null, 'read_history');
    const events = await this.store.readStream(streamIdOf(caseId));
    const view = caseView(actor);
    const keys = view === 'full' ? await this.keys.load(this.db, subjectIdsInEvents(events)) : new Map();
    return {
      caseId,
      events: events.map((e) => {
        const actorMeta = (e.metadata.actor ?? {}) as { username?: string; role?: string };
        return {
          version: e.streamVersion,
          type: e.type,
          recordedAt: e.recordedAt.toISOString(),
          actor: { username: actorMeta.username ?? null, role: actorMeta.role ?? null },
          data: maskEventData(e.type, e.data as Record<string, unknown>, view, keys),
          hash: e.metadata.hash,
          prevHash: e.metadata.prevHash,
        };
      }),
    };
  }

  private authorize(actor: Actor, state: OpenCase | null, action: 'read' | 'read_history'): asserts state is OpenCase {
    if (!mayListCases(actor)) throw forbidden(`Your role (${actor.role}) has no access to case content.`);
    if (!state) throw notFound('The case');
    const decision = authorizeCase(actor, action, resourceOf(state));
    if (decision === 'not_found') throw notFound('The case');
    if (decision === 'deny') throw forbidden(`Your role (${actor.role}) may not see this.`);
  }
}
