import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type Type } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccessLog, type CaseResource } from '@baken/access';
import type { Database, Sql } from '@baken/event-store';
import { DATABASE } from '@baken/platform';
import { CareTableSessions } from '../../care-table-sessions/care-table-sessions.service';
import { SubjectKeyStore } from '@baken/privacy';
import type { CaseCommandType, CaseEvent, OpenCase } from '../../domain';
import {
  CaseCommandRunner,
  type BuildContext,
  type CommandFields,
  type CommandMeta,
  type CommandOutcome,
  type CreatedIds,
} from '../../infrastructure/case-command-runner';
import { CaseNarrative } from '../../infrastructure/narrative';
import { ReferenceData } from '../../infrastructure/reference-data.service';
import { SubjectNameIndex } from '../../infrastructure/subject-name-index';
import { CaseReadModelProjection } from '../../projections/case-read-model.projection';
import { SubjectSealer } from '../../infrastructure/subject-sealer';
import { UserDirectory } from '../../infrastructure/user-directory.service';

/** What a command's fields may be made from: the validated body, the path's ids, the id it creates, who sends it. */
export interface CommandRequest<Body> {
  body: Body;
  /** The path parameters (UUIDs), `caseId` among them except for the command that creates the case. */
  params: Readonly<Record<string, string>>;
  /** The id generated for `creates`. */
  created?: string;
  meta: CommandMeta;
}

/** The services a command may need to make its fields (reference data, keys, who is who). */
@Injectable()
export class CaseCommandServices {
  constructor(
    readonly reference: ReferenceData,
    readonly sealer: SubjectSealer,
    readonly users: UserDirectory,
    readonly keys: SubjectKeyStore,
    readonly narrative: CaseNarrative,
    readonly accessLog: AccessLog,
    readonly sessions: CareTableSessions,
    readonly nameIndex: SubjectNameIndex,
    readonly readModel: CaseReadModelProjection,
    @Inject(DATABASE) readonly db: Database,
  ) {}
}

/**
 * One use case of a case, declared once: its route, its body (a class-validator DTO, which is also its OpenAPI
 * schema), the domain command it sends, and how the command's fields come from the request. Everything else is the
 * same for every command and done by the plumbing: authentication, `If-Match`, `Idempotency-Key` and the correlation
 * id, the access policy (the command's type is its action), the command loop, and the answer (200, or 201 with
 * `Location` for a command that creates something) with the case's new version as `ETag`.
 */
export interface CaseCommandDefinition<T extends CaseCommandType = CaseCommandType, Body extends object = object> {
  type: T;
  /** Method and path below `/api`; path parameters (`:caseId`, `:proposalId`…) must be UUIDs and are passed on. */
  route: `${'POST' | 'PUT' | 'DELETE'} ${string}`;
  /** One line for the API documentation. */
  summary: string;
  /** The route's operation id, when the command type has more than one route; by default the type's. */
  operation?: string;
  body?: Type<Body>;
  /** The id the command creates: generated, given to the command under this name, answered, and named in `Location`. */
  creates?: 'caseId' | 'proposalId' | 'interventionId' | 'subjectId' | 'meetingId';
  /** The command's own fields. By default: the path's ids (but the case id), the created id, and the body as it is. */
  fields?: (
    request: CommandRequest<Body>,
    ctx: BuildContext,
    services: CaseCommandServices,
  ) => CommandFields<T> | Promise<CommandFields<T>>;
  /** Checks of the request against reference data, before anything else (400). */
  validate?: (request: CommandRequest<Body>, services: CaseCommandServices) => Promise<void>;
  /** For the command that creates the case: the case it would create, for the access policy. */
  newCase?: (body: Body) => Pick<CaseResource, 'district' | 'municipality'>;
  /** More of the case after the command for the answer, e.g. a proposal's status after a vote. */
  answer?: (state: OpenCase, request: CommandRequest<Body>) => Partial<CommandOutcome>;
  /** The command restates the case's free text: it starts a new generation of the case's narrative key. */
  rotateNarrativeKey?: boolean;
  /** Work in the command's transaction after its events are appended. */
  afterAppend?: (
    request: CommandRequest<Body>,
    services: CaseCommandServices,
  ) => (tx: Sql, events: CaseEvent[], before: OpenCase | null) => Promise<void>;
}

/** Declares a use case; see {@link CaseCommandDefinition}. */
export const caseCommand = <T extends CaseCommandType, Body extends object = object>(
  definition: CaseCommandDefinition<T, Body>,
): CaseCommandDefinition<T, Body> => definition;

/** Where a created thing is found: the case itself, or the path of the collection it was added to, with its id. */
export function locationOf(
  definition: CaseCommandDefinition,
  params: Readonly<Record<string, string>>,
  outcome: CommandOutcome,
): string | undefined {
  if (!definition.creates) return undefined;
  if (definition.creates === 'caseId') return `/api/cases/${outcome.caseId}`;
  // A meeting is read as part of its case.
  if (definition.creates === 'meetingId') return `/api/cases/${outcome.caseId}`;
  const path = definition.route.split(' ')[1].replace(/:(\w+)/g, (_, name: string) => params[name]);
  return `/api/${path}/${outcome[definition.creates]}`;
}

/** The one message of case commands on the CommandBus. */
export class ExecuteCaseCommand extends Command<CommandOutcome> {
  constructor(
    readonly definition: CaseCommandDefinition,
    readonly request: CommandRequest<object>,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand> {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly services: CaseCommandServices,
  ) {}

  async execute({ definition, request: given }: ExecuteCaseCommand): Promise<CommandOutcome> {
    const { creates } = definition;
    const request = { ...given, created: creates ? randomUUID() : undefined };
    await definition.validate?.(request, this.services);
    const { caseId = request.created!, ...ids } = request.params;
    const created: CreatedIds | undefined =
      creates && creates !== 'caseId' ? { [creates]: request.created } : undefined;
    const fields = (ctx: BuildContext) =>
      definition.fields
        ? definition.fields(request, ctx, this.services)
        : ({ ...ids, ...created, ...request.body } as never);
    return this.runner.run(caseId, request.meta, definition.type, fields, {
      created,
      interventionId: ids.interventionId,
      actionPointId: ids.actionPointId,
      newCase: definition.newCase?.(request.body),
      afterAppend: definition.afterAppend?.(request, this.services),
      rotateNarrativeKey: definition.rotateNarrativeKey,
      describe: definition.answer && ((state) => definition.answer!(state, request)),
    });
  }
}
