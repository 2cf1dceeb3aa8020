import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { PROPOSAL_DECISIONS, type ProposalDecision } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class DecideProposalRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() decidedOn!: string;
  @ApiProperty({ enum: PROPOSAL_DECISIONS }) @IsIn(PROPOSAL_DECISIONS) decision!: ProposalDecision;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}

export const decideProposal = caseCommand({
  type: 'DecideProposal',
  route: 'POST cases/:caseId/proposals/:proposalId/decision',
  summary: "Records the steering group's decision on a submitted proposal.",
  body: DecideProposalRequest,
});
