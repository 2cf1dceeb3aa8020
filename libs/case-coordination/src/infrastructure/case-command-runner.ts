import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { WrongExpectedVersion, type Database, type EventStore, type NewEvent, type Sql } from '@baken/event-store';
import { authorizeCase, SecurityEvents, type Actor, type CaseAction, type CaseResource, type Decision } from '@baken/access';
import { CLOCK, DATABASE, EVENT_STORE, businessDateOf, forbidden, notFound, preconditionFailed, ProblemError, type Clock } from '@baken/platform';
import { decide, evolve, type CaseCommand, type CaseEvent, type OpenCase } from '../domain';
import { CaseReadModelProjection } from '../projections/case-read-model.projection';
import type { Statement } from './combined-statement';

export interface CommandMeta {
  actor: Actor;
  /** Version from `If-Match`; when given, a case that moved on answers 412 and nothing is written. */
  ifMatch?: number;
  correlationId: string;
  idempotency?: { key: string; requestHash: string };
}

/** What a command answers: the case, its new version and the ids it created. */
export interface CommandOutcome {
  caseId: string;
  version: number;
  proposalId?: string;
  interventionId?: string;
  subjectId?: string;
}

/** Base of every case command on the CommandBus. */
export abstract class CaseCommandMessage extends Command<CommandOutcome> {
  constructor(readonly caseId: string, readonly meta: CommandMeta) {
    super();
  }
}

export interface BuildContext {
  state: OpenCase | null;
  tx: Sql;
  now: Date;
  today: string;
  /**
   * A write that must commit with the command's events (e.g. new subjects' keys). It is sent after the append, in the
   * one statement that also writes the inline read models, instead of on a round trip of its own; nothing is written
   * when the command decides no events. It must not touch the read-model tables (see `combineStatements`).
   */
  writeWithReadModels(statement: Statement): void;
}

export interface RunOptions {
  /** Ids this command creates, returned in the outcome. */
  created?: Omit<CommandOutcome, 'caseId' | 'version'>;
  /** The intervention acted on, for the partner rule. */
  interventionId?: string;
  /** Replaces the default scope check (used when the case does not exist yet). */
  authorize?: (state: OpenCase | null) => Decision;
  /**
   * The case id was generated for this command, so there is no case to load: the first attempt skips the read. Safe
   * even on a collision: the append refuses a stream that exists, and the retry then loads the case.
   */
  newCase?: boolean;
  /** Work in the same transaction after the append (e.g. destroying a key). */
  afterAppend?: (tx: Sql, events: CaseEvent[]) => Promise<void>;
}

export const streamIdOf = (caseId: string) => `case-${caseId}`;

export function resourceOf(state: OpenCase, interventionId?: string): CaseResource {
  return {
    district: state.district,
    municipality: state.municipality,
    registeredBy: state.registeredBy,
    careTableParticipants: state.careTableMeetings.flatMap((m) => m.participants),
    interventionLeads: state.interventions.map((i) => ({ interventionId: i.interventionId, leadPartner: i.leadPartner })),
    interventionId,
  };
}

export class IdempotencyKeyReused extends ProblemError {
  constructor() {
    super(422, 'Idempotency key reused', 'This Idempotency-Key was used before with another request. Use a new key for a new request.', '/problems/idempotency-key-reused');
  }
}

/** Every retry on a newer version lost the race again: nothing was written, the client may simply try again. */
export class CaseBusy extends ProblemError {
  constructor() {
    super(409, 'Conflict', 'The case is being changed by many requests at once; nothing was written. Try again.', '/problems/case-busy');
  }
}

const MAX_ATTEMPTS = 60;

/**
 * The command loop: load the case, check access, decide, append with the expected version and update the inline
 * read models, all in one transaction. Without `If-Match` a version conflict is retried on the newer state.
 */
@Injectable()
export class CaseCommandRunner {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModel: CaseReadModelProjection,
    private readonly events: SecurityEvents,
  ) {}

  async run(
    caseId: string,
    meta: CommandMeta,
    action: CaseAction,
    build: (ctx: BuildContext) => Promise<CaseCommand> | CaseCommand,
    options: RunOptions = {},
  ): Promise<CommandOutcome> {
    if (meta.idempotency) {
      const earlier = await this.findIdempotent(this.db, meta);
      if (earlier) return earlier;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const assumeNew = options.newCase === true && attempt === 1;
        return await this.db.transaction((tx) => this.attempt(tx, caseId, meta, action, build, options, assumeNew));
      } catch (error) {
        if (error instanceof WrongExpectedVersion) {
          if (meta.ifMatch !== undefined) throw preconditionFailed(Number(error.actual ?? meta.ifMatch + 1));
          if (attempt < MAX_ATTEMPTS) {
            await sleep(Math.random() * Math.min(50, attempt * 5));
            continue;
          }
          throw new CaseBusy();
        }
        if (meta.idempotency && isUniqueViolation(error, 'idempotency_keys')) {
          const earlier = await this.findIdempotent(this.db, meta);
          if (earlier) return earlier;
        }
        throw error;
      }
    }
  }

  private async attempt(
    tx: Sql,
    caseId: string,
    meta: CommandMeta,
    action: CaseAction,
    build: (ctx: BuildContext) => Promise<CaseCommand> | CaseCommand,
    options: RunOptions,
    assumeNew: boolean,
  ): Promise<CommandOutcome> {
    const snapshot = assumeNew ? null : await this.readModel.load(tx, caseId);
    const state = snapshot?.state ?? null;
    const version = snapshot?.version ?? 0;
    const decision = options.authorize ? options.authorize(state) : state ? authorizeCase(meta.actor, action, resourceOf(state, options.interventionId)) : 'not_found';
    if (decision !== 'allow') {
      this.events.record('access_refused', { username: meta.actor.username, role: meta.actor.role, caseId, action, decision, caseExists: state !== null });
      if (decision === 'not_found') throw notFound('The case');
      throw forbidden(`Your role (${meta.actor.role}) may not do ${action} on this case.`);
    }
    if (meta.ifMatch !== undefined && meta.ifMatch !== version) throw preconditionFailed(version);

    const now = this.clock.now();
    const alongside: Statement[] = [];
    const command = await build({ state, tx, now, today: businessDateOf(now), writeWithReadModels: (statement) => alongside.push(statement) });
    const events = decide(command, state);
    const outcome: CommandOutcome = { caseId, version: version + events.length, ...options.created };
    if (events.length === 0) return outcome;

    const newState = events.reduce<OpenCase | null>(evolve, state) as OpenCase;
    const commandId = randomUUID();
    const newEvents: NewEvent[] = events.map((event) => ({
      eventId: randomUUID(),
      type: event.type,
      data: event.data,
      schemaVersion: 1,
      metadata: {
        actor: { username: meta.actor.username, role: meta.actor.role, organisation: meta.actor.organisation },
        commandId,
        commandType: command.type,
        correlationId: meta.correlationId,
        causationId: commandId,
        ...(meta.idempotency ? { idempotencyKey: meta.idempotency.key } : {}),
      },
    }));
    await this.store.appendToStream(streamIdOf(caseId), newEvents, {
      expectedVersion: version === 0 ? 'no_stream' : version,
      streamType: 'case',
      recordedAt: now,
      tx,
    });
    if (meta.idempotency) {
      // A key used twice at once fails here on the unique index, in whichever statement carries it; `run` then answers the first outcome.
      alongside.push({
        text: 'INSERT INTO idempotency_keys (actor, key, request_hash, response) VALUES ($1, $2, $3, $4)',
        params: [meta.actor.username, meta.idempotency.key, meta.idempotency.requestHash, JSON.stringify(outcome)],
      });
    }
    await this.readModel.apply(tx, newState, outcome.version, alongside);
    if (options.afterAppend) await options.afterAppend(tx, events);
    return outcome;
  }

  private async findIdempotent(sql: Sql, meta: CommandMeta): Promise<CommandOutcome | null> {
    const { rows } = await sql.query<{ request_hash: string; response: CommandOutcome | string }>(
      'SELECT request_hash, response FROM idempotency_keys WHERE actor = $1 AND key = $2',
      [meta.actor.username, meta.idempotency!.key],
    );
    if (rows.length === 0) return null;
    if (rows[0].request_hash !== meta.idempotency!.requestHash) throw new IdempotencyKeyReused();
    return typeof rows[0].response === 'string' ? (JSON.parse(rows[0].response) as CommandOutcome) : rows[0].response;
  }
}

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

function isUniqueViolation(error: unknown, table: string): boolean {
  const e = error as { code?: string; table?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.table === table || (e.constraint ?? '').startsWith(table) || (e.message ?? '').includes(table));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
