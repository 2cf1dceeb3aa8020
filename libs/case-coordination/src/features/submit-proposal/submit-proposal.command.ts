import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '@baken/platform';
import { caseCommand } from '../shared/case-command';

export class SubmitProposalRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() submittedOn!: string;
}

export const submitProposal = caseCommand({
  type: 'SubmitProposal',
  route: 'POST cases/:caseId/proposals/:proposalId/submit',
  summary: 'Submits the drafted proposal to the district steering group.',
  body: SubmitProposalRequest,
});
