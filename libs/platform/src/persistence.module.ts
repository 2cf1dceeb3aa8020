import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  assertTransactionIdsAhead,
  connectionUser,
  EventSchemas,
  migrate,
  openDatabase,
  PostgresEventStore,
  FileSealLog,
  Sealer,
  SealSigner,
  type Database,
  type Migration,
} from '@baken/event-store';
import type { AppConfig } from './config';
import {
  assertLeastPrivilege,
  describeConnection,
  ensureRuntimeRole,
  openRuntimeDatabase,
  runtimeRolePassword,
  runtimeUrl,
  RuntimeRoleError,
} from './database-roles';
import type { Clock } from './clock';
import { CLOCK, CONFIG, DATABASE, EVENT_STORE } from './tokens';
import { ProjectionsController } from './subscriptions/projections.controller';
import { SubscriptionRegistry } from './subscriptions/subscription-registry';
import { SealScheduler } from './seal.scheduler';
import { READ_DATABASE, readDatabaseProviders } from './read-database';

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
          useFactory: (config: AppConfig): Promise<Database> => openServingDatabase(config, migrations),
        },
        {
          provide: EVENT_STORE,
          inject: [DATABASE, CLOCK],
          useFactory: (db: Database, clock: Clock) => new PostgresEventStore(db, { clock: () => clock.now(), schemas }),
        },
        SubscriptionRegistry,
        // Seals of the event log: signed with a key outside the database, kept in a log outside it.
        {
          provide: Sealer,
          inject: [CONFIG, CLOCK],
          useFactory: (config: AppConfig, clock: Clock) =>
            new Sealer(new FileSealLog(config.keys.sealLogFile), SealSigner.fromFile(config.keys.sealKeyFile), () =>
              clock.now(),
            ),
        },
        SealScheduler,
        ...readDatabaseProviders,
      ],
      exports: [DATABASE, READ_DATABASE, EVENT_STORE, SubscriptionRegistry, Sealer],
    };
  }

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(READ_DATABASE) private readonly readDb: Database,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.readDb !== this.db) await this.readDb.close();
    await this.db.close();
  }
}

/**
 * Opens the database, migrates it as the owner, and returns the connection that serves: the least-privileged runtime
 * role (docs/SECURITY.md, "Database roles"), unless `databaseRoles.serveAsRuntimeRole` is off (operator commands).
 * Started with a URL that cannot migrate (a runtime role's own), it checks that nothing is pending and serves with it.
 */
async function openServingDatabase(config: AppConfig, migrations: readonly Migration[]): Promise<Database> {
  const logger = new Logger('Database');
  const roles = config.databaseRoles;
  const db = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` },
  );
  try {
    const who = await describeConnection(db);
    const { rows } = await db.query<{ fresh: boolean }>("SELECT to_regclass('public.es_events') IS NULL AS fresh");
    if (who.superuser || who.ownsEventLog || rows[0].fresh) {
      const applied = await migrate(db, migrations);
      if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
    } else {
      await assertNothingPending(db, migrations, who.user);
    }
    // After a logical restore new transaction ids would sort before the log's and subscribers would skip
    // events: refuse to start before anything is written (docs/OPERATIONS.md, "Backup and restore").
    await assertTransactionIdsAhead(db);
    if (!roles.serveAsRuntimeRole || !(who.superuser || who.ownsEventLog || rows[0].fresh)) return db;
    if (db.kind === 'pglite') {
      // One in-process user: the embedded database serves through the runtime role by SET ROLE.
      await ensureRuntimeRole(db, roles.runtimeRole, null);
      await db.exec(`SET ROLE ${roles.runtimeRole}`);
      await assertLeastPrivilege(db);
      return db;
    }
    const given = roles.runtimeDatabaseUrl;
    const role = given ? (connectionUser(given) ?? '') : roles.runtimeRole;
    const password = given ? null : runtimeRolePassword(config.masterKey);
    await ensureRuntimeRole(db, role, password);
    const serving = await openRuntimeDatabase(
      db,
      given ?? runtimeUrl(config.databaseUrl!, role, password!),
      role,
      password,
    );
    await db.close();
    logger.log(`Serving as the database role ${role}; migrations ran as ${who.user}.`);
    return serving;
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function assertNothingPending(db: Database, migrations: readonly Migration[], user: string): Promise<void> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.id));
  const pending = migrations.filter((m) => !applied.has(m.id)).map((m) => m.id);
  if (pending.length)
    throw new RuntimeRoleError(
      `${pending.length} migration(s) are pending (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}) and ${user} may not apply them. ` +
        "Run `npm run cli -- migrate` with the owner's DATABASE_URL first.",
    );
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
