import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedVersion, type EventStore, type NewEvent, type Sql, type Statement } from '@baken/event-store';
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
import type { CaseKey } from '@baken/privacy';
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
import { CaseReadModelProjection, type CaseSnapshot } from '../projections/case-read-model.projection';
import { resourceOf } from './case-resource';
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
    const decided = await this.decideAndSeal(tx, caseId, meta, type, build, options, current, assumeNew);
    if (!decided.write) return decided.outcome;
    const { outcome, events, newEvents, state, version, key, alongside, now } = decided.write;
    let { newState } = decided.write;
    if (oneStatement) {
      this.completeOneStatement(decided.write, meta, options);
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
    await this.readModel.apply(tx, newState, outcome.version, alongside, key);
    if (options.afterAppend) await options.afterAppend(tx, events, state);
    if (options.rotateNarrativeKey) await this.narrative.destroyBefore(tx, caseId, key);
    return outcome;
  }

  /**
   * Runs the same command on several cases, each once, as {@link run} would one after the other, but reads the cases in
   * one round trip and writes all their events and read models in one statement (all or nothing) when the commands
   * need nothing after their append. A case that moved on meanwhile sends the whole batch through {@link run}, one by
   * one, as does a snapshot that must be folded from its stream. Answers each command's outcome or error, in order.
   */
  async runEach<T extends CaseCommandType>(
    type: T,
    items: readonly {
      caseId: string;
      meta: CommandMeta;
      build: (ctx: BuildContext) => Promise<CommandFields<T>> | CommandFields<T>;
    }[],
  ): Promise<PromiseSettledResult<CommandOutcome>[]> {
    const oneByOne = (todo: typeof items) =>
      Promise.all(
        todo.map((item) =>
          this.run(item.caseId, item.meta, type, item.build).then(
            (value): PromiseSettledResult<CommandOutcome> => ({ status: 'fulfilled', value }),
            (reason: unknown): PromiseSettledResult<CommandOutcome> => ({ status: 'rejected', reason }),
          ),
        ),
      );
    const caseIds = items.map((item) => item.caseId);
    const plain = items.every((i) => !i.meta.idempotency && !i.meta.recordedAt && i.meta.ifMatch === undefined);
    if (items.length < 2 || new Set(caseIds).size !== caseIds.length || !plain) return oneByOne(items);
    const snapshots = await this.readModel.snapshots(this.db, caseIds);
    if (snapshots.size !== items.length) return oneByOne(items);
    for (const [caseId, { head }] of snapshots) if (head) this.store.knowHead?.(caseStreamId(caseId), head);
    const results: PromiseSettledResult<CommandOutcome>[] = [];
    const writes: { index: number; write: PreparedWrite }[] = [];
    for (const [index, item] of items.entries()) {
      const current = snapshots.get(item.caseId)!;
      try {
        const decided = await this.decideAndSeal(this.db, item.caseId, item.meta, type, item.build, {}, current, false);
        results[index] = { status: 'fulfilled', value: decided.outcome };
        if (decided.write) writes.push({ index, write: this.completeOneStatement(decided.write, item.meta, {}) });
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
    if (writes.length === 0) return results;
    try {
      await this.store.appendMany(
        writes.map(({ write }) => ({
          streamId: caseStreamId(write.outcome.caseId),
          events: write.newEvents,
          expectedVersion: write.version,
        })),
        { recordedAt: writes[0].write.now, alongside: writes.flatMap(({ write }) => write.alongside) },
      );
      return results;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      // Nothing was written: every command of the batch decides again on its case as it is now.
      const again = await oneByOne(writes.map(({ index }) => items[index]));
      writes.forEach(({ index }, i) => (results[index] = again[i]));
      return results;
    }
  }

  /** Authorises, decides and seals a command on the case as read; `write` is absent when it decides no events. */
  private async decideAndSeal<T extends CaseCommandType>(
    sql: Sql,
    caseId: string,
    meta: CommandMeta,
    type: T,
    build: (ctx: BuildContext) => Promise<CommandFields<T>> | CommandFields<T>,
    options: RunOptions,
    current: CaseSnapshot | null,
    assumeNew: boolean,
  ): Promise<{ outcome: CommandOutcome; write?: PreparedWrite }> {
    const state = current?.state ?? null;
    const version = current?.version ?? 0;
    this.authorize(meta, caseId, type, state, options);
    if (meta.ifMatch !== undefined && meta.ifMatch !== version) throw preconditionFailed(version);

    const now = meta.recordedAt ?? this.clock.now();
    const today = businessDateOf(now);
    const alongside: Statement[] = [];
    const fields = await build({
      state,
      tx: sql,
      now,
      today,
      writeWithReadModels: (statement) => alongside.push(statement),
    });
    const command = { ...fields, type, actor: meta.actor.username, today } as unknown as CommandOf<T>;
    const events = decide(command, state);
    const outcome: CommandOutcome = { caseId, version: version + events.length, ...options.created };
    if (events.length === 0) return { outcome };
    const newState = fold(events, state) as OpenCase;

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
      ? { key: await this.narrative.rotate(sql, caseId), insert: null }
      : assumeNew
        ? this.narrative.firstKey(caseId)
        : await this.narrative.keyForWrite(sql, caseId, current?.key ?? null);
    if (written.insert) alongside.push(written.insert);
    const newEvents: NewEvent[] = events.map((event) => ({
      eventId: randomUUID(),
      type: event.type,
      data: this.narrative.sealEvent(caseId, written.key, event.type, event.data),
      metadata,
    }));
    return {
      outcome,
      write: { outcome, events, newEvents, state, newState, version, key: written.key, alongside, now },
    };
  }

  /** Adds what commits with the events when they are written in one statement: the answer's record, the read models. */
  private completeOneStatement(write: PreparedWrite, meta: CommandMeta, options: RunOptions): PreparedWrite {
    Object.assign(write.outcome, options.describe?.(write.newState));
    if (meta.idempotency)
      write.alongside.push(this.idempotencyRecords.store(meta.actor.username, meta.idempotency, write.outcome));
    write.alongside.push(...this.readModel.writes(write.newState, write.outcome.version, write.key));
    return write;
  }
}

/** A decided command's writes, sealed, before they are sent. */
interface PreparedWrite {
  outcome: CommandOutcome;
  events: CaseEvent[];
  newEvents: NewEvent[];
  state: OpenCase | null;
  newState: OpenCase;
  version: number;
  key: CaseKey;
  alongside: Statement[];
  now: Date;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
