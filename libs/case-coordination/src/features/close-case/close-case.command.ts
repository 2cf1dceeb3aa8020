import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { CloseCaseRequest } from './close-case.request.dto';

export class CloseCase extends CaseCommandMessage {
  constructor(caseId: string, readonly body: CloseCaseRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(CloseCase)
export class CloseCaseHandler implements ICommandHandler<CloseCase> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, body, meta }: CloseCase) {
    return this.runner.run(caseId, meta, 'CloseCase', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'CloseCase', closedOn: body.closedOn, outcome: body.outcome, rationale: body.rationale,
    }));
  }
}
