import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { DraftProposal } from './draft-proposal.command';
import { DraftProposalRequest } from './draft-proposal.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class DraftProposalController {
  constructor(private readonly commands: CommandBus) {}

  /** Drafts a proposal for an integral approach, to be put to the steering group. */
  @Post('proposals')
  @ApiCreatedResponse({ type: CommandOutcomeResponse })
  async draftProposal(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: DraftProposalRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new DraftProposal(caseId, body, meta));
    return answer(reply, outcome, `/api/cases/${caseId}/proposals/${outcome.proposalId}`);
  }
}
