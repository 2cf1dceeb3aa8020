import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf, uuidParam } from '../shared/command-http';
import { RecordCareTableMeeting } from './record-care-table-meeting.command';
import { RecordCareTableMeetingRequest } from './record-care-table-meeting.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class RecordCareTableMeetingController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a meeting of the care table (Zorgtafel) on the case. */
  @Post('care-table-meetings')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandOutcomeResponse })
  async recordCareTableMeeting(
    @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: RecordCareTableMeetingRequest,
    @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.commands.execute(new RecordCareTableMeeting(caseId, body, meta));
    return answer(reply, outcome);
  }
}
