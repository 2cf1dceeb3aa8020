import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { DecideProposalRequest } from './decide-proposal.request.dto';

export class DecideProposal extends CaseCommandMessage {
  constructor(caseId: string, readonly proposalId: string, readonly body: DecideProposalRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(DecideProposal)
export class DecideProposalHandler implements ICommandHandler<DecideProposal> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, proposalId, body, meta }: DecideProposal) {
    return this.runner.run(caseId, meta, 'DecideProposal', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'DecideProposal', proposalId, decidedOn: body.decidedOn, decision: body.decision, ...(body.notes ? { notes: body.notes } : {}),
    }));
  }
}
