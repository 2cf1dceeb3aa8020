import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { CorrelationId, PDF_CONTENT_TYPE, toPdf, toXlsx, XLSX_CONTENT_TYPE } from '@baken/platform';
import { dueQuarter, type ProgrammeAction } from './domain';
import {
  AddProgrammeActionRequest,
  MonitorQuery,
  MonitorResponse,
  ProgrammeActionRequest,
  ProgrammeActionResponse,
  ProgrammeActionsResponse,
  RecordProgressRequest,
} from './programme.dto';
import { ProgrammeMonitor } from './programme.service';
import { PROGRAMME_GOALS } from './seed/programme-actions.seed';

const fieldsOf = (body: ProgrammeActionRequest) => ({
  goal: body.goal,
  title: body.title.trim(),
  owner: body.owner?.trim() || null,
  due: body.due?.trim() || null,
  source: body.source?.trim() || null,
});

const toResponse = (action: ProgrammeAction): ProgrammeActionResponse => ({
  actionId: action.actionId,
  goal: action.goal,
  title: action.title,
  owner: action.owner,
  due: action.due,
  dueQuarter: dueQuarter(action.due),
  source: action.source,
  updates: action.updates,
});

/**
 * The programme monitor (API.md v2): the action programme's actions and their progress. Every signed-in role reads
 * it — it holds no case content; the programme lead and the administrator change it.
 */
@ApiTags('programme')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('programme')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeMonitor) {}

  /** The goals and every action with its whole progress history. */
  @Get('actions')
  @ApiOkResponse({ type: ProgrammeActionsResponse })
  async actions(): Promise<ProgrammeActionsResponse> {
    const actions = await this.programme.actions();
    return {
      goals: PROGRAMME_GOALS.map((g) => ({ ...g })),
      items: actions.sort((a, b) => a.goal - b.goal).map(toResponse),
    };
  }

  /** The monitor on business date `asOf` (today by default): each action's status then, counts per goal. */
  @Get('monitor')
  @ApiOkResponse({ type: MonitorResponse })
  @ApiProduces('application/json', XLSX_CONTENT_TYPE, PDF_CONTENT_TYPE)
  async monitor(@Query() query: MonitorQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const monitor = await this.programme.monitor(query.asOf);
    const format = query.format ?? 'json';
    if (format === 'json') return monitor;
    reply.header('Content-Disposition', `attachment; filename="programmamonitor-${monitor.asOf}.${format}"`);
    reply.header('Content-Type', format === 'pdf' ? PDF_CONTENT_TYPE : XLSX_CONTENT_TYPE);
    return format === 'pdf' ? toPdf(this.programme.document(monitor)) : toXlsx(this.programme.table(monitor));
  }

  /** Adds an action (programme lead, admin). */
  @Post('actions')
  @ApiCreatedResponse({ type: ProgrammeActionResponse })
  @ApiForbiddenResponse({ description: 'Only the programme lead and the administrator change the programme' })
  async add(
    @CurrentActor() actor: Actor,
    @Body() body: AddProgrammeActionRequest,
    @CorrelationId() correlationId: string,
  ): Promise<ProgrammeActionResponse> {
    await this.programme.execute(
      actor,
      {
        type: 'AddProgrammeAction',
        actionId: body.actionId,
        fields: fieldsOf(body),
        by: actor.username,
      },
      correlationId,
    );
    return toResponse(await this.programme.action(body.actionId));
  }

  /** Changes an action's goal, title, owner, due moment or source (programme lead, admin). */
  @Put('actions/:actionId')
  @ApiOkResponse({ type: ProgrammeActionResponse })
  @ApiForbiddenResponse({ description: 'Only the programme lead and the administrator change the programme' })
  async change(
    @CurrentActor() actor: Actor,
    @Param('actionId') actionId: string,
    @Body() body: ProgrammeActionRequest,
    @CorrelationId() correlationId: string,
  ): Promise<ProgrammeActionResponse> {
    await this.programme.execute(
      actor,
      {
        type: 'ChangeProgrammeAction',
        actionId,
        fields: fieldsOf(body),
        by: actor.username,
      },
      correlationId,
    );
    return toResponse(await this.programme.action(actionId));
  }

  /** Records an action's progress on a date not in the future (programme lead, admin). */
  @Post('actions/:actionId/updates')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ProgrammeActionResponse })
  @ApiForbiddenResponse({ description: 'Only the programme lead and the administrator record progress' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('actionId') actionId: string,
    @Body() body: RecordProgressRequest,
    @CorrelationId() correlationId: string,
  ): Promise<ProgrammeActionResponse> {
    await this.programme.execute(
      actor,
      {
        type: 'RecordProgrammeProgress',
        actionId,
        on: body.on,
        status: body.status,
        note: body.note.trim(),
        by: actor.username,
        today: this.programme.today(),
      },
      correlationId,
    );
    return toResponse(await this.programme.action(actionId));
  }
}
