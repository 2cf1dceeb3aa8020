import { caseCommand } from '../shared/case-command';
import { ProposalRequest, proposalFields, validateProposal } from '../shared/proposal.request.dto';

export const draftProposal = caseCommand({
  type: 'DraftProposal',
  route: 'POST cases/:caseId/proposals',
  summary: 'Drafts a proposal for an integral approach, with its measures, to be put to the stuurploeg.',
  body: ProposalRequest,
  creates: 'proposalId',
  validate: ({ body }, { reference }) => validateProposal(body, reference),
  fields: async ({ body, created }, { state }, { reference }) => ({
    proposalId: created!,
    ...(await proposalFields(body, state, reference)),
  }),
});
