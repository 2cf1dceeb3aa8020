import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { correlationIdOf, idempotencyOf } from '@baken/platform';
import type { Sql } from '@baken/event-store';
import type { ReferenceCommand } from '../reference-data/reference-data.domain';
import {
  AddInterventionTypeRequest,
  AddMunicipalityRequest,
  AddOrganisationRequest,
  AdminDistrictListResponse,
  AdminInterventionTypeListResponse,
  AdminInterventionTypeResponse,
  AdminMunicipalityListResponse,
  AdminMunicipalityResponse,
  AdminOrganisationListResponse,
  AdminOrganisationResponse,
  ChangeInterventionTypeRequest,
  ChangeMunicipalityRequest,
  ChangeOrganisationRequest,
  DeadlinePeriodsRequest,
  DeadlinePeriodsResponse,
} from './reference-data-admin.dto';
import { ReferenceDataAdmin, requireAdmin } from './reference-data-admin.service';
import {
  readDeadlinePeriods,
  readInterventionTypes,
  readMunicipalities,
  readOrganisations,
} from './reference-data.projection';

const only = <T>(rows: T[], match: (row: T) => boolean): T => rows.find(match)!;

/**
 * The functional administrator's reference data (API.md v2 "Admin"): organisations, municipalities, deadline periods
 * and the intervention catalogue. Every change is an event of the `reference-data` stream with who made it (ADR 62).
 * Administrators only (403 otherwise); an `Idempotency-Key` makes a repeat answer as the first request did.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class ReferenceDataAdminController {
  constructor(private readonly admin: ReferenceDataAdmin) {}

  @Get('organisations')
  @ApiOkResponse({ type: AdminOrganisationListResponse })
  async organisations(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { items: await this.admin.organisations() };
  }

  /** Adds an organisation; 409 when the id exists. Municipalities' organisations follow the municipalities. */
  @Post('organisations')
  @ApiCreatedResponse({ type: AdminOrganisationResponse })
  async addOrganisation(
    @CurrentActor() actor: Actor,
    @Body() body: AddOrganisationRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.add(
      actor,
      { type: 'AddOrganisation', by: actor.username, ...body },
      this.organisation(body.id),
      key,
      request,
      reply,
      `/api/admin/organisations/${encodeURIComponent(body.id)}`,
    );
  }

  /** Renames an organisation, changes the claim that maps its users, or (de)activates it. */
  @Put('organisations/:id')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminOrganisationResponse })
  async changeOrganisation(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ChangeOrganisationRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    return this.run(
      actor,
      { type: 'ChangeOrganisation', by: actor.username, id, ...body },
      this.organisation(id),
      key,
      request,
    );
  }

  @Get('municipalities')
  @ApiOkResponse({ type: AdminMunicipalityListResponse })
  async municipalities(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { items: await this.admin.municipalities() };
  }

  /**
   * Adds a municipality from `validFrom`; 409 when the id exists. A merger retires the old ones (`PUT` with
   * `validUntil`) and adds the new one: cases and reports keep the municipality they were registered in.
   */
  @Post('municipalities')
  @ApiCreatedResponse({ type: AdminMunicipalityResponse })
  async addMunicipality(
    @CurrentActor() actor: Actor,
    @Body() body: AddMunicipalityRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.add(
      actor,
      { type: 'AddMunicipality', by: actor.username, ...body },
      this.municipality(body.id),
      key,
      request,
      reply,
      `/api/admin/municipalities/${body.id}`,
    );
  }

  /**
   * Renames a municipality or sets its last day (`validUntil`, null: it still exists). A signal received after its
   * last day cannot be registered in it.
   */
  @Put('municipalities/:id')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminMunicipalityResponse })
  async changeMunicipality(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ChangeMunicipalityRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    return this.run(
      actor,
      { type: 'ChangeMunicipality', by: actor.username, id, name: body.name, validUntil: body.validUntil ?? null },
      this.municipality(id),
      key,
      request,
    );
  }

  /** The districts (read-only). */
  @Get('districts')
  @ApiOkResponse({ type: AdminDistrictListResponse })
  async districts(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { items: await this.admin.districts() };
  }

  /** The deadline periods in force: the configuration's until an administrator sets them. */
  @Get('deadline-periods')
  @ApiOkResponse({ type: DeadlinePeriodsResponse })
  async deadlinePeriods(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return this.admin.deadlinePeriods();
  }

  @Put('deadline-periods')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sets the deadline periods.',
    description:
      'Deadlines opened after the change are counted with the new periods; deadlines already open keep their due date.',
  })
  @ApiOkResponse({ type: DeadlinePeriodsResponse })
  async changeDeadlinePeriods(
    @CurrentActor() actor: Actor,
    @Body() body: DeadlinePeriodsRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    const { triageWorkingDays, triageHighWorkingDays, triageAcuteWorkingDays } = body;
    const { forwardFeedbackWorkingDays, proposalDecisionDays, effectFollowUpDays } = body;
    return this.run(
      actor,
      {
        type: 'ChangeDeadlinePeriods',
        by: actor.username,
        periods: {
          triageWorkingDays,
          triageHighWorkingDays,
          triageAcuteWorkingDays,
          forwardFeedbackWorkingDays,
          proposalDecisionDays,
          effectFollowUpDays,
        },
      },
      (tx) => readDeadlinePeriods(tx, this.admin.defaultPeriods()),
      key,
      request,
    );
  }

  @Get('intervention-types')
  @ApiOkResponse({ type: AdminInterventionTypeListResponse })
  async interventionTypes(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { items: await this.admin.interventionTypes() };
  }

  /** Adds a type of intervention at a level; it can be planned at once and counts in reports by its level. */
  @Post('intervention-types')
  @ApiCreatedResponse({ type: AdminInterventionTypeResponse })
  async addInterventionType(
    @CurrentActor() actor: Actor,
    @Body() body: AddInterventionTypeRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.add(
      actor,
      {
        type: 'AddInterventionType',
        by: actor.username,
        interventionType: body.type,
        level: body.level,
        label: body.label,
      },
      this.interventionType(body.type),
      key,
      request,
      reply,
      `/api/admin/intervention-types/${body.type}`,
    );
  }

  /** Relabels a type or retires it: a retired type is no longer planned; what was planned stays. */
  @Put('intervention-types/:type')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminInterventionTypeResponse })
  async changeInterventionType(
    @CurrentActor() actor: Actor,
    @Param('type') type: string,
    @Body() body: ChangeInterventionTypeRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
  ) {
    return this.run(
      actor,
      { type: 'ChangeInterventionType', by: actor.username, interventionType: type, ...body },
      this.interventionType(type),
      key,
      request,
    );
  }

  /** Runs an administrator's command; an `Idempotency-Key` makes a repeat answer as the first request did. */
  private run<T>(
    actor: Actor,
    command: ReferenceCommand,
    answer: (tx: Sql) => Promise<T>,
    key: string | undefined,
    request: FastifyRequest,
  ): Promise<T> {
    requireAdmin(actor);
    return this.admin.execute(
      actor,
      command,
      answer,
      idempotencyOf(key, request.method, request.url, request.body),
      correlationIdOf(request.headers['x-correlation-id']),
    );
  }

  /** Runs a command that adds an entry: 201 with the entry's address in `Location`. */
  private async add<T>(
    actor: Actor,
    command: ReferenceCommand,
    answer: (tx: Sql) => Promise<T>,
    key: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    location: string,
  ): Promise<T> {
    const result = await this.run(actor, command, answer, key, request);
    reply.status(201).header('Location', location);
    return result;
  }

  private organisation(id: string) {
    return async (tx: Sql) => only(await readOrganisations(tx, this.admin.today()), (o) => o.id === id);
  }

  private municipality(id: string) {
    return async (tx: Sql) => only(await readMunicipalities(tx), (m) => m.id === id);
  }

  private interventionType(type: string) {
    return async (tx: Sql) => only(await readInterventionTypes(tx), (t) => t.type === type);
  }
}
