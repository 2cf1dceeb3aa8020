import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { ReopenCaseRequest } from './reopen-case.request.dto';

export class ReopenCase extends CaseCommandMessage {
  constructor(caseId: string, readonly body: ReopenCaseRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(ReopenCase)
export class ReopenCaseHandler implements ICommandHandler<ReopenCase> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, body, meta }: ReopenCase) {
    return this.runner.run(caseId, meta, 'ReopenCase', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'ReopenCase', reopenedOn: body.reopenedOn, reason: body.reason,
    }));
  }
}
