import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { AssignCoordinator } from './assign-coordinator.command';
import { AssignCoordinatorRequest } from './assign-coordinator.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class AssignCoordinatorController {
  constructor(private readonly commands: CommandBus) {}

  /** Assigns (or reassigns) the care coordinator; the case goes to triage. */
  @Post('assign')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async assign(@Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: AssignCoordinatorRequest, @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply) {
    return answer(reply, await this.commands.execute(new AssignCoordinator(caseId, body, meta)));
  }
}
