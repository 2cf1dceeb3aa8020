import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { ReferenceData } from '@baken/case-coordination';
import type { Database, EventStore, Sql } from '@baken/event-store';
import {
  businessDateOf,
  CLOCK,
  DATABASE,
  EVENT_STORE,
  forbidden,
  IdempotencyRecords,
  correlationIdOf,
  idempotencyOf,
  notFound,
  ValidationProblem,
  type Clock,
} from '@baken/platform';
import { ChangeTargetRequest } from './change-target.request.dto';
import { CreateTargetRequest, TARGET_ID } from './create-target.request.dto';
import { RetireTargetRequest } from './retire-target.request.dto';
import type { TargetCommand } from './target.decide';
import { executeTargetCommand, findTarget, listTargets, targetHistory, TargetExists } from './target-definition';
import { targetFieldErrors, targetFields } from './target-fields';
import { TargetHistoryResponse, TargetListResponse, TargetResponse } from './target.response.dto';

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw forbidden(`Only administrators manage targets; your role is ${actor.role}.`);
};

/** An id that no target can have (not a slug) names no target: 404, before it reaches the database. */
const targetId = (id: string) => {
  if (id.length > 60 || !TARGET_ID.test(id)) throw notFound('The target');
  return id;
};

/**
 * Quarterly targets are data: the two of the action programme are seeded, administrators define, change and retire
 * more. Every change is an event, so a report read as known at an earlier instant uses the targets as they were then.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/targets')
export class TargetsController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly idempotencyRecords: IdempotencyRecords,
    private readonly reference: ReferenceData,
  ) {}

  @Get()
  @ApiOkResponse({ type: TargetListResponse })
  async list(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { items: await listTargets(this.db) };
  }

  @Get(':id')
  @ApiOkResponse({ type: TargetResponse })
  @ApiNotFoundResponse({ description: 'No target of that id' })
  async get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    requireAdmin(actor);
    const target = await findTarget(this.db, targetId(id));
    if (!target) throw notFound('The target');
    return target;
  }

  /** Every version of the target, oldest first: its definition, changes and retirement, with who and when. */
  @Get(':id/history')
  @ApiOkResponse({ type: TargetHistoryResponse })
  @ApiNotFoundResponse({ description: 'No target of that id' })
  async history(@CurrentActor() actor: Actor, @Param('id') id: string) {
    requireAdmin(actor);
    const items = await targetHistory(this.db, targetId(id));
    if (items.length === 0) throw notFound('The target');
    return { items };
  }

  /**
   * Adds a target of the same shape as the programme's: a count of one kind of event per district per quarter (or
   * year), filtered by case form or vulnerability and, for intervention events, by intervention type or level or by an
   * organisation that leads or takes part, with a minimum and optionally a validity period. 409 when the id exists; an
   * `Idempotency-Key` makes a repeat answer as the first request did.
   */
  @Post()
  @ApiCreatedResponse({ type: TargetResponse })
  @ApiConflictResponse({ description: 'A target of that id exists (code TargetExists)' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateTargetRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireAdmin(actor);
    await this.validate(body);
    const target = await this.execute(actor, request, key, {
      type: 'DefineTarget',
      targetId: body.id,
      fields: targetFields(body),
      by: actor.username,
    });
    reply.status(201).header('Location', `/api/admin/targets/${target.id}`);
    return target;
  }

  /**
   * Replaces the target's definition from now on (a new version; reports read as known before keep the old one).
   * 404 for an unknown target, 409 for a retired one.
   */
  @Put(':id')
  @ApiOkResponse({ type: TargetResponse })
  @ApiNotFoundResponse({ description: 'No target of that id' })
  @ApiConflictResponse({ description: 'The target is retired (code TargetRetired)' })
  async change(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ChangeTargetRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    requireAdmin(actor);
    await this.validate(body);
    return this.execute(actor, request, key, {
      type: 'ChangeTarget',
      targetId: targetId(id),
      fields: targetFields(body),
      reason: body.reason?.trim() ?? null,
      by: actor.username,
    });
  }

  /**
   * Retires the target after `lastDay` (default yesterday): periods starting after it are `not_applicable`; the target
   * stays listed, `retired`. 404 for an unknown target, 409 for one retired already.
   */
  @Post(':id/retirement')
  @HttpCode(200)
  @ApiOkResponse({ type: TargetResponse })
  @ApiNotFoundResponse({ description: 'No target of that id' })
  @ApiConflictResponse({ description: 'The target is retired already (code TargetRetired)' })
  async retire(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: RetireTargetRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    requireAdmin(actor);
    return this.execute(actor, request, key, {
      type: 'RetireTarget',
      targetId: targetId(id),
      lastDay: body.lastDay ?? null,
      reason: body.reason.trim(),
      by: actor.username,
      today: businessDateOf(this.clock.now()),
    });
  }

  private async validate(body: ChangeTargetRequest): Promise<void> {
    const errors = await targetFieldErrors(
      body,
      (id) => this.reference.organisationExists(id),
      async (type) => (await this.reference.interventionType(type)) !== null,
    );
    if (errors.length) throw new ValidationProblem(errors);
  }

  /** Runs the command in one transaction; with an `Idempotency-Key` a repeat answers as the first request did. */
  private execute(actor: Actor, request: FastifyRequest, key: string | undefined, command: TargetCommand) {
    const idempotency = idempotencyOf(key, request.method, request.url, request.body);
    const correlationId = correlationIdOf(request.headers['x-correlation-id']);
    const run = (tx: Sql) => executeTargetCommand(this.store, tx, command, this.clock.now(), actor, correlationId);
    if (!idempotency) return this.db.transaction(run);
    return this.idempotencyRecords.write(this.db, actor.username, idempotency, run, (e) => e instanceof TargetExists);
  }
}
