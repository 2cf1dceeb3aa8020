import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  assertTransactionIdsAhead,
  EventSchemas,
  migrate,
  openDatabase,
  PostgresEventStore,
  type Database,
  type Migration,
} from '@baken/event-store';
import type { AppConfig } from './config';
import type { Clock } from './clock';
import { CLOCK, CONFIG, DATABASE, EVENT_STORE } from './tokens';
import { ProjectionsController } from './subscriptions/projections.controller';
import { SubscriptionRegistry } from './subscriptions/subscription-registry';

export const MIGRATIONS = Symbol('MIGRATIONS');

/**
 * Opens the database (PostgreSQL at DATABASE_URL, else embedded PGlite in the data directory), migrates it and provides
 * the event store, which reads every event in the current shape of `schemas`.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  static forRoot(migrations: readonly Migration[], schemas: EventSchemas = new EventSchemas()): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: MIGRATIONS, useValue: migrations },
        {
          provide: DATABASE,
          inject: [CONFIG],
          useFactory: async (config: AppConfig): Promise<Database> => {
            const db = await openDatabase(
              config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` },
            );
            const applied = await migrate(db, migrations);
            if (applied.length) new Logger('Database').log(`Applied migrations: ${applied.join(', ')}`);
            // After a logical restore new transaction ids would sort before the log's and subscribers would skip
            // events: refuse to start before anything is written (docs/OPERATIONS.md, "Backup and restore").
            await assertTransactionIdsAhead(db).catch(async (error: unknown) => {
              await db.close();
              throw error;
            });
            return db;
          },
        },
        {
          provide: EVENT_STORE,
          inject: [DATABASE, CLOCK],
          useFactory: (db: Database, clock: Clock) => new PostgresEventStore(db, { clock: () => clock.now(), schemas }),
        },
        SubscriptionRegistry,
      ],
      exports: [DATABASE, EVENT_STORE, SubscriptionRegistry],
    };
  }

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** Configuration and clock, provided once for the whole application. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [CONFIG, CLOCK],
    };
  }
}

/** How far the asynchronous projections are behind (`GET /api/projections`), for processes that serve HTTP. */
@Module({ controllers: [ProjectionsController] })
export class ProjectionsHttpModule {}
