import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { DecideProposal } from './decide-proposal.command';
import { DecideProposalRequest } from './decide-proposal.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class DecideProposalController {
  constructor(private readonly commands: CommandBus) {}

  /** Records the steering group's decision on a submitted proposal (four eyes). */
  @Post('proposals/:proposalId/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async decideProposal(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Param('proposalId', uuidParam('proposalId')) proposalId: string, @Body() body: DecideProposalRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new DecideProposal(caseId, proposalId, body, meta));
    return answer(reply, outcome);
  }
}
