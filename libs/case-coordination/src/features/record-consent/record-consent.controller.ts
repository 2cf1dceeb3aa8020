import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { RecordConsent } from './record-consent.command';
import { RecordConsentRequest } from './record-consent.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class RecordConsentController {
  constructor(private readonly commands: CommandBus) {}

  /** Records whether a subject gave consent, e.g. to share data with care partners. */
  @Post('subjects/:subjectId/consents')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async recordConsent(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Param('subjectId', uuidParam('subjectId')) subjectId: string, @Body() body: RecordConsentRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new RecordConsent(caseId, subjectId, body, meta));
    return answer(reply, outcome);
  }
}
