import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { TriageSignal } from './triage-signal.command';
import { TriageSignalRequest } from './triage-signal.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class TriageSignalController {
  constructor(private readonly commands: CommandBus) {}

  /** Records the triage decision of the care coordinator. */
  @Post('triage')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async triageSignal(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: TriageSignalRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new TriageSignal(caseId, body, meta));
    return answer(reply, outcome);
  }
}
