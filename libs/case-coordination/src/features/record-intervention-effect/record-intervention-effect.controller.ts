import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { RecordInterventionEffect } from './record-intervention-effect.command';
import { RecordInterventionEffectRequest } from './record-intervention-effect.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class RecordInterventionEffectController {
  constructor(private readonly commands: CommandBus) {}

  /** Records an effect observed of an executed intervention; may repeat over time. */
  @Post('interventions/:interventionId/effects')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async recordInterventionEffect(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Param('interventionId', uuidParam('interventionId')) interventionId: string, @Body() body: RecordInterventionEffectRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new RecordInterventionEffect(caseId, interventionId, body, meta));
    return answer(reply, outcome);
  }
}
