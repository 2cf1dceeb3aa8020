import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { caseCommand } from '../shared/case-command';

export class WithdrawProposalRequest {
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) reason!: string;
}

export const withdrawProposal = caseCommand({
  type: 'WithdrawProposal',
  route: 'POST cases/:caseId/proposals/:proposalId/withdrawal',
  summary: 'Withdraws a drafted proposal before it is submitted.',
  body: WithdrawProposalRequest,
});
