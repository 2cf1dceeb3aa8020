import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { caseCommand } from '../shared/case-command';

export class EvaluateProposalRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() evaluatedOn!: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) conclusion!: string;
}

export const evaluateProposal = caseCommand({
  type: 'EvaluateProposal',
  route: 'POST cases/:caseId/proposals/:proposalId/evaluation',
  summary: 'Records the evaluation of an approved proposal the stuurploeg asked for.',
  body: EvaluateProposalRequest,
});
