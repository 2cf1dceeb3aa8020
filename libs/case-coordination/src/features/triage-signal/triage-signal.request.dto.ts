import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { URGENCIES, TRIAGE_DECISIONS, PARTNERS, type Urgency, type TriageDecision, type Partner } from '../../domain/enumerations';

export class TriageSignalRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() decidedOn!: string;
  @ApiProperty({ enum: URGENCIES }) @IsIn(URGENCIES) urgency!: Urgency;
  @ApiProperty({ enum: TRIAGE_DECISIONS }) @IsIn(TRIAGE_DECISIONS) decision!: TriageDecision;
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) rationale!: string;
  @ApiPropertyOptional({ enum: PARTNERS, description: 'Required for decision forward' }) @IsOptional() @IsIn(PARTNERS) forwardedTo?: Partner;
}
