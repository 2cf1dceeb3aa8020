import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  subscriptionLag,
  Subscription,
  type Database,
  type EventStore,
  type Sql,
  type StoredEvent,
} from '@baken/event-store';
import type { AppConfig } from '../config';
import { CONFIG, DATABASE, EVENT_STORE } from '../tokens';

/** An asynchronous consumer of the event log: a read model (projection) or a process (workflow). */
export interface SubscriberDefinition {
  /** Subscriber id: names its checkpoint and its lock; never change it once deployed. */
  name: string;
  /** Only these event types (all when absent). */
  eventTypes?: readonly string[];
  /** Applies one batch in the transaction that also stores the checkpoint. */
  handle(tx: Sql, events: StoredEvent[]): Promise<void>;
  /** For projections that can be rebuilt: empties their tables (in the rebuild's transaction). */
  reset?(tx: Sql): Promise<void>;
  batchSize?: number;
}

export type SubscriberStatus = 'running' | 'standby' | 'stopped' | 'failing';

/**
 * Every module registers its subscribers here (in `onModuleInit`). Processes configured to run subscriptions
 * (`BAKEN_RUN_SUBSCRIPTIONS`, on by default) start them all at bootstrap; only one process is active per
 * subscriber at a time (advisory lock), the others stand by.
 */
@Injectable()
export class SubscriptionRegistry implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Subscriptions');
  private readonly definitions = new Map<string, SubscriberDefinition>();
  private readonly running = new Map<string, Subscription>();
  private readonly lastError = new Map<string, string>();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  register(definition: SubscriberDefinition): void {
    if (this.definitions.has(definition.name)) throw new Error(`Subscriber "${definition.name}" is registered twice.`);
    this.definitions.set(definition.name, definition);
  }

  get(name: string): SubscriberDefinition | undefined {
    return this.definitions.get(name);
  }

  all(): SubscriberDefinition[] {
    return [...this.definitions.values()];
  }

  onApplicationBootstrap(): void {
    if (this.config.runSubscriptions) this.startAll();
  }

  startAll(): void {
    for (const definition of this.definitions.values()) {
      if (this.running.has(definition.name)) continue;
      const subscription = new Subscription({
        db: this.db,
        store: this.store,
        subscriberId: definition.name,
        eventTypes: definition.eventTypes,
        batchSize: definition.batchSize ?? 200,
        pollIntervalMs: this.config.subscriptionPollMs,
        handle: async (tx, events) => {
          await definition.handle(tx, events);
          this.lastError.delete(definition.name);
        },
        onError: (error) => {
          const message = error instanceof Error ? error.message : String(error);
          const previous = this.lastError.get(definition.name);
          this.lastError.set(definition.name, message);
          // One line per cause rather than per attempt: a database away for minutes would otherwise flood the log.
          if (message !== previous) this.logger.error(`${definition.name}: ${message}; retrying`);
        },
        onRecovered: (failures) => {
          // Also when there was nothing to process: the status must not stay 'failing' until the next event.
          this.lastError.delete(definition.name);
          this.logger.warn(
            `${definition.name}: running again after ${failures} failed attempt${failures === 1 ? '' : 's'}.`,
          );
        },
      });
      subscription.start();
      this.running.set(definition.name, subscription);
    }
  }

  /** Processes everything available now, in this process (tests, CLI). */
  async catchUp(name?: string): Promise<void> {
    const names = name ? [name] : [...this.definitions.keys()];
    for (const n of names) {
      const definition = this.definitions.get(n);
      if (!definition) throw new Error(`No subscriber "${n}".`);
      const active = this.running.get(n);
      if (active) {
        await active.runOnce();
        continue;
      }
      const once = new Subscription({
        db: this.db,
        store: this.store,
        subscriberId: n,
        eventTypes: definition.eventTypes,
        batchSize: definition.batchSize ?? 200,
        handle: (tx, events) => definition.handle(tx, events),
      });
      try {
        await once.runOnce();
      } finally {
        await once.stop();
      }
    }
  }

  async status(): Promise<{ name: string; lag: number; status: SubscriberStatus }[]> {
    return Promise.all(
      [...this.definitions.values()].map(async (d) => {
        const running = this.running.get(d.name);
        const status: SubscriberStatus = this.lastError.has(d.name)
          ? 'failing'
          : !running
            ? 'stopped'
            : running.isActive
              ? 'running'
              : 'standby';
        return { name: d.name, lag: await subscriptionLag(this.db, d.name, d.eventTypes), status };
      }),
    );
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.values()].map((s) => s.stop()));
    this.running.clear();
  }

  /** Stops before the database closes (module destroy precedes application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.stopAll();
  }
}
