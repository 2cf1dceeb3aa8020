import { caseCommand } from '../shared/case-command';
import { ProposalRequest, proposalFields, validateProposal } from '../shared/proposal.request.dto';

export const reviseProposal = caseCommand({
  type: 'ReviseProposal',
  route: 'PUT cases/:caseId/proposals/:proposalId',
  summary: 'Revises a drafted proposal: its text, steering summary and measures.',
  body: ProposalRequest,
  validate: ({ body }, { reference }) => validateProposal(body, reference),
  fields: ({ body, params }, { state }) => ({ proposalId: params.proposalId, ...proposalFields(body, state) }),
});
