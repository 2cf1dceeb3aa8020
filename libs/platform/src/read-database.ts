import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Provider,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, mergeMap } from 'rxjs';
import {
  connectionUser,
  isConnectionLoss,
  openDatabase,
  type Database,
  type SessionLock,
  type Sql,
} from '@baken/event-store';
import type { AppConfig } from './config';
import { runtimeRolePassword, runtimeUrl } from './database-roles';
import { CONFIG, DATABASE } from './tokens';

/**
 * The database that reports, case lists, history and time travel read from: a standby at `DATABASE_READ_URL`, or
 * the primary `DATABASE` itself when none is configured. Never write through it.
 */
export const READ_DATABASE = Symbol('READ_DATABASE');

/** Answered after every command when reads go to a standby: the primary's WAL position after the commit. */
export const POSITION_HEADER = 'Baken-Position';
/** Sent back by a client on a read: the position its read must reflect. */
export const MIN_POSITION_HEADER = 'Baken-Min-Position';

/** A PostgreSQL LSN as `pg_lsn` prints it: two hexadecimal halves. */
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

interface ReadContext {
  /** The position the request's reads must reflect, `'primary'` for one the standby cannot be trusted with. */
  minPosition: string | 'primary';
  /** Settled once per request: the standby has replayed `minPosition`, or it has not in time. */
  target?: Promise<'standby' | 'primary'>;
}

const readContext = new AsyncLocalStorage<ReadContext>();

/**
 * Runs `fn` with reads that must reflect `position` (an LSN as `pg_lsn` prints it); anything else that is given
 * makes the reads go to the primary.
 */
export function readingAtLeast<T>(position: string, fn: () => T): T {
  const trimmed = position.trim();
  return readContext.run({ minPosition: LSN.test(trimmed) ? trimmed : 'primary' }, fn);
}

export interface ReplicaReadOptions {
  /** How long a read waits for the standby to replay the client's position before it reads from the primary. */
  waitMs?: number;
  pollMs?: number;
}

/**
 * Reads from a standby, with read-your-writes: inside a request that carries `Baken-Min-Position`, the first read
 * waits (at most `waitMs`, polling `pg_last_wal_replay_lsn()`) until the standby has replayed that position, else
 * the request reads from the primary. Without the header the standby answers as it is. A standby that cannot be
 * reached, or that cancels a read for a conflict with recovery, is replaced by the primary for that read.
 */
export class ReplicaReadDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly logger = new Logger('ReadDatabase');
  private readonly waitMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly primary: Database,
    private readonly standby: Database,
    options: ReplicaReadOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 1_000;
    this.pollMs = options.pollMs ?? 10;
  }

  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
    return this.read((db) => db.query<T>(text, params));
  }

  exec(text: string): Promise<void> {
    return this.read((db) => db.exec(text));
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.read((db) => db.transaction(fn));
  }

  tryLock(name: string): Promise<SessionLock | null> {
    return this.primary.tryLock(name);
  }

  /** Closes the standby's connections; the primary belongs to `DATABASE`. */
  close(): Promise<void> {
    return this.standby.close();
  }

  private async read<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    if ((await this.target()) === 'primary') return fn(this.primary);
    try {
      return await fn(this.standby);
    } catch (error) {
      // Reads are safe to repeat: a standby away, or a read cancelled by recovery (40001), is read on the primary.
      if (!isConnectionLoss(error) && (error as { code?: unknown }).code !== '40001') throw error;
      this.logger.warn(`Reading from the primary: the standby failed (${(error as Error).message}).`);
      return fn(this.primary);
    }
  }

  private target(): Promise<'standby' | 'primary'> {
    const context = readContext.getStore();
    if (!context) return Promise.resolve('standby');
    if (context.minPosition === 'primary') return Promise.resolve('primary');
    context.target ??= this.replayed(context.minPosition);
    return context.target;
  }

  /** `'standby'` once the standby has replayed `position`, `'primary'` when it has not within `waitMs`. */
  private async replayed(position: string): Promise<'standby' | 'primary'> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      try {
        const { rows } = await this.standby.query<{ replayed: boolean | null }>(
          'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed',
          [position],
        );
        // NULL: not a standby (any more); its WAL says nothing about the primary's positions.
        if (rows[0]?.replayed === true) return 'standby';
        if (rows[0]?.replayed !== false) return 'primary';
      } catch {
        return 'primary';
      }
      if (Date.now() + this.pollMs > deadline) return 'primary';
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}

/**
 * Where reads go, per request: runs the handler with the request's `Baken-Min-Position`, and after a command that
 * succeeded answers `Baken-Position` with the primary's WAL position. Only with a standby to read from; otherwise it
 * does nothing at all.
 */
@Injectable()
export class ReadPositionInterceptor implements NestInterceptor {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly primary: Database,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.config.databaseReadUrl || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method === 'GET' || request.method === 'HEAD') {
      const header = request.headers[MIN_POSITION_HEADER.toLowerCase()];
      if (typeof header !== 'string') return next.handle();
      return new Observable((subscriber) => readingAtLeast(header, () => next.handle().subscribe(subscriber)));
    }
    if (request.method === 'OPTIONS') return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        // The command is done: a primary that cannot tell its position now costs the client read-your-writes on
        // its next read, not the command's answer.
        const position = await this.primary
          .query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
          .then(({ rows }) => rows[0]?.lsn)
          .catch(() => undefined);
        if (position) reply.header(POSITION_HEADER, position);
        return body;
      }),
    );
  }
}

/**
 * The standby's URL with the credentials the primary serves with: when `DATABASE_READ_URL` names the same user as
 * `DATABASE_URL` (an owner) and Baken serves as its derived runtime role, the reads do too.
 */
export function readUrlFor(config: AppConfig, servingUser: string): string {
  const readUrl = config.databaseReadUrl!;
  const readUser = connectionUser(readUrl);
  const roles = config.databaseRoles;
  if (
    readUser !== servingUser &&
    readUser === connectionUser(config.databaseUrl!) &&
    servingUser === roles.runtimeRole &&
    !roles.runtimeDatabaseUrl
  )
    return runtimeUrl(readUrl, roles.runtimeRole, runtimeRolePassword(config.masterKey));
  return readUrl;
}

/** `READ_DATABASE` and the interceptor that carries positions; part of the persistence module. */
export const readDatabaseProviders: Provider[] = [
  {
    provide: READ_DATABASE,
    inject: [CONFIG, DATABASE],
    useFactory: async (config: AppConfig, primary: Database): Promise<Database> => {
      if (!config.databaseReadUrl || primary.kind !== 'postgres') return primary;
      const { rows } = await primary.query<{ user: string }>('SELECT current_user AS user');
      const standby = await openDatabase({ url: readUrlFor(config, rows[0].user) });
      return new ReplicaReadDatabase(primary, standby);
    },
  },
  { provide: APP_INTERCEPTOR, useClass: ReadPositionInterceptor },
];
