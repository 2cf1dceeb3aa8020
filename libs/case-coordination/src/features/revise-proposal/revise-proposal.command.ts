import { caseCommand } from '../shared/case-command';
import { ProposalRequest, proposalFields, validateProposal } from '../shared/proposal.request.dto';

export const reviseProposal = caseCommand({
  type: 'ReviseProposal',
  route: 'PUT cases/:caseId/proposals/:proposalId',
  summary: 'Revises a drafted proposal: its text, steering summary and measures.',
  body: ProposalRequest,
  validate: ({ body }, { reference }) => validateProposal(body, reference),
  fields: async ({ body, params }, { state }, { reference }) => ({
    proposalId: params.proposalId,
    ...(await proposalFields(body, state, reference)),
  }),
});
