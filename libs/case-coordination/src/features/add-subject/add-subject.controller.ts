import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { SubjectRequest } from '../shared/subject.request.dto';
import { AddSubject } from './add-subject.command';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class AddSubjectController {
  constructor(private readonly commands: CommandBus) {}

  /** Adds a person involved; personal fields are encrypted with the subject's own key. */
  @Post('subjects')
  @ApiCreatedResponse({ type: CommandOutcomeResponse })
  async addSubject(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: SubjectRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new AddSubject(caseId, body, meta));
    return answer(reply, outcome, `/api/cases/${caseId}/subjects/${outcome.subjectId}`);
  }
}
