import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { RecordCareTableMeetingRequest } from './record-care-table-meeting.request.dto';

export class RecordCareTableMeeting extends CaseCommandMessage {
  constructor(caseId: string, readonly body: RecordCareTableMeetingRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(RecordCareTableMeeting)
export class RecordCareTableMeetingHandler implements ICommandHandler<RecordCareTableMeeting> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, body, meta }: RecordCareTableMeeting) {
    return this.runner.run(caseId, meta, 'RecordCareTableMeeting', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'RecordCareTableMeeting', meetingId: randomUUID(), heldOn: body.heldOn, participants: body.participants, conclusions: body.conclusions, ...(body.victimInformed !== undefined ? { victimInformed: body.victimInformed } : {}),
    }));
  }
}
