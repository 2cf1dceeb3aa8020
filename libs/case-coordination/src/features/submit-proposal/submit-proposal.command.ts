import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { SubmitProposalRequest } from './submit-proposal.request.dto';

export class SubmitProposal extends CaseCommandMessage {
  constructor(caseId: string, readonly proposalId: string, readonly body: SubmitProposalRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(SubmitProposal)
export class SubmitProposalHandler implements ICommandHandler<SubmitProposal> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, proposalId, body, meta }: SubmitProposal) {
    return this.runner.run(caseId, meta, 'SubmitProposal', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'SubmitProposal', proposalId, submittedOn: body.submittedOn,
    }));
  }
}
