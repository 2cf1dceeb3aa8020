import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { SubmitProposal } from './submit-proposal.command';
import { SubmitProposalRequest } from './submit-proposal.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class SubmitProposalController {
  constructor(private readonly commands: CommandBus) {}

  /** Submits the drafted proposal to the district steering group. */
  @Post('proposals/:proposalId/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async submitProposal(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Param('proposalId', uuidParam('proposalId')) proposalId: string, @Body() body: SubmitProposalRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new SubmitProposal(caseId, proposalId, body, meta));
    return answer(reply, outcome);
  }
}
