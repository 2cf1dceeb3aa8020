import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { INTERVENTION_TYPES, type InterventionType } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class DraftProposalRequest {
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
  @ApiProperty({ enum: INTERVENTION_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(INTERVENTION_TYPES, { each: true })
  proposedInterventions!: InterventionType[];
}

export const draftProposal = caseCommand({
  type: 'DraftProposal',
  route: 'POST cases/:caseId/proposals',
  summary: 'Drafts a proposal for an integral approach, to be put to the steering group.',
  body: DraftProposalRequest,
  creates: 'proposalId',
});
