import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { PARTNERS, TRIAGE_DECISIONS, URGENCIES, type Partner, type TriageDecision, type Urgency } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class TriageRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() decidedOn!: string;
  @ApiProperty({ enum: URGENCIES }) @IsIn(URGENCIES) urgency!: Urgency;
  @ApiProperty({ enum: TRIAGE_DECISIONS }) @IsIn(TRIAGE_DECISIONS) decision!: TriageDecision;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) rationale!: string;
  @ApiPropertyOptional({ enum: PARTNERS, description: 'Required for decision forward' })
  @IsOptional()
  @IsIn(PARTNERS)
  forwardedTo?: Partner;
}

export const triage = caseCommand({
  type: 'Triage',
  route: 'POST cases/:caseId/triage',
  summary: 'Records the triage decision of the care coordinator.',
  body: TriageRequest,
});
