import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AccessLog, SecurityEvents, type Actor } from '@baken/access';
import type { Database, EventStore, Sql } from '@baken/event-store';
import {
  CLOCK,
  DATABASE,
  EVENT_STORE,
  forbidden,
  notFound,
  ProblemError,
  ValidationProblem,
  type Clock,
} from '@baken/platform';
import type { OpenCase } from '../domain';
import { requireKnownOrganisations } from '../features/shared/organisations';
import { ReferenceData } from '../infrastructure/reference-data.service';
import { CaseReadModelProjection } from '../projections/case-read-model.projection';
import {
  decideSession,
  SESSION_STREAM_TYPE,
  sessionStreamId,
  SessionRuleBroken,
  type SessionState,
} from './care-table-session';

export interface PlanSessionRequest {
  district: string;
  plannedOn: string;
  invitees?: string[];
  caseIds?: string[];
}

/** Statuses whose cases can be discussed at the care table, and so can be put on its agenda. */
const AGENDA_STATUSES = ['in_triage', 'at_care_table', 'awaiting_steering_group', 'in_execution', 'forwarded'];
/** Statuses in which a meeting about the case can be recorded (DOMAIN.md: `RecordCareTableMeeting`). */
const MEETING_STATUSES = ['at_care_table', 'in_execution'];

/** What a care-table session's agenda item says about the case: its header, never narrative of other meetings. */
const agendaHeader = (c: OpenCase) => ({
  caseId: c.caseId,
  reference: c.reference,
  status: c.status,
  municipality: c.municipality,
  forms: c.forms,
});

/**
 * The Zorgtafel's sessions: planned by a coordinator of the district, read by the district's coordinators and by
 * auditors. Reading a session's outcomes reads case content: each case shown is written to the access log.
 */
@Injectable()
export class CareTableSessions {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reference: ReferenceData,
    private readonly cases: CaseReadModelProjection,
    private readonly accessLog: AccessLog,
    private readonly events: SecurityEvents,
  ) {}

  /** Plans a session; `correlationId` names the request in the event's metadata. */
  async plan(actor: Actor, request: PlanSessionRequest, correlationId?: string): Promise<{ sessionId: string }> {
    if (actor.role !== 'coordinator')
      this.refuse(actor, 'plan_care_table_session', 'Only coordinators plan the Zorgtafel.');
    if (!(await this.reference.municipalitiesOf(request.district))) {
      throw new ValidationProblem([{ field: 'district', message: 'is not a known district' }]);
    }
    if (!actor.districts.includes(request.district)) {
      this.refuse(actor, 'plan_care_table_session', `You are not a coordinator of the district ${request.district}.`);
    }
    const invitees = request.invitees ?? [];
    await requireKnownOrganisations(
      invitees.map((id, i) => [`invitees.${i}`, id] as [string, string]),
      this.reference,
    );
    const sessionId = randomUUID();
    await this.db.transaction(async (tx) => {
      const eligible = await this.eligibleCases(tx, request.district, request.caseIds ?? []);
      let events;
      try {
        events = decideSession(
          {
            type: 'PlanCareTableSession',
            sessionId,
            district: request.district,
            plannedOn: request.plannedOn,
            invitees,
            caseIds: request.caseIds ?? [],
            actor: actor.username,
            eligibleCaseIds: eligible,
          },
          null,
        );
      } catch (error) {
        if (error instanceof SessionRuleBroken && error.code === 'CaseNotEligible') {
          const given = request.caseIds ?? [];
          throw new ValidationProblem(
            error.caseIds.map((id) => ({
              field: `caseIds.${given.indexOf(id)}`,
              message: `is not an open case of the district ${request.district} that can be discussed at its Zorgtafel`,
            })),
          );
        }
        throw error;
      }
      const planned = events[0].data;
      await this.store.appendToStream(
        sessionStreamId(sessionId),
        events.map((e) => ({
          eventId: randomUUID(),
          type: e.type,
          data: e.data,
          metadata: {
            actor: { username: actor.username, role: actor.role, organisation: actor.organisation },
            ...(correlationId && { correlationId }),
          },
        })),
        { expectedVersion: 'no_stream', streamType: SESSION_STREAM_TYPE, recordedAt: this.clock.now(), tx },
      );
      await tx.query(
        `INSERT INTO care_table_sessions (session_id, district, planned_on, invitees, case_ids, planned_by)
         VALUES ($1, $2, $3, $4, $5::uuid[], $6)`,
        [sessionId, planned.district, planned.plannedOn, planned.invitees, planned.caseIds, planned.plannedBy],
      );
    });
    return { sessionId };
  }

  async list(actor: Actor, query: { district?: string; from?: string; to?: string }) {
    const districts = this.readableDistricts(actor, query.district);
    const { rows } = await this.db.query<{
      session_id: string;
      district: string;
      planned_on: string;
      invitees: string[];
      case_count: number;
      discussed_count: number;
      planned_by: string;
    }>(
      `SELECT s.session_id, s.district, s.planned_on::text AS planned_on, s.invitees, s.planned_by,
              cardinality(s.case_ids) AS case_count,
              (SELECT count(DISTINCT o.case_id)::int FROM care_table_session_outcomes o WHERE o.session_id = s.session_id) AS discussed_count
       FROM care_table_sessions s
       WHERE ($1::text[] IS NULL OR s.district = ANY($1::text[]))
         AND ($2::date IS NULL OR s.planned_on >= $2::date) AND ($3::date IS NULL OR s.planned_on <= $3::date)
       ORDER BY s.planned_on DESC, s.session_id`,
      [districts, query.from ?? null, query.to ?? null],
    );
    return {
      items: rows.map((r) => ({
        sessionId: r.session_id,
        district: r.district,
        plannedOn: r.planned_on,
        invitees: r.invitees,
        caseCount: r.case_count,
        discussedCount: r.discussed_count,
        plannedBy: r.planned_by,
      })),
    };
  }

  /** The session with its agenda: per case its header and the outcome recorded in this session, if any. */
  async get(actor: Actor, sessionId: string) {
    const districts = this.readableDistricts(actor);
    const session = await this.find(this.db, sessionId);
    if (!session || (districts !== null && !districts.includes(session.district))) throw notFound('The session');
    const cases = new Map((await this.cases.loadMany(this.db, session.caseIds)).map((c) => [c.caseId, c]));
    const agenda = [];
    for (const caseId of session.caseIds) {
      const c = cases.get(caseId);
      if (!c) continue;
      const meeting = c.careTableMeetings.findLast((m) => m.sessionId === sessionId) ?? null;
      if (meeting) {
        await this.accessLog.record({
          actor,
          caseId,
          reference: c.reference,
          reason: null,
          action: 'read_case',
          detail: `care-table session ${sessionId}`,
        });
      }
      agenda.push({
        ...agendaHeader(c),
        outcome: meeting && {
          meetingId: meeting.meetingId,
          heldOn: meeting.heldOn,
          participants: meeting.participants,
          conclusions: meeting.conclusions,
          victimInformed: meeting.victimInformed,
          actionPoints: c.actionPoints
            .filter((a) => a.meetingId === meeting.meetingId)
            .map(({ actionPointId, description, owner, ownerKind, ownerOrganisation, dueOn, completedOn }) => ({
              actionPointId,
              description,
              owner,
              ownerKind,
              ownerOrganisation,
              dueOn,
              completedOn,
            })),
        },
        allowedActions:
          actor.role === 'coordinator' && MEETING_STATUSES.includes(c.status) ? ['RecordCareTableMeeting'] : [],
      });
    }
    return { ...session, agenda };
  }

  /** The session, for the outcome command: it must exist and have the case on its agenda. */
  async requireOnAgenda(sql: Sql, sessionId: string, caseId: string): Promise<SessionState> {
    const session = await this.find(sql, sessionId);
    if (!session) throw notFound('The session');
    if (!session.caseIds.includes(caseId)) {
      throw new ProblemError(
        409,
        'Conflict',
        `The case is not on the agenda of session ${sessionId}; plan it on a session's agenda first.`,
        '/problems/case-not-on-agenda',
      );
    }
    return session;
  }

  /** Remembers that the case was discussed in the session, in the transaction of the case's meeting event. */
  async recordDiscussed(tx: Sql, sessionId: string, caseId: string, meetingId: string, heldOn: string) {
    await tx.query(
      `INSERT INTO care_table_session_outcomes (session_id, case_id, meeting_id, held_on) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [sessionId, caseId, meetingId, heldOn],
    );
  }

  private async find(sql: Sql, sessionId: string): Promise<SessionState | null> {
    const { rows } = await sql.query<{
      session_id: string;
      district: string;
      planned_on: string;
      invitees: string[];
      case_ids: string[];
      planned_by: string;
    }>(
      `SELECT session_id, district, planned_on::text AS planned_on, invitees, case_ids::text[] AS case_ids, planned_by
       FROM care_table_sessions WHERE session_id = $1`,
      [sessionId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      sessionId: r.session_id,
      district: r.district,
      plannedOn: r.planned_on,
      invitees: r.invitees,
      caseIds: r.case_ids,
      plannedBy: r.planned_by,
    };
  }

  private async eligibleCases(sql: Sql, district: string, caseIds: readonly string[]): Promise<Set<string>> {
    const uuids = caseIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (uuids.length === 0) return new Set();
    const { rows } = await sql.query<{ case_id: string }>(
      'SELECT case_id FROM case_list WHERE case_id = ANY($1::uuid[]) AND district = $2 AND status = ANY($3::text[])',
      [uuids, district, AGENDA_STATUSES],
    );
    return new Set(rows.map((r) => r.case_id));
  }

  /** The districts whose sessions the actor reads (`null`: every district, for auditors). */
  private readableDistricts(actor: Actor, district?: string): string[] | null {
    if (actor.role === 'auditor') return district ? [district] : null;
    if (actor.role !== 'coordinator')
      this.refuse(actor, 'read_care_table_sessions', 'Only coordinators and auditors read the Zorgtafel’s sessions.');
    if (district !== undefined && !actor.districts.includes(district)) {
      this.refuse(actor, 'read_care_table_sessions', `You are not a coordinator of the district ${district}.`);
    }
    return district ? [district] : actor.districts;
  }

  private refuse(actor: Actor, action: string, detail: string): never {
    this.events.record('access_refused', { username: actor.username, role: actor.role, action, decision: 'deny' });
    throw forbidden(detail);
  }
}
