import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { CloseCase } from './close-case.command';
import { CloseCaseRequest } from './close-case.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class CloseCaseController {
  constructor(private readonly commands: CommandBus) {}

  /** Closes the case with its outcome. */
  @Post('close')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async closeCase(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: CloseCaseRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new CloseCase(caseId, body, meta));
    return answer(reply, outcome);
  }
}
