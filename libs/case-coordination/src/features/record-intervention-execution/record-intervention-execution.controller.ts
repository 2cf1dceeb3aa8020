import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { RecordInterventionExecution } from './record-intervention-execution.command';
import { RecordInterventionExecutionRequest } from './record-intervention-execution.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class RecordInterventionExecutionController {
  constructor(private readonly commands: CommandBus) {}

  /** Records that a planned intervention was carried out. */
  @Post('interventions/:interventionId/execution')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async recordInterventionExecution(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Param('interventionId', uuidParam('interventionId')) interventionId: string, @Body() body: RecordInterventionExecutionRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new RecordInterventionExecution(caseId, interventionId, body, meta));
    return answer(reply, outcome);
  }
}
