import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { PlanIntervention } from './plan-intervention.command';
import { PlanInterventionRequest } from './plan-intervention.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class PlanInterventionController {
  constructor(private readonly commands: CommandBus) {}

  /** Plans an intervention; its level follows from its type. */
  @Post('interventions')
  @ApiCreatedResponse({ type: CommandOutcomeResponse })
  async planIntervention(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: PlanInterventionRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new PlanIntervention(caseId, body, meta));
    return answer(reply, outcome, `/api/cases/${caseId}/interventions/${outcome.interventionId}`);
  }
}
