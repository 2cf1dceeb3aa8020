import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { INTERVENTION_TYPES, type InterventionType } from '../../domain/enumerations';

export class DraftProposalRequest {
  @ApiProperty({ maxLength: 4000 }) @IsString() @IsNotEmpty() @MaxLength(4000) summary!: string;
  @ApiProperty({ enum: INTERVENTION_TYPES, isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(INTERVENTION_TYPES, { each: true }) proposedInterventions!: InterventionType[];
}
