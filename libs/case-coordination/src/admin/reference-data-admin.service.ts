import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Actor } from '@baken/access';
import { WrongExpectedVersion, type Database, type EventStore, type Sql } from '@baken/event-store';
import {
  businessDateOf,
  CLOCK,
  CONFIG,
  DATABASE,
  EVENT_STORE,
  forbidden,
  IdempotencyRecords,
  notFound,
  ProblemError,
  ValidationProblem,
  type AppConfig,
  type Clock,
  type Idempotency,
} from '@baken/platform';
import { ReferenceData } from '../infrastructure/reference-data.service';
import { referenceDataChanged } from '../reference-data/changes';
import {
  decide,
  REFERENCE_DATA_STREAM,
  ReferenceRuleBroken,
  type DeadlinePeriodValues,
  type ReferenceCommand,
} from '../reference-data/reference-data.domain';
import {
  projectReferenceEvents,
  readDeadlinePeriods,
  readInterventionTypes,
  readMunicipalities,
  readOrganisations,
  readReferenceState,
} from './reference-data.projection';

export const requireAdmin = (actor: Actor): void => {
  if (actor.role !== 'admin')
    throw forbidden(`Only administrators maintain the reference data; your role is ${actor.role}.`);
};

/** How often the in-memory reference data (and with it the organisation claims sign-ins are mapped by) is refreshed. */
const CLAIMS_REFRESH_MS = 60_000;

/** Tells the conflict of a concurrent repeat of an idempotent request from any other failure. */
class Conflict extends ProblemError {}

/**
 * The administrator's changes to the reference data (ADR 62): each is decided on the tables as they are, appended as an
 * event to the `reference-data` stream with who sent it, and projected into the tables in the same transaction. A
 * concurrent change makes the append fail on the stream's version; the command is then decided again.
 */
@Injectable()
export class ReferenceDataAdmin implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReferenceDataAdmin.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly idempotencyRecords: IdempotencyRecords,
    private readonly reference: ReferenceData,
  ) {}

  /**
   * Reads the reference data once at start and then every minute, so that a user signing in through the identity
   * provider is mapped to the organisation whose claim an administrator set, also after a change in another process.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.refreshClaims();
    this.timer = setInterval(() => void this.refreshClaims(), CLAIMS_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async refreshClaims(): Promise<void> {
    try {
      await this.reference.organisations();
    } catch (error) {
      this.logger.warn(`Could not read the organisations' identity claims: ${(error as Error).message}`);
    }
  }

  today(): string {
    return businessDateOf(this.clock.now());
  }

  organisations() {
    return readOrganisations(this.db, this.today());
  }

  municipalities() {
    return readMunicipalities(this.db);
  }

  async districts() {
    const { rows } = await this.db.query<{ id: string; name: string }>(
      `SELECT id, name FROM ref_districts ORDER BY id`,
    );
    return rows;
  }

  interventionTypes() {
    return readInterventionTypes(this.db);
  }

  deadlinePeriods() {
    return readDeadlinePeriods(this.db, this.defaultPeriods());
  }

  defaultPeriods(): DeadlinePeriodValues {
    const { sweepIntervalMs: _, ...periods } = this.config.deadlines;
    return periods;
  }

  /**
   * Runs an administrator's command and answers `answer` read in the same transaction. With an `Idempotency-Key`, a
   * repeat answers what the first request answered and writes nothing.
   */
  async execute<T>(
    actor: Actor,
    command: ReferenceCommand,
    answer: (tx: Sql) => Promise<T>,
    idempotency?: Idempotency,
    correlationId: string = randomUUID(),
  ): Promise<T> {
    requireAdmin(actor);
    for (let attempt = 1; ; attempt++) {
      const version = (await this.store.readStream(REFERENCE_DATA_STREAM)).at(-1)?.streamVersion ?? 0;
      const write = (tx: Sql) => this.write(tx, actor, command, version, answer, correlationId);
      try {
        const result = idempotency
          ? await this.idempotencyRecords.write(
              this.db,
              actor.username,
              idempotency,
              write,
              (e) => e instanceof Conflict,
            )
          : await this.db.transaction(write);
        referenceDataChanged();
        await this.refreshClaims();
        return result;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion) || attempt >= 5) throw error;
      }
    }
  }

  private async write<T>(
    tx: Sql,
    actor: Actor,
    command: ReferenceCommand,
    version: number,
    answer: (tx: Sql) => Promise<T>,
    correlationId: string,
  ): Promise<T> {
    const state = await readReferenceState(tx);
    let events;
    try {
      events = decide(command, state);
    } catch (error) {
      if (!(error instanceof ReferenceRuleBroken)) throw error;
      if (error.kind === 'not_found') throw notFound(error.message.replace(/ does not exist\.$/, ''));
      if (error.kind === 'conflict') throw new Conflict(409, 'Conflict', error.message, '/problems/already-exists');
      throw new ValidationProblem([{ field: error.field, message: error.message }]);
    }
    const { stored } = await this.store.appendToStream(
      REFERENCE_DATA_STREAM,
      events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { actor: actor.username, role: actor.role, correlationId },
      })),
      {
        expectedVersion: version === 0 ? 'no_stream' : version,
        streamType: 'reference-data',
        tx,
      },
    );
    await projectReferenceEvents(tx, stored);
    return answer(tx);
  }
}
