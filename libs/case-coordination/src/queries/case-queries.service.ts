import { Inject, Injectable } from '@nestjs/common';
import { describeSealCheck, Sealer, type Database, type EventStore, type StoredEvent } from '@baken/event-store';
import {
  AccessLog,
  authorizeAudit,
  authorizeCase,
  caseScopeOf,
  SecurityEvents,
  caseView,
  mayListCases,
  type Actor,
  type CaseResource,
  type CaseScope,
} from '@baken/access';
import { DATABASE, EVENT_STORE, forbidden, notFound, READ_DATABASE } from '@baken/platform';
import { SubjectKeyStore } from '@baken/privacy';
import { allowedCommands, caseStreamId, fold, type CaseEvent, type CaseState, type OpenCase } from '../domain';
import { resourceOf } from '../infrastructure/case-resource';
import { SubjectNameIndex } from '../infrastructure/subject-name-index';
import { CaseNarrative } from '../infrastructure/narrative';
import { CaseReadModelProjection } from '../projections/case-read-model.projection';
import {
  interventionsOf,
  maskEventData,
  NO_ACTIONS,
  revealableSubjects,
  subjectIdsInEvents,
  toCaseResponse,
  type AllowedActions,
} from './case-view';

export interface CaseListFilter {
  district?: string;
  status?: string;
  form?: string;
  overdue?: boolean;
  /** A reference or its beginning. */
  q?: string;
  page: number;
  pageSize: number;
}

export type CasePointInTime = { version: number } | { asOf: Date } | null;

/** The case list's SQL condition for the scope the policy gives an actor (`caseScopeOf`), over `case_list`. */
export function scopeCondition(scope: CaseScope, param: (value: unknown) => string): string {
  switch (scope.kind) {
    case 'everything':
      return 'true';
    case 'nothing':
      return 'false';
    case 'districts':
      return `district = ANY(${param([...scope.districts])}::text[])`;
    case 'steering':
      return `district = ANY(${param([...scope.districts])}::text[]) AND for_steering_group`;
    case 'registered_by':
      return `registered_by = ${param(scope.username)}`;
    case 'partner':
      return `(${param(scope.organisation)} = ANY(involved_partners) OR registered_by = ${param(scope.username)})`;
  }
}

/** The case as the stored events make it. */
const foldStored = (events: readonly StoredEvent[]): CaseState =>
  fold(events as readonly { type: string; data: unknown }[] as readonly CaseEvent[]);

/**
 * What the actor may do on the case now: the actions the case's rules allow (the same guards `decide` applies) that
 * the access policy allows the actor's role too. The web UI shows these as its buttons.
 */
export function allowedActionsOf(actor: Actor, state: OpenCase): AllowedActions {
  const allowed = allowedCommands(state, actor.username);
  const may = <T extends string>(types: readonly T[], target: { interventionId?: string; actionPointId?: string }) =>
    types.filter(
      (type) =>
        authorizeCase(actor, type as never, resourceOf(state, target.interventionId, target.actionPointId)) === 'allow',
    );
  const each = <T extends string>(byId: Record<string, T[]>, target?: 'interventionId' | 'actionPointId') =>
    Object.fromEntries(Object.entries(byId).map(([id, types]) => [id, may(types, target ? { [target]: id } : {})]));
  return {
    case: may(allowed.case, {}),
    proposals: each(allowed.proposals),
    interventions: each(allowed.interventions, 'interventionId'),
    subjects: each(allowed.subjects),
    actionPoints: each(allowed.actionPoints, 'actionPointId'),
  };
}

/** Actions on a whole case that the policy decides on scope alone, without looking at a single intervention. */
type CaseReadAction = 'read' | 'read_history' | 'time_travel';

/**
 * What the policy needs to decide a read of the case, and its current version, from the case's row in `case_list`
 * — a few columns, where the current state in `case_details` holds every meeting, proposal and intervention. The
 * row is written in the same transaction as the state; its `involved_partners` are the partners the policy's rule
 * finds in that state (`involvedPartnersOf`), so scope comes out the same. Only for reads: intervention commands
 * need the lead partner of each intervention, which this row does not keep.
 */
async function readResource(
  db: Database,
  caseId: string,
): Promise<{ resource: CaseResource; version: number; reference: string } | null> {
  const { rows } = await db.query<{
    reference: string;
    district: string;
    municipality: string;
    registered_by: string;
    involved_partners: string[];
    for_steering_group: boolean;
    version: number;
  }>(
    'SELECT reference, district, municipality, registered_by, involved_partners, for_steering_group, version FROM case_list WHERE case_id = $1',
    [caseId],
  );
  if (rows.length === 0) return null;
  const row = rows[0];
  return {
    resource: {
      district: row.district,
      municipality: row.municipality,
      registeredBy: row.registered_by,
      involvedOrganisations: row.involved_partners,
      interventions: [],
      forSteeringGroup: row.for_steering_group,
    },
    version: Number(row.version),
    reference: row.reference,
  };
}

/** The subjects whose personal data a view shows with these keys: those of the full view that were not erased. */
const revealed = (keys: Map<string, Buffer>): string[] => [...keys.keys()];

@Injectable()
export class CaseQueries {
  constructor(
    /** Lists, details, history and time travel: a standby when one is configured (with read-your-writes). */
    @Inject(READ_DATABASE) private readonly db: Database,
    @Inject(DATABASE) private readonly primary: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: CaseReadModelProjection,
    private readonly narrative: CaseNarrative,
    private readonly keys: SubjectKeyStore,
    private readonly accessLog: AccessLog,
    private readonly events: SecurityEvents,
    private readonly sealer: Sealer,
    private readonly nameIndex: SubjectNameIndex,
  ) {}

  async list(actor: Actor, filter: CaseListFilter) {
    if (!mayListCases(actor)) {
      this.events.record('access_refused', {
        username: actor.username,
        role: actor.role,
        action: 'list_cases',
        decision: 'deny',
      });
      throw forbidden(`Your role (${actor.role}) has no access to case content.`);
    }
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    where.push(scopeCondition(caseScopeOf(actor), p));
    if (filter.district) where.push(`district = ${p(filter.district)}`);
    if (filter.status) where.push(`status = ${p(filter.status)}`);
    if (filter.form) where.push(`${p(filter.form)} = ANY(forms)`);
    if (filter.overdue !== undefined) where.push(`overdue = ${p(filter.overdue)}`);
    if (filter.q) {
      const byReference = `reference LIKE ${p(`${filter.q.toUpperCase().replace(/[%_]/g, '')}%`)}`;
      // Coordinators also find a case by a subject's exact name, through the blind index: never by decrypting.
      const named = actor.role === 'coordinator' ? await this.nameIndex.casesNamed(this.db, filter.q) : [];
      where.push(named.length ? `(${byReference} OR case_id = ANY(${p(named)}::uuid[]))` : byReference);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM case_list ${clause}`, params);
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT case_id, reference, district, municipality, status, forms, urgency, to_char(received_on, 'YYYY-MM-DD') AS received_on,
              coordinator, overdue, version, involved_partners
       FROM case_list ${clause}
       ORDER BY received_on DESC, reference DESC
       LIMIT ${p(filter.pageSize)} OFFSET ${p((filter.page - 1) * filter.pageSize)}`,
      params,
    );
    // Each row as the actor's view of that case shows it: a partner's own signal shows its status only.
    const statusOnly = (r: Record<string, unknown>) =>
      caseView(actor, { involvedOrganisations: r.involved_partners as string[] }) === 'status';
    return {
      items: rows.map((r) => ({
        caseId: r.case_id,
        reference: r.reference,
        district: r.district,
        municipality: r.municipality,
        status: r.status,
        ...(statusOnly(r) ? {} : { forms: r.forms, urgency: r.urgency, coordinator: r.coordinator }),
        receivedOn: r.received_on,
        overdue: r.overdue,
        version: Number(r.version),
      })),
      total: Number(total.rows[0].n),
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /** The cases linked to this one, from either side, that the reader may see. */
  private async linksOf(actor: Actor, state: OpenCase) {
    const params: unknown[] = [state.caseId];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { rows } = await this.db.query<{ case_id: string; reference: string; reason: string; linked_by: string }>(
      `SELECT l.linked_case_id::text AS case_id, c.reference, l.reason, l.linked_by
       FROM case_links l JOIN case_list c ON c.case_id = l.linked_case_id
       WHERE l.case_id = $1
         AND l.linked_case_id IN (SELECT case_id FROM case_list WHERE ${scopeCondition(caseScopeOf(actor), p)})
       ORDER BY c.reference`,
      params,
    );
    return rows.map((r) => ({ caseId: r.case_id, reference: r.reference, reason: r.reason, linkedBy: r.linked_by }));
  }

  /**
   * Earlier cases of the reader's scope with a subject of the same name (and birth date, where both have one), by the
   * blind index: "mogelijk bekend uit". A hint for the coordinator, never a conclusion.
   */
  private async possiblyKnownFrom(actor: Actor, state: OpenCase) {
    const others = await this.nameIndex.casesSharingSubjects(this.db, state.caseId);
    if (others.length === 0) return [];
    const params: unknown[] = [others, state.receivedOn];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { rows } = await this.db.query<{ case_id: string; reference: string; status: string; received_on: string }>(
      `SELECT case_id::text AS case_id, reference, status, to_char(received_on, 'YYYY-MM-DD') AS received_on
       FROM case_list
       WHERE case_id = ANY($1::uuid[]) AND received_on <= $2::date AND ${scopeCondition(caseScopeOf(actor), p)}
       ORDER BY received_on DESC, reference DESC`,
      params,
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      reference: r.reference,
      status: r.status,
      receivedOn: r.received_on,
    }));
  }

  /**
   * The case now, or as it was after version N or at an instant (time travel). Scope and view are those the actor has
   * now: the past is never shown in more detail than the present. Written to the access log (with the reader's
   * `X-Access-Reason`) before it is returned; a read that cannot be logged fails.
   */
  async detail(actor: Actor, caseId: string, at: CasePointInTime, reason: string | null = null) {
    let state: OpenCase;
    let version: number;
    let resource: CaseResource;
    if (at) {
      // The past is folded from the log; the current state is needed only for the access check, and its list row
      // answers that without reading every meeting and intervention of the case a second time.
      const current = await readResource(this.db, caseId);
      this.authorize(actor, caseId, current?.resource ?? null, 'time_travel');
      resource = current!.resource;
      const events = await this.narrative.readEvents(
        this.db,
        caseId,
        'version' in at ? { toVersion: at.version } : { asOf: at.asOf },
      );
      const past = foldStored(events);
      if (!past || ('version' in at && at.version > current!.version)) throw notFound('That version of the case');
      state = past;
      version = events.length;
    } else {
      const current = await this.readModel.load(this.db, caseId);
      const found = current ? resourceOf(current.state) : null;
      this.authorize(actor, caseId, found, 'read');
      resource = found;
      ({ state, version } = current!);
    }
    // The view is the one the actor has now: the past is never shown in more detail than the present.
    const viewer = { view: caseView(actor, resource), organisation: actor.organisation };
    const keys = await this.keys.load(this.db, revealableSubjects(state, viewer));
    // The past is shown as it was; only the present can be acted on.
    const response = toCaseResponse(state, version, viewer, keys, at ? NO_ACTIONS : allowedActionsOf(actor, state));
    if (viewer.view === 'full') {
      // Both cases of a link show it, as far as the reader may see the other case; a case as it was shows its own.
      Object.assign(response, {
        links: at ? state.links : await this.linksOf(actor, state),
        possiblyKnownFrom: at ? [] : await this.possiblyKnownFrom(actor, state),
      });
    }
    await this.accessLog.record({
      actor,
      caseId,
      reference: state.reference,
      subjectsRevealed: revealed(keys),
      reason,
      action: at ? 'time_travel' : 'read_case',
      detail: at ? ('version' in at ? `version=${at.version}` : `asOf=${at.asOf.toISOString()}`) : null,
    });
    return response;
  }

  async history(actor: Actor, caseId: string, reason: string | null = null) {
    const current = await readResource(this.db, caseId);
    this.authorize(actor, caseId, current?.resource ?? null, 'read_history');
    const events = await this.narrative.readEvents(this.db, caseId);
    const view = caseView(actor, current!.resource);
    const keys = view === 'full' ? await this.keys.load(this.db, subjectIdsInEvents(events)) : new Map();
    const own = view === 'partner' ? interventionsOf(events, actor.organisation) : new Set<string>();
    const response = {
      caseId,
      events: events.flatMap((e) => {
        const data = maskEventData(e.type, e.data as Record<string, unknown>, view, keys, own);
        if (data === null) return [];
        const actorMeta = (e.metadata.actor ?? {}) as { username?: string; role?: string };
        return [
          {
            version: e.streamVersion,
            type: e.type,
            recordedAt: e.recordedAt.toISOString(),
            actor: { username: actorMeta.username ?? null, role: actorMeta.role ?? null },
            data,
            hash: e.metadata.hash,
            prevHash: e.metadata.prevHash,
          },
        ];
      }),
    };
    await this.accessLog.record({
      actor,
      caseId,
      reference: current!.reference,
      subjectsRevealed: revealed(keys),
      reason,
      action: 'read_history',
    });
    return response;
  }

  /** Recomputes the case's hash chain (auditors only; logged): the first version that was modified, removed, inserted or moved. */
  async verify(actor: Actor, caseId: string, reason: string | null = null) {
    if (authorizeAudit(actor, 'verify_chain') !== 'allow') {
      this.events.record('access_refused', {
        username: actor.username,
        role: actor.role,
        caseId,
        action: 'verify_chain',
        decision: 'deny',
      });
      throw forbidden(`Your role (${actor.role}) may not verify hash chains.`);
    }
    const streamId = caseStreamId(caseId);
    const chain = await this.store.verifyStream(streamId);
    const listed = await readResource(this.primary, caseId);
    // Against the latest seal: a chain recomputed after a change, or cut short, is intact in itself but not sealed.
    const sealed = this.sealer.read().latest;
    const check = chain.valid ? await this.sealer.check(this.primary, streamId, chain.checkedEvents) : null;
    const exists =
      chain.checkedEvents > 0 || !chain.valid || listed !== null || (check !== null && check.status !== 'unsealed');
    if (!exists) throw notFound('The case');
    const sealBroken = check?.status === 'truncated' || check?.status === 'rewritten';
    const valid = chain.valid && !sealBroken;
    const firstInvalidVersion = !chain.valid
      ? chain.firstInvalidVersion
      : check?.status === 'truncated'
        ? check.version + 1
        : check?.status === 'rewritten'
          ? check.firstInvalidVersion
          : null;
    const finding = !chain.valid
      ? `The hash chain does not match from version ${chain.firstInvalidVersion}: an event was modified, removed, inserted or moved.`
      : sealBroken
        ? `${describeSealCheck(streamId, check)}; the latest seal (${sealed?.sealId}) recorded it otherwise.`
        : undefined;
    await this.accessLog.record({
      actor,
      caseId,
      reference: listed?.reference ?? null,
      reason,
      action: 'verify_chain',
      detail: valid ? `valid, ${chain.checkedEvents} events` : `broken at version ${firstInvalidVersion}`,
    });
    return {
      caseId,
      valid,
      checkedEvents: chain.checkedEvents,
      firstInvalidVersion,
      sealed:
        sealed && check?.status !== 'unsealed'
          ? { sealId: sealed.sealId, at: sealed.at, globalPosition: sealed.globalPosition, root: sealed.root }
          : null,
      ...(finding ? { reason: finding } : {}),
    };
  }

  private authorize(
    actor: Actor,
    caseId: string,
    resource: CaseResource | null,
    action: CaseReadAction,
  ): asserts resource is CaseResource {
    const decision = !mayListCases(actor) ? 'deny' : resource ? authorizeCase(actor, action, resource) : 'not_found';
    if (decision === 'allow') return;
    this.events.record('access_refused', {
      username: actor.username,
      role: actor.role,
      caseId,
      action,
      decision,
      caseExists: resource !== null,
    });
    if (decision === 'not_found') throw notFound('The case');
    throw forbidden(
      mayListCases(actor)
        ? `Your role (${actor.role}) may not see this.`
        : `Your role (${actor.role}) has no access to case content.`,
    );
  }
}
