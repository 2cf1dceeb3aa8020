import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { TriageSignalRequest } from './triage-signal.request.dto';

export class TriageSignal extends CaseCommandMessage {
  constructor(caseId: string, readonly body: TriageSignalRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(TriageSignal)
export class TriageSignalHandler implements ICommandHandler<TriageSignal> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, body, meta }: TriageSignal) {
    return this.runner.run(caseId, meta, 'Triage', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'Triage', decidedOn: body.decidedOn, urgency: body.urgency, decision: body.decision, rationale: body.rationale, ...(body.forwardedTo ? { forwardedTo: body.forwardedTo } : {}),
    }));
  }
}
