import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import type { DraftProposalRequest } from './draft-proposal.request.dto';

export class DraftProposal extends CaseCommandMessage {
  constructor(caseId: string, readonly body: DraftProposalRequest, meta: CommandMeta) {
    super(caseId, meta);
  }
}

@CommandHandler(DraftProposal)
export class DraftProposalHandler implements ICommandHandler<DraftProposal> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute({ caseId, body, meta }: DraftProposal) {
    const proposalId = randomUUID();
    return this.runner.run(caseId, meta, 'DraftProposal', ({ today }) => ({
      actor: meta.actor.username, today,
      type: 'DraftProposal', proposalId, summary: body.summary, proposedInterventions: body.proposedInterventions,
    }), { created: { proposalId } });
  }
}
