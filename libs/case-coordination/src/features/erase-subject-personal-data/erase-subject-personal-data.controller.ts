import { Controller, Delete, HttpCode, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { EraseSubjectPersonalData } from './erase-subject-personal-data.command';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class EraseSubjectPersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  /** Erases a subject's personal data everywhere by destroying its key. Irreversible. */
  @Delete('subjects/:subjectId/personal-data')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async erase(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Param('subjectId', uuidParam('subjectId')) subjectId: string,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(reply, await this.commands.execute(new EraseSubjectPersonalData(caseId, subjectId, meta)));
  }
}
