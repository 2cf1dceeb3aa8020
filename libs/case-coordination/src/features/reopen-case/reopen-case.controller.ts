import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { ReopenCase } from './reopen-case.command';
import { ReopenCaseRequest } from './reopen-case.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class ReopenCaseController {
  constructor(private readonly commands: CommandBus) {}

  /** Reopens a closed case; it goes back to triage. */
  @Post('reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async reopenCase(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: ReopenCaseRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new ReopenCase(caseId, body, meta));
    return answer(reply, outcome);
  }
}
