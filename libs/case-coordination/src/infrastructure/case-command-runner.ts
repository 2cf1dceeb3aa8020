import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedVersion, type EventStore, type NewEvent, type Sql } from '@baken/event-store';
import { authorizeCase, SecurityEvents, type Actor, type CaseResource, type Decision } from '@baken/access';
import {
  businessDateOf,
  CLOCK,
  DATABASE,
  EVENT_STORE,
  forbidden,
  IdempotencyRecords,
  isIdempotencyKeyTaken,
  notFound,
  preconditionFailed,
  ProblemError,
  type Clock,
  type Idempotency,
} from '@baken/platform';
import type { Database } from '@baken/event-store';
import {
  caseStreamId,
  CASE_STREAM_TYPE,
  decide,
  fold,
  type BusinessDate,
  type CaseCommandType,
  type CaseEvent,
  type CommandContext,
  type CommandOf,
  type OpenCase,
} from '../domain';
import { CaseReadModelProjection } from '../projections/case-read-model.projection';
import { resourceOf } from './case-resource';
import type { Statement } from '@baken/event-store';
import { CaseNarrative } from './narrative';

export interface CommandMeta {
  actor: Actor;
  /** Version from `If-Match`; when given, a case that moved on answers 412 and nothing is written. */
  ifMatch?: number;
  correlationId: string;
  idempotency?: Idempotency;
  /**
   * The instant to record the events at, when it is not now: only the demo seed gives one, to tell a story that took
   * months. Never taken from a request. Today's business date follows from it.
   */
  recordedAt?: Date;
}

/** Ids a command creates, returned in its outcome. */
export interface CreatedIds {
  proposalId?: string;
  interventionId?: string;
  subjectId?: string;
  meetingId?: string;
}

/** What a command answers: the case, its new version and the ids it created. */
export interface CommandOutcome extends CreatedIds {
  caseId: string;
  version: number;
  /** A vote's answer: the status of the proposal after it. */
  proposalStatus?: string;
  /** An approving vote's answer: the interventions planned from the proposal's measures. */
  interventionIds?: string[];
  /** A care-table outcome's answer: the action points it agreed, in the order given. */
  actionPointIds?: string[];
}

/** What a command's own fields may be built from. */
export interface BuildContext {
  state: OpenCase | null;
  /**
   * For reads. The command's transaction when it has one (a command with `afterAppend` or `rotateNarrativeKey`);
   * otherwise the database itself, and the command is written in one statement: write only through
   * `writeWithReadModels`.
   */
  tx: Sql;
  now: Date;
  today: BusinessDate;
  /**
   * A write that must commit with the command's events (e.g. new subjects' keys). It is sent after the append, in the
   * one statement that also writes the inline read models, instead of on a round trip of its own; nothing is written
   * when the command decides no events. It must not touch the read-model tables (see `combineStatements`).
   */
  writeWithReadModels(statement: Statement): void;
}

/** A command of type `T` without what the runner adds: its type, the actor and today's date. */
export type CommandFields<T extends CaseCommandType> = Omit<CommandOf<T>, keyof CommandContext | 'type'>;

export interface RunOptions {
  /** Ids this command creates, returned in the outcome. */
  created?: CreatedIds;
  /** The intervention acted on, for the partner rule of the policy. */
  interventionId?: string;
  /** The action point acted on, for the partner rule of the policy. */
  actionPointId?: string;
  /**
   * The case this command creates, for the policy (there is no case yet). Its id was generated for this command, so
   * the first attempt skips the read; safe even on a collision: the append refuses a stream that exists.
   */
  newCase?: Pick<CaseResource, 'district' | 'municipality'>;
  /** Work in the same transaction after the append (e.g. destroying a key), with the case as it was before. */
  afterAppend?: (tx: Sql, events: CaseEvent[], before: OpenCase | null) => Promise<void>;
  /**
   * The command restates the case's free text (a redaction): its events are sealed with a new generation of the
   * case's narrative key, the case is folded again from its stream, and the older generations are destroyed.
   */
  rotateNarrativeKey?: boolean;
  /** More of the case after the command for the answer (e.g. a proposal's status after a vote). */
  describe?: (state: OpenCase) => Partial<CommandOutcome>;
}

/** Every retry on a newer version lost the race again: nothing was written, the client may simply try again. */
export class CaseBusy extends ProblemError {
  constructor() {
    super(
      409,
      'Conflict',
      'The case is being changed by many requests at once; nothing was written. Try again.',
      '/problems/case-busy',
    );
  }
}

const MAX_ATTEMPTS = 60;

/**
 * The command loop: load the case, check access (the command's type is the policy's action), decide, append with the
 * expected version and update the inline read models, all in one transaction. Without `If-Match` a version conflict is
 * retried on the newer state. With an idempotency key the outcome is stored with the events, and a repeat answers it.
 */
@Injectable()
export class CaseCommandRunner {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModel: CaseReadModelProjection,
    private readonly narrative: CaseNarrative,
    private readonly events: SecurityEvents,
    private readonly idempotencyRecords: IdempotencyRecords,
  ) {}

  async run<T extends CaseCommandType>(
    caseId: string,
    meta: CommandMeta,
    type: T,
    build: (ctx: BuildContext) => Promise<CommandFields<T>> | CommandFields<T>,
    options: RunOptions = {},
  ): Promise<CommandOutcome> {
    const { actor, idempotency } = meta;
    if (idempotency) {
      const earlier = await this.idempotencyRecords.find<CommandOutcome>(this.db, actor.username, idempotency);
      if (earlier) return earlier;
    }
    // The stream's version seen by the last conflict: a snapshot older than that is folded again from the stream.
    let streamVersion = 0;
    for (let attempt = 1; ; attempt++) {
      const assumeNew = options.newCase !== undefined && attempt === 1;
      try {
        // A command with nothing to do after its append writes in one statement, without a transaction: the append
        // fails as a whole, read models and all, when the case moved on since it was read.
        if (!options.afterAppend && !options.rotateNarrativeKey)
          return await this.attempt(this.db, caseId, meta, type, build, options, assumeNew, streamVersion, true);
        return await this.db.transaction((tx) =>
          this.attempt(tx, caseId, meta, type, build, options, assumeNew, streamVersion, false),
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersion) {
          streamVersion = Math.max(streamVersion, error.actual ?? 0);
          if (meta.ifMatch !== undefined) throw preconditionFailed(Number(error.actual ?? meta.ifMatch + 1));
          if (attempt < MAX_ATTEMPTS) {
            await sleep(Math.random() * Math.min(50, attempt * 5));
            continue;
          }
          throw new CaseBusy();
        }
        if (idempotency && isIdempotencyKeyTaken(error)) {
          const earlier = await this.idempotencyRecords.find<CommandOutcome>(this.db, actor.username, idempotency);
          if (earlier) return earlier;
        }
        // Only a case that exists after all can clash with a new case's rows (its key, say): decide again on it.
        if (assumeNew && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  private authorize(
    meta: CommandMeta,
    caseId: string,
    type: CaseCommandType,
    state: OpenCase | null,
    options: RunOptions,
  ): void {
    const { actor } = meta;
    let decision: Decision;
    if (options.newCase) {
      const created = {
        ...options.newCase,
        registeredBy: actor.username,
        involvedOrganisations: [],
        interventions: [],
        forSteeringGroup: false,
      };
      decision = state ? 'deny' : authorizeCase(actor, type, created);
    } else {
      decision = state
        ? authorizeCase(actor, type, resourceOf(state, options.interventionId, options.actionPointId))
        : 'not_found';
    }
    if (decision === 'allow') return;
    this.events.record('access_refused', {
      username: actor.username,
      role: actor.role,
      caseId,
      action: type,
      decision,
      caseExists: state !== null,
    });
    if (decision === 'not_found') throw notFound('The case');
    throw forbidden(`Your role (${actor.role}) may not do ${type} on this case.`);
  }

  private async attempt<T extends CaseCommandType>(
    tx: Sql,
    caseId: string,
    meta: CommandMeta,
    type: T,
    build: (ctx: BuildContext) => Promise<CommandFields<T>> | CommandFields<T>,
    options: RunOptions,
    assumeNew: boolean,
    streamVersion: number,
    oneStatement: boolean,
  ): Promise<CommandOutcome> {
    const current = assumeNew ? null : await this.readModel.load(tx, caseId, streamVersion);
    if (current?.head) this.store.knowHead?.(caseStreamId(caseId), current.head);
    const state = current?.state ?? null;
    const version = current?.version ?? 0;
    this.authorize(meta, caseId, type, state, options);
    if (meta.ifMatch !== undefined && meta.ifMatch !== version) throw preconditionFailed(version);

    const now = meta.recordedAt ?? this.clock.now();
    const today = businessDateOf(now);
    const alongside: Statement[] = [];
    const fields = await build({
      state,
      tx,
      now,
      today,
      writeWithReadModels: (statement) => alongside.push(statement),
    });
    const command = { ...fields, type, actor: meta.actor.username, today } as unknown as CommandOf<T>;
    const events = decide(command, state);
    const outcome: CommandOutcome = { caseId, version: version + events.length, ...options.created };
    if (events.length === 0) return outcome;
    let newState = fold(events, state) as OpenCase;

    const commandId = randomUUID();
    const metadata = {
      actor: { username: meta.actor.username, role: meta.actor.role, organisation: meta.actor.organisation },
      commandId,
      commandType: type,
      correlationId: meta.correlationId,
      causationId: commandId,
      ...(meta.idempotency ? { idempotencyKey: meta.idempotency.key } : {}),
    };
    // The free text is sealed with the case's narrative key: the snapshot's, a first one, or a new generation. A case
    // id generated for this command has no keys yet, so its first key needs no read.
    const written = options.rotateNarrativeKey
      ? { key: await this.narrative.rotate(tx, caseId), insert: null }
      : assumeNew
        ? this.narrative.firstKey(caseId)
        : await this.narrative.keyForWrite(tx, caseId, current?.key ?? null);
    if (written.insert) alongside.push(written.insert);
    const newEvents: NewEvent[] = events.map((event) => ({
      eventId: randomUUID(),
      type: event.type,
      data: this.narrative.sealEvent(caseId, written.key, event.type, event.data),
      metadata,
    }));
    if (oneStatement) {
      Object.assign(outcome, options.describe?.(newState));
      if (meta.idempotency)
        alongside.push(this.idempotencyRecords.store(meta.actor.username, meta.idempotency, outcome));
      alongside.push(...this.readModel.writes(newState, outcome.version, written.key));
      await this.store.appendToStream(caseStreamId(caseId), newEvents, {
        expectedVersion: version === 0 ? 'no_stream' : version,
        streamType: CASE_STREAM_TYPE,
        recordedAt: now,
        alongside,
      });
      return outcome;
    }
    await this.store.appendToStream(caseStreamId(caseId), newEvents, {
      expectedVersion: version === 0 ? 'no_stream' : version,
      streamType: CASE_STREAM_TYPE,
      recordedAt: now,
      tx,
    });
    if (options.rotateNarrativeKey) {
      // The restated texts replace the originals wherever the case is read: fold it as readers will see it.
      newState = (await this.readModel.foldFromStream(tx, caseId))!.state;
    }
    Object.assign(outcome, options.describe?.(newState));
    if (meta.idempotency) alongside.push(this.idempotencyRecords.store(meta.actor.username, meta.idempotency, outcome));
    await this.readModel.apply(tx, newState, outcome.version, alongside, written.key);
    if (options.afterAppend) await options.afterAppend(tx, events, state);
    if (options.rotateNarrativeKey) await this.narrative.destroyBefore(tx, caseId, written.key);
    return outcome;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
