import { Body, Controller, Get, Headers, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { ReferenceData } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import {
  CLOCK,
  DATABASE,
  forbidden,
  IdempotencyRecords,
  idempotencyOf,
  notFound,
  ValidationProblem,
  type Clock,
  type FieldError,
} from '@baken/platform';
import { INTERVENTION_FACT_KINDS } from '../facts/report-facts';
import { CreateTargetRequest } from './create-target.request.dto';
import { createTarget, findTarget, listTargets } from './target-definition';
import { TargetListResponse, TargetResponse } from './target.response.dto';

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw forbidden(`Only administrators manage targets; your role is ${actor.role}.`);
};

/** Quarterly targets are data: the two of the action programme are seeded, administrators add more. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/targets')
export class TargetsController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
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
  async get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    requireAdmin(actor);
    const target = await findTarget(this.db, id);
    if (!target) throw notFound('The target');
    return target;
  }

  /**
   * Adds a target of the same shape as the programme's: a count of one kind of event per district per quarter (or
   * year), filtered by case form or vulnerability and, for intervention events, by intervention type or level or by an
   * organisation that leads or takes part, with a minimum and optionally a validity period. 409 when the id exists; an
   * `Idempotency-Key` makes a repeat answer as the first request did.
   */
  @Post()
  @ApiCreatedResponse({ type: TargetResponse })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateTargetRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    requireAdmin(actor);
    const idempotency = idempotencyOf(key, request.method, request.url, request.body);
    const errors: FieldError[] = [];
    if (!INTERVENTION_FACT_KINDS.includes(body.event)) {
      if (body.interventionTypes)
        errors.push({ field: 'interventionTypes', message: 'applies only to intervention events' });
      if (body.interventionLevels)
        errors.push({ field: 'interventionLevels', message: 'applies only to intervention events' });
      if (body.organisations) errors.push({ field: 'organisations', message: 'applies only to intervention events' });
    }
    for (const organisation of body.organisations ?? [])
      if (!(await this.reference.organisationExists(organisation)))
        errors.push({ field: 'organisations', message: `${organisation} is not a known organisation` });
    if (body.validFrom && body.validUntil && body.validUntil < body.validFrom)
      errors.push({ field: 'validUntil', message: 'must not be before validFrom' });
    if (errors.length) throw new ValidationProblem(errors);
    const target = await createTarget(
      this.db,
      this.idempotencyRecords,
      {
        id: body.id,
        title: body.title.trim(),
        event: body.event,
        period: body.period ?? 'quarter',
        forms: body.forms ?? null,
        vulnerabilities: body.vulnerabilities ?? null,
        interventionTypes: body.interventionTypes ?? null,
        interventionLevels: body.interventionLevels ?? null,
        organisations: body.organisations ?? null,
        minimum: body.minimum,
        validFrom: body.validFrom ?? null,
        validUntil: body.validUntil ?? null,
      },
      actor.username,
      this.clock.now(),
      idempotency,
    );
    reply.status(201).header('Location', `/api/admin/targets/${target.id}`);
    return target;
  }
}
